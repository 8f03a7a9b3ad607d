// Owns finding and killing a process together with everything it started: Codex runs its commands in
// children of its own (sandbox wrappers, shells), and an MCP client that only kills its direct child
// would leave those running. Servers are also started in a process group of their own, which can be killed
// as a whole even after the server itself is gone. The tree is read from /proc on Linux, from `ps` elsewhere.
// The run sweep finds, through /proc, every process that carries this run's marker variable or works inside
// a directory only this run uses (its scratch directory): that finds the commands that detached from Codex
// (setsid, nohup, double fork), which no parent-child walk reaches.
// Must never: signal anything but the pids (and process groups) it is handed or the sweep found, signal this
// process or its ancestors, or match processes by a directory other processes may share (the workspace).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RUN_MARKER_ENV, childEnvironment } from '../child-env.js';

/**
 * Every process below `pid`: from /proc on Linux (what `ps` itself reads there, without starting a process for
 * it, 10-25 ms of CPU each time), through `ps` elsewhere (macOS runners).
 */
export function descendantsOf(pid: number): number[] {
  const children = process.platform === 'linux' ? childrenFromProc() : childrenFromPs();
  if (!children) return [];
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function addChild(children: Map<number, number[]>, parent: number, child: number): void {
  const known = children.get(parent);
  if (known) known.push(child);
  else children.set(parent, [child]);
}

/** Each process's children, from the parent pid in every /proc/<pid>/stat; undefined when /proc cannot be read. */
function childrenFromProc(): Map<number, number[]> | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentFromProc(Number(name));
    if (parent !== undefined) addChild(children, parent, Number(name));
  }
  return children;
}

/** Each process's children, from `ps`; undefined when ps fails. */
function childrenFromPs(): Map<number, number[]> | undefined {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], {
      encoding: 'utf8',
      timeout: 10_000,
      env: childEnvironment(),
    });
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const line of table.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || parent === undefined) continue;
    addChild(children, parent, child);
  }
  return children;
}

/**
 * The parent pid in /proc/<pid>/stat: the fourth field, read after the last `)` since the second (the command
 * name, in parentheses) may itself hold spaces and parentheses. Undefined when the process is gone.
 */
function parentFromProc(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(parent) ? parent : undefined;
  } catch {
    return undefined;
  }
}

/** Sends SIGKILL to each pid that still exists; the ones already gone are skipped silently. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Sends SIGKILL to the process group led by `leader` (a server spawned `detached`, so its group is its own):
 * it and everything it started that stayed in the group. Nothing happens when the group is gone.
 */
export function killProcessGroup(leader: number): void {
  // Never the group of pid 0 or 1 (`kill(-0)` would be this process's own group).
  if (!Number.isInteger(leader) || leader <= 1 || process.platform === 'win32') return;
  try {
    process.kill(-leader, 'SIGKILL');
  } catch {
    // No such group any more.
  }
}

/** A process one of the closers started, as stopProcessTree sees it. */
export interface StoppableProcess {
  readonly pid: number | undefined;
  /** Its exit was seen. */
  hasExited(): boolean;
  /** Settles when it has exited. */
  readonly exitSeen: Promise<unknown>;
}

export interface StopOptions {
  /** Asks it to end on its own first (closes its stdin); a failure here does not stop the kill. */
  askToExit: () => unknown;
  /** How long it gets to exit after being asked, before it is killed. */
  graceMs: number;
  /** It was spawned `detached`, so it leads a process group of its own: kill the whole group too. */
  ownGroup?: boolean;
  /** Afterwards, also kill what the sweep finds (commands that detached from the tree). */
  sweep?: RunSweep;
}

/** After SIGKILL, how long stopProcessTree waits to see the exit. */
const KILL_WAIT_MS = 2_000;

/**
 * The one way every closer stops a process it started together with everything it started: note its tree
 * while it still runs (its children move to init once it exits, and no walk finds them then), ask it to exit,
 * give it `graceMs`, then SIGKILL its group, itself and the tree, and wait briefly to see it go.
 */
export async function stopProcessTree(target: StoppableProcess, options: StopOptions): Promise<void> {
  const pid = target.pid;
  const tree = pid && !target.hasExited() ? descendantsOf(pid) : [];
  try {
    await options.askToExit();
  } catch {
    // A broken pipe or a dead connection: the kill below still runs.
  }
  await waitForExit(target, options.graceMs);
  if (pid && options.ownGroup) killProcessGroup(pid);
  if (pid && !target.hasExited()) killAll([pid, ...descendantsOf(pid)]);
  killAll(tree);
  if (pid) await waitForExit(target, KILL_WAIT_MS);
  if (options.sweep) sweepRunProcesses(options.sweep);
}

/** For a process exiting right now (no time to wait): kills it and its tree synchronously. */
export function killTreeNow(pid: number): void {
  killAll([...descendantsOf(pid), pid]);
}

function waitForExit(target: StoppableProcess, ms: number): Promise<void> {
  if (target.hasExited() || ms <= 0) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    target.exitSeen.then(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]).finally(() => clearTimeout(timer));
}

export interface RunSweep {
  /** The run marker's value (child-env.ts RUN_MARKER_ENV): a process whose environment has it is the run's. */
  marker: string | undefined;
  /** Directories only this run uses: a process working inside one is the run's. */
  dirs?: readonly string[];
}

/** Pids of the processes the sweep matches, never this process or one of its ancestors. */
export function findRunProcesses(sweep: RunSweep): number[] {
  if (process.platform !== 'linux') return [];
  const spared = ancestorsOfSelf();
  const needle = sweep.marker ? Buffer.from(`\0${RUN_MARKER_ENV}=${sweep.marker}\0`) : undefined;
  const dirs = (sweep.dirs ?? []).filter((dir) => path.isAbsolute(dir) && dir !== '/').map((dir) => path.resolve(dir));
  const found: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
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
      let cwd: string;
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

/**
 * Kills every process the sweep matches, in rounds: each round stops them all first (a stopped process
 * cannot fork a replacement), then kills them, until a round finds none. Returns how many were killed.
 */
export function sweepRunProcesses(sweep: RunSweep): number {
  let killed = 0;
  for (let round = 0; round < 10; round++) {
    const pids = findRunProcesses(sweep);
    if (pids.length === 0) break;
    for (const pid of pids) signal(pid, 'SIGSTOP');
    for (const pid of pids) signal(pid, 'SIGKILL');
    killed += pids.length;
  }
  return killed;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already, or not ours.
  }
}

/** /proc/<pid>/environ holds `needle` (which starts and ends with NUL; the first entry has none before it). */
function environHas(pid: number, needle: Buffer): boolean {
  try {
    const environ = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${pid}/environ`), Buffer.from([0])]);
    return environ.includes(needle);
  } catch {
    return false;
  }
}

/** This process and every process above it, and pid 1. */
function ancestorsOfSelf(): Set<number> {
  const spared = new Set<number>([1, process.pid]);
  let pid = process.ppid;
  while (pid > 1 && !spared.has(pid)) {
    spared.add(pid);
    const parent = parentFromProc(pid);
    if (parent === undefined) break;
    pid = parent;
  }
  return spared;
}
