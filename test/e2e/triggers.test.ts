// End to end: the richer triggers (a review comment on a diff line, an assignment) and the pull request
// extras (labels, reviewers, draft).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { issueAssignedEvent, issueCommentEvent, pullRequestReviewCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { git, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);

describe('a review comment on a line of a pull request', () => {
  it('gives Codex the file, lines and diff hunk, and commits to the pull request branch', async () => {
    const hunk = '@@ -1,2 +1,3 @@\n export function report() {\n-  return "ok";\n+  return "OK";\n }';
    const w = await world({
      event: {
        name: 'pull_request_review_comment',
        payload: pullRequestReviewCommentEvent({
          pull: { number: 8, title: 'Shout the report', body: 'Makes the report louder.', head: 'feature/loud' },
          body: '/codex make this a named constant',
          sender: users.maintainer,
          path: 'src/report.js',
          line: 3,
          startLine: 2,
          diffHunk: hunk,
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
    const before = w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    assert.equal(result.outputs.branch, 'feature/loud');
    assert.equal(result.outputs['pr-number'], '8');
    assert.equal(git(w.origin, 'rev-parse', 'feature/loud~1'), before);
    assert.equal(w.github.pulls.length, 1, 'no new pull request');
    assert.deepEqual(
      w.github.reactions.map((r) => [r.subject, r.id, r.content]),
      [['review-comment', 777001, 'eyes']],
    );
    const prompt = JSON.stringify(w.model.responseRequests[0]?.body);
    assert.match(
      prompt,
      /The comment is on lines 2-3 of this file, in this diff hunk:\\n<untrusted-github-text author=\\"@mona\\">\\nFile: src\/report.js\\n/,
    );
    assert.ok(prompt.includes(JSON.stringify(hunk).slice(1, -1)), 'the diff hunk is in the prompt');
    const reply = w.github.reviewComments.find((comment) => comment.user.login === 'github-actions[bot]');
    assert.match(
      reply!.body,
      /Pushed [0-9a-f]{12} to `feature\/loud` \(pull request #8\)/,
      'the answer is in the review thread',
    );
  });
});

describe('an issue assigned to the trigger assignee', () => {
  it('hands the whole issue to Codex', async () => {
    const w = await world({
      event: {
        name: 'issues',
        payload: issueAssignedEvent({
          issue: { number: 12, title: 'Add a LICENSE file', body: 'MIT, please.' },
          assignee: 'codex-bot',
        }),
      },
      inputs: { 'trigger-assignee': '@codex-bot' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.shell('echo MIT > LICENSE')] },
        { items: [modelSays.message('Added the license.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(w.github.pulls[0]!.title, 'Add a LICENSE file');
    assert.match(JSON.stringify(w.model.responseRequests[0]?.body), /Resolve issue #12/);
  });

  it('skips an assignment to someone else', async () => {
    const w = await world({
      event: {
        name: 'issues',
        payload: issueAssignedEvent({ issue: { number: 12, title: 'x', body: '' }, assignee: 'someone' }),
      },
      inputs: { 'trigger-assignee': 'codex-bot' },
    });
    const result = await w.run();
    assert.equal(result.outputs.conclusion, 'skipped');
    assert.equal(w.model.requests.length, 0);
  });
});

describe('pull request extras', () => {
  it('adds labels, requests reviews from the reviewers and the requester, and opens a draft', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 42, title: 'Docs', body: '' },
          body: '/codex write the docs',
          sender: users.maintainer,
        }),
      },
      inputs: { labels: 'codex, automated', reviewers: '@octocat', 'request-review': 'true', draft: 'true' },
      github: { permissions: { mona: 'write', octocat: 'write' } },
      modelTurns: [{ items: [modelSays.shell('echo docs > DOCS.md')] }, { items: [modelSays.message('Wrote docs.')] }],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    const pull = w.github.pulls[0]!;
    assert.equal(pull.draft, true);
    assert.deepEqual(w.github.labels, [{ issueNumber: pull.number, labels: ['codex', 'automated'] }]);
    assert.deepEqual(
      w.github.reviewRequests.map((r) => [r.pullNumber, [...r.reviewers].sort()]),
      [[pull.number, ['mona', 'octocat']]],
    );
  });
});
