// `npm run local-action`: one run of the action under @github/local-action, offline. It starts the GitHub
// REST emulation and a scripted model server on 127.0.0.1 (test/support), builds a temporary repository
// with a bare origin, writes <dir>/.env from .env.example with the live URLs and paths filled in, and runs
//   local-action run <this repository> src/main.ts <dir>/.env
// which imports src/main.ts through tsx with @actions/core, github, artifact and cache replaced by its
// stubs, and calls its exported run(). Then it stops both servers, writes what the emulated GitHub saw to
// <dir>/github.json and prints where to look. The directory is kept; `--clean` deletes it.
// Inputs and other variables are overridden without editing a tracked file: `--input mode=patch` on the command
// line, or KEY=value lines (INPUT_MODE=patch) in a `.env` at the repository's root, which git ignores; the
// command line wins over `.env`, and both over .env.example.
//   node --import tsx scripts/local-action.ts [--clean] [--input <name>=<value>]...
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueCommentEvent, users } from '../test/support/events.ts';
import { addFilesPatch, modelSays } from '../test/support/model-server.ts';
import { PROJECT_ROOT, World, codexBinary, git } from '../test/support/world.ts';
import { INPUT_NAMES } from '../src/settings.ts';
import { whatGitHubSaw } from '../demo/what-github-saw.ts';

const ENV_EXAMPLE = path.join(PROJECT_ROOT, '.env.example');
/** The maintainer's own overrides, gitignored. */
const LOCAL_ENV = path.join(PROJECT_ROOT, '.env');
const USAGE = 'Usage: npm run local-action [-- [--clean] [--input <name>=<value>]...]';
const LOCAL_ACTION_BIN = path.join(PROJECT_ROOT, 'node_modules/@github/local-action/bin/local-action.js');
/** The entry local-action imports: it must export run(). src/index.ts calls run() at import; src/main.ts only exports it. */
const ENTRYPOINT = 'src/main.ts';
const REQUEST = 'make greet.js take a name and document it';
/** Variables of the calling shell that must not reach the action: .env decides all of them. */
const RUNNER_VARIABLE = /^(GITHUB_|INPUT_|ACTIONS_|RUNNER_|LOCAL_ACTION_|CODEX_|OPENAI_)/;

/** KEY=value lines of a dotenv text (comments and blank lines skipped; values used as written). */
export function parseDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([\w.-]+)\s*=(.*)$/.exec(line);
    if (match) values.set(match[1] as string, (match[2] as string).trim());
  }
  return values;
}

/** The template with every {{name}} outside comments replaced; throws naming any placeholder it has no value for. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const unknown = new Set<string>();
  const fill = (line: string): string =>
    line.replace(/\{\{([\w-]+)\}\}/g, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) unknown.add(name);
      return value ?? whole;
    });
  const filled = template
    .split('\n')
    .map((line) => (line.trimStart().startsWith('#') ? line : fill(line)))
    .join('\n');
  if (unknown.size > 0)
    throw new Error(`.env.example has placeholder(s) this script does not fill: ${[...unknown].join(', ')}.`);
  return filled;
}

export interface Arguments {
  clean: boolean;
  /** INPUT_<NAME> variables from `--input name=value`. */
  inputs: Map<string, string>;
}

/** The command line; throws a message naming the bad argument and what is accepted. */
export function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = { clean: false, inputs: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--clean') {
      parsed.clean = true;
      continue;
    }
    const assignment =
      arg === '--input' ? args[++i] : arg.startsWith('--input=') ? arg.slice('--input='.length) : undefined;
    if (assignment === undefined) throw new Error(`Unknown argument '${arg}'. ${USAGE}`);
    const match = /^([\w-]+)=([\s\S]*)$/.exec(assignment);
    if (!match) throw new Error(`--input takes <name>=<value>, such as --input mode=patch; got '${assignment}'.`);
    const name = (match[1] as string).toLowerCase();
    if (!(INPUT_NAMES as readonly string[]).includes(name))
      throw new Error(`'${name}' is not an input of action.yml; inputs: ${INPUT_NAMES.join(', ')}.`);
    parsed.inputs.set(`INPUT_${name.toUpperCase()}`, match[2] as string);
  }
  return parsed;
}

/** The dotenv text with each override's line replaced, or appended when the text has no such variable. */
export function applyOverrides(text: string, overrides: ReadonlyMap<string, string>): string {
  let result = text;
  const appended: string[] = [];
  for (const [name, value] of overrides) {
    const line = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=.*$`, 'm');
    if (line.test(result)) result = result.replace(line, () => `${name}=${value}`);
    else appended.push(`${name}=${value}`);
  }
  return appended.length > 0
    ? `${result.trimEnd()}\n\n# Overrides (the command line and .env)\n${appended.join('\n')}\n`
    : result;
}

const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

async function main(args: string[]): Promise<number> {
  let parsed: Arguments;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (!fs.existsSync(LOCAL_ACTION_BIN)) {
    console.error('@github/local-action is not installed; run npm ci.');
    return 1;
  }
  const template = fs.readFileSync(ENV_EXAMPLE, 'utf8');
  const example = parseDotenv(template);
  const eventName = example.get('GITHUB_EVENT_NAME');
  if (eventName !== 'issue_comment') {
    console.error(
      `.env.example has GITHUB_EVENT_NAME=${eventName ?? ''}; this script writes an issue_comment event, so keep it.`,
    );
    return 1;
  }

  // The scenario: a maintainer asks on issue #42; the scripted model reads a file, changes it, adds one and finishes.
  const world = await World.create({
    event: {
      name: 'issue_comment',
      payload: issueCommentEvent({
        issue: { number: 42, title: 'Greet by name', body: 'The greeting should say who it greets.' },
        body: `/codex ${REQUEST}`,
        sender: users.maintainer,
      }),
    },
    // The emulation accepts exactly the token the .env sends.
    github: { token: example.get('INPUT_GITHUB-TOKEN'), permissions: { [users.maintainer.login]: 'write' } },
    files: { 'README.md': '# octo-repo\n', 'greet.js': 'console.log("Hello!");\n' },
    modelTurns: [
      { items: [modelSays.shell('cat greet.js')] },
      {
        items: [
          modelSays.patch(
            '*** Begin Patch\n*** Update File: greet.js\n@@\n-console.log("Hello!");\n+const name = process.argv[2] ?? "world";\n+console.log(`Hello, ${name}!`);\n*** End Patch\n',
          ),
        ],
      },
      {
        items: [
          modelSays.patch(
            addFilesPatch({ 'docs/greet.md': '# greet\n\n`node greet.js mona` prints `Hello, mona!`.\n' }),
          ),
        ],
      },
      { items: [modelSays.message('`greet.js` now takes a name (default "world"); documented in docs/greet.md.')] },
    ],
  });

  const envFile = path.join(world.dir, '.env');
  let exitCode: number | null = null;
  let mode = 'pull-request';
  try {
    const filled = fillPlaceholders(template, {
      dir: world.dir,
      'model-base-url': world.model.baseUrl,
      'github-api-url': world.github.url,
      'codex-path': codexBinary('mcp'),
      'head-sha': git(world.workspace, 'rev-parse', 'HEAD'),
    });
    const overrides = new Map<string, string>();
    if (fs.existsSync(LOCAL_ENV))
      for (const [name, value] of parseDotenv(fs.readFileSync(LOCAL_ENV, 'utf8'))) overrides.set(name, value);
    for (const [name, value] of parsed.inputs) overrides.set(name, value);
    if (overrides.size > 0)
      out(
        `Overrides (${fs.existsSync(LOCAL_ENV) ? '.env and ' : ''}the command line): ${[...overrides.keys()].join(', ')}`,
      );
    const env = parseDotenv(applyOverrides(filled, overrides));
    fs.writeFileSync(envFile, applyOverrides(filled, overrides));
    mode = env.get('INPUT_MODE') || mode;
    for (const name of ['LOCAL_ACTION_ARTIFACT_PATH', 'LOCAL_ACTION_CACHE_PATH', 'RUNNER_TEMP']) {
      const dir = env.get(name);
      if (dir) fs.mkdirSync(dir, { recursive: true });
    }

    out(`local-action: issue_comment "${REQUEST}" on issue #42 (mode ${mode}), in ${world.dir}`);
    out(`$ local-action run ${PROJECT_ROOT} ${ENTRYPOINT} ${envFile}\n`);
    const shell = Object.fromEntries(Object.entries(process.env).filter(([name]) => !RUNNER_VARIABLE.test(name)));
    // Asynchronous on purpose: the emulation and the model server answer from this process while the action runs.
    const child = spawn(process.execPath, [LOCAL_ACTION_BIN, 'run', PROJECT_ROOT, ENTRYPOINT, envFile], {
      cwd: PROJECT_ROOT,
      env: shell,
      stdio: 'inherit',
    });
    exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  } finally {
    await Promise.all([world.model.stop(), world.github.stop()]);
  }

  const recorded = {
    comments: world.github.comments,
    pulls: world.github.pulls,
    reactions: world.github.reactions,
    requests: world.github.requests.map((request) => `${request.method} ${request.path}`),
  };
  fs.writeFileSync(path.join(world.dir, 'github.json'), `${JSON.stringify(recorded, null, 2)}\n`);
  const pull = world.github.pulls[0];
  const reply = world.actionComments()[0];

  out(`\nlocal-action exited with ${exitCode ?? 'a signal'}.\n`);
  for (const line of whatGitHubSaw(world, 42)) out(line);
  if (parsed.clean) {
    fs.rmSync(world.dir, { recursive: true, force: true });
    out(`\n(--clean: deleted ${world.dir})`);
  } else {
    out('\n━━━ Where to look');
    out(`  ${envFile}  the environment the action ran with`);
    out(
      `  ${path.join(world.dir, 'github.json')}  comments, pull requests, reactions and requests the emulation recorded`,
    );
    out(`  ${world.origin}  the bare origin: git --git-dir ${world.origin} log --all --stat`);
    out(`  ${path.join(world.dir, 'step-summary.md')}  the job summary`);
    out(`  ${path.join(world.dir, 'runner-temp')}  the patch file (the patch-path output)`);
    out(`  ${path.join(world.dir, 'local-action/artifacts')}  the patch artifact, when the patch was not published`);
    out(`Delete ${world.dir} when done, or pass --clean next time.`);
  }
  // local-action exits 0 even when the action calls setFailed, so success is what a maintainer would check:
  // a reply on the issue that is not a failure, and in pull-request mode a pull request.
  const succeeded =
    exitCode === 0 &&
    reply !== undefined &&
    !reply.body.includes('❌') &&
    (mode !== 'pull-request' || pull !== undefined);
  if (!succeeded) console.error('\nThe run did not succeed: see the reply above and the log of the action.');
  return succeeded ? 0 : 1;
}

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
