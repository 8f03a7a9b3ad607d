// The benchmark still runs: the smoke sizes (tiny repositories, one run each, a few hundred events) go
// through every measure and come back with finite figures and a check per target. Targets are not
// asserted here: the bench reports them, and a busy test machine says little about them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runBench } from '../../bench/bench.ts';

function assertFinite(value: unknown, name: string): void {
  assert.equal(typeof value, 'number', `${name} is a number`);
  assert.ok(Number.isFinite(value), `${name} is finite (got ${String(value)})`);
}

describe('npm run bench -- --smoke', () => {
  it('measures all five things with finite figures', { timeout: 180_000 }, async () => {
    const results = await runBench({ smoke: true });
    assert.equal(results.mode, 'smoke');

    const overhead = results.overhead;
    assert.ok(overhead, 'overhead measured');
    for (const [name, value] of Object.entries({
      bare: overhead.bareCodexMs.median,
      action: overhead.actionMs.median,
      overhead: overhead.overheadMs,
      ratio: overhead.ratio,
    }))
      assertFinite(value, `overhead.${name}`);
    assert.ok(overhead.actionMs.median > 0 && overhead.bareCodexMs.median > 0);

    const scale = results.scale;
    assert.ok(scale, 'scale measured');
    assert.ok(scale.rows.length >= 2, 'at least two repository sizes');
    for (const row of scale.rows) {
      assertFinite(row.ownMedianMs, `scale ${row.files} own`);
      assertFinite(row.stagesMedianMs.Codex, `scale ${row.files} Codex stage`);
    }
    assertFinite(scale.ratio, 'scale.ratio');

    const cold = results.coldStart;
    assert.ok(cold, 'cold start measured');
    assertFinite(cold.exitMs.median, 'coldStart.exitMs');
    assertFinite(cold.decisionMs.median, 'coldStart.decisionMs');
    assert.ok(cold.entryBytes > 0 && cold.distBytes >= cold.entryBytes);
    assert.ok(cold.skipLoadedBytes > 0, 'the module load hook saw the entry');

    const long = results.longTask;
    assert.ok(long, 'long task measured');
    assert.ok(long.events > 0, 'the long task caused codex/event notifications');
    for (const [name, value] of Object.entries({
      events: long.events,
      peakRss: long.peakRssMiB,
      sampledRss: long.sampledPeakRssMiB,
      logLines: long.logLines,
      edits: long.trackingCommentEdits,
    }))
      assertFinite(value, `longTask.${name}`);

    const api = results.apiCost;
    assert.ok(api, 'API cost measured');
    assertFinite(api.requests, 'apiCost.requests');
    assert.ok(api.requests > 0);

    // One check per target, each with its figure, target and verdict.
    assert.equal(results.checks.length, 8);
    for (const check of results.checks) {
      assert.ok(check.figure && check.target, `${check.name} has a figure and a target`);
      assert.equal(typeof check.pass, 'boolean');
    }
  });
});
