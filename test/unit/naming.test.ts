// Unit tests for the names and words the action writes into git and GitHub (src/publish/naming.ts).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commitMessage, pullRequestBody, summaryLine, taskTitle, workBranchName } from '../../src/publish/naming.ts';
import { ACTION_MARKER } from '../../src/report/markers.ts';
import { formatFileList } from '../../src/report/file-list.ts';
import type { Task, Thread } from '../../src/task/task.ts';
import type { ChangedFile } from '../../src/git/git.ts';

const RUN_URL = 'https://github.com/octo-org/octo-repo/actions/runs/987654321';

const ISSUE: Thread = {
  number: 42,
  title: 'Crash on empty config',
  body: 'It crashes.',
  url: 'https://github.com/octo-org/octo-repo/issues/42',
  author: 'bob',
  isPullRequest: false,
};

function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    eventName: 'issue_comment',
    request: 'handle an empty config file',
    requester: { login: 'alice', id: 1001, type: 'User' },
    thread: ISSUE,
    source: { kind: 'comment', commentId: 555, url: `${ISSUE.url}#issuecomment-555` },
    ...overrides,
  };
}

const FILES: ChangedFile[] = [
  { path: 'src/config.ts', status: 'modified', mode: '100644', additions: 12, deletions: 3 },
  { path: 'test/config.test.ts', status: 'added', mode: '100644', additions: 40, deletions: 0 },
  { path: 'old.txt', status: 'deleted', mode: '100644', additions: 0, deletions: 7 },
];

describe('workBranchName', () => {
  it('names the branch after the issue and the run', () => {
    assert.equal(workBranchName('codex/', 42, '987654321', '1'), 'codex/issue-42-987654321');
  });

  it('names the branch after the run when there is no issue', () => {
    assert.equal(workBranchName('codex/', undefined, '987654321', '1'), 'codex/run-987654321');
  });

  it('adds the attempt on a re-run', () => {
    assert.equal(workBranchName('codex/', 42, '987654321', '2'), 'codex/issue-42-987654321-2');
    assert.equal(workBranchName('bots-', undefined, '5', '3'), 'bots-run-5-3');
  });

  it('keeps only digits of the run id and attempt', () => {
    assert.equal(workBranchName('codex/', 1, '12;rm -rf', '2 x'), 'codex/issue-1-12-2');
    assert.equal(workBranchName('codex/', 1, 'abc', '1'), 'codex/issue-1-0');
  });
});

describe('summaryLine', () => {
  it('takes the first non-empty line', () => {
    assert.equal(summaryLine('\n\n   \nFix the parser\nand add tests'), 'Fix the parser');
  });

  it('skips HTML comments, even when they span lines', () => {
    assert.equal(summaryLine('<!-- template:\nfill in below -->\nRename the flag'), 'Rename the flag');
  });

  it('caps the line at 72 characters with an ellipsis', () => {
    const line = summaryLine('word '.repeat(30));
    assert.ok(line.length <= 72, `${line.length}`);
    assert.ok(line.endsWith('…'));
    assert.ok(!line.includes(' …'), 'no space before the ellipsis');
    assert.equal(summaryLine('a'.repeat(72)), 'a'.repeat(72));
    assert.equal(summaryLine('a'.repeat(73)), `${'a'.repeat(71)}…`);
  });

  it('honours a custom cap', () => {
    assert.equal(summaryLine('abcdefghij', 5), 'abcd…');
  });

  it('strips markdown and @mentions', () => {
    assert.equal(
      summaryLine('## **Fix** the `parse()` bug, thanks @alice and @octo-org/team'),
      'Fix the parse() bug, thanks alice and octo-org/team',
    );
    assert.equal(summaryLine('> quoted [link] _here_'), 'quoted link here');
  });

  it('keeps an @ that starts no mention', () => {
    assert.equal(summaryLine('email me @ home'), 'email me @ home');
  });

  it('turns control and invisible characters into single spaces', () => {
    assert.equal(summaryLine('Fix\tthe\u0007 bug\u001B[31m now\u200B\r'), 'Fix the bug 31m now');
    assert.equal(summaryLine('a\u202Eb\u0000c'), 'a b c');
  });

  it('is empty for text with nothing to show', () => {
    assert.equal(summaryLine(''), '');
    assert.equal(summaryLine('\n \n<!-- only a comment -->'), '');
  });

  it('does not split a character made of two UTF-16 code units', () => {
    const line = summaryLine(`${'a'.repeat(70)}🙂🙂🙂`);
    assert.doesNotMatch(line, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    assert.ok(line.length <= 72);
  });
});

describe('taskTitle', () => {
  it('uses the request', () => {
    assert.equal(
      taskTitle(makeTask({ request: 'handle an empty config file\nmore details' })),
      'handle an empty config file',
    );
  });

  it('falls back to the issue title', () => {
    assert.equal(taskTitle(makeTask({ request: '' })), 'Crash on empty config');
  });

  it('falls back to the issue number when the title shows nothing', () => {
    assert.equal(taskTitle(makeTask({ request: '  ', thread: { ...ISSUE, title: '`` **' } })), 'Resolve #42');
  });

  it('falls back to a generic title without request or thread', () => {
    assert.equal(taskTitle(makeTask({ request: '', thread: undefined })), 'Codex task');
  });
});

describe('commitMessage', () => {
  it('has the title, the request, the run and a co-author trailer with the noreply address', () => {
    assert.equal(
      commitMessage(makeTask(), RUN_URL),
      [
        'handle an empty config file',
        '',
        'Requested by @alice in #42.',
        `Made by Codex in ${RUN_URL}`,
        '',
        'Co-authored-by: alice <1001+alice@users.noreply.github.com>',
        '',
      ].join('\n'),
    );
  });

  it('uses the login-only noreply address when the id is unknown', () => {
    const message = commitMessage(makeTask({ requester: { login: 'carol', id: undefined, type: undefined } }), RUN_URL);
    assert.match(message, /\nCo-authored-by: carol <carol@users\.noreply\.github\.com>\n$/);
  });

  it('has no trailer for bots', () => {
    const byType = commitMessage(makeTask({ requester: { login: 'my-app', id: 5, type: 'Bot' } }), RUN_URL);
    const byName = commitMessage(
      makeTask({ requester: { login: 'renovate[bot]', id: 29139614, type: undefined } }),
      RUN_URL,
    );
    for (const message of [byType, byName]) {
      assert.doesNotMatch(message, /Co-authored-by/);
      assert.ok(message.endsWith(`Made by Codex in ${RUN_URL}\n`));
    }
  });

  it('mentions no issue for a workflow task', () => {
    const message = commitMessage(
      makeTask({ thread: undefined, request: 'Bump deps', source: { kind: 'workflow' } }),
      RUN_URL,
    );
    assert.match(message, /^Bump deps\n\nRequested by @alice\.\n/);
  });
});

describe('pullRequestBody', () => {
  it('starts with the marker and closes the issue', () => {
    const body = pullRequestBody({
      task: makeTask(),
      finalMessage: 'Handled empty files.\n',
      files: FILES,
      runUrl: RUN_URL,
    });
    assert.ok(body.startsWith(`${ACTION_MARKER}\n\nHandled empty files.\n\n### Changed files\n`));
    assert.match(body, /^Closes #42$/m);
    assert.ok(body.includes(`[workflow run](${RUN_URL})`));
    assert.ok(body.includes('Requested by @alice'));
  });

  it('lists the changed files with status and line counts', () => {
    const body = pullRequestBody({ task: makeTask(), finalMessage: 'x', files: FILES, runUrl: RUN_URL });
    assert.ok(
      body.includes(
        '- `src/config.ts` (modified, +12 −3)\n- `test/config.test.ts` (added, +40 −0)\n- `old.txt` (deleted, +0 −7)',
      ),
    );
  });

  it('does not close a pull request it follows up on', () => {
    const body = pullRequestBody({
      task: makeTask({ thread: { ...ISSUE, number: 7, isPullRequest: true } }),
      finalMessage: 'x',
      files: FILES,
      runUrl: RUN_URL,
    });
    assert.doesNotMatch(body, /Closes/);
    assert.match(body, /Follows up on #7/);
  });

  it('closes nothing for a workflow task', () => {
    const body = pullRequestBody({
      task: makeTask({ thread: undefined }),
      finalMessage: 'x',
      files: FILES,
      runUrl: RUN_URL,
    });
    assert.doesNotMatch(body, /Closes|Follows up/);
    assert.ok(body.includes(`[workflow run](${RUN_URL})`));
  });

  it('says so when Codex did not describe its change', () => {
    const body = pullRequestBody({ task: makeTask(), finalMessage: '  \n', files: FILES, runUrl: RUN_URL });
    assert.match(body, /_Codex did not describe its change\._/);
  });
});

describe('formatFileList', () => {
  it('caps the list and says how many more', () => {
    const files = Array.from({ length: 5 }, (_, i): ChangedFile => ({
      path: `f${i}`,
      status: 'added',
      mode: '100644',
      additions: 1,
      deletions: 0,
    }));
    assert.equal(formatFileList(files, 2), '- `f0` (added, +1 −0)\n- `f1` (added, +1 −0)\n- … and 3 more');
  });

  it('cannot be broken out of its code span by a backtick in a path', () => {
    assert.equal(
      formatFileList([{ path: 'a`b.txt', status: 'added', additions: 1, deletions: 0 }]),
      "- `a'b.txt` (added, +1 −0)",
    );
  });

  it('says none for no files', () => {
    assert.equal(formatFileList([]), '_none_');
  });
});
