// Measure 2: does the action's own time grow with the repository or with the change? The same three-file
// task runs in generated repositories of increasing size (built once, reused by every run of that size):
// the checkout is moved into a fresh world for each run and moved back and reset afterwards. The figures
// are the stage lines of the action's log; the stages other than Codex are the action's own time. Git's own
// trace2 events (switched on through the HOME the action runs with) also give the time of the git commands
// the action ran, which separates work that grows with the repository from fixed waits.
import fs from 'node:fs';
import path from 'node:path';
import type { ActionRun, Check } from '../harness.ts';
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

/** What one run in a generated repository gave: its stage lines and the git commands the action ran. */
export interface ScaleSample {
  stages: Record<string, number>;
  wallMs: number;
  gitMs: number;
  gitCommands: number;
  slowestGit: Array<{ command: string; ms: number }>;
}

/** Builds one repository per size; the largest also has an ignored node_modules/ of half its size. */
export async function generateScaleRepos(
  sizes: number[],
  tempDir: string,
  log: (line: string) => void,
): Promise<GeneratedRepo[]> {
  const repos: GeneratedRepo[] = [];
  for (const files of sizes) {
    // As a checkout after `npm ci`.
    const ignored = files === Math.max(...sizes) ? Math.floor(files / 2) : 0;
    const repo = await generateRepo(tempDir, files, ignored);
    log(
      `  generated ${files.toLocaleString('en-US')} files${ignored ? ` and ${ignored.toLocaleString('en-US')} ignored ones in node_modules/` : ''} in ${(repo.buildMs / 1000).toFixed(1)} s`,
    );
    repos.push(repo);
  }
  return repos;
}

/** The trace2 file the action's git writes to, and the environment (HOME) that turns it on. */
export function scaleTrace(tempDir: string): { traceFile: string; env: Record<string, string> } {
  const traceFile = path.join(tempDir, 'scale-trace2.json');
  return { traceFile, env: gitTraceHome(path.join(tempDir, 'scale-home'), traceFile) };
}

/** Runs `work` with the generated checkout as the world's workspace, then moves it back and resets it and origin. */
export async function inCheckout<T>(world: World, repo: GeneratedRepo, work: () => Promise<T>): Promise<T> {
  fs.rmSync(world.workspace, { recursive: true, force: true });
  fs.renameSync(repo.checkout, world.workspace);
  try {
    return await work();
  } finally {
    fs.renameSync(world.workspace, repo.checkout);
    resetCheckout(repo.checkout);
    resetOrigin(repo.origin);
  }
}

/** The sample of a run made with the trace environment (it opened its pull request); empties the trace file. */
export function scaleSampleOf(traceFile: string, run: ActionRun): ScaleSample {
  const git = actionGitCommands(traceFile, run);
  fs.rmSync(traceFile, { force: true });
  return {
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
  };
}

export async function measureScale(options: {
  sizes: number[];
  runs: number;
  tempDir: string;
  log: (line: string) => void;
}): Promise<ScaleResult> {
  const repos = await generateScaleRepos(options.sizes, options.tempDir, options.log);
  const samples = new Map<number, ScaleSample[]>();
  const trace = scaleTrace(options.tempDir);
  // Runs go round the sizes (1k, 20k, 100k, 1k, ...) so that drift on the machine hits every size alike.
  for (let i = 0; i < options.runs; i++) {
    for (const repo of repos) {
      const world = await World.create(happyWorldOptions());
      try {
        await inCheckout(world, repo, async () => {
          fs.rmSync(trace.traceFile, { force: true });
          const run = await runAction(world, { env: trace.env });
          expectPullRequest(run, `scale run with ${repo.files} files`);
          const sample = scaleSampleOf(trace.traceFile, run);
          samples.set(repo.files, [...(samples.get(repo.files) ?? []), sample]);
          const own = OWN_STAGES.reduce((sum, name) => sum + (run.stages[name] ?? 0), 0);
          options.log(
            `  scale ${repo.files.toLocaleString('en-US')} files, run ${i + 1}/${options.runs}: own stages ${own} ms (git ${Math.round(sample.gitMs)} ms), Codex ${run.stages.Codex ?? '?'} ms, wall ${Math.round(run.wallMs)} ms`,
          );
        });
      } finally {
        await world.dispose();
      }
    }
  }
  return scaleResultOf(repos, samples);
}

/** The rows (medians per size) and the ratio of the largest size's own time to the smallest's. */
export function scaleResultOf(repos: GeneratedRepo[], samples: Map<number, ScaleSample[]>): ScaleResult {
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
