// Measure 4: a long task that makes Codex emit tens of thousands of events. The scripted model asks, turn
// after turn, for several commands at once that print many lines in small flushed bursts (each burst is
// one `exec_command_output_delta` when Codex keeps up; Codex caps them at 10,000 per command), then applies
// the three-file patch so the run goes all the way to the pull request.
// Counting: `codex-path` points at a wrapper that runs the real binary and, for `mcp-server`, copies its
// stdout (the JSON-RPC stream the action reads) to a tap file with `tee`; every line of it whose method is
// `codex/event` is one notification the action had to take in.
// Reported: events, peak RSS of the action process (its own debug line, and VmHWM sampled from /proc),
// lines of the action's log, and PATCH requests to issue comments (tracking-comment edits).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Check } from '../harness.ts';
import { expectPullRequest, happyWorldOptions, runAction, threeFileTurns } from '../harness.ts';
import type { ScriptedTurn } from '../../test/support/model-server.ts';
import { modelSays } from '../../test/support/model-server.ts';
import { World, codexBinary } from '../../test/support/world.ts';

export interface LongTaskShape {
  turns: number;
  commandsPerTurn: number;
  burstsPerCommand: number;
  linesPerBurst: number;
}

export interface LongTaskResult {
  shape: LongTaskShape;
  commands: number;
  /** `codex/event` notifications Codex sent the action (counted from the tap). */
  events: number;
  outputDeltas: number;
  eventsByType: Record<string, number>;
  /** Bytes of the JSON-RPC stream from Codex to the action. */
  streamBytes: number;
  wallMs: number;
  codexStageMs: number;
  peakRssMiB: number;
  sampledPeakRssMiB: number;
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
export function writeTapWrapper(dir: string, tap: string): string {
  const wrapper = path.join(dir, 'codex-tap.sh');
  const real = codexBinary('mcp');
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\nif [ "$1" = "mcp-server" ]; then\n  "${real}" "$@" | tee "${tap}"\nelse\n  exec "${real}" "$@"\nfi\n`,
    { mode: 0o755 },
  );
  return wrapper;
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

export async function measureLongTask(options: {
  shape: LongTaskShape;
  tempDir: string;
  log: (line: string) => void;
}): Promise<LongTaskResult> {
  const dir = fs.mkdtempSync(path.join(options.tempDir, 'long-task-'));
  const tap = path.join(dir, 'codex-stdout.jsonl');
  const wrapper = writeTapWrapper(dir, tap);
  const world = await World.create(
    happyWorldOptions(longTaskTurns(options.shape), undefined, { 'codex-path': wrapper, 'timeout-minutes': '10' }),
  );
  try {
    const run = await runAction(world, { timeoutMs: 600_000 });
    expectPullRequest(run, 'long task');
    const counted = await countTap(tap);
    const commands = options.shape.turns * options.shape.commandsPerTurn;
    const result: LongTaskResult = {
      shape: options.shape,
      commands,
      events: counted.events,
      outputDeltas: counted.byType.exec_command_output_delta ?? 0,
      eventsByType: counted.byType,
      streamBytes: counted.bytes,
      wallMs: run.wallMs,
      codexStageMs: run.stages.Codex ?? Number.NaN,
      peakRssMiB: run.debugPeakRssMiB ?? Number.NaN,
      sampledPeakRssMiB: run.sampledPeakRssMiB ?? Number.NaN,
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
    options.log(
      `  long task: ${result.events} events in ${(result.wallMs / 1000).toFixed(1)} s, peak RSS ${result.peakRssMiB} MiB, ${result.logLines} log lines`,
    );
    return result;
  } finally {
    await world.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function longTaskChecks(result: LongTaskResult, smoke: boolean): Check[] {
  const eventsTarget = smoke ? 1 : result.targets.events;
  return [
    {
      name: '4a. Long task: events caused',
      figure: `${result.events.toLocaleString('en-US')} codex/event notifications (${result.outputDeltas.toLocaleString('en-US')} output deltas, ${(result.streamBytes / 1024 / 1024).toFixed(1)} MiB of JSON-RPC) from ${result.commands} commands; Codex stage ${(result.codexStageMs / 1000).toFixed(1)} s`,
      target: `≥ ${eventsTarget.toLocaleString('en-US')} (the load, not a property of the action)`,
      pass: result.events >= eventsTarget,
    },
    {
      name: '4b. Long task: peak RSS of the action',
      figure: `${result.peakRssMiB} MiB (VmHWM sampled: ${result.sampledPeakRssMiB.toFixed(0)} MiB)`,
      target: `< ${result.targets.peakRssMiB} MiB`,
      pass: result.peakRssMiB < result.targets.peakRssMiB,
    },
    {
      name: '4c. Long task: log lines',
      figure: `${result.logLines} lines for ${result.events.toLocaleString('en-US')} events`,
      target: `≤ ${result.logLineBound} (100 + 3 per command)`,
      pass: result.logLines <= result.logLineBound,
    },
    {
      name: '4d. Long task: tracking-comment edits',
      figure: `${result.trackingCommentEdits} PATCH /issues/comments/:id`,
      target: `≤ ${result.trackingCommentEditBound} (bounded, not per event)`,
      pass: result.trackingCommentEdits <= result.trackingCommentEditBound,
    },
  ];
}
