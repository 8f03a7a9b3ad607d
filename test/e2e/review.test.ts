// End to end: review mode. `/codex review` on a pull request (or mode review on a pull_request event) runs Codex
// read-only on the pull request's head and posts one pull request review through the GitHub REST emulation,
// which refuses, as GitHub does, a comment on a line outside the diff. Both Codex flavours (CTA_CODEX_FLAVOUR).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, pullRequestEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import type { World } from '../support/world.ts';
import { CANARY, codexFlavour, commitOnOrigin, git, sameOnEveryServer, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);

const MAIN_FILES = {
  'README.md': '# octo-repo\n',
  'src/report.js': 'export function report(items) {\n  return items.join(", ");\n}\n',
};
const FEATURE_REPORT =
  'export function report(items) {\n  if (items.length === 0) return undefined;\n  return items.join(", ");\n}\n\nexport const VERSION = 1;\n';
const PULL = { number: 7, title: 'Handle empty reports', body: 'Returns early for an empty list.' };

/** The answer Codex gives: one comment with a suggestion on a diff line, one on a line the diff does not show. */
function reviewAnswer(extra: { summary?: string; line?: number } = {}): string {
  return JSON.stringify({
    summary: extra.summary ?? 'The early return changes the type of the result.',
    comments: [
      {
        path: 'src/report.js',
        line: extra.line ?? 2,
        start_line: null,
        body: 'Returning undefined breaks callers that expect a string.',
        suggestion: '  if (items.length === 0) return "";',
      },
      {
        path: 'README.md',
        line: 1,
        start_line: null,
        body: 'The README does not mention the empty case.',
        suggestion: null,
      },
    ],
  });
}

function refsOf(w: World): string {
  return git(w.origin, 'for-each-ref', '--format=%(refname) %(objectname)');
}

/** A pull request of this repository (branch `feature`) whose diff the emulation knows. */
async function pullRequestWorld(options: {
  turns: string[];
  body?: string;
  inputs?: Record<string, string>;
}): Promise<{ w: World; headSha: string }> {
  const w = await world({
    event: {
      name: 'issue_comment',
      payload: issueCommentEvent({
        issue: { ...PULL, isPullRequest: true },
        body: options.body ?? '/codex review focus on empty input',
        sender: users.maintainer,
      }),
    },
    github: { permissions: { mona: 'write' } },
    files: MAIN_FILES,
    inputs: options.inputs,
    modelTurns: options.turns.map((text) => ({ items: [modelSays.message(text)] })),
  });
  const headSha = w.pushBranch('feature', { 'src/report.js': FEATURE_REPORT });
  w.github.pulls.push({
    ...PULL,
    head: 'feature',
    base: 'main',
    draft: false,
    state: 'open',
    html_url: 'https://github.com/octo-org/octo-repo/pull/7',
    user: { login: 'mona', id: 1001 },
    headRepoFullName: 'octo-org/octo-repo',
    headSha,
  });
  w.github.setPullDiff(7, git(w.origin, 'diff', 'main...feature'));
  return { w, headSha };
}

describe('/codex review on a pull request', () => {
  it('posts one review: inline comment with a suggestion, a comment outside the diff in the summary, nothing pushed', async () => {
    const { w, headSha } = await pullRequestWorld({
      turns: [
        reviewAnswer({
          summary:
            'The early return changes the result. cc @octocat <!-- hidden --> ![x](https://evil.example/p.png) fixes #12',
        }),
      ],
    });
    const refsBefore = refsOf(w);
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'reviewed');

    assert.equal(w.github.reviews.length, 1);
    const review = w.github.reviews[0]!;
    assert.equal(review.state, 'COMMENTED');
    assert.equal(review.commitId, headSha);
    assert.deepEqual(
      review.comments.map((c) => [c.path, c.line, c.side]),
      [['src/report.js', 2, 'RIGHT']],
    );
    assert.match(review.comments[0]!.body, /breaks callers/);
    assert.ok(
      review.comments[0]!.body.includes('```suggestion\n  if (items.length === 0) return "";\n```'),
      review.comments[0]!.body,
    );
    // The comment on a line the diff does not show is in the summary, not dropped.
    assert.match(review.body, /outside the diff/);
    assert.match(review.body, /`README\.md` line 1/);
    assert.match(review.body, /does not mention the empty case/);
    // Agent text is inert: no hidden comment, no image, no notifying mention, no closing keyword.
    assert.ok(!review.body.includes('<!-- hidden -->'));
    assert.ok(!review.body.includes('![x]'));
    assert.ok(!review.body.includes('@octocat'), 'no notifying mention');
    assert.ok(!/fixes #12/i.test(review.body), 'no closing keyword');

    // Reporting: outputs, the tracking comment links the review, the job summary lists the comments.
    assert.equal(result.outputs['review-url'], review.html_url);
    assert.equal(result.outputs['review-comments'], '2');
    assert.ok(
      w.actionComments().some((comment) => comment.body.includes(review.html_url)),
      'the tracking comment links the review',
    );
    for (const comment of w.actionComments())
      assert.doesNotMatch(comment.body, /(^|[^`])@octocat/, 'no notifying mention in the tracking comment');
    assert.match(result.summary, /Inline comments \(1\)/);
    assert.match(result.summary, /`src\/report\.js` line 2/);
    assert.match(result.summary, /outside the diff, in the summary \(1\)/);

    // Nothing was committed or pushed, and no pull request was opened.
    assert.equal(refsOf(w), refsBefore);
    assert.equal(w.github.pulls.length, 1);

    // Codex got the focus, the pull request and the diff fenced as untrusted text, under the read-only sandbox.
    const request = JSON.stringify(w.model.responseRequests[0]?.body);
    assert.match(request, /focus on empty input/);
    assert.match(request, /untrusted-github-text author=\\"@mona\\"/);
    assert.match(request, /items.length === 0/);
    assert.match(result.log, /sandbox read-only/);
    // Through the bridge the answer is constrained by app-server's outputSchema; native has no such mechanism.
    if (codexFlavour().name === 'bridge') assert.match(request, /First line of a multi-line comment, or null/);
    for (const value of Object.values(CANARY)) assert.ok(!w.publishedText(result).includes(value));
    assert.deepEqual(w.leftoverProcesses(), []);
  });

  it('falls back to a plain summary when the answer does not validate', async () => {
    const { w } = await pullRequestWorld({ turns: ['Looks mostly fine; {"summary": 3} is all I have.'] });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'reviewed');
    assert.equal(w.github.reviews.length, 1);
    const review = w.github.reviews[0]!;
    assert.deepEqual(review.comments, []);
    assert.match(review.body, /Looks mostly fine/);
    assert.match(review.body, /not in the review format/);
    assert.match(result.log, /not a valid review/);
    assert.equal(result.outputs['review-comments'], '0');
  });

  it(
    'a second review after a new push collapses the first summary and leaves its inline threads',
    sameOnEveryServer('the reviews are edited after Codex has stopped'),
    async () => {
      const { w } = await pullRequestWorld({
        turns: [reviewAnswer(), reviewAnswer({ summary: 'Second look: still returns undefined.', line: 3 })],
      });
      const first = await w.run();
      assert.equal(first.exitCode, 0, first.log);
      // A new push to the pull request's branch.
      w.github.pulls[0]!.headSha = commitOnOrigin(
        w.origin,
        'feature',
        {},
        { parent: 'refs/heads/feature', message: 'Follow-up' },
      );
      const second = await w.run();
      assert.equal(second.exitCode, 0, second.log);
      assert.equal(w.github.reviews.length, 2);
      const [older, newer] = w.github.reviews as [
        NonNullable<(typeof w.github.reviews)[0]>,
        NonNullable<(typeof w.github.reviews)[0]>,
      ];
      assert.match(newer.body, /Second look/);
      assert.match(older.body, /out of date/);
      assert.ok(older.body.includes(newer.html_url), 'the older summary links the newer review');
      assert.ok(!older.body.includes('changes the type'), 'the older summary is no longer current');
      assert.equal(older.comments.length, 1, "the older review's inline thread is left");
      assert.equal(second.outputs['review-url'], newer.html_url);
    },
  );
});

describe('mode review on pull_request events', () => {
  /** A pull request from a fork: its head is at refs/pull/7/head of origin, as GitHub keeps it. */
  async function forkWorld(inputs: Record<string, string>): Promise<{ w: World; refsBefore: string }> {
    const payload: Record<string, unknown> = {};
    const w = await world({
      event: { name: 'pull_request', payload },
      files: MAIN_FILES,
      inputs: { mode: 'review', ...inputs },
      github: { permissions: { 'fork-author': 'write' } },
      modelTurns: [{ items: [modelSays.message(reviewAnswer())] }],
    });
    const headSha = w.pushBranch('fork-feature', { 'src/report.js': FEATURE_REPORT });
    git(w.origin, 'update-ref', 'refs/pull/7/head', headSha);
    git(w.origin, 'branch', '-D', 'fork-feature');
    const author = { login: 'fork-author', id: 1009, type: 'User' as const };
    w.github.pulls.push({
      ...PULL,
      head: 'feature',
      base: 'main',
      draft: false,
      state: 'open',
      html_url: 'https://github.com/octo-org/octo-repo/pull/7',
      user: author,
      headRepoFullName: 'fork-author/octo-repo',
      headSha,
    });
    w.github.setPullDiff(7, git(w.origin, 'diff', `main...${headSha}`));
    // The event names the head it was raised for; the world writes the payload again when it runs.
    Object.assign(
      payload,
      pullRequestEvent({
        action: 'opened',
        pull: { ...PULL, head: 'feature', headSha, headRepo: 'fork-author/octo-repo' },
        author,
      }),
    );
    return { w, refsBefore: refsOf(w) };
  }

  it(
    "refuses a fork's pull request without allow-forks: review, before any model call",
    sameOnEveryServer('the gate refuses before Codex starts'),
    async () => {
      const { w, refsBefore } = await forkWorld({});
      const result = await w.run();
      assert.equal(result.outputs.conclusion, 'refused', result.log);
      assert.match(w.actionComments().at(-1)?.body ?? '', /comes from the fork fork-author\/octo-repo/);
      assert.equal(w.github.reviews.length, 0);
      assert.equal(w.model.responseRequests.length, 0);
      assert.equal(refsOf(w), refsBefore);
    },
  );

  it(
    "reviews a fork's pull request with allow-forks: review, its author passing the gate, and pushes nothing",
    sameOnEveryServer("the gate and the fork's checkout; a review through the bridge is proven above"),
    async () => {
      const { w, refsBefore } = await forkWorld({ 'allow-forks': 'review' });
      const result = await w.run();
      assert.equal(result.exitCode, 0, result.log);
      assert.equal(result.outputs.conclusion, 'reviewed');
      assert.equal(w.github.reviews.length, 1);
      assert.deepEqual(
        w.github.reviews[0]!.comments.map((c) => [c.path, c.line]),
        [['src/report.js', 2]],
      );
      assert.match(result.log, /Task from @fork-author/);
      assert.equal(refsOf(w), refsBefore);
    },
  );
});
