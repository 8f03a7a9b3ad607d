// `npm run demo`: runs the bundled action end to end, offline, on its default path: the default Codex release
// through the action's MCP bridge over `codex app-server`. A temporary repository with a bare origin, the GitHub
// REST emulation and a scripted model stand in for GitHub and OpenAI; the real Codex binary does the work.
// Prints what a maintainer would see: the log (without ::debug:: lines unless `-- --debug`), the comment, the
// pull request and its diff, and ends with the same "what the emulated GitHub saw" summary as local-action.
import { parse } from 'yaml';
import fs from 'node:fs';
import path from 'node:path';
import { issueCommentEvent, users } from '../test/support/events.ts';
import { addFilesPatch, modelSays } from '../test/support/model-server.ts';
import { PROJECT_ROOT, World, codexFlavour, git } from '../test/support/world.ts';
import { whatGitHubSaw } from './what-github-saw.ts';

const args = process.argv.slice(2);
const unknownArgs = args.filter((arg) => arg !== '--debug');
if (unknownArgs.length > 0) {
  process.stderr.write(`Unknown argument(s): ${unknownArgs.join(' ')}. Usage: npm run demo [-- --debug]\n`);
  process.exit(2);
}
const showDebug = args.includes('--debug');
const defaultCodexVersion = String(
  (
    parse(fs.readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: unknown }>;
    }
  ).inputs['codex-version']?.default,
);
// The dev dependency `codex-latest` is the release the action installs by default; the bridge flavour runs it with codex-server auto.
const defaultPath = codexFlavour('bridge');
const installedVersion = String(
  (
    JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules/codex-latest/package.json'), 'utf8')) as {
      version: unknown;
    }
  ).version,
);
if (installedVersion !== defaultCodexVersion) {
  process.stderr.write(
    `The demo's Codex is ${installedVersion}, but action.yml's default codex-version is ${defaultCodexVersion}; update the codex-latest dev dependency.\n`,
  );
  process.exit(1);
}

const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};
const rule = (title: string): void => out(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);

const world = await World.create({
  event: {
    name: 'issue_comment',
    payload: issueCommentEvent({
      issue: {
        number: 42,
        title: 'The report command should speak JSON',
        body: 'Scripts want to parse `report` output.',
      },
      body: '/codex add a --json flag to the report command',
      sender: users.maintainer,
    }),
  },
  github: { permissions: { mona: 'write' } },
  inputs: { ...defaultPath.inputs },
  files: {
    'README.md': '# octo-repo\n\nRun `node report.js` for a report.\n',
    'report.js': 'const args = process.argv.slice(2);\nconsole.log("status: ok");\n',
  },
  modelTurns: [
    { items: [modelSays.shell('cat report.js')] },
    {
      items: [
        modelSays.patch(
          '*** Begin Patch\n*** Update File: report.js\n@@\n const args = process.argv.slice(2);\n-console.log("status: ok");\n+if (args.includes("--json")) {\n+  console.log(JSON.stringify({ status: "ok" }));\n+} else {\n+  console.log("status: ok");\n+}\n*** End Patch\n',
        ),
      ],
    },
    {
      items: [
        modelSays.patch(
          addFilesPatch({ 'docs/report.md': '# report\n\n`node report.js --json` prints the report as JSON.\n' }),
        ),
      ],
    },
    { items: [modelSays.shell('node report.js --json')] },
    {
      items: [
        modelSays.message(
          'Added a `--json` flag to `report.js` that prints `{"status":"ok"}`, and documented it in docs/report.md.',
        ),
      ],
    },
  ],
});

try {
  out('codex-task-action demo: a maintainer comments "/codex add a --json flag to the report command" on issue #42.');
  out(
    `Codex ${installedVersion} (the default codex-version) through the action's MCP bridge, as a workflow with default inputs runs it.`,
  );
  out(
    'The model is scripted: a local server replays five fixed turns instead of calling OpenAI, so no key is needed and nothing leaves this machine.',
  );
  out(`Workspace: ${world.workspace} (origin: a bare repository beside it)`);
  const result = await world.run();

  rule('Action log');
  const hidden = (line: string): boolean =>
    line.startsWith('::add-mask::') || (!showDebug && line.startsWith('::debug::'));
  const lines = result.log.split('\n');
  out(
    lines
      .filter((line) => !hidden(line))
      .join('\n')
      .trimEnd(),
  );
  const debugLines = lines.filter((line) => line.startsWith('::debug::')).length;
  if (!showDebug && debugLines > 0) out(`(${debugLines} ::debug:: lines hidden; npm run demo -- --debug shows them)`);
  rule(`Exit code ${result.exitCode}; outputs`);
  for (const [name, value] of Object.entries(result.outputs)) out(`${name}: ${value}`);

  rule('Comment on issue #42');
  out(world.actionComments()[0]?.body ?? '(none)');

  const pull = world.github.pulls[0];
  if (pull) {
    rule(`Pull request #${pull.number}: ${pull.title}`);
    out(`${pull.head} → ${pull.base}\n`);
    out(pull.body);
    rule('The diff on origin');
    out(git(world.origin, 'show', '--stat', '--patch', '--format=commit %H%nAuthor: %an <%ae>%n%n%B', pull.head));
  }
  out('');
  for (const line of whatGitHubSaw(world, 42)) out(line);
  process.exitCode = result.exitCode ?? 1;
} finally {
  await world.dispose();
}
