// Measure 1: what the whole action adds to Codex, on one Codex path. The same scripted task (a patch creating
// three files, then a final message) runs (a) as bare `codex exec` of the path's binary and (b) as
// dist/index.js from the event to the pull request on the GitHub emulation, with Codex already installed
// (codex-path). Runs alternate a, b, a, b so that drift on the machine hits both sides alike; every run gets a
// fresh world of the same kind. The figure is the median of the paired differences (action − bare).
import type { ActionRun, Check, CodexPath, Spread } from '../harness.ts';
import type { World, WorldOptions } from '../../test/support/world.ts';
import {
  OWN_STAGES,
  binaryOf,
  expectFilesCreated,
  expectPullRequest,
  formatSpread,
  happyWorldOptions,
  round,
  runAction,
  runBareCodex,
  spread,
  withWorld,
} from '../harness.ts';

export interface OverheadResult {
  codexPath: CodexPath;
  runs: number;
  bareCodexMs: Spread;
  actionMs: Spread;
  /** median(action) − median(bare). */
  overheadMs: number;
  /** median(action) / median(bare). */
  ratio: number;
  /** Spread of action − bare within each pair. */
  pairedOverheadMs: Spread;
  /** Median of each stage the action timed, and of the time outside any stage (start, gate, acknowledge, report, exit). */
  actionStagesMedianMs: Record<string, number>;
  outsideStagesMedianMs: number;
  targetMs: number;
}

export const OVERHEAD_TARGET_MS = 500;

export async function measureOverhead(options: {
  codexPath: CodexPath;
  runs: number;
  warmup: boolean;
  log: (line: string) => void;
  /**
   * The world both sides of every pair run in (default: the happy path's three-file task on this path). The
   * smoke passes the long task's world, so that its action run counts for the long task too.
   */
  worldOptions?: WorldOptions;
  /**
   * Runs each side's work inside its world (default: as it is). The smoke moves one of the scale measure's
   * generated checkouts in, so that the pair counts for the scale too.
   */
  inWorld?: <T>(world: World, work: () => Promise<T>) => Promise<T>;
  /** More environment for the action's runs (the smoke: the HOME that turns on git's trace2 for the scale). */
  actionEnv?: Record<string, string>;
  /** Called with each measured action run (each opened its pull request), for a measure that counts them too. */
  onActionRun?: (run: ActionRun) => void;
}): Promise<OverheadResult> {
  const bare: number[] = [];
  const action: number[] = [];
  const stageSamples: Record<string, number[]> = {};
  const outside: number[] = [];
  // One unmeasured pair warms the page cache for the Codex binary, node and the bundle.
  for (let i = options.warmup ? -1 : 0; i < options.runs; i++) {
    const worldOptions = options.worldOptions ?? happyWorldOptions(undefined, undefined, undefined, options.codexPath);
    const inWorld = options.inWorld ?? ((_world, work) => work());
    const bareRun = await withWorld(worldOptions, (world) =>
      inWorld(world, async () => {
        const run = await runBareCodex(world, undefined, binaryOf(options.codexPath));
        expectFilesCreated(world, run);
        return run;
      }),
    );
    const actionRun = await withWorld(worldOptions, (world) =>
      inWorld(world, async () => {
        const run = await runAction(world, { env: options.actionEnv });
        expectPullRequest(run, 'overhead run');
        return run;
      }),
    );
    if (i < 0) continue;
    options.onActionRun?.(actionRun);
    bare.push(bareRun.wallMs);
    action.push(actionRun.wallMs);
    for (const [name, ms] of Object.entries(actionRun.stages)) (stageSamples[name] ??= []).push(ms);
    outside.push(actionRun.wallMs - Object.values(actionRun.stages).reduce((sum, ms) => sum + ms, 0));
    options.log(
      `  overhead (${options.codexPath}) ${i + 1}/${options.runs}: bare codex exec ${Math.round(bareRun.wallMs)} ms, action ${Math.round(actionRun.wallMs)} ms`,
    );
  }
  const bareSpread = spread(bare);
  const actionSpread = spread(action);
  return {
    codexPath: options.codexPath,
    runs: options.runs,
    bareCodexMs: bareSpread,
    actionMs: actionSpread,
    overheadMs: actionSpread.median - bareSpread.median,
    ratio: actionSpread.median / bareSpread.median,
    pairedOverheadMs: spread(action.map((ms, i) => ms - (bare[i] as number))),
    actionStagesMedianMs: Object.fromEntries(
      Object.entries(stageSamples).map(([name, values]) => [name, spread(values).median]),
    ),
    outsideStagesMedianMs: spread(outside).median,
    targetMs: OVERHEAD_TARGET_MS,
  };
}

export function overheadChecks(result: OverheadResult): Check[] {
  const ownMs = OWN_STAGES.reduce((sum, name) => sum + (result.actionStagesMedianMs[name] ?? 0), 0);
  const paired = result.pairedOverheadMs.median;
  const signed = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(ms / 1000).toFixed(2)} s`;
  return [
    {
      name: `1. Overhead vs bare codex exec (${result.codexPath})`,
      figure: `${signed(paired)} paired median (IQR ${signed(result.pairedOverheadMs.q1)} to ${signed(result.pairedOverheadMs.q3)}): action ${formatSpread(result.actionMs, 's')} vs bare ${formatSpread(result.bareCodexMs, 's')}; own stages ${Math.round(ownMs)} ms, outside stages ${Math.round(result.outsideStagesMedianMs)} ms, Codex stage ${round(result.actionStagesMedianMs.Codex ?? Number.NaN)} ms`,
      target: `≤ +${(result.targetMs / 1000).toFixed(1)} s`,
      pass: paired <= result.targetMs,
    },
  ];
}
