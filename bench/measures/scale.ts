// Measure 2: does the action's own time grow with the repository or with the change? The same three-file
// task runs in generated repositories of increasing size (built once, reused by every run of that size):
// the checkout is moved into a fresh world for each run and moved back and reset afterwards. The figures
// are the stage lines of the action's log; the stages other than Codex are the action's own time.
import fs from 'node:fs';
import type { Check } from '../harness.ts';
import { OWN_STAGES, STAGE_NAMES, expectPullRequest, happyWorldOptions, runAction, spread } from '../harness.ts';
import { World } from '../../test/support/world.ts';
import type { GeneratedRepo } from '../repos.ts';
import { generateRepo, resetCheckout, resetOrigin } from '../repos.ts';

export interface ScaleRow {
  files: number;
  runs: number;
  buildMs: number;
  contentBytes: number;
  /** Median per stage over the runs. */
  stagesMedianMs: Record<string, number>;
  /** Median of Prepare + Collect + Publish: the action's own pipeline work. */
  ownMedianMs: number;
  ownMinMs: number;
  ownMaxMs: number;
  wallMedianMs: number;
}

export interface ScaleResult {
  rows: ScaleRow[];
  /** own(largest) / own(smallest). */
  ratio: number;
  /** own(largest) − own(smallest). */
  growthMs: number;
  targetRatio: number;
}

export const SCALE_TARGET_RATIO = 2;

export async function measureScale(options: { sizes: number[]; runs: number; tempDir: string; log: (line: string) => void }): Promise<ScaleResult> {
  const repos: GeneratedRepo[] = [];
  for (const files of options.sizes) {
    const repo = await generateRepo(options.tempDir, files);
    options.log(`  generated ${files.toLocaleString('en-US')} files in ${(repo.buildMs / 1000).toFixed(1)} s`);
    repos.push(repo);
  }
  const samples = new Map<number, Array<{ stages: Record<string, number>; wallMs: number }>>();
  // Runs go round the sizes (1k, 20k, 100k, 1k, ...) so that drift on the machine hits every size alike.
  for (let i = 0; i < options.runs; i++) {
    for (const repo of repos) {
      const world = await World.create(happyWorldOptions());
      try {
        fs.rmSync(world.workspace, { recursive: true, force: true });
        fs.renameSync(repo.checkout, world.workspace);
        try {
          const run = await runAction(world);
          expectPullRequest(run, `scale run with ${repo.files} files`);
          const list = samples.get(repo.files) ?? [];
          list.push({ stages: run.stages, wallMs: run.wallMs });
          samples.set(repo.files, list);
          const own = OWN_STAGES.reduce((sum, name) => sum + (run.stages[name] ?? 0), 0);
          options.log(`  scale ${repo.files.toLocaleString('en-US')} files, run ${i + 1}/${options.runs}: own stages ${own} ms, Codex ${run.stages.Codex ?? '?'} ms, wall ${Math.round(run.wallMs)} ms`);
        } finally {
          fs.renameSync(world.workspace, repo.checkout);
          resetCheckout(repo.checkout);
          resetOrigin(repo.origin);
        }
      } finally {
        await world.dispose();
      }
    }
  }
  const rows: ScaleRow[] = repos.map((repo) => {
    const runs = samples.get(repo.files) ?? [];
    const names = [...new Set([...STAGE_NAMES, ...runs.flatMap((run) => Object.keys(run.stages))])];
    const own = spread(runs.map((run) => OWN_STAGES.reduce((sum, name) => sum + (run.stages[name] ?? 0), 0)));
    return {
      files: repo.files,
      runs: runs.length,
      buildMs: repo.buildMs,
      contentBytes: repo.contentBytes,
      stagesMedianMs: Object.fromEntries(names.map((name) => [name, spread(runs.map((run) => run.stages[name] ?? 0)).median])),
      ownMedianMs: own.median,
      ownMinMs: own.min,
      ownMaxMs: own.max,
      wallMedianMs: spread(runs.map((run) => run.wallMs)).median,
    };
  });
  const first = rows[0] as ScaleRow;
  const last = rows[rows.length - 1] as ScaleRow;
  return { rows, ratio: last.ownMedianMs / first.ownMedianMs, growthMs: last.ownMedianMs - first.ownMedianMs, targetRatio: SCALE_TARGET_RATIO };
}

export function scaleChecks(result: ScaleResult): Check[] {
  const first = result.rows[0] as ScaleRow;
  const last = result.rows[result.rows.length - 1] as ScaleRow;
  return [
    {
      name: '2. Own stages vs repository size',
      figure: `${result.rows.map((row) => `${row.files.toLocaleString('en-US')} files: ${Math.round(row.ownMedianMs)} ms`).join(', ')} → ×${result.ratio.toFixed(2)} (+${Math.round(result.growthMs)} ms) from ${first.files.toLocaleString('en-US')} to ${last.files.toLocaleString('en-US')}`,
      target: `≤ ×${result.targetRatio} of the ${first.files.toLocaleString('en-US')}-file figure`,
      pass: result.ratio <= result.targetRatio,
    },
  ];
}
