// What every measure shares: the scripted task (a patch that creates three files), worlds built with the
// end-to-end test support (bare origin, clone, event, scripted model, GitHub REST emulation) on either Codex
// path (native 0.153.4 `codex mcp-server`, or the default release through the bridge), a runner for
// dist/index.js that timestamps each log line and GitHub request and samples the peak RSS and CPU of the action
// and of the bridge it starts, a runner for bare `codex exec` with the same kind of CODEX_HOME, small statistics.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MODEL_KEY_ENV, renderCodexConfig } from '../src/codex/home.ts';
import { issueCommentEvent, users } from '../test/support/events.ts';
import type { ScriptedTurn } from '../test/support/model-server.ts';
import { addFilesPatch, modelSays } from '../test/support/model-server.ts';
import type { WorldOptions } from '../test/support/world.ts';
import {
  CANARY,
  DIST_ENTRY,
  World,
  codexBinary,
  codexFlavour,
  parseOutputs,
  runnerNode,
} from '../test/support/world.ts';

export const TASK = 'add three files';
export const CREATED_FILES = ['bench/one.txt', 'bench/two.txt', 'bench/three.txt'];
/** The stages main.ts times, in pipeline order; other stage lines the action logs are kept too. */
export const STAGE_NAMES = [
  'Prepare the workspace',
  'Copy the checkout for Codex',
  'Codex',
  'Collect the changes',
  'Bring the change into the checkout',
  'Publish (pull-request)',
] as const;
/** The stages that are the action's own work (everything but Codex itself). */
export const OWN_STAGES = [
  'Prepare the workspace',
  'Copy the checkout for Codex',
  'Collect the changes',
  'Bring the change into the checkout',
  'Publish (pull-request)',
] as const;

/** The scripted task: one model turn applies a patch creating three files, the next one says it is done. */
export function threeFileTurns(): ScriptedTurn[] {
  return [
    {
      items: [
        modelSays.patch(
          addFilesPatch({ [CREATED_FILES[0]!]: 'one\n', [CREATED_FILES[1]!]: 'two\n', [CREATED_FILES[2]!]: 'three\n' }),
        ),
      ],
    },
    { items: [modelSays.message('Added three files.')] },
  ];
}

/**
 * The two ways the action talks to Codex: `native` is 0.153.4's own `codex mcp-server`; `bridge` is the default
 * release (0.169.0, no mcp-server) through dist/mcp-server.js over `codex app-server`, what most users run.
 */
export type CodexPath = 'native' | 'bridge';
export const CODEX_PATHS: readonly CodexPath[] = ['native', 'bridge'];

/** The Codex binary of a path (bare `codex exec` runs the same one). */
export const binaryOf = (codexPath: CodexPath): string => codexBinary(codexPath === 'native' ? 'mcp' : 'latest');

/**
 * A `/codex <task>` comment by a maintainer with write permission on issue 42, run on `codexPath` (whatever
 * CTA_CODEX_FLAVOUR says: the benchmark chooses the binary itself).
 */
export function happyWorldOptions(
  turns: ScriptedTurn[] = threeFileTurns(),
  body = `/codex ${TASK}`,
  inputs: Record<string, string> = {},
  codexPath: CodexPath = 'native',
): WorldOptions {
  return {
    inputs: { ...codexFlavour(codexPath).inputs, ...inputs },
    event: {
      name: 'issue_comment',
      payload: issueCommentEvent({
        issue: { number: 42, title: 'Benchmark', body: 'Measure the action.' },
        body,
        sender: users.maintainer,
      }),
    },
    github: { permissions: { mona: 'write' }, issues: [{ number: 42, title: 'Benchmark' }] },
    modelTurns: turns,
  };
}

let actionEntry = DIST_ENTRY;

/** The chunk imports of every .js file under `dir` that point at a file that is not there. */
function missingImports(dir: string): string[] {
  const missing: string[] = [];
  for (const file of fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))) {
    const full = path.join(dir, file);
    // esbuild names chunks `<name>-<8 character hash>.js`; other strings that look like imports (in bundled
    // libraries' text) are not checked.
    for (const match of fs
      .readFileSync(full, 'utf8')
      .matchAll(/(?:from\s*|import\s*\(\s*)["'](\.{1,2}\/(?:[\w-]+\/)*[\w-]+-[A-Z0-9]{8}\.js)["']/g)) {
      const target = path.resolve(path.dirname(full), match[1] as string);
      if (!fs.existsSync(target)) missing.push(`${file} -> ${match[1]}`);
    }
  }
  return missing;
}

/**
 * Copies dist/ (entry, chunks, the bridge) into `dir` and runs that copy from now on, so that a rebuild
 * of dist/ during the bench cannot change or break the runs. A rebuild empties dist/ first, so the copy is
 * retried (for up to a minute) until it is complete: the entry is there and every relative import resolves.
 * Returns the copied entry.
 */
export async function snapshotDist(dir: string, source = path.dirname(DIST_ENTRY)): Promise<string> {
  const target = path.join(dir, 'dist');
  let problem = '';
  for (let attempt = 0; attempt < 120; attempt++) {
    fs.rmSync(target, { recursive: true, force: true });
    try {
      fs.cpSync(source, target, { recursive: true });
      const missing = fs.existsSync(path.join(target, path.basename(DIST_ENTRY)))
        ? missingImports(target)
        : [path.basename(DIST_ENTRY)];
      if (missing.length === 0) {
        actionEntry = path.join(target, path.basename(DIST_ENTRY));
        return actionEntry;
      }
      problem = `missing ${missing.slice(0, 3).join(', ')}`;
    } catch (error) {
      problem = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Could not take a complete copy of ${source} (${problem}); run npm run build.`);
}

/** Runs `entry` from now on (dist/index.js again after a bench run removed its snapshot). */
export function useActionEntry(entry: string = DIST_ENTRY): void {
  actionEntry = entry;
}

/** The entry runAction starts: dist/index.js, or its snapshot. */
export function currentActionEntry(): string {
  return actionEntry;
}

export interface TimedLine {
  /** Milliseconds since the process was spawned. */
  t: number;
  text: string;
}

export interface TimedRequest {
  t: number;
  method: string;
  path: string;
}

export interface ActionRun {
  /** Date.now() when the process was spawned (to line up timestamps taken by other processes). */
  spawnedAtEpochMs: number;
  exitCode: number | null;
  wallMs: number;
  log: string;
  lines: TimedLine[];
  /** `<Stage>: <N> ms` lines that close a log group, by stage name. */
  stages: Record<string, number>;
  outputs: Record<string, string>;
  requests: TimedRequest[];
  /** From the action's own `::debug::peak RSS of the action: N MiB` line (process.resourceUsage().maxRSS). */
  debugPeakRssMiB: number | undefined;
  /** Highest VmHWM read from /proc/<pid>/status while the process ran. */
  sampledPeakRssMiB: number | undefined;
  /** The same for the bridge (a child running dist/mcp-server.js), when the action started one. */
  bridgePeakRssMiB: number | undefined;
  /** The highest VmRSS of the action and the bridge added up at one sample (what they held at once). */
  combinedRssMiB: number | undefined;
  /** CPU time (user + system) of the action and of the bridge, from /proc/<pid>/stat at the last sample. */
  actionCpuMs: number | undefined;
  bridgeCpuMs: number | undefined;
}

export interface RunActionOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  /** How often to read /proc/<pid>/status (ms); 0 turns sampling off. */
  rssSampleMs?: number;
  /** Sets RUNNER_DEBUG=1 so the `::debug::` lines (peak RSS) are written; default true. */
  debug?: boolean;
  /** Node options that NODE_OPTIONS does not take (such as --trace-gc), put before the entry. */
  nodeArgs?: string[];
  /** Another entry than the (snapshot of) dist/index.js, such as a patched copy. */
  entry?: string;
}

const STAGE_LINE = /^(.{1,80}): (\d+) ms$/;
const PEAK_LINE = /^::debug::peak RSS of the action: (\d+) MiB$/;

/** Runs dist/index.js in the world the way a runner does (by default with RUNNER_DEBUG=1 so the debug lines appear). */
export async function runAction(world: World, options: RunActionOptions = {}): Promise<ActionRun> {
  const requests: TimedRequest[] = [];
  const recorded = world.github.requests;
  const originalPush = recorded.push;
  let started = performance.now();
  // Timestamp each request the emulation records (it keeps no time of its own).
  recorded.push = function (this: typeof recorded, ...items: typeof recorded) {
    for (const item of items) requests.push({ t: performance.now() - started, method: item.method, path: item.path });
    return originalPush.apply(this, items);
  };
  const env = world.environment({ ...(options.debug === false ? {} : { RUNNER_DEBUG: '1' }), ...options.env });
  started = performance.now();
  const spawnedAtEpochMs = Date.now();
  const child = spawn(runnerNode(), [...(options.nodeArgs ?? []), options.entry ?? actionEntry], {
    cwd: world.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: TimedLine[] = [];
  let pending = '';
  const take = (chunk: Buffer): void => {
    const t = performance.now() - started;
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const text of parts) lines.push({ t, text });
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const action = new ProcessSampler();
  const bridge = new ProcessSampler();
  let bridgePid: number | undefined;
  let combinedKiB = 0;
  const sample = (): void => {
    const actionRss = action.sample(child.pid);
    bridgePid ??= bridgeChildOf(child.pid);
    const bridgeRss = bridgePid ? bridge.sample(bridgePid) : 0;
    combinedKiB = Math.max(combinedKiB, actionRss + bridgeRss);
  };
  const sampler = (options.rssSampleMs ?? 25) > 0 ? setInterval(sample, options.rssSampleMs ?? 25) : undefined;
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  if (sampler) clearInterval(sampler);
  recorded.push = originalPush;
  if (pending) lines.push({ t: wallMs, text: pending });

  const stages: Record<string, number> = {};
  let debugPeakRssMiB: number | undefined;
  for (const [index, { text }] of lines.entries()) {
    // main.ts closes each stage's group and then logs `<Stage>: <N> ms`.
    const stage = index > 0 && lines[index - 1]?.text === '::endgroup::' ? STAGE_LINE.exec(text) : null;
    if (stage) stages[stage[1] as string] = Number(stage[2]);
    const peak = PEAK_LINE.exec(text);
    if (peak) debugPeakRssMiB = Number(peak[1]);
  }
  const outputPath = path.join(world.dir, 'github-output');
  return {
    spawnedAtEpochMs,
    exitCode,
    wallMs,
    log: lines.map((line) => line.text).join('\n'),
    lines,
    stages,
    outputs: fs.existsSync(outputPath) ? parseOutputs(fs.readFileSync(outputPath, 'utf8')) : {},
    requests,
    debugPeakRssMiB,
    sampledPeakRssMiB: action.peakMiB(),
    bridgePeakRssMiB: bridge.peakMiB(),
    combinedRssMiB: combinedKiB > 0 ? combinedKiB / 1024 : undefined,
    actionCpuMs: action.cpuMs(),
    bridgeCpuMs: bridge.cpuMs(),
  };
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux for x86 and arm). */
const USER_HZ = 100;

/** Reads one process's VmHWM, VmRSS and CPU time from /proc, keeping the highest and the last values seen. */
class ProcessSampler {
  private hwmKiB = 0;
  private cpuTicks: number | undefined;

  /** Returns the current VmRSS in KiB (0 once the process is gone). */
  sample(pid: number | undefined): number {
    if (!pid) return 0;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after its ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      this.cpuTicks = Number(fields[11]) + Number(fields[12]);
      this.hwmKiB = Math.max(this.hwmKiB, Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0));
      return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
    } catch {
      return 0; // The process has exited.
    }
  }

  peakMiB(): number | undefined {
    return this.hwmKiB > 0 ? this.hwmKiB / 1024 : undefined;
  }

  cpuMs(): number | undefined {
    return this.cpuTicks === undefined ? undefined : (this.cpuTicks * 1000) / USER_HZ;
  }
}

/** The pid of the action's child that runs the bridge (`node …/mcp-server.js`), if it has started one. */
function bridgeChildOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    for (const child of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean)) {
      if (
        fs
          .readFileSync(`/proc/${child}/cmdline`, 'utf8')
          .split('\0')
          .some((arg) => arg.endsWith('mcp-server.js'))
      )
        return Number(child);
    }
  } catch {
    // The process has exited, or this kernel has no children file: no bridge figures.
  }
  return undefined;
}

/** A process that ran during an action run, in ms since the action was spawned. */
export interface Span {
  startMs: number;
  endMs: number;
  exit: string;
  parent: string;
  command: string;
}

interface Trace2Event {
  event: string;
  sid: string;
  time: string;
  t_abs?: number;
  argv?: string[];
  ancestry?: string[];
  code?: number;
}

/** Git processes from a trace2 event file (one line of JSON per event, from every git that ran): start and end (ms since spawn), command without `-c` pairs, parent. */
export function readTrace2(file: string, run: ActionRun): Span[] {
  if (!fs.existsSync(file)) return [];
  const bySid = new Map<
    string,
    { start?: number; durationMs?: number; command?: string; parent?: string; code?: number }
  >();
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!text) continue;
    const event = JSON.parse(text) as Trace2Event;
    if (event.sid.includes('/')) continue; // a git started by another git
    const entry = bySid.get(event.sid) ?? {};
    if (event.event === 'start') {
      entry.start =
        Date.parse(event.time) + Number(/\.\d{3}(\d{3})Z$/.exec(event.time)?.[1] ?? 0) / 1000 - run.spawnedAtEpochMs;
      const argv = event.argv ?? [];
      const args: string[] = [];
      for (let i = 1; i < argv.length; i++) {
        if (argv[i] === '-c') i++;
        else args.push(argv[i] as string);
      }
      entry.command = `git ${args.join(' ').replace(/\s+/g, ' ')}`;
    }
    if (event.event === 'cmd_ancestry') entry.parent = event.ancestry?.[0];
    if (event.event === 'exit') {
      entry.durationMs = (event.t_abs ?? 0) * 1000;
      entry.code = event.code;
    }
    bySid.set(event.sid, entry);
  }
  return [...bySid.values()]
    .filter((entry) => entry.start !== undefined && entry.durationMs !== undefined)
    .map((entry) => ({
      startMs: entry.start as number,
      endMs: (entry.start as number) + (entry.durationMs as number),
      exit: String(entry.code),
      parent: entry.parent ?? '?',
      command: entry.command ?? 'git',
    }));
}

/**
 * A HOME whose .gitconfig turns on git's trace2 events into `traceFile`: the action keeps GIT_* variables
 * away from git, but git still reads the global config of HOME. Returns the environment to run the action with.
 */
export function gitTraceHome(dir: string, traceFile: string): Record<string, string> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.gitconfig'), `[trace2]\n\teventTarget = ${traceFile}\n`);
  return { HOME: dir };
}

/** The git commands the action itself ran (not Codex), from a trace2 file. */
export function actionGitCommands(traceFile: string, run: ActionRun): Span[] {
  return readTrace2(traceFile, run).filter((span) => span.parent === 'MainThread' || span.parent === 'node');
}

/** Throws with the log's tail when a run did not open the pull request it should have. */
export function expectPullRequest(run: ActionRun, what: string): void {
  if (run.exitCode !== 0 || run.outputs.conclusion !== 'pull-request') {
    throw new Error(
      `${what}: expected a pull request, got exit ${run.exitCode}, conclusion '${run.outputs.conclusion ?? ''}'.\n${run.log.split('\n').slice(-30).join('\n')}`,
    );
  }
}

export interface BareRun {
  exitCode: number | null;
  wallMs: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the same task as bare `codex exec` (the binary of the path measured) in the world's checkout, with a
 * CODEX_HOME written by the action's own renderer: custom provider at the scripted model, workspace-write
 * sandbox, approvals never, network off; and the world's HOME, as the action's Codex has.
 */
export async function runBareCodex(world: World, prompt = TASK, binary = codexBinary('mcp')): Promise<BareRun> {
  const codexHome = path.join(world.dir, 'bare-codex-home');
  fs.rmSync(codexHome, { recursive: true, force: true });
  fs.mkdirSync(codexHome, { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    path.join(codexHome, 'config.toml'),
    renderCodexConfig({
      baseUrl: world.model.baseUrl,
      model: 'gpt-5.5',
      sandbox: 'workspace-write',
      networkAccess: false,
      copy: {
        workTree: world.workspace,
        gitDir: path.join(world.workspace, '.git'),
        tmpDir: path.join(world.dir, 'bare-codex-tmp'),
      },
    }),
  );
  fs.mkdirSync(path.join(world.dir, 'bare-codex-tmp'), { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // The world's HOME, the one the action's run gets (a runner's, empty): with the developer's, every command
    // Codex runs in a login shell would source their profile (a version manager's init: seconds of CPU each).
    HOME: world.home,
    LANG: 'C.UTF-8',
    CODEX_HOME: codexHome,
    [MODEL_KEY_ENV]: CANARY.openaiKey,
  };
  const args = [
    'exec',
    '--skip-git-repo-check',
    '--sandbox',
    'workspace-write',
    '-c',
    'approval_policy="never"',
    '--cd',
    world.workspace,
    '--json',
    prompt,
  ];
  const started = performance.now();
  const child = spawn(binary, args, { cwd: world.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  return { exitCode, wallMs: performance.now() - started, stdout, stderr };
}

/** Throws when bare Codex did not create the three files. */
export function expectFilesCreated(world: World, run: BareRun): void {
  const missing = CREATED_FILES.filter((file) => !fs.existsSync(path.join(world.workspace, file)));
  if (run.exitCode !== 0 || missing.length > 0)
    throw new Error(
      `bare codex exec: exit ${run.exitCode}, missing ${missing.join(', ') || 'nothing'}.\n${run.stderr.slice(-1500)}`,
    );
}

export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const low = Math.floor(pos);
  const high = Math.ceil(pos);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (pos - low);
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

export const round = (value: number, digits = 0): number => Math.round(value * 10 ** digits) / 10 ** digits;

export function formatSpread(s: Spread, unit: 'ms' | 's' = 'ms'): string {
  const f = (v: number): string => (unit === 's' ? (v / 1000).toFixed(2) : String(Math.round(v)));
  return `${f(s.median)} ${unit} (min ${f(s.min)}, IQR ${f(s.q1)}–${f(s.q3)}, max ${f(s.max)}, n=${s.n})`;
}

export async function withWorld<T>(options: WorldOptions, work: (world: World) => Promise<T>): Promise<T> {
  const world = await World.create(options);
  try {
    return await work(world);
  } finally {
    await world.dispose();
  }
}

/** A target check as the bench prints and records it: the figure, the target, and whether it was met. */
export interface Check {
  name: string;
  figure: string;
  target: string;
  pass: boolean;
}
