import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  RUN_MARKER_ENV,
  childEnvironment
} from "./chunk-BPCLRSEQ.js";

// src/codex/process-tree.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
function descendantsOf(pid) {
  const children = process.platform === "linux" ? childrenFromProc() : childrenFromPs();
  if (!children) return [];
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
function addChild(children, parent, child) {
  const known = children.get(parent);
  if (known) known.push(child);
  else children.set(parent, [child]);
}
function childrenFromProc() {
  let entries;
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return void 0;
  }
  const children = /* @__PURE__ */ new Map();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentFromProc(Number(name));
    if (parent !== void 0) addChild(children, parent, Number(name));
  }
  return children;
}
function childrenFromPs() {
  let table;
  try {
    table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], {
      encoding: "utf8",
      timeout: 1e4,
      env: childEnvironment()
    });
  } catch {
    return void 0;
  }
  const children = /* @__PURE__ */ new Map();
  for (const line of table.split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || parent === void 0) continue;
    addChild(children, parent, child);
  }
  return children;
}
function parentFromProc(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(parent) ? parent : void 0;
  } catch {
    return void 0;
  }
}
function killAll(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
    }
  }
}
function killProcessGroup(leader) {
  if (!Number.isInteger(leader) || leader <= 1 || process.platform === "win32") return;
  try {
    process.kill(-leader, "SIGKILL");
  } catch {
  }
}
var KILL_WAIT_MS = 2e3;
async function stopProcessTree(target, options) {
  const pid = target.pid;
  const tree = pid && !target.hasExited() ? descendantsOf(pid) : [];
  try {
    await options.askToExit();
  } catch {
  }
  await waitForExit(target, options.graceMs);
  if (pid && options.ownGroup) killProcessGroup(pid);
  if (pid && !target.hasExited()) killAll([pid, ...descendantsOf(pid)]);
  killAll(tree);
  if (pid) await waitForExit(target, KILL_WAIT_MS);
  if (options.sweep) sweepRunProcesses(options.sweep);
}
function killTreeNow(pid) {
  killAll([...descendantsOf(pid), pid]);
}
function waitForExit(target, ms) {
  if (target.hasExited() || ms <= 0) return Promise.resolve();
  let timer;
  return Promise.race([
    target.exitSeen.then(() => void 0),
    new Promise((resolve) => timer = setTimeout(resolve, ms))
  ]).finally(() => clearTimeout(timer));
}
function findRunProcesses(sweep) {
  if (process.platform !== "linux") return [];
  const spared = ancestorsOfSelf();
  const needle = sweep.marker ? Buffer.from(`\0${RUN_MARKER_ENV}=${sweep.marker}\0`) : void 0;
  const dirs = (sweep.dirs ?? []).filter((dir) => path.isAbsolute(dir) && dir !== "/").map((dir) => path.resolve(dir));
  const found = [];
  let entries;
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (spared.has(pid)) continue;
    if (needle && environHas(pid, needle)) {
      found.push(pid);
      continue;
    }
    if (dirs.length > 0) {
      let cwd;
      try {
        cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        continue;
      }
      if (dirs.some((dir) => cwd === dir || cwd.startsWith(`${dir}/`))) found.push(pid);
    }
  }
  return found;
}
function sweepRunProcesses(sweep) {
  let killed = 0;
  for (let round = 0; round < 10; round++) {
    const pids = findRunProcesses(sweep);
    if (pids.length === 0) break;
    for (const pid of pids) signal(pid, "SIGSTOP");
    for (const pid of pids) signal(pid, "SIGKILL");
    killed += pids.length;
  }
  return killed;
}
function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
  }
}
function environHas(pid, needle) {
  try {
    const environ = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${pid}/environ`), Buffer.from([0])]);
    return environ.includes(needle);
  } catch {
    return false;
  }
}
function ancestorsOfSelf() {
  const spared = /* @__PURE__ */ new Set([1, process.pid]);
  let pid = process.ppid;
  while (pid > 1 && !spared.has(pid)) {
    spared.add(pid);
    const parent = parentFromProc(pid);
    if (parent === void 0) break;
    pid = parent;
  }
  return spared;
}

export {
  stopProcessTree,
  killTreeNow,
  sweepRunProcesses
};
