// The benchmark as a function: runs the five measures (full, quick or smoke sizes) and returns one results
// object with every figure, its target and pass/fail. Overhead, long task and API cost run once per Codex path
// (native 0.153.4 `codex mcp-server`, and the default release through the bridge); cold start and scale do not
// depend on the path (a skip starts no Codex; scale times the action's own git work) and run once, on native.
// The smoke makes one pair per path serve the overhead, the long task, the API cost and a scale row (SMOKE).
// bench/run.ts prints it and writes bench/results.json; test/bench/smoke.test.ts runs the smoke sizes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionRun, Check, CodexPath } from './harness.ts';
import { CODEX_PATHS, binaryOf, snapshotDist, useActionEntry } from './harness.ts';
import type { ApiCostResult } from './measures/api-cost.ts';
import { apiCostChecks, apiCostOf, measureApiCost } from './measures/api-cost.ts';
import type { ColdStartResult } from './measures/cold-start.ts';
import { coldStartChecks, measureColdStart } from './measures/cold-start.ts';
import type { LongTaskResult, LongTaskSetup, LongTaskShape } from './measures/long-task.ts';
import { longTaskChecks, longTaskOf, longTaskSetup, measureLongTask } from './measures/long-task.ts';
import type { OverheadResult } from './measures/overhead.ts';
import { measureOverhead, overheadChecks } from './measures/overhead.ts';
import type { ScaleResult, ScaleSample } from './measures/scale.ts';
import {
  generateScaleRepos,
  inCheckout,
  measureScale,
  scaleChecks,
  scaleResultOf,
  scaleSampleOf,
  scaleTrace,
} from './measures/scale.ts';
import { DIST_ENTRY, PROJECT_ROOT, runnerNode } from '../test/support/world.ts';

export const MEASURES = ['overhead', 'scale', 'coldStart', 'longTask', 'apiCost'] as const;
export type MeasureName = (typeof MEASURES)[number];

export interface BenchConfig {
  overheadRuns: number;
  scaleSizes: number[];
  scaleRuns: number;
  coldStartRuns: number;
  longTask: LongTaskShape;
  apiCostRuns: number;
  /**
   * Count the API cost from the overhead's action runs (the same happy-path run) when the overhead is measured
   * too, instead of making apiCostRuns runs of its own: the smoke proves the counting, not the figure's spread.
   */
  apiCostFromOverhead: boolean;
  /**
   * Make the overhead's pairs in the long task's world (its commands, then the three-file patch; its tap wrapper
   * as codex-path) and take the long task's figures from the last action run, instead of a run of its own, when
   * both are measured: the smoke proves the counting, and the overhead's figure then includes the commands.
   */
  longTaskFromOverhead: boolean;
  /**
   * Make each path's overhead pairs in one of the scale's generated repositories (size i on path i; the action with
   * git's trace2 on) and take the scale's rows from those action runs, instead of runs of its own, when both are
   * measured and there is one size per path: the smoke's rows then differ in the Codex path as well as the size.
   */
  scaleFromOverhead: boolean;
}

export const FULL: BenchConfig = {
  overheadRuns: 10,
  scaleSizes: [1_000, 20_000, 100_000],
  scaleRuns: 5,
  coldStartRuns: 20,
  // 3 turns × 5 parallel commands × 4,500 flushed bursts: about 55,000-60,000 events on a 2-core machine.
  longTask: { turns: 3, commandsPerTurn: 5, burstsPerCommand: 4_500, linesPerBurst: 8 },
  apiCostRuns: 3,
  apiCostFromOverhead: false,
  longTaskFromOverhead: false,
  scaleFromOverhead: false,
};

/** `--quick`: the targets' measures at full size, fewer repetitions, no scale (9.5 min at load 18 on 2 cores). */
export const QUICK: BenchConfig = {
  overheadRuns: 5,
  scaleSizes: [],
  scaleRuns: 0,
  coldStartRuns: 15,
  longTask: FULL.longTask,
  apiCostRuns: 1,
  apiCostFromOverhead: false,
  longTaskFromOverhead: false,
  scaleFromOverhead: false,
};

/**
 * `--smoke`: every measure once on tiny sizes, to prove it runs and returns its figures (not to judge them): one
 * run each and no warm-ups; one pair per path gives the overhead, the long task, the API cost and a scale row.
 */
export const SMOKE: BenchConfig = {
  overheadRuns: 1,
  scaleSizes: [50, 200],
  scaleRuns: 1,
  coldStartRuns: 1,
  longTask: { turns: 1, commandsPerTurn: 2, burstsPerCommand: 150, linesPerBurst: 4 },
  apiCostRuns: 1,
  apiCostFromOverhead: true,
  longTaskFromOverhead: true,
  scaleFromOverhead: true,
};

/** What one Codex path measured. */
export interface PathResults {
  overhead?: OverheadResult;
  longTask?: LongTaskResult;
  apiCost?: ApiCostResult;
}

export interface BenchResults {
  mode: 'full' | 'quick' | 'smoke';
  startedAt: string;
  durationMs: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    runnerNode: string;
    hostNode: string;
    git: string;
    codex: Partial<Record<CodexPath, string>>;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  /** dist/ as measured: its sha256 (over every file of the snapshot) and the HEAD it was taken at. */
  bundle: { path: string; sha256: string; commit: string };
  scale?: ScaleResult;
  coldStart?: ColdStartResult;
  paths: Partial<Record<CodexPath, PathResults>>;
  /** Per measure (and path), how long it took to run (ms). */
  measureMs: Record<string, number>;
  checks: Check[];
}

export interface BenchOptions {
  smoke?: boolean;
  quick?: boolean;
  /** The Codex paths to measure (default: both). */
  paths?: CodexPath[];
  /** Measure this build of the action instead of dist/ (a copy of an older dist/, for before and after). */
  distDir?: string;
  /** Run only these measures (default: all). */
  only?: MeasureName[];
  log?: (line: string) => void;
}

function tryRun(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const log = options.log ?? (() => undefined);
  const config = options.smoke ? SMOKE : options.quick ? QUICK : FULL;
  const started = performance.now();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-bench-'));
  try {
    const results = await measureAll(tempDir, options, config, log);
    results.durationMs = Math.round(performance.now() - started);
    return results;
  } finally {
    useActionEntry();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

async function measureAll(
  tempDir: string,
  options: BenchOptions,
  config: BenchConfig,
  log: (line: string) => void,
): Promise<BenchResults> {
  const only = new Set<MeasureName>(options.only ?? MEASURES);
  const paths = options.paths ?? [...CODEX_PATHS];
  // Every run uses one copy of dist/, taken now: a rebuild during the bench cannot change what is measured.
  const entry = await snapshotDist(tempDir, options.distDir);
  const distHash = createHash('sha256');
  for (const file of fs.readdirSync(path.dirname(entry), { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(path.dirname(entry), file);
    if (fs.statSync(full).isFile()) distHash.update(file).update(fs.readFileSync(full));
  }
  const results: BenchResults = {
    mode: options.smoke ? 'smoke' : options.quick ? 'quick' : 'full',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      runnerNode: tryRun(runnerNode(), ['--version']),
      hostNode: process.version,
      git: tryRun('git', ['--version']),
      codex: Object.fromEntries(paths.map((codexPath) => [codexPath, tryRun(binaryOf(codexPath), ['--version'])])),
      // Other work on the machine skews every figure: the 1-, 5- and 15-minute load averages say how busy it was.
      loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
      loadAverageAtEnd: [],
    },
    bundle: {
      path: options.distDir ?? path.relative(PROJECT_ROOT, path.dirname(DIST_ENTRY)),
      sha256: distHash.digest('hex'),
      commit: tryRun('git', ['rev-parse', '--short', 'HEAD']),
    },
    paths: Object.fromEntries(paths.map((codexPath) => [codexPath, {}])),
    measureMs: {},
    checks: [],
  };
  const timed = async <T>(name: MeasureName, label: string, work: () => Promise<T>): Promise<T | undefined> => {
    if (!only.has(name)) return undefined;
    log(`${label}...`);
    const t = performance.now();
    try {
      return await work();
    } finally {
      results.measureMs[label] = Math.round(performance.now() - t);
    }
  };
  const perPath = async <K extends keyof PathResults>(
    name: MeasureName & K,
    work: (codexPath: CodexPath) => Promise<PathResults[K]>,
  ): Promise<void> => {
    for (const codexPath of paths) {
      const measured = await timed(name, `${name} (${codexPath})`, () => work(codexPath));
      if (measured) (results.paths[codexPath] as PathResults)[name] = measured;
    }
  };
  // Quietest first: cold start and API cost, then the paired overhead runs, the long task, the big repositories.
  results.coldStart = await timed('coldStart', 'coldStart', () =>
    measureColdStart({ runs: config.coldStartRuns, warmup: !options.smoke, tempDir, log }),
  );
  const apiCostFromOverhead = config.apiCostFromOverhead && only.has('overhead');
  if (!apiCostFromOverhead)
    await perPath('apiCost', (codexPath) => measureApiCost({ codexPath, runs: config.apiCostRuns, log }));
  const overheadActionRuns = new Map<CodexPath, ActionRun[]>();
  const longTaskInOverhead = config.longTaskFromOverhead && only.has('overhead') && only.has('longTask');
  const longTaskSetups = new Map<CodexPath, LongTaskSetup>();
  if (longTaskInOverhead)
    for (const codexPath of paths) longTaskSetups.set(codexPath, longTaskSetup(codexPath, config.longTask, tempDir));
  const scaleInOverhead =
    config.scaleFromOverhead && only.has('overhead') && only.has('scale') && config.scaleSizes.length === paths.length;
  const scaleRepos = scaleInOverhead
    ? await timed('scale', 'scale (repositories)', () => generateScaleRepos(config.scaleSizes, tempDir, log))
    : undefined;
  const trace = scaleTrace(tempDir);
  const scaleSamples = new Map<number, ScaleSample[]>();
  await perPath('overhead', (codexPath) => {
    const repo = scaleRepos?.[paths.indexOf(codexPath)];
    return measureOverhead({
      codexPath,
      runs: config.overheadRuns,
      warmup: !options.smoke,
      log,
      worldOptions: longTaskSetups.get(codexPath)?.worldOptions,
      inWorld: repo ? (world, work) => inCheckout(world, repo, work) : undefined,
      actionEnv: repo ? trace.env : undefined,
      onActionRun: (run) => {
        overheadActionRuns.set(codexPath, [...(overheadActionRuns.get(codexPath) ?? []), run]);
        if (repo)
          scaleSamples.set(repo.files, [...(scaleSamples.get(repo.files) ?? []), scaleSampleOf(trace.traceFile, run)]);
      },
    });
  });
  if (apiCostFromOverhead)
    await perPath('apiCost', async (codexPath) => apiCostOf(codexPath, overheadActionRuns.get(codexPath) ?? [], log));
  await perPath('longTask', (codexPath) => {
    const setup = longTaskSetups.get(codexPath);
    const run = overheadActionRuns.get(codexPath)?.at(-1);
    if (setup && run) return longTaskOf(setup, run, log);
    return measureLongTask({ codexPath, shape: config.longTask, tempDir, log });
  });
  if (config.scaleSizes.length > 0)
    results.scale = await timed('scale', 'scale', async () =>
      scaleRepos
        ? scaleResultOf(scaleRepos, scaleSamples)
        : measureScale({ sizes: config.scaleSizes, runs: config.scaleRuns, tempDir, log }),
    );
  const byPath = (check: (result: PathResults) => Check[]): Check[] =>
    paths.flatMap((codexPath) => check(results.paths[codexPath] ?? {}));
  results.checks = [
    ...byPath((result) => (result.overhead ? overheadChecks(result.overhead) : [])),
    ...(results.scale ? scaleChecks(results.scale) : []),
    ...(results.coldStart ? coldStartChecks(results.coldStart) : []),
    ...byPath((result) => (result.longTask ? longTaskChecks(result.longTask, options.smoke === true) : [])),
    ...byPath((result) => (result.apiCost ? apiCostChecks(result.apiCost) : [])),
  ];
  results.machine.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 100) / 100);
  return results;
}
