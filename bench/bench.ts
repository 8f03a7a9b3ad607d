// The benchmark as a function: runs the five measures (full or smoke sizes) and returns one results object
// with every figure, its target and pass/fail. bench/run.ts prints it and writes bench/results.json;
// test/bench/smoke.test.ts runs the smoke sizes and checks the shape.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Check } from './harness.ts';
import { snapshotDist, useActionEntry } from './harness.ts';
import type { ApiCostResult } from './measures/api-cost.ts';
import { apiCostChecks, measureApiCost } from './measures/api-cost.ts';
import type { ColdStartResult } from './measures/cold-start.ts';
import { coldStartChecks, measureColdStart } from './measures/cold-start.ts';
import type { LongTaskResult, LongTaskShape } from './measures/long-task.ts';
import { longTaskChecks, measureLongTask } from './measures/long-task.ts';
import type { OverheadResult } from './measures/overhead.ts';
import { measureOverhead, overheadChecks } from './measures/overhead.ts';
import type { ScaleResult } from './measures/scale.ts';
import { measureScale, scaleChecks } from './measures/scale.ts';
import { DIST_ENTRY, PROJECT_ROOT, codexBinary, runnerNode } from '../test/support/world.ts';

export const MEASURES = ['overhead', 'scale', 'coldStart', 'longTask', 'apiCost'] as const;
export type MeasureName = (typeof MEASURES)[number];

export interface BenchConfig {
  overheadRuns: number;
  scaleSizes: number[];
  scaleRuns: number;
  coldStartRuns: number;
  longTask: LongTaskShape;
  apiCostRuns: number;
}

export const FULL: BenchConfig = {
  overheadRuns: 10,
  scaleSizes: [1_000, 20_000, 100_000],
  scaleRuns: 5,
  coldStartRuns: 20,
  // 3 turns × 5 parallel commands × 4,500 flushed bursts: about 55,000-60,000 events on a 2-core machine.
  longTask: { turns: 3, commandsPerTurn: 5, burstsPerCommand: 4_500, linesPerBurst: 8 },
  apiCostRuns: 3,
};

export const SMOKE: BenchConfig = {
  overheadRuns: 1,
  scaleSizes: [50, 200],
  scaleRuns: 1,
  coldStartRuns: 3,
  longTask: { turns: 1, commandsPerTurn: 2, burstsPerCommand: 150, linesPerBurst: 4 },
  apiCostRuns: 1,
};

export interface BenchResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  durationMs: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    runnerNode: string;
    hostNode: string;
    git: string;
    codex: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  /** dist/ as measured: its sha256 (over every file of the snapshot) and the HEAD it was taken at. */
  bundle: { path: string; sha256: string; commit: string };
  overhead?: OverheadResult;
  scale?: ScaleResult;
  coldStart?: ColdStartResult;
  longTask?: LongTaskResult;
  apiCost?: ApiCostResult;
  /** Per measure, how long it took to run (ms). */
  measureMs: Partial<Record<MeasureName, number>>;
  checks: Check[];
}

export interface BenchOptions {
  smoke?: boolean;
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
  const config = options.smoke ? SMOKE : FULL;
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
  // Every run uses one copy of dist/, taken now: a rebuild during the bench cannot change what is measured.
  const entry = await snapshotDist(tempDir);
  const distHash = createHash('sha256');
  for (const file of fs.readdirSync(path.dirname(entry), { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(path.dirname(entry), file);
    if (fs.statSync(full).isFile()) distHash.update(file).update(fs.readFileSync(full));
  }
  const results: BenchResults = {
    mode: options.smoke ? 'smoke' : 'full',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      runnerNode: tryRun(runnerNode(), ['--version']),
      hostNode: process.version,
      git: tryRun('git', ['--version']),
      codex: tryRun(codexBinary('mcp'), ['--version']),
      // Other work on the machine skews every figure: the 1-, 5- and 15-minute load averages say how busy it was.
      loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
      loadAverageAtEnd: [],
    },
    bundle: {
      path: path.relative(PROJECT_ROOT, path.dirname(DIST_ENTRY)),
      sha256: distHash.digest('hex'),
      commit: tryRun('git', ['rev-parse', '--short', 'HEAD']),
    },
    measureMs: {},
    checks: [],
  };
  const timed = async <T>(name: MeasureName, work: () => Promise<T>): Promise<T | undefined> => {
    if (!only.has(name)) return undefined;
    log(`${name}...`);
    const t = performance.now();
    try {
      return await work();
    } finally {
      results.measureMs[name] = Math.round(performance.now() - t);
    }
  };
  // Quietest first: cold start and API cost, then the paired overhead runs, the long task, the big repositories.
  results.coldStart = await timed('coldStart', () => measureColdStart({ runs: config.coldStartRuns, tempDir, log }));
  results.apiCost = await timed('apiCost', () => measureApiCost({ runs: config.apiCostRuns, log }));
  results.overhead = await timed('overhead', () =>
    measureOverhead({ runs: config.overheadRuns, warmup: !options.smoke, log }),
  );
  results.longTask = await timed('longTask', () => measureLongTask({ shape: config.longTask, tempDir, log }));
  results.scale = await timed('scale', () =>
    measureScale({ sizes: config.scaleSizes, runs: config.scaleRuns, tempDir, log }),
  );
  results.checks = [
    ...(results.overhead ? overheadChecks(results.overhead) : []),
    ...(results.scale ? scaleChecks(results.scale) : []),
    ...(results.coldStart ? coldStartChecks(results.coldStart) : []),
    ...(results.longTask ? longTaskChecks(results.longTask, options.smoke === true) : []),
    ...(results.apiCost ? apiCostChecks(results.apiCost) : []),
  ];
  results.machine.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 100) / 100);
  return results;
}
