// Measure 4: a long task that makes Codex emit tens of thousands of events. The scripted model asks, turn
// after turn, for several commands at once that print many lines in small flushed bursts (each burst is
// one `exec_command_output_delta` when Codex keeps up; Codex caps them at 10,000 per command), then applies
// the three-file patch so the run goes all the way to the pull request.
// Counting: `codex-path` points at a wrapper that runs the real binary and copies the stdout of the server it
// speaks to (native: `codex mcp-server`, the JSON-RPC stream the action reads; bridge: `codex app-server`, the
// stream the bridge reads) to a tap file with `tee`. Native: every line whose method is `codex/event` is one
// notification the action had to take in. Bridge: every notification app-server sent the bridge.
// Reported: events, peak RSS of the action (its own debug line, and VmHWM sampled from /proc) plus, on the
// bridge path, of the bridge process (VmHWM sampled), CPU time of both, lines of the action's log, and PATCH
// requests to issue comments (tracking-comment edits).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { ActionRun, Check, CodexPath } from '../harness.ts';
import { binaryOf, expectPullRequest, happyWorldOptions, runAction, threeFileTurns } from '../harness.ts';
import type { ScriptedTurn } from '../../test/support/model-server.ts';
import { modelSays } from '../../test/support/model-server.ts';
import type { WorldOptions } from '../../test/support/world.ts';
import { World } from '../../test/support/world.ts';

export interface LongTaskShape {
  turns: number;
  commandsPerTurn: number;
  burstsPerCommand: number;
  linesPerBurst: number;
}

export interface LongTaskResult {
  codexPath: CodexPath;
  shape: LongTaskShape;
  commands: number;
  /** Native: `codex/event` notifications Codex sent the action. Bridge: notifications app-server sent the bridge. */
  events: number;
  /** exec_command_output_delta (native) or item/commandExecution/outputDelta (bridge) among them. */
  outputDeltas: number;
  eventsByType: Record<string, number>;
  /** Bridge path: bytes of app-server's notifications by method (item/completed carries each command's output). */
  bytesByType?: Record<string, number>;
  /** Bytes of the JSON-RPC stream from Codex to the action. */
  streamBytes: number;
  wallMs: number;
  codexStageMs: number;
  /** The action's own figure (its debug line). */
  peakRssMiB: number;
  sampledPeakRssMiB: number;
  /** The bridge process's VmHWM (bridge path only; NaN on native). */
  bridgePeakRssMiB: number;
  /** The figure held to the target: the action's peak plus the bridge's (each at its own peak: an upper bound). */
  totalPeakRssMiB: number;
  /** The highest VmRSS of the action and the bridge at one sample. */
  combinedRssMiB: number;
  actionCpuMs: number;
  bridgeCpuMs: number;
  logLines: number;
  logLineBound: number;
  trackingCommentEdits: number;
  trackingCommentEditBound: number;
  conclusion: string;
  targets: { events: number; peakRssMiB: number };
}

export const LONG_TASK_TARGETS = { events: 50_000, peakRssMiB: 150 };
export const EDIT_BOUND = 10;

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', '0'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A command that prints `bursts` bursts of `lines` test-log lines, flushing and pausing 0.5 ms after each. */
export function burstCommand(bursts: number, lines: number, python = hasPython()): string {
  if (!python) {
    return `awk 'BEGIN { for (i = 0; i < ${bursts}; i++) { for (j = 0; j < ${lines}; j++) printf "test %d.%d of the suite ........................ passed in 3 ms\\n", i, j; fflush() } }'`;
  }
  return [
    "python3 -c 'import sys, time",
    `for i in range(${bursts}):`,
    `    sys.stdout.write("".join("test %d.%d of the suite ........................ passed in 3 ms\\n" % (i, j) for j in range(${lines})))`,
    '    sys.stdout.flush()',
    "    time.sleep(0.0005)'",
  ].join('\n');
}

export function longTaskTurns(shape: LongTaskShape): ScriptedTurn[] {
  const python = hasPython();
  const turns: ScriptedTurn[] = [];
  for (let t = 0; t < shape.turns; t++) {
    turns.push({
      items: Array.from({ length: shape.commandsPerTurn }, () =>
        modelSays.shell(burstCommand(shape.burstsPerCommand, shape.linesPerBurst, python)),
      ),
    });
  }
  return [...turns, ...threeFileTurns()];
}

/** Writes the tee wrapper; `codex --version` and `codex help` go straight to the real binary. */
export function writeTapWrapper(dir: string, tap: string, codexPath: CodexPath = 'native'): string {
  const wrapper = path.join(dir, 'codex-tap.sh');
  const real = binaryOf(codexPath);
  const server = codexPath === 'native' ? 'mcp-server' : 'app-server';
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\nif [ "$1" = "${server}" ]; then\n  "${real}" "$@" | tee "${tap}"\nelse\n  exec "${real}" "$@"\nfi\n`,
    { mode: 0o755 },
  );
  return wrapper;
}

/** Notifications in app-server's stdout, by method, and their bytes by method. */
export async function countAppServerTap(
  tap: string,
): Promise<{ events: number; byType: Record<string, number>; bytes: number; bytesByType: Record<string, number> }> {
  const byType: Record<string, number> = {};
  const bytesByType: Record<string, number> = {};
  let events = 0;
  let bytes = 0;
  if (!fs.existsSync(tap)) return { events: 0, byType, bytes: 0, bytesByType };
  const lines = readline.createInterface({
    input: fs.createReadStream(tap, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    const lineBytes = Buffer.byteLength(line) + 1;
    bytes += lineBytes;
    const message = JSON.parse(line) as { id?: unknown; method?: string };
    if (message.id !== undefined || !message.method) continue;
    events++;
    byType[message.method] = (byType[message.method] ?? 0) + 1;
    bytesByType[message.method] = (bytesByType[message.method] ?? 0) + lineBytes;
  }
  return { events, byType, bytes, bytesByType };
}

export async function countTap(
  tap: string,
): Promise<{ events: number; byType: Record<string, number>; bytes: number }> {
  const byType: Record<string, number> = {};
  let events = 0;
  let bytes = 0;
  if (!fs.existsSync(tap)) return { events: 0, byType, bytes: 0 };
  const lines = readline.createInterface({
    input: fs.createReadStream(tap, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (!line.includes('"codex/event"')) continue;
    const message = JSON.parse(line) as { method?: string; params?: { msg?: { type?: string } } };
    if (message.method !== 'codex/event') continue;
    events++;
    const type = message.params?.msg?.type ?? '(none)';
    byType[type] = (byType[type] ?? 0) + 1;
  }
  return { events, byType, bytes };
}

/** What the long task's run needs: the world (the turns, the tap wrapper as codex-path) and where the tap goes. */
export interface LongTaskSetup {
  codexPath: CodexPath;
  shape: LongTaskShape;
  dir: string;
  tap: string;
  worldOptions: WorldOptions;
}

/** Writes the tap wrapper into a fresh directory under tempDir and the world options that run through it. */
export function longTaskSetup(codexPath: CodexPath, shape: LongTaskShape, tempDir: string): LongTaskSetup {
  const dir = fs.mkdtempSync(path.join(tempDir, 'long-task-'));
  const tap = path.join(dir, 'codex-stdout.jsonl');
  const inputs = { 'codex-path': writeTapWrapper(dir, tap, codexPath), 'timeout-minutes': '10' };
  const worldOptions = happyWorldOptions(longTaskTurns(shape), undefined, inputs, codexPath);
  return { codexPath, shape, dir, tap, worldOptions };
}

export async function measureLongTask(options: {
  codexPath: CodexPath;
  shape: LongTaskShape;
  tempDir: string;
  log: (line: string) => void;
}): Promise<LongTaskResult> {
  const setup = longTaskSetup(options.codexPath, options.shape, options.tempDir);
  const world = await World.create(setup.worldOptions);
  try {
    const run = await runAction(world, { timeoutMs: 600_000 });
    expectPullRequest(run, 'long task');
    return await longTaskOf(setup, run, options.log);
  } finally {
    await world.dispose();
    fs.rmSync(setup.dir, { recursive: true, force: true });
  }
}

/** The figures of a run made in `setup`'s world that opened its pull request (in the smoke, the overhead's). */
export async function longTaskOf(
  setup: LongTaskSetup,
  run: ActionRun,
  log: (line: string) => void,
): Promise<LongTaskResult> {
  const bridge = setup.codexPath === 'bridge';
  const counted = bridge ? await countAppServerTap(setup.tap) : await countTap(setup.tap);
  const commands = setup.shape.turns * setup.shape.commandsPerTurn;
  const peakRssMiB = run.debugPeakRssMiB ?? Number.NaN;
  const bridgePeakRssMiB = bridge ? (run.bridgePeakRssMiB ?? Number.NaN) : Number.NaN;
  const result: LongTaskResult = {
    codexPath: setup.codexPath,
    shape: setup.shape,
    commands,
    events: counted.events,
    outputDeltas: counted.byType[bridge ? 'item/commandExecution/outputDelta' : 'exec_command_output_delta'] ?? 0,
    eventsByType: counted.byType,
    ...('bytesByType' in counted ? { bytesByType: counted.bytesByType as Record<string, number> } : {}),
    streamBytes: counted.bytes,
    wallMs: run.wallMs,
    codexStageMs: run.stages.Codex ?? Number.NaN,
    peakRssMiB,
    sampledPeakRssMiB: run.sampledPeakRssMiB ?? Number.NaN,
    bridgePeakRssMiB,
    totalPeakRssMiB: bridge ? peakRssMiB + bridgePeakRssMiB : peakRssMiB,
    combinedRssMiB: run.combinedRssMiB ?? Number.NaN,
    actionCpuMs: run.actionCpuMs ?? Number.NaN,
    bridgeCpuMs: bridge ? (run.bridgeCpuMs ?? Number.NaN) : Number.NaN,
    logLines: run.lines.length,
    // Fixed lines (start, stages, report) plus a few per command (the command, its exit, clipped output on failure).
    logLineBound: 100 + 3 * commands,
    trackingCommentEdits: run.requests.filter(
      (request) => request.method === 'PATCH' && /\/issues\/comments\/\d+$/.test(request.path),
    ).length,
    trackingCommentEditBound: EDIT_BOUND,
    conclusion: run.outputs.conclusion ?? '',
    targets: LONG_TASK_TARGETS,
  };
  log(
    `  long task (${setup.codexPath}): ${result.events} events in ${(result.wallMs / 1000).toFixed(1)} s, peak RSS ${result.totalPeakRssMiB.toFixed(0)} MiB, ${result.logLines} log lines`,
  );
  return result;
}

const cpu = (ms: number): string => `${(ms / 1000).toFixed(2)} s CPU`;

export function longTaskChecks(result: LongTaskResult, smoke: boolean): Check[] {
  const eventsTarget = smoke ? 1 : result.targets.events;
  const path = result.codexPath;
  // On the bridge path the load shows in the commands' output, not in events: the action asks the bridge (and the
  // bridge app-server) not to send the output deltas it would skip unread.
  const load: Check =
    path === 'native'
      ? {
          name: '4a. Long task: events caused (native)',
          figure: `${result.events.toLocaleString('en-US')} codex/event notifications (${result.outputDeltas.toLocaleString('en-US')} output deltas, ${(result.streamBytes / 1024 / 1024).toFixed(1)} MiB of JSON-RPC) from ${result.commands} commands; Codex stage ${(result.codexStageMs / 1000).toFixed(1)} s`,
          target: `≥ ${eventsTarget.toLocaleString('en-US')} (the load, not a property of the action)`,
          pass: result.events >= eventsTarget,
        }
      : {
          name: '4a. Long task: what app-server sent the bridge',
          figure: `${result.events.toLocaleString('en-US')} notifications (${result.outputDeltas.toLocaleString('en-US')} output deltas, ${(result.streamBytes / 1024 / 1024).toFixed(1)} MiB of JSON-RPC) from ${result.commands} commands; Codex stage ${(result.codexStageMs / 1000).toFixed(1)} s`,
          target: 'the run completes (no target: deltas come only if the action asks for them)',
          pass: result.conclusion === 'pull-request',
        };
  const rss: Check =
    path === 'native'
      ? {
          name: '4b. Long task: peak RSS of the action (native)',
          figure: `${result.peakRssMiB} MiB (VmHWM sampled: ${result.sampledPeakRssMiB.toFixed(0)} MiB); action ${cpu(result.actionCpuMs)}`,
          target: `< ${result.targets.peakRssMiB} MiB`,
          pass: result.totalPeakRssMiB < result.targets.peakRssMiB,
        }
      : {
          name: '4b. Long task: peak RSS of the action + the bridge',
          figure: `${result.totalPeakRssMiB.toFixed(0)} MiB = action ${result.peakRssMiB} + bridge ${result.bridgePeakRssMiB.toFixed(0)} (at one moment at most ${result.combinedRssMiB.toFixed(0)}); action ${cpu(result.actionCpuMs)}, bridge ${cpu(result.bridgeCpuMs)}`,
          target: `< ${result.targets.peakRssMiB} MiB`,
          pass: result.totalPeakRssMiB < result.targets.peakRssMiB,
        };
  return [
    load,
    rss,
    {
      name: `4c. Long task: log lines (${path})`,
      figure: `${result.logLines} lines for ${result.events.toLocaleString('en-US')} events`,
      target: `≤ ${result.logLineBound} (100 + 3 per command)`,
      pass: result.logLines <= result.logLineBound,
    },
    {
      name: `4d. Long task: tracking-comment edits (${path})`,
      figure: `${result.trackingCommentEdits} PATCH /issues/comments/:id`,
      target: `≤ ${result.trackingCommentEditBound} (bounded, not per event)`,
      pass: result.trackingCommentEdits <= result.trackingCommentEditBound,
    },
  ];
}
