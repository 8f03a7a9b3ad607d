// Unit tests for review mode's pure parts: reading Codex's answer (zod), placing comments on the diff's lines,
// the review's words (suggestion blocks, inert agent text), and the review trigger.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReviewAnswer } from '../../src/review/answer.ts';
import { indexDiff, placeComments } from '../../src/review/diff-lines.ts';
import { inlineCommentBody, makeReviewTextInert, reviewBody } from '../../src/report/review.ts';
import { decideTask } from '../../src/task/task.ts';

const identity = (text: string): string => text;

describe('parseReviewAnswer', () => {
  const valid = {
    summary: 'Fine.',
    comments: [{ path: './src/a.ts', line: 4, start_line: 2, body: 'Here.', suggestion: 'x' }],
  };

  it('reads bare JSON and a fenced json block, normalizing paths and ranges', () => {
    for (const message of [
      JSON.stringify(valid),
      `Here is my review:\n\n\`\`\`json\n${JSON.stringify(valid)}\n\`\`\`\n`,
    ]) {
      const parsed = parseReviewAnswer(message);
      assert.ok(parsed.ok, message);
      assert.deepEqual(parsed.answer.comments, [
        { path: 'src/a.ts', line: 4, startLine: 2, body: 'Here.', suggestion: 'x' },
      ]);
    }
  });

  it('accepts the native JSON block without the nullable fields', () => {
    const parsed = parseReviewAnswer(JSON.stringify({ summary: 'ok', comments: [{ path: 'a', line: 1, body: 'b' }] }));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.answer.comments[0], {
      path: 'a',
      line: 1,
      startLine: undefined,
      body: 'b',
      suggestion: undefined,
    });
  });

  it('drops a start line that is not before the line', () => {
    const parsed = parseReviewAnswer(
      JSON.stringify({ summary: 'ok', comments: [{ path: 'a', line: 3, start_line: 3, body: 'b', suggestion: null }] }),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.answer.comments[0]?.startLine, undefined);
  });

  it('says why a malformed answer does not validate', () => {
    const cases: Array<[string, RegExp]> = [
      ['Looks good to me.', /no JSON object/],
      ['{"summary": "x", ', /does not parse/],
      ['{"summary": 3, "comments": []}', /summary/],
      [JSON.stringify({ summary: 'x', comments: [{ path: 'a', line: 0, body: 'b' }] }), /comments\.0\.line/],
      [JSON.stringify({ summary: 'x', comments: [{ path: 'a', line: 1.5, body: 'b' }] }), /line/],
    ];
    for (const [message, why] of cases) {
      const parsed = parseReviewAnswer(message);
      assert.equal(parsed.ok, false, message);
      if (!parsed.ok) assert.match(parsed.why, why);
    }
  });
});

describe('placeComments', () => {
  const diff = [
    'diff --git a/src/a.js b/src/a.js',
    'index 1..2 100644',
    '--- a/src/a.js',
    '+++ b/src/a.js',
    '@@ -1,3 +1,4 @@',
    ' one',
    '-two',
    '+TWO',
    '+2.5',
    ' three',
    '@@ -20,2 +21,2 @@ function f() {',
    ' twenty',
    '-x',
    '+y',
    'diff --git a/gone.txt b/gone.txt',
    'deleted file mode 100644',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-bye',
    'diff --git a/café.txt b/café.txt',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/café.txt',
    '@@ -0,0 +1 @@',
    '+hi',
  ].join('\n');
  const comment = (path: string, line: number, startLine?: number) => ({
    path,
    line,
    startLine,
    body: 'b',
    suggestion: undefined,
  });

  it('puts comments on right-side lines of a hunk inline, everything else in the summary', () => {
    const placed = placeComments(
      [
        comment('src/a.js', 1),
        comment('src/a.js', 3),
        comment('src/a.js', 4),
        comment('src/a.js', 22),
        comment('src/a.js', 10),
        comment('gone.txt', 1),
        comment('café.txt', 1),
        comment('README.md', 1),
      ],
      indexDiff(diff),
    );
    assert.deepEqual(
      placed.inline.map((c) => `${c.path}:${c.line}`),
      ['src/a.js:1', 'src/a.js:3', 'src/a.js:4', 'src/a.js:22', 'café.txt:1'],
    );
    assert.deepEqual(
      placed.outsideDiff.map((c) => `${c.path}:${c.line}`),
      ['src/a.js:10', 'gone.txt:1', 'README.md:1'],
    );
  });

  it('keeps a range inline only when every line is in the same hunk', () => {
    const placed = placeComments([comment('src/a.js', 4, 2), comment('src/a.js', 21, 4)], indexDiff(diff));
    assert.deepEqual(
      placed.inline.map((c) => c.line),
      [4],
    );
    assert.deepEqual(
      placed.outsideDiff.map((c) => c.line),
      [21],
    );
  });

  it('unquotes the paths git quotes', () => {
    const quoted =
      'diff --git "a/caf\\303\\251 x.txt" "b/caf\\303\\251 x.txt"\n--- "a/caf\\303\\251 x.txt"\n+++ "b/caf\\303\\251 x.txt"\n@@ -1 +1 @@\n-a\n+b\n';
    assert.deepEqual([...indexDiff(quoted).keys()], ['café x.txt']);
  });
});

describe('review text', () => {
  it('makes agent text inert', () => {
    const text = makeReviewTextInert(
      'cc @octocat and @org/team <!-- secret --> ![pixel](https://evil.example/p.png) <img src="https://evil.example/q.png"> Fixes #12, closes octo/repo#3\n```suggestion\nrm -rf /\n```',
    );
    assert.ok(!text.includes('<!--'));
    assert.ok(!/!\[|<img/i.test(text), text);
    // The URL may stay as text or a link: GitHub fetches images when a page is viewed, never links.
    assert.ok(!text.includes('@octocat') && !text.includes('@org/team'), text);
    assert.ok(!/Fixes #12|closes octo\/repo#3/i.test(text), text);
    assert.ok(!/```suggestion/.test(text));
    // An e-mail address is not a mention.
    assert.equal(makeReviewTextInert('mail a@b.example'), 'mail a@b.example');
  });

  it('fences a suggestion so that its own backticks cannot close it', () => {
    const body = inlineCommentBody(
      { path: 'a', line: 1, startLine: undefined, body: 'Use a template.', suggestion: 'const s = ```x```;' },
      identity,
    );
    assert.ok(body.endsWith('````suggestion\nconst s = ```x```;\n````'), body);
  });

  it('redacts secrets in the summary and in suggestions', () => {
    const redact = (text: string): string => text.replaceAll('sk-secret', '***');
    const summary = reviewBody(
      {
        answer: { summary: 'key sk-secret' },
        outsideDiff: [{ path: 'a', line: 2, startLine: undefined, body: 'b', suggestion: 'sk-secret' }],
        headSha: 'a'.repeat(40),
        runUrl: 'https://run',
      },
      redact,
    );
    assert.ok(!summary.includes('sk-secret'));
  });
});

describe('the review trigger', () => {
  const settings = { prompt: undefined, triggerPhrase: '/codex', triggerLabel: undefined, triggerAssignee: undefined };
  const comment = (body: string, isPullRequest: boolean) => ({
    action: 'created',
    comment: { id: 1, body, user: { login: 'mona' } },
    issue: { number: 7, title: 't', body: '', ...(isPullRequest ? { pull_request: {} } : {}) },
    sender: { login: 'mona' },
  });

  it('`/codex review [focus]` on a pull request is a review with its focus', () => {
    const decision = decideTask('issue_comment', comment('/codex review: focus on errors', true), settings);
    assert.equal(decision.kind, 'task');
    if (decision.kind === 'task') assert.deepEqual(decision.task.review, { focus: 'focus on errors' });
    const plain = decideTask('issue_comment', comment('/codex reviewer list is wrong, fix it', true), settings);
    assert.ok(plain.kind === 'task' && plain.task.review === undefined);
    const onIssue = decideTask('issue_comment', comment('/codex review', false), settings);
    assert.ok(onIssue.kind === 'task' && onIssue.task.review === undefined);
  });

  it('mode review: pull_request opened, synchronize and ready_for_review by the author; drafts and other actions skip', () => {
    const review = { ...settings, mode: 'review' as const };
    const event = (action: string, draft = false) => ({
      action,
      pull_request: { number: 7, title: 't', body: '', draft, user: { login: 'author' }, head: { sha: 'abc' } },
      sender: { login: 'pusher' },
    });
    for (const action of ['opened', 'synchronize', 'ready_for_review']) {
      const decision = decideTask('pull_request', event(action), review);
      assert.ok(decision.kind === 'task', action);
      if (decision.kind === 'task') {
        assert.equal(decision.task.requester.login, 'author');
        assert.equal(decision.task.thread?.headShaAtTrigger, 'abc');
        assert.deepEqual(decision.task.review, { focus: '' });
      }
    }
    assert.equal(decideTask('pull_request', event('closed'), review).kind, 'skip');
    assert.equal(decideTask('pull_request', event('opened', true), review).kind, 'skip');
    assert.equal(decideTask('issue_comment', comment('/codex fix it', false), review).kind, 'skip');
  });
});

describe('postReview', () => {
  it('moves every inline comment into the summary when GitHub refuses them (422), and collapses only its own earlier reviews', async () => {
    const { postReview } = await import('../../src/review/post.ts');
    const posted: Array<{ comments: number; body: string; event: string }> = [];
    const updated: number[] = [];
    const github = {
      async createReview(_n: number, review: { comments: unknown[]; body: string; event: string }) {
        posted.push({ comments: review.comments.length, body: review.body, event: review.event });
        if (review.comments.length > 0) throw Object.assign(new Error('Unprocessable Entity'), { status: 422 });
        return {
          id: 3,
          url: 'https://github.com/o/r/pull/7#pullrequestreview-3',
          author: 'github-actions[bot]',
          body: review.body,
        };
      },
      async listReviews() {
        return [
          { id: 1, url: 'u1', author: 'github-actions[bot]', body: '<!-- codex-task-action:review -->\nold' },
          { id: 2, url: 'u2', author: 'mallory', body: '<!-- codex-task-action:review -->\nplanted' },
          { id: 3, url: 'u3', author: 'github-actions[bot]', body: '<!-- codex-task-action:review -->\nnew' },
        ];
      },
      async updateReview(_n: number, id: number) {
        updated.push(id);
      },
    };
    const inline = [{ path: 'a.js', line: 2, startLine: undefined, body: 'inline one', suggestion: 'x' }];
    const result = await postReview({
      github,
      pullNumber: 7,
      headSha: 'a'.repeat(40),
      answer: { summary: 's', comments: inline, verdict: 'approve' },
      inline,
      outsideDiff: [],
      runUrl: 'https://run',
      redact: identity,
      followVerdict: false,
    });
    assert.equal(result.event, 'COMMENT', 'a verdict is not followed without the opt-in');
    assert.deepEqual(
      posted.map((p) => p.comments),
      [1, 0],
    );
    assert.match(posted[1]!.body, /inline one/);
    assert.deepEqual([result.inline.length, result.outsideDiff.length], [0, 1]);
    assert.deepEqual(updated, [1], "only the action's own earlier review is collapsed");
  });
});

describe('review verdicts', () => {
  it('are COMMENT unless the maintainers opt in; then approve and request-changes are followed', async () => {
    const { postReview } = await import('../../src/review/post.ts');
    const events: string[] = [];
    const github = {
      async createReview(_n: number, review: { event: string }) {
        events.push(review.event);
        return { id: 1, url: 'u', author: 'bot', body: '' };
      },
      listReviews: async () => [],
      updateReview: async () => undefined,
    };
    const post = (verdict: 'comment' | 'approve' | 'request-changes', followVerdict: boolean) =>
      postReview({
        github,
        pullNumber: 7,
        headSha: 'a'.repeat(40),
        answer: { summary: 's', comments: [], verdict },
        inline: [],
        outsideDiff: [],
        runUrl: 'r',
        redact: identity,
        followVerdict,
      });
    await post('approve', false);
    await post('request-changes', false);
    await post('approve', true);
    await post('request-changes', true);
    await post('comment', true);
    assert.deepEqual(events, ['COMMENT', 'COMMENT', 'APPROVE', 'REQUEST_CHANGES', 'COMMENT']);
  });

  it('an answer without a verdict is a comment', () => {
    const parsed = parseReviewAnswer('{"summary": "s", "comments": []}');
    assert.ok(parsed.ok && parsed.answer.verdict === 'comment');
    assert.equal(parseReviewAnswer('{"summary": "s", "verdict": "merge", "comments": []}').ok, false);
  });
});
