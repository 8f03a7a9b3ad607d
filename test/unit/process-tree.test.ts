// Unit tests for descendantsOf (src/codex/process-tree.ts): on Linux it reads the process tree from /proc
// instead of running `ps`, and must find what `ps` finds.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { descendantsOf } from '../../src/codex/process-tree.ts';

/** What the `ps` walk finds below `pid`, the way descendantsOf found it before it read /proc. */
function descendantsByPs(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' }).split('\n')) {
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

describe('descendantsOf', () => {
  it('finds a grandchild, as ps does', async () => {
    // A shell with a child of its own (`sleep`, in the background so the shell stays its parent).
    let grandchild: number | undefined;
    const shell = spawn('sh', ['-c', 'sleep 30 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      grandchild = await new Promise<number>((resolve) =>
        shell.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
      );
      const pid = shell.pid as number;
      let found = descendantsOf(pid);
      for (let tries = 0; !found.includes(grandchild) && tries < 50; tries++) {
        await sleep(20);
        found = descendantsOf(pid);
      }
      assert.deepEqual(found, [grandchild]);
      assert.deepEqual(descendantsOf(pid).sort(), descendantsByPs(pid).sort());
    } finally {
      if (grandchild) process.kill(grandchild, 'SIGKILL');
      shell.kill('SIGKILL');
    }
  });
});
