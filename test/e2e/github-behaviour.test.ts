// End to end: the action against the ways real GitHub answers that a naive emulation hides (issue 12):
// custom repository roles, separate id sequences for issue and review comments, threads longer than one
// page, GitHub's body limit, an outage of the permission check, a spent primary rate limit, and replies
// in review threads. (Retries that start from zero for every call: test/unit/github-client.test.ts.)
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, pullRequestReviewCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { git, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);
const MARKER = '<!-- codex-task-action -->';

const askOnIssue = (body = '/codex add a changelog') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({
    issue: { number: 42, title: 'Changelog', body: 'We need one.' },
    body,
    sender: users.maintainer,
    commentId: 2_612_000_001,
  }),
});
const changeAndSay = (message: string) => [
  { items: [modelSays.shell('echo "# Changes" > CHANGELOG.md')] },
  { items: [modelSays.message(message)] },
];

/** Seconds-resolution ISO time, as GitHub writes it. */
const isoAt = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('custom repository roles', () => {
  it("runs for a writer whose role_name is a custom role, reading the role's base permission", async () => {
    const w = await world({
      event: askOnIssue(),
      github: { permissions: { mona: { roleName: 'release-manager', base: 'write' } } },
      modelTurns: changeAndSay('Added a changelog.'),
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.equal(w.github.pulls.length, 1);
  });
});

describe('issue comments and review comments have separate id sequences', () => {
  it('gives Codex the pull request conversation written before a review comment with a smaller id', async () => {
    const w = await world({
      event: {
        name: 'pull_request_review_comment',
        payload: pullRequestReviewCommentEvent({
          pull: { number: 8, title: 'Shout the report', body: 'Makes the report louder.', head: 'feature/loud' },
          body: '/codex apply what we agreed above',
          sender: users.maintainer,
          path: 'src/report.js',
          line: 2,
          diffHunk: '@@ -1,2 +1,2 @@\n export function report() {\n-  return "ok";\n+  return "OK";',
          // Review comment ids run far below issue comment ids on GitHub.
          commentId: 1_876_543_210,
        }),
      },
      github: {
        permissions: { mona: 'write' },
        pulls: [{ number: 8, head: 'feature/loud', base: 'main', title: 'Shout the report' }],
        // Written an hour before the review comment (12:00 in the event), with a much larger id.
        comments: [
          {
            id: 2_512_345_678,
            issueNumber: 8,
            body: 'Agreed: keep `report` and add `REPORT_OK` as a constant.',
            user: { login: 'octocat', id: 583231 },
            createdAt: '2026-11-24T11:00:00Z',
          },
        ],
      },
      modelTurns: [{ items: [modelSays.message('Nothing to change yet.')] }],
    });
    w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    const prompt = JSON.stringify(w.model.responseRequests[0]?.body);
    assert.match(prompt, /add `REPORT_OK` as a constant/, 'the earlier pull request comment is in the prompt');
  });
});

describe('threads longer than one page', () => {
  it('reads the newest comments, and sees another run still working there', async () => {
    const earlier = Date.parse('2026-11-24T08:00:00Z');
    const comments = Array.from({ length: 150 }, (_, index) => ({
      id: 2_500_000_000 + index * 37,
      issueNumber: 42,
      body: index === 149 ? 'Newest context: the changelog must follow Keep a Changelog.' : `Old discussion ${index}.`,
      user: { login: 'octocat', id: 583231 },
      createdAt: isoAt(earlier + index * 60_000),
    }));
    // Another run's tracking comment, posted ten minutes ago and still working.
    const otherRun = 'https://github.com/octo-org/octo-repo/actions/runs/6999';
    const tenMinutesAgo = isoAt(Date.now() - 10 * 60_000);
    comments.push({
      id: 2_599_000_000,
      issueNumber: 42,
      body: `${MARKER}\n<!-- codex-task-action:working ${otherRun} -->\n👀 Working on it.`,
      user: { login: 'github-actions[bot]', id: 41898282 },
      createdAt: tenMinutesAgo,
    });
    const w = await world({
      event: askOnIssue(),
      github: { permissions: { mona: 'write' }, comments },
      modelTurns: changeAndSay('Added a changelog.'),
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    const prompt = JSON.stringify(w.model.responseRequests[0]?.body);
    assert.match(prompt, /Newest context: the changelog must follow Keep a Changelog/);
    const tracking = w.actionComments().find((comment) => comment.id !== 2_599_000_000)!;
    assert.match(
      tracking.edits[0]!,
      /Another run is still working on this thread \(\[run 1\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/6999\)\)/,
    );
    const lists = w.github.requests.filter(
      (request) => request.method === 'GET' && request.path.endsWith('/issues/42/comments'),
    );
    assert.ok(
      lists.every((request) => Number(request.query.per_page) <= 100),
      'per_page at most 100',
    );
  });
});

describe("GitHub's body limit", () => {
  it('opens the pull request when Codex writes a final message longer than 65,536 characters', async () => {
    const longMessage = `Added a changelog.\n\n${'Details of the change, line by line. '.repeat(2_000)}`;
    const w = await world({
      event: askOnIssue(),
      github: { permissions: { mona: 'write' } },
      modelTurns: changeAndSay(longMessage),
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    const body = w.github.pulls[0]!.body;
    assert.ok(Array.from(body).length <= 65_536);
    assert.ok(body.startsWith(MARKER), 'the marker stays at the start');
    assert.match(
      body,
      /This text was cut here to fit GitHub's limit of 65,536 characters\. The full text is in the log of \[the workflow run\]/,
    );
    assert.ok(result.log.includes(longMessage.split('\n').at(-1)!.trim()), 'the full text is in the run log');
  });
});

describe('an outage of the permission check is not a refusal', () => {
  it('fails the run, without calling the model, naming the API host and the error', async () => {
    const w = await world({
      event: askOnIssue(),
      github: { permissions: { mona: 'write' } },
      modelTurns: changeAndSay('Added a changelog.'),
    });
    w.github.injectFault({
      method: 'GET',
      path: /collaborators\/mona\/permission$/,
      status: 503,
      times: Infinity,
      body: { message: 'Service Unavailable' },
    });
    const result = await w.run();
    assert.notEqual(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.equal(w.model.requests.length, 0);
    assert.match(
      result.log,
      new RegExp(
        `::error::.*permission of @mona could not be checked.*GitHub API at ${new URL(w.github.url).host.replace(/\./g, '\\.')}.*HTTP 503`,
      ),
    );
    assert.doesNotMatch(result.log, /can't run this request/);
  });

  it('fails the run when the API cannot be reached at all', async () => {
    const w = await world({
      event: askOnIssue(),
      github: { permissions: { mona: 'write' } },
      modelTurns: changeAndSay('Added a changelog.'),
    });
    const result = await w.run({ env: { GITHUB_API_URL: 'http://127.0.0.1:9' } });
    assert.notEqual(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.equal(w.model.requests.length, 0);
    assert.match(result.log, /::error::.*permission of @mona could not be checked.*GitHub API at 127\.0\.0\.1:9/);
  });
});

describe('a spent primary rate limit', () => {
  it('fails at once, saying when the limit resets, instead of waiting for it', async () => {
    const w = await world({
      event: askOnIssue(),
      github: { permissions: { mona: 'write' } },
      modelTurns: changeAndSay('Added a changelog.'),
    });
    w.github.exhaustPrimaryRateLimit(45 * 60);
    const result = await w.run({ timeoutMs: 60_000 });
    assert.notEqual(result.exitCode, null, 'the run ended by itself, not by the test timeout');
    assert.notEqual(result.exitCode, 0, result.log);
    assert.ok(result.durationMs < 30_000, `took ${result.durationMs} ms`);
    assert.match(
      result.log,
      /rate limit for this token is used up until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in about 45 min\)/,
    );
    assert.equal(w.model.requests.length, 0);
  });
});

describe('review threads', () => {
  it('answers a review comment in its thread, not in the pull request timeline', async () => {
    const w = await world({
      event: {
        name: 'pull_request_review_comment',
        payload: pullRequestReviewCommentEvent({
          pull: { number: 8, title: 'Shout the report', body: 'Makes the report louder.', head: 'feature/loud' },
          body: '/codex make this a named constant',
          sender: users.maintainer,
          path: 'src/report.js',
          line: 2,
          diffHunk: '@@ -1,2 +1,2 @@\n export function report() {\n-  return "ok";\n+  return "OK";',
          commentId: 1_876_543_210,
        }),
      },
      github: {
        permissions: { mona: 'write' },
        pulls: [{ number: 8, head: 'feature/loud', base: 'main', title: 'Shout the report' }],
      },
      modelTurns: [
        { items: [modelSays.shell('echo "export const OK = \\"OK\\";" > src/constants.js')] },
        { items: [modelSays.message('Made it a constant.')] },
      ],
    });
    w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    assert.deepEqual(
      w.github.comments.filter((comment) => comment.user.login === 'github-actions[bot]'),
      [],
      'nothing in the pull request timeline',
    );
    const replies = w.github.reviewComments.filter((comment) => comment.user.login === 'github-actions[bot]');
    assert.equal(replies.length, 1, 'one reply, edited to its final state');
    assert.equal(replies[0]!.inReplyToId, 1_876_543_210);
    assert.match(replies[0]!.body, /Pushed [0-9a-f]{12} to `feature\/loud` \(pull request #8\)/);
    assert.ok(
      w.github.requests.some(
        (request) =>
          request.method === 'POST' && request.path === '/repos/octo-org/octo-repo/pulls/8/comments/1876543210/replies',
      ),
    );
  });
});

describe('review threads, when the trigger is itself a reply', () => {
  it("replies to the thread's first comment, since GitHub takes no replies to replies", async () => {
    const root = 1_876_000_042;
    const payload = pullRequestReviewCommentEvent({
      pull: { number: 8, title: 'Shout the report', body: 'Makes the report louder.', head: 'feature/loud' },
      body: '/codex do what the reviewer asks above',
      sender: users.maintainer,
      path: 'src/report.js',
      line: 2,
      diffHunk: '@@ -1,2 +1,2 @@\n export function report() {\n-  return "ok";\n+  return "OK";',
      commentId: 1_876_543_210,
    });
    (payload.comment as Record<string, unknown>).in_reply_to_id = root;
    const w = await world({
      event: { name: 'pull_request_review_comment', payload },
      github: {
        permissions: { mona: 'write' },
        pulls: [{ number: 8, head: 'feature/loud', base: 'main', title: 'Shout the report' }],
        reviewComments: [
          {
            id: root,
            pullNumber: 8,
            body: 'Can this be a named constant?',
            user: { login: 'octocat', id: 583231 },
            path: 'src/report.js',
            line: 2,
            createdAt: '2026-11-24T11:00:00Z',
          },
        ],
      },
      modelTurns: [{ items: [modelSays.message('Nothing to change yet.')] }],
    });
    w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    const replies = w.github.reviewComments.filter((comment) => comment.user.login === 'github-actions[bot]');
    assert.deepEqual(
      replies.map((reply) => reply.inReplyToId),
      [root],
    );
    assert.match(replies[0]!.body, /finished without changing any files/);
  });
});

describe('verified commits (commit-signing: api)', () => {
  it('a push refused by a rule that requires signed commits keeps the patch and says to set commit-signing: api', async () => {
    const w = await world({
      event: askOnIssue(),
      github: { permissions: { mona: 'write' } },
      modelTurns: changeAndSay('Added a changelog.'),
    });
    w.github.requireSignedCommits();
    const result = await w.run();
    assert.notEqual(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    const reply = w.actionComments()[0]!.body;
    assert.match(reply, /GH013/);
    assert.match(reply, /set `commit-signing: api`/);
    assert.ok(result.outputs['patch-path'], 'the patch is kept');
    assert.deepEqual(w.remoteBranches(), ['main']);
  });

  it('has GitHub make and sign the commit, on a new branch with the usual message and trailer, and opens the pull request', async () => {
    const w = await world({
      event: askOnIssue(),
      inputs: { 'commit-signing': 'api' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        {
          items: [
            modelSays.shell(
              'echo "# Changes" > CHANGELOG.md && rm README.md && mkdir -p docs && printf "\\x00\\x01bin" > docs/logo.bin',
            ),
          ],
        },
        { items: [modelSays.message('Added a changelog.')] },
      ],
    });
    w.github.requireSignedCommits();
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    const branch = result.outputs.branch!;
    assert.deepEqual(
      w.github.apiCommits.map((commit) => [commit.sha, commit.branch]),
      [[result.outputs['commit-sha'], branch]],
    );
    assert.equal(
      git(w.origin, 'rev-parse', `${branch}~1`),
      git(w.origin, 'rev-parse', 'main'),
      'one commit on top of main',
    );
    assert.equal(git(w.origin, 'show', `${branch}:CHANGELOG.md`), '# Changes');
    assert.equal(git(w.origin, 'cat-file', '-p', `${branch}:docs/logo.bin`), '\u0000\u0001bin');
    assert.throws(() => git(w.origin, 'cat-file', '-e', `${branch}:README.md`), 'the deletion is carried too');
    const message = git(w.origin, 'log', '-1', '--format=%B', branch);
    assert.match(message, /^add a changelog\n\nRequested by @mona in #42\./);
    assert.match(message, /Co-authored-by: mona <1001\+mona@users\.noreply\.github\.com>/);
    assert.equal(w.github.pulls[0]?.head, branch);
  });

  it('adds the API commit to the branch of the pull request on a follow-up, on top of its head', async () => {
    const w = await world({
      event: {
        name: 'pull_request_review_comment',
        payload: pullRequestReviewCommentEvent({
          pull: { number: 8, title: 'Shout the report', body: 'Makes the report louder.', head: 'feature/loud' },
          body: '/codex make this a named constant',
          sender: users.maintainer,
          path: 'src/report.js',
          line: 2,
          diffHunk: '@@ -1,2 +1,2 @@\n export function report() {\n-  return "ok";\n+  return "OK";',
          commentId: 1_876_543_210,
        }),
      },
      inputs: { 'commit-signing': 'api' },
      github: {
        permissions: { mona: 'write' },
        pulls: [{ number: 8, head: 'feature/loud', base: 'main', title: 'Shout the report' }],
      },
      modelTurns: [
        { items: [modelSays.shell('echo "export const OK = \\"OK\\";" > src/constants.js')] },
        { items: [modelSays.message('Made it a constant.')] },
      ],
    });
    const before = w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' });
    w.github.requireSignedCommits();
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    assert.equal(git(w.origin, 'rev-parse', 'feature/loud~1'), before);
    assert.equal(git(w.origin, 'rev-parse', 'feature/loud'), result.outputs['commit-sha']);
    assert.equal(w.github.apiCommits.length, 1);
    assert.equal(w.github.pulls.length, 1, 'no new pull request');
  });

  it('refuses a change the API cannot carry (an executable bit), naming it, and publishes nothing', async () => {
    const w = await world({
      event: askOnIssue(),
      inputs: { 'commit-signing': 'api' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        {
          items: [
            modelSays.shell(
              'printf "#!/bin/sh\\necho hi\\n" > release.sh && chmod +x release.sh && echo "# Changes" > CHANGELOG.md',
            ),
          ],
        },
        { items: [modelSays.message('Added a release script.')] },
      ],
    });
    const result = await w.run();
    assert.notEqual(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.match(w.actionComments()[0]!.body, /`release\.sh` is an executable file/);
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.deepEqual(w.github.apiCommits, []);
  });
});
