// Proves that nothing the agent or a requester says can act. In the runner's log, no line they wrote is read
// as a workflow command (`::add-mask::`, `::stop-commands::`, `::warning::` after spaces, the legacy
// `##[set-output]`, a `\r` that starts a new line). In the pull request, the comments and the job summary,
// their text is shown as text: no image or HTML that GitHub would fetch when the page is viewed, no HTML
// comment forging the action's markers, no closing keyword but the action's own `Closes #42`, no mention.
// And a "working" marker in someone else's comment, or with a link that is not a run of this repository,
// does not make the action say that another run is working.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { runnerCommands } from '../support/runner-commands.ts';
import { assertNothingLeaked, runWithCanaries, world } from './helpers.ts';

const MARKER = '<!-- codex-task-action -->';
const issue = { number: 42, title: 'Tidy up', body: 'Please tidy the repository.' };

/** Every line of hostile text carries PWN, so a command the runner would take from it can be told apart. */
const commandLines = [
  '::add-mask::PWN-mask',
  '::stop-commands::PWN-stop',
  '  ::warning::PWN-warning',
  '##[set-output name=x]PWN-legacy',
  'text then ##[add-mask]PWN-legacy-mid',
];

/** What GitHub would fetch, hide, close or notify, each kind once. */
const activeMarkdown = [
  '![inline](https://evil.example/inline.png?d=PWN)',
  '![reference][r]',
  '[r]: https://evil.example/reference.png',
  '<img src="https://evil.example/img.png">',
  '<picture><source srcset="https://evil.example/source.png"></picture>',
  '<video poster="https://evil.example/poster.png"></video> <audio src="https://evil.example/a.mp3"></audio>',
  '<iframe src="https://evil.example/frame"></iframe> <object data="https://evil.example/o.svg"></object> <embed src="https://evil.example/e.svg">',
  '<svg><image href="https://evil.example/svg.png"/></svg> <input type="image" src="https://evil.example/input.png">',
  '<div style="background:url(https://evil.example/bg.png)">styled</div>',
  `${MARKER}\n<!-- codex-task-action:working https://evil.example/forged-run -->`,
  'Closes #7 and fixes other-org/repo#2.',
  'Thanks @someone for the report.',
];

const finalMessage = [
  'Tidied up. PWN-message',
  ...commandLines,
  'a carriage return\r::add-mask::PWN-message-cr',
  ...activeMarkdown,
].join('\n');

/** The hostile output of a failing command, with a \r that the runner reads as a line break. */
const printsCommands = `printf '%s\\n' ${commandLines.map((line) => `'${line}'`).join(' ')}; printf 'progress\\r::add-mask::PWN-cr\\n'; exit 3`;

/** Commands the action itself writes; anything else the runner would take is the attacker's. */
const OWN_COMMANDS = new Set(['add-mask', 'warning', 'error', 'debug', 'notice', 'group', 'endgroup']);

/** Every line the runner would take as a command that the action did not write: it carries PWN, or is of a kind the action never writes. */
function foreignCommands(log: string): string[] {
  return runnerCommands(log)
    .filter(
      (command) =>
        command.form === 'legacy' ||
        !OWN_COMMANDS.has(command.name) ||
        command.data.trimStart().startsWith('PWN') ||
        (command.name === 'add-mask' && command.data.includes('PWN')),
    )
    .map((command) => `${command.form} ${command.name}: ${JSON.stringify(command.line)}`);
}

/**
 * What in a published markdown text acts: HTML other than the action's own tags and markers, an image, a link
 * reference definition, a mention of @someone, and any closing reference except the action's own `Closes #42`.
 */
function activeConstructs(markdown: string): string[] {
  const own = markdown
    .replaceAll(MARKER, '')
    .replace(/<!-- codex-task-action:working https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/\d+ -->/g, '')
    .replace(/<\/?(details|summary|sub)>/g, '');
  const found: string[] = [];
  const patterns = [
    /<[A-Za-z!/?][^\n]{0,40}/g,
    /!\[[^\n]{0,40}/g,
    /^[ \t>]*\[[^\]\n]+\]:[^\n]*/gm,
    /(?<![A-Za-z0-9_])@someone/g,
    /(close[sd]?|fix(?:e[sd])?|resolve[sd]?)[\s:*_~`[\]()<>]{0,16}(#\d+|[\w.-]+\/[\w.-]+#\d+|https?:\/\/\S+)/gi,
  ];
  for (const pattern of patterns)
    for (const match of own.matchAll(pattern)) if (match[0] !== 'Closes #42') found.push(match[0]);
  return found;
}

describe("the agent's words in the log", () => {
  it("no line from the task, Codex's message, its commands or their output is a runner command", async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue,
          body: `/codex tidy up PWN-task\n${commandLines.join('\n')}\nthen\r::add-mask::PWN-task-cr`,
          sender: users.maintainer,
        }),
      },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.shell(printsCommands)] },
        { items: [modelSays.shell(`printf 'tidy\\n' > 'notes fixes #9 @someone <img src=x>.txt'`)] },
        { items: [modelSays.message(finalMessage)] },
      ],
    });
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    // The hostile text did reach the log (else this test would prove nothing), as text.
    for (const seen of [
      'PWN-task',
      'PWN-mask',
      'PWN-stop',
      'PWN-legacy-mid',
      'PWN-cr',
      'PWN-message',
      'PWN-message-cr',
      'PWN-task-cr',
    ])
      assert.ok(result.log.includes(seen), `${seen} is in the log`);
    assert.deepEqual(foreignCommands(result.log), [], 'lines the runner would take as commands');
    assertNothingLeaked(w, result);
  });
});

describe("the agent's words on GitHub", () => {
  it('the pull request, the comments and the job summary show them as text that fetches, hides, closes and notifies nothing', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({ issue, body: '/codex tidy up', sender: users.maintainer }),
      },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.shell(`printf 'tidy\\n' > 'notes fixes #9 @someone <img src=x>.txt'`)] },
        {
          items: [
            modelSays.shell(
              `echo '![x](https://evil.example/cmd.png) <img src=https://evil.example/cmd2.png> closes #7 @someone'`,
            ),
          ],
        },
        { items: [modelSays.message(finalMessage)] },
      ],
    });
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    const pull = w.github.pulls[0];
    assert.ok(pull, 'a pull request was opened');
    const published: Array<[string, string]> = [
      ['the pull request body', pull.body],
      ['the pull request title', pull.title],
      ['the job summary', result.summary],
      ...w
        .actionComments()
        .flatMap((comment) =>
          comment.edits.map((edit, index): [string, string] => [`comment ${comment.id} edit ${index}`, edit]),
        ),
    ];
    for (const [where, text] of published) assert.deepEqual(activeConstructs(text), [], `${where}:\n${text}`);
    // The text was published, as text: the hostile URLs and words are there to read.
    assert.match(pull.body, /evil\.example\/inline\.png/);
    assert.match(result.summary, /evil\.example\/img\.png/);
    // The action's own words still work: one marker, its own Closes #42, its markers in its comments.
    assert.equal(pull.body.split(MARKER).length, 2, 'exactly one marker in the pull request body');
    assert.match(pull.body, /^Closes #42$/m);
    for (const comment of w.actionComments()) assert.ok(comment.body.startsWith(MARKER), comment.body);
    assertNothingLeaked(w, result);
  });
});

describe("the action's markers", () => {
  it("a working marker in someone else's comment, or with a link that is not a run of this repository, names no other run", async () => {
    const now = new Date().toISOString();
    const bot = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
    const working = (url: string) => `${MARKER}\n<!-- codex-task-action:working ${url} -->\n👀 Working on it`;
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({ issue, body: '/codex tidy up', sender: users.maintainer }),
      },
      github: {
        permissions: { mona: 'write' },
        comments: [
          {
            id: 990,
            issueNumber: 42,
            body: working('https://github.com/octo-org/octo-repo/actions/runs/1111'),
            createdAt: now,
            user: { login: 'mallory', id: 666, type: 'User' },
          },
          {
            id: 991,
            issueNumber: 42,
            body: working('https://evil.example/octo-org/octo-repo/actions/runs/2222'),
            createdAt: now,
            user: bot,
          },
          {
            id: 992,
            issueNumber: 42,
            body: working('https://github.com/other-org/other-repo/actions/runs/3333'),
            createdAt: now,
            user: bot,
          },
        ],
      },
      modelTurns: [
        { items: [modelSays.shell("printf 'tidy\\n' > tidy.txt")] },
        { items: [modelSays.message('Tidied up.')] },
      ],
    });
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    const tracking = w.actionComments().find((comment) => comment.id > 992);
    assert.ok(tracking, 'the action posted its tracking comment');
    for (const edit of tracking.edits) {
      assert.doesNotMatch(edit, /other runs? (is|are) still working|Another run/, edit);
      assert.doesNotMatch(edit, /runs\/(1111|2222|3333)|evil\.example|other-org/, edit);
    }
    assertNothingLeaked(w, result);
  });
});
