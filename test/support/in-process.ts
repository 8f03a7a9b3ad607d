// Runs the action's pipeline in this process: `run(deps)` from src/main.ts, with the environment a runner
// gives the step (the World's INPUT_*, GITHUB_* and RUNNER_* variables), real git on the World's bare origin
// and clone, the real GitHub client pointed at the World's REST emulation, and a scripted CodexSession in
// place of the Codex MCP server. Everything after Codex (changes, policy, publish, report) is the real code.
// Why the real client and the emulation rather than an in-memory GitHubClient: the emulation already behaves
// like GitHub where the action's branches depend on it (404 for a non-collaborator, 422 for a duplicate pull
// request, 403 for a push rule, faults on any route), is checked against @octokit/openapi, and a loopback
// request costs about a millisecond; a second fake would have to learn all of that and could drift from it.
// After every run it checks that no canary secret reached anything people can read (assertNoCanaryPublished).
// The Codex binary the action is pointed at is a stand-in that replays the real native binary's answers to the
// only two things the action asks it before starting a session (`--version`, `help mcp-server`), asked of the
// real binary once per process: each real answer costs ~50 ms of CPU, and every case asks both.
// Tests of one file run one after another (node:test runs a file's tests in order), which this relies on:
// process.env, process.exitCode and the step's files are the process's own.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CodexEvent } from '../../src/codex/events.ts';
import type {
  CodexSession,
  CodexSessionFactory,
  CodexSessionOptions,
  CodexTaskRequest,
  CodexTaskResult,
} from '../../src/codex/session.ts';
import { createGitHubClient } from '../../src/github.ts';
import { run } from '../../src/main.ts';
import { createGit } from '../../src/git/git.ts';
import type { World } from './world.ts';
import { CANARY, codexBinary, parseOutputs } from './world.ts';

/** One thing the scripted Codex does, in order: an event it reports, or files it writes in its copy. */
export type CodexStep =
  | { event: CodexEvent }
  /** Writes (or, with null, deletes) files relative to the work tree Codex was given. */
  | { files: Record<string, string | null> }
  /** Runs a function on the work tree, for what plain files cannot say (a symbolic link, a nested repository). */
  | { act: (workTree: string) => void };

export interface CodexScript {
  steps?: CodexStep[];
  finalMessage?: string;
  status?: CodexTaskResult['status'];
  error?: string;
  /** The session fails to start with this message (the MCP server would not come up). */
  startError?: string;
}

/** What the scripted Codex was asked: the server it was to start, each task request, whether it was closed. */
export interface CodexRecord {
  options: CodexSessionOptions[];
  requests: CodexTaskRequest[];
  closed: number;
}

/** A CodexSessionFactory that plays a script: the events go to the action's listener, the files into the copy. */
export function scriptedCodex(script: CodexScript): { startCodex: CodexSessionFactory; record: CodexRecord } {
  const record: CodexRecord = { options: [], requests: [], closed: 0 };
  const startCodex: CodexSessionFactory = async (options) => {
    record.options.push(options);
    if (script.startError) throw new Error(script.startError);
    const session: CodexSession = {
      serverName: 'scripted-codex',
      async runTask(request, onEvent) {
        record.requests.push(request);
        onEvent({ type: 'session', threadId: 'thread-scripted-1', model: request.model ?? '' });
        for (const step of script.steps ?? []) {
          if ('event' in step) onEvent(step.event);
          else if ('act' in step) step.act(request.cwd);
          else {
            for (const [file, content] of Object.entries(step.files)) {
              const target = path.join(request.cwd, file);
              if (content === null) fs.rmSync(target, { force: true });
              else {
                fs.mkdirSync(path.dirname(target), { recursive: true });
                fs.writeFileSync(target, content);
              }
            }
          }
        }
        const finalMessage = script.finalMessage ?? 'Done.';
        if ((script.status ?? 'completed') === 'completed') onEvent({ type: 'complete', finalMessage });
        return {
          status: script.status ?? 'completed',
          threadId: 'thread-scripted-1',
          finalMessage,
          error: script.error,
          usage: { input: 1200, cachedInput: 200, output: 300, total: 1500 },
        };
      },
      async close() {
        record.closed++;
      },
    };
    return session;
  };
  return { startCodex, record };
}

export interface InProcessResult {
  /** process.exitCode after the run: 1 when the action called core.setFailed. */
  exitCode: number;
  /** Everything the action wrote to stdout (the step's log). */
  log: string;
  outputs: Record<string, string>;
  summary: string;
  state: string;
  codex: CodexRecord;
  durationMs: number;
}

// @actions/core reads GITHUB_STEP_SUMMARY once and keeps the path, so every run of this process writes the
// summary to this one file, emptied before each run.
const stepFiles = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-in-process-'));
const SUMMARY_FILE = path.join(stepFiles, 'step-summary.md');
process.on('exit', () => fs.rmSync(stepFiles, { recursive: true, force: true }));

let standIn: string | undefined;

/**
 * A `codex` that answers `--version` and `help mcp-server` exactly as the native binary does (its output and
 * exit status, taken from it on first use) and fails loudly on anything else, so that a new question the
 * action asks shows up here instead of being answered wrongly. The real binary answers the same questions in
 * every end-to-end run.
 */
function codexStandIn(): string {
  if (standIn !== undefined) return standIn;
  const real = codexBinary('mcp');
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const version = execFileSync(real, ['--version'], { encoding: 'utf8' });
  const help = spawnSync(real, ['help', 'mcp-server'], { encoding: 'utf8' });
  const script = path.join(stepFiles, 'codex');
  fs.writeFileSync(
    script,
    [
      '#!/bin/sh',
      `if [ "$#" = 1 ] && [ "$1" = --version ]; then printf '%s' ${quote(version)}; exit 0; fi`,
      `if [ "$#" = 2 ] && [ "$1" = help ] && [ "$2" = mcp-server ]; then`,
      `  printf '%s' ${quote(help.stdout)}; printf '%s' ${quote(help.stderr)} >&2; exit ${help.status ?? 1}`,
      'fi',
      `echo "the in-process stand-in for ${real} answers only --version and help mcp-server, not: $*" >&2`,
      'exit 70',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  standIn = script;
  return script;
}

/**
 * Runs the pipeline in this process for the World, with `codex` scripted. The World's environment replaces
 * process.env for the run (with codexStandIn as the native Codex binary), and the
 * old one is put back afterwards, whatever happened.
 */
export async function runInProcess(
  world: World,
  codex: CodexScript = {},
  options: { env?: Record<string, string> } = {},
): Promise<InProcessResult> {
  const scripted = scriptedCodex(codex);
  const env = world.environment(
    { GITHUB_STEP_SUMMARY: SUMMARY_FILE, ...options.env },
    { 'codex-path': codexStandIn(), 'codex-server': 'native' },
  );
  fs.writeFileSync(SUMMARY_FILE, '');
  for (const file of [env.GITHUB_OUTPUT, env.GITHUB_STATE]) fs.writeFileSync(file as string, '');
  world.writeEvent();

  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  const writeStdout = process.stdout.write;
  let log = '';
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, env);
  process.chdir(world.workspace);
  process.exitCode = undefined;
  // Only text: @actions/core writes strings; the test runner's own reports go to stdout as buffers.
  process.stdout.write = function (chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string') {
      log += chunk;
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }
    return (writeStdout as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  } as typeof process.stdout.write;
  const started = Date.now();
  let exitCode: number;
  try {
    await run({
      // The retry plugin's back-off is shortened; its behaviour (which statuses it retries) is the real one.
      createGitHub: (clientOptions) => createGitHubClient({ ...clientOptions, retryBaseMs: 5 }),
      createGit,
      startCodex: scripted.startCodex,
    });
  } finally {
    exitCode = Number(process.exitCode ?? 0);
    process.stdout.write = writeStdout;
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, savedEnv);
  }
  const result: InProcessResult = {
    exitCode,
    log,
    outputs: parseOutputs(fs.readFileSync(env.GITHUB_OUTPUT as string, 'utf8')),
    summary: fs.readFileSync(SUMMARY_FILE, 'utf8'),
    state: fs.readFileSync(env.GITHUB_STATE as string, 'utf8'),
    codex: scripted.record,
    durationMs: Date.now() - started,
  };
  assertNoCanaryPublished(world, result);
  return result;
}

/**
 * Every run, whatever the test is about, must keep the run's secrets out of what people can read afterwards:
 * the log (without the `::add-mask::` lines the runner consumes), the comments, the pull requests, the outputs,
 * the job summary and the commits on origin (World.publishedText). A leak fails the test that caused it.
 */
function assertNoCanaryPublished(world: World, result: InProcessResult): void {
  const text = world.publishedText(result);
  const leaked = Object.entries(CANARY).filter(([, value]) => text.includes(value));
  assert.deepEqual(
    leaked.map(([name]) => name),
    [],
    'a secret of the run reached the log, a comment, a pull request, an output, the summary or a commit',
  );
}
