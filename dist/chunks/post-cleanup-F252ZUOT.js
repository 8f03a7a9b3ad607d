import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  restoreFromVault
} from "./chunk-WCZEJTXB.js";
import {
  sweepRunProcesses
} from "./chunk-346AIKJC.js";
import "./chunk-BPCLRSEQ.js";
import {
  getErrorMessage
} from "./chunk-LBANA4DG.js";
import {
  getInput,
  info,
  warning
} from "./chunk-3TNFEIE5.js";

// src/post-cleanup.ts
import fs from "node:fs";
import path from "node:path";
async function cleanUpAfterRun(saved) {
  const runnerTemp = process.env.RUNNER_TEMP ?? "";
  const scratchDir = saved.scratchDir && isScratchDir(saved.scratchDir, runnerTemp) ? path.resolve(saved.scratchDir) : void 0;
  if (saved.scratchDir && !scratchDir)
    warning(
      `The saved scratch-dir '${saved.scratchDir}' is not a codex-task-action-* directory inside RUNNER_TEMP; it is left alone.`
    );
  try {
    const killed = sweepRunProcesses({ marker: saved.runMarker || void 0, dirs: scratchDir ? [scratchDir] : [] });
    if (killed > 0) info(`Stopped ${killed} process(es) the run had left running.`);
  } catch (error) {
    warning(`Could not look for processes the run left running: ${getErrorMessage(error)}`);
  }
  if (saved.vault) {
    try {
      info(`Credentials: ${restoreFromVault(saved.vault, { runnerTemp, token: getInput("github-token") })}`);
    } catch (error) {
      warning(`Could not put the persisted credentials back: ${getErrorMessage(error)}`);
    }
  }
  if (scratchDir) {
    try {
      removeScratchDir(scratchDir);
    } catch (error) {
      warning(`Could not remove the scratch directory ${scratchDir}: ${getErrorMessage(error)}`);
    }
  }
}
function isScratchDir(dir, root) {
  if (!root || !path.isAbsolute(dir) || !path.isAbsolute(root)) return false;
  const resolved = path.resolve(dir);
  const base = path.resolve(root);
  const relative = path.relative(base, resolved);
  if (!relative || relative.startsWith("..") || path.isAbsolute(relative) || !relative.split(path.sep)[0]?.startsWith("codex-task-action-"))
    return false;
  try {
    const parent = fs.realpathSync(path.dirname(resolved));
    const realBase = fs.realpathSync(base);
    return parent === realBase || parent.startsWith(`${realBase}${path.sep}`);
  } catch {
    return true;
  }
}
function removeScratchDir(dir) {
  let stat;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return;
  }
  if (stat.isDirectory()) makeRemovable(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  info(`Removed the scratch directory ${dir}.`);
}
function makeRemovable(dir) {
  try {
    fs.chmodSync(dir, 448);
  } catch {
  }
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) if (entry.isDirectory()) makeRemovable(path.join(dir, entry.name));
}
export {
  cleanUpAfterRun,
  isScratchDir,
  removeScratchDir
};
