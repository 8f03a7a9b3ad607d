// Owns finding and killing a process together with everything it started: Codex runs its commands in
// children of its own (sandbox wrappers, shells), and an MCP client that only kills its direct child
// would leave those running. Servers are also started in a process group of their own, which can be killed
// as a whole even after the server itself is gone.
// Must never: signal anything but the pids (and process groups) it is handed, or find descendants of any
// process but the one asked about.
import { execFileSync } from 'node:child_process';

/** Every process below `pid`, found through `ps` (Linux and macOS runners). */
export function descendantsOf(pid: number): number[] {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', timeout: 10_000 });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of table.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
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
