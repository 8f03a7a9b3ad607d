// Unit tests for the watchdog (src/watchdog.ts). It ends the process, so each case runs in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

function runScript(script: string): { status: number | null; stdout: string; ms: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: new URL('../..', import.meta.url).pathname,
  });
  return { status: result.status, stdout: result.stdout, ms: Date.now() - started };
}

describe('startWatchdog', () => {
  it('runs the last report and exits 1 when the budget is spent, even while work hangs', () => {
    const result = runScript(`
      import { startWatchdog } from './src/watchdog.ts';
      startWatchdog(200, async () => { process.stdout.write('final report written\\n'); });
      setInterval(() => {}, 1000); // a stage that never ends
    `);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /::error::The action did not finish within 0 minutes; its watchdog is stopping it\./);
    assert.match(result.stdout, /final report written/);
  });

  it('does not wait forever for a final report that hangs', () => {
    const result = runScript(`
      import { startWatchdog } from './src/watchdog.ts';
      startWatchdog(100, () => new Promise(() => {}), 500);
      setInterval(() => {}, 1000);
    `);
    assert.equal(result.status, 1);
    assert.ok(result.ms < 10_000, `exited after ${result.ms} ms`);
  });

  it('neither fires nor keeps the process alive once stopped', () => {
    const result = runScript(`
      import { startWatchdog } from './src/watchdog.ts';
      const watchdog = startWatchdog(100, async () => { process.stdout.write('fired\\n'); });
      watchdog.stop();
      setTimeout(() => process.stdout.write('done\\n'), 300);
    `);
    assert.equal(result.status, 0);
    assert.doesNotMatch(result.stdout, /fired/);
    assert.match(result.stdout, /done/);
  });
});
