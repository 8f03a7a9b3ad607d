// `npm run demo`: runs the bundled action end to end, offline. A temporary repository with a bare origin,
// the GitHub REST emulation and a scripted model stand in for GitHub and OpenAI; the real Codex binary
// does the work. Prints what a maintainer would see: the log, the comment, the pull request and its diff.
import { issueCommentEvent, users } from '../test/support/events.ts';
import { addFilesPatch, modelSays } from '../test/support/model-server.ts';
import { World, git } from '../test/support/world.ts';

const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};
const rule = (title: string): void => out(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);

const world = await World.create({
  event: {
    name: 'issue_comment',
    payload: issueCommentEvent({
      issue: { number: 42, title: 'The report command should speak JSON', body: 'Scripts want to parse `report` output.' },
      body: '/codex add a --json flag to the report command',
      sender: users.maintainer,
    }),
  },
  github: { permissions: { mona: 'write' } },
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
    { items: [modelSays.patch(addFilesPatch({ 'docs/report.md': '# report\n\n`node report.js --json` prints the report as JSON.\n' }))] },
    { items: [modelSays.shell('node report.js --json')] },
    { items: [modelSays.message('Added a `--json` flag to `report.js` that prints `{"status":"ok"}`, and documented it in docs/report.md.')] },
  ],
});

try {
  out('codex-task-action demo: a maintainer comments "/codex add a --json flag to the report command" on issue #42.');
  out(`Workspace: ${world.workspace} (origin: a bare repository beside it)`);
  const result = await world.run();

  rule('Action log');
  out(result.log.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n').trimEnd());
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
  process.exitCode = result.exitCode ?? 1;
} finally {
  await world.dispose();
}
