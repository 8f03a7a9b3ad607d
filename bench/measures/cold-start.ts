// Measure 3: how fast the action decides that an event is not for it. A comment without the trigger phrase
// must end in `conclusion: skipped` with exit 0; the figure is the time from spawning `node dist/index.js`
// to its exit (and, for reference, to the `Skipped:` line), next to the same Node starting an empty script.
// Also the size of the bundle every run loads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Check, Spread } from '../harness.ts';
import { formatSpread, happyWorldOptions, runAction, spread, withWorld } from '../harness.ts';
import { DIST_ENTRY, runnerNode } from '../../test/support/world.ts';

export interface ColdStartResult {
  runs: number;
  /** Spawn to exit of `node dist/index.js` on a non-triggering comment. */
  exitMs: Spread;
  /** Spawn to the `Skipped:` line on stdout. */
  decisionMs: Spread;
  /** Spawn to exit of the same Node running `-e 0`: the floor no bundle can go under. */
  bareNodeMs: Spread;
  bundleBytes: number;
  bundleGzipBytes: number;
  targetMs: number;
}

export const COLD_START_TARGET_MS = 150;

async function bareNode(): Promise<number> {
  const started = performance.now();
  const child = spawn(runnerNode(), ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  return performance.now() - started;
}

export async function measureColdStart(options: { runs: number; log: (line: string) => void }): Promise<ColdStartResult> {
  const exit: number[] = [];
  const decision: number[] = [];
  const node: number[] = [];
  await withWorld(happyWorldOptions(undefined, 'Looks good to me, thanks!'), async (world) => {
    for (let i = -1; i < options.runs; i++) {
      const nodeMs = await bareNode();
      const run = await runAction(world, { debug: false, rssSampleMs: 0 });
      if (run.exitCode !== 0 || run.outputs.conclusion !== 'skipped') throw new Error(`cold start: expected a skip, got exit ${run.exitCode}, conclusion '${run.outputs.conclusion ?? ''}'.\n${run.log}`);
      if (world.github.requests.length > 0) throw new Error('cold start: a skipped run made GitHub requests.');
      if (i < 0) continue; // warm-up: page cache
      const skipped = run.lines.find((line) => line.text.startsWith('Skipped:'));
      exit.push(run.wallMs);
      decision.push(skipped?.t ?? Number.NaN);
      node.push(nodeMs);
    }
  });
  const bundle = fs.readFileSync(DIST_ENTRY);
  const result: ColdStartResult = {
    runs: options.runs,
    exitMs: spread(exit),
    decisionMs: spread(decision),
    bareNodeMs: spread(node),
    bundleBytes: bundle.length,
    bundleGzipBytes: zlib.gzipSync(bundle).length,
    targetMs: COLD_START_TARGET_MS,
  };
  options.log(`  cold start: exit ${formatSpread(result.exitMs)}, bare node ${formatSpread(result.bareNodeMs)}`);
  return result;
}

export function coldStartChecks(result: ColdStartResult): Check[] {
  return [
    {
      name: '3. Cold start to a skip',
      figure: `${Math.round(result.exitMs.median)} ms to exit (decision line at ${Math.round(result.decisionMs.median)} ms; node -e 0 alone ${Math.round(result.bareNodeMs.median)} ms; min ${Math.round(result.exitMs.min)}, max ${Math.round(result.exitMs.max)}, n=${result.runs}); bundle ${(result.bundleBytes / 1024 / 1024).toFixed(2)} MiB (${(result.bundleGzipBytes / 1024).toFixed(0)} KiB gzip)`,
      target: `< ${result.targetMs} ms`,
      pass: result.exitMs.median < result.targetMs,
    },
  ];
}
