// Measure 2: does the action's own time grow with the repository or with the change? The same three-file
// task runs in generated repositories of increasing size (built once, reused by every run of that size):
// the checkout is moved into a fresh world for each run and moved back and reset afterwards. The figures
// are the stage lines of the action's log; the stages other than Codex are the action's own time. Git's own
// trace2 events (switched on through the HOME the action runs with) also give the time of the git commands
// the action ran, which separates work that grows with the repository from fixed waits.
import fs from 'node:fs';
import path from 'node:path';
import type { Check } from '../harness.ts';
import {
  OWN_STAGES,
  STAGE_NAMES,
  actionGitCommands,
  expectPullRequest,
  gitTraceHome,
  happyWorldOptions,
  runAction,
  spread,
} from '../harness.ts';
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
  /** Median over the runs of the summed wall time of the git commands the action ran, and how many it ran. */
  gitMedianMs: number;
  gitCommands: number;
  /** The slowest git commands of the last run: subcommand and ms. */
  slowestGit: Array<{ command: string; ms: number }>;
}

export interface ScaleResult {
  rows: ScaleRow[];
  /** own(largest) / own(smallest). */
  ratio: number;
  /** own(largest) − own(smallest). */
  growthMs: number;
  /** git(largest) − git(smallest): the part of the growth that is git walking the bigger tree. */
  gitGrowthMs: number;
  targetRatio: number;
}

export const SCALE_TARGET_RATIO = 2;

export async function measureScale(options: {
  sizes: number[];
  runs: number;
  tempDir: string;
  log: (line: string) => void;
}): Promise<ScaleResult> {
  const repos: GeneratedRepo[] = [];
  for (const files of options.sizes) {
    // The largest repository also has an ignored node_modules/ of half its size, as a checkout after `npm ci`.
    const ignored = files === Math.max(...options.sizes) ? Math.floor(files / 2) : 0;
    const repo = await generateRepo(options.tempDir, files, ignored);
    options.log(
      `  generated ${files.toLocaleString('en-US')} files${ignored ? ` and ${ignored.toLocaleString('en-US')} ignored ones in node_modules/` : ''} in ${(repo.buildMs / 1000).toFixed(1)} s`,
    );
    repos.push(repo);
  }
  const samples = new Map<
    number,
    Array<{
      stages: Record<string, number>;
      wallMs: number;
      gitMs: number;
      gitCommands: number;
      slowestGit: Array<{ command: string; ms: number }>;
    }>
  >();
  const traceFile = path.join(options.tempDir, 'scale-trace2.json');
  const home = gitTraceHome(path.join(options.tempDir, 'scale-home'), traceFile);
  // Runs go round the sizes (1k, 20k, 100k, 1k, ...) so that drift on the machine hits every size alike.
  for (let i = 0; i < options.runs; i++) {
    for (const repo of repos) {
      const world = await World.create(happyWorldOptions());
      try {
        fs.rmSync(world.workspace, { recursive: true, force: true });
        fs.renameSync(repo.checkout, world.workspace);
        try {
          fs.rmSync(traceFile, { force: true });
          const run = await runAction(world, { env: home });
          expectPullRequest(run, `scale run with ${repo.files} files`);
          const git = actionGitCommands(traceFile, run);
          const list = samples.get(repo.files) ?? [];
          list.push({
            stages: run.stages,
            wallMs: run.wallMs,
            gitMs: git.reduce((sum, span) => sum + span.endMs - span.startMs, 0),
            gitCommands: git.length,
            slowestGit: git
              .map((span) => ({
                command: span.command.split(' ').slice(0, 3).join(' '),
                ms: Math.round(span.endMs - span.startMs),
              }))
              .sort((a, b) => b.ms - a.ms)
              .slice(0, 4),
          });
          samples.set(repo.files, list);
          const own = OWN_STAGES.reduce((sum, name) => sum + (run.stages[name] ?? 0), 0);
          options.log(
            `  scale ${repo.files.toLocaleString('en-US')} files, run ${i + 1}/${options.runs}: own stages ${own} ms (git ${Math.round(list.at(-1)?.gitMs ?? 0)} ms), Codex ${run.stages.Codex ?? '?'} ms, wall ${Math.round(run.wallMs)} ms`,
          );
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
      stagesMedianMs: Object.fromEntries(
        names.map((name) => [name, spread(runs.map((run) => run.stages[name] ?? 0)).median]),
      ),
      ownMedianMs: own.median,
      ownMinMs: own.min,
      ownMaxMs: own.max,
      wallMedianMs: spread(runs.map((run) => run.wallMs)).median,
      gitMedianMs: spread(runs.map((run) => run.gitMs)).median,
      gitCommands: runs.at(-1)?.gitCommands ?? 0,
      slowestGit: runs.at(-1)?.slowestGit ?? [],
    };
  });
  const first = rows[0] as ScaleRow;
  const last = rows[rows.length - 1] as ScaleRow;
  return {
    rows,
    ratio: last.ownMedianMs / first.ownMedianMs,
    growthMs: last.ownMedianMs - first.ownMedianMs,
    gitGrowthMs: last.gitMedianMs - first.gitMedianMs,
    targetRatio: SCALE_TARGET_RATIO,
  };
}

const signed = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(Math.round(ms))}`;

export function scaleChecks(result: ScaleResult): Check[] {
  const first = result.rows[0] as ScaleRow;
  const last = result.rows[result.rows.length - 1] as ScaleRow;
  return [
    {
      name: '2. Own stages vs repository size',
      figure: `${result.rows.map((row) => `${row.files.toLocaleString('en-US')} files: ${Math.round(row.ownMedianMs)} ms`).join(', ')} → ×${result.ratio.toFixed(2)} (${signed(result.growthMs)} ms, of which git ${signed(result.gitGrowthMs)} ms) from ${first.files.toLocaleString('en-US')} to ${last.files.toLocaleString('en-US')}`,
      target: `≤ ×${result.targetRatio} of the ${first.files.toLocaleString('en-US')}-file figure`,
      pass: result.ratio <= result.targetRatio,
    },
  ];
}
