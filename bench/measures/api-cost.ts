// Measure 5: how many GitHub REST calls a happy-path run makes (comment → pull request), counted from the
// emulation's request log, with the time the action spent between consecutive write requests (the Octokit
// throttling plugin spaces writes at least a second apart).
import type { ActionRun, Check, CodexPath } from '../harness.ts';
import { expectPullRequest, happyWorldOptions, runAction, spread, withWorld } from '../harness.ts';

export interface ApiCostResult {
  codexPath: CodexPath;
  runs: number;
  /** Requests per run (the median when runs > 1; the runs should agree). */
  requests: number;
  reads: number;
  writes: number;
  /** method and path of each request of the last run, in order, with the ms since spawn. */
  calls: Array<{ method: string; path: string; atMs: number }>;
  /** Gaps between consecutive write requests of the last run that are at least 900 ms (throttled writes). */
  throttledWriteGapsMs: number[];
  target: number;
}

export const API_COST_TARGET = 7;

export async function measureApiCost(options: {
  codexPath: CodexPath;
  runs: number;
  log: (line: string) => void;
}): Promise<ApiCostResult> {
  const runs: ActionRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    runs.push(
      await withWorld(happyWorldOptions(undefined, undefined, undefined, options.codexPath), async (world) => {
        const run = await runAction(world);
        expectPullRequest(run, 'api cost run');
        return run;
      }),
    );
  }
  return apiCostOf(options.codexPath, runs, options.log);
}

/**
 * The API cost counted from happy-path runs already made (each opened its pull request): the smoke takes the
 * overhead's action runs, which are the same kind of run, instead of making one more of its own.
 */
export function apiCostOf(codexPath: CodexPath, runs: ActionRun[], log: (line: string) => void): ApiCostResult {
  const counts = runs.map((run) => run.requests.length);
  const last: ApiCostResult['calls'] = (runs.at(-1)?.requests ?? []).map((request) => ({
    method: request.method,
    path: request.path,
    atMs: Math.round(request.t),
  }));
  const writes = last.filter((call) => call.method !== 'GET');
  const gaps: number[] = [];
  for (let i = 1; i < writes.length; i++) {
    const gap = (writes[i] as { atMs: number }).atMs - (writes[i - 1] as { atMs: number }).atMs;
    if (gap >= 900) gaps.push(gap);
  }
  log(`  api cost (${codexPath}): ${counts.join(', ')} requests per run`);
  return {
    codexPath,
    runs: runs.length,
    requests: spread(counts).median,
    reads: last.length - writes.length,
    writes: writes.length,
    calls: last,
    throttledWriteGapsMs: gaps,
    target: API_COST_TARGET,
  };
}

export function apiCostChecks(result: ApiCostResult): Check[] {
  return [
    {
      name: `5. GitHub REST calls, happy path (${result.codexPath})`,
      figure: `${result.requests} calls (${result.reads} reads, ${result.writes} writes): ${result.calls.map((call) => `${call.method} ${call.path.replace(/^\/repos\/[^/]+\/[^/]+/, '')}`).join(', ')}`,
      target: `≤ ${result.target}`,
      pass: result.requests <= result.target,
    },
  ];
}
