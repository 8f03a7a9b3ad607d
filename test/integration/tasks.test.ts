// What the task is and what Codex is given, through run(deps) in this process, for each trigger: an issue
// opened with the trigger phrase, the trigger label (any case), an assignment, workflow_dispatch, a review
// comment, a comment on a pull request (its files), a follow-up (the conversation up to the trigger), and
// a review comment whose id sorts before the conversation's. The scripted Codex records the request.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  issueAssignedEvent,
  issueCommentEvent,
  issuesEvent,
  pullRequestReviewCommentEvent,
  users,
  workflowDispatchEvent,
} from '../support/events.ts';
import type { GitHubEmulatorOptions } from '../support/github-emulator.ts';
import type { CodexScript, InProcessResult } from '../support/in-process.ts';
import { runInProcess } from '../support/in-process.ts';
import type { World, WorldOptions } from '../support/world.ts';
import { git, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);
const writer: GitHubEmulatorOptions = { permissions: { mona: 'write' } };
const changes: CodexScript = { steps: [{ files: { 'CHANGED.md': 'changed\n' } }], finalMessage: 'Changed.' };

async function runFor(
  options: Omit<WorldOptions, 'github'> & { github?: GitHubEmulatorOptions },
  prepare?: (w: World) => void,
  codex: CodexScript = changes,
): Promise<{ w: World; result: InProcessResult; given: string }> {
  const w = await world({ github: writer, ...options });
  prepare?.(w);
  const result = await runInProcess(w, codex);
  const request = result.codex.requests[0];
  return { w, result, given: request ? `${request.developerInstructions ?? ''}\n${request.prompt}` : '' };
}

const loudPull = { number: 8, title: 'Shout the report', body: 'Makes the report louder.', head: 'feature/loud' };
const loudHunk = '@@ -1,2 +1,2 @@\n export function report() {\n-  return "ok";\n+  return "OK";';
const pushLoud = (w: World): string =>
  w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' });

describe('issues', () => {
  it('an issue opened with the trigger phrase: the request is the text after it, the eyes go on the issue', async () => {
    const { w, result, given } = await runFor({
      event: {
        name: 'issues',
        payload: issuesEvent({
          action: 'opened',
          issue: { number: 9, title: 'Typo', body: 'Please fix.\n\n/codex fix the typo in README' },
        }),
      },
    });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.deepEqual(
      w.github.reactions.map((reaction) => [reaction.subject, reaction.id]),
      [['issue', 9]],
    );
    assert.equal(w.github.pulls[0]!.title, 'fix the typo in README');
    assert.match(given, /fix the typo in README/);
  });

  for (const label of ['codex', 'Codex']) {
    it(`the trigger label (trigger-label: ${label}) hands over the whole issue`, async () => {
      const { w, result, given } = await runFor({
        event: {
          name: 'issues',
          payload: issuesEvent({
            action: 'labeled',
            label: 'codex',
            issue: { number: 11, title: 'Add a CONTRIBUTING file', body: 'We need one.', author: users.maintainer },
            sender: users.maintainer,
          }),
        },
        inputs: { 'trigger-label': label },
      });
      assert.equal(result.outputs.conclusion, 'pull-request', result.log);
      assert.equal(w.github.pulls[0]!.title, 'Add a CONTRIBUTING file');
      assert.match(given, /Resolve issue #11/);
      assert.match(given, /We need one\./);
    });
  }

  it('an assignment to the trigger assignee hands over the whole issue; one to someone else is skipped', async () => {
    const assigned = (assignee: string) => ({
      name: 'issues',
      payload: issueAssignedEvent({
        issue: { number: 12, title: 'Add a LICENSE file', body: 'MIT, please.' },
        assignee,
      }),
    });
    const { w, result, given } = await runFor({
      event: assigned('codex-bot'),
      inputs: { 'trigger-assignee': '@codex-bot' },
    });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.equal(w.github.pulls[0]!.title, 'Add a LICENSE file');
    assert.match(given, /Resolve issue #12/);

    const other = await runFor({ event: assigned('someone'), inputs: { 'trigger-assignee': 'codex-bot' } });
    assert.equal(other.result.outputs.conclusion, 'skipped');
    assert.equal(other.result.codex.options.length, 0);
  });
});

describe('workflow_dispatch', () => {
  it('runs the prompt input on a branch named after the run, with no issue to close or comment on', async () => {
    const { w, result, given } = await runFor({
      event: { name: 'workflow_dispatch', payload: workflowDispatchEvent() },
      inputs: { prompt: 'Update the copyright year in README.md' },
      github: { permissions: { mona: 'admin' } },
    });
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.branch, `codex/run-${w.runId}`);
    assert.equal(w.github.pulls[0]!.title, 'Update the copyright year in README.md');
    assert.doesNotMatch(w.github.pulls[0]!.body, /Closes #/);
    assert.deepEqual(w.actionComments(), []);
    assert.match(given, /Update the copyright year in README\.md/);
  });
});

describe('pull requests', () => {
  it("a comment on a pull request gives Codex the pull request's files", async () => {
    const { result, given } = await runFor(
      {
        event: {
          name: 'issue_comment',
          payload: issueCommentEvent({
            issue: { number: 7, title: 'Add report', body: 'Adds the report.', isPullRequest: true },
            body: '/codex fix the typo in the report',
            sender: users.maintainer,
          }),
        },
        inputs: { mode: 'commit' },
        github: { ...writer, pulls: [{ number: 7, head: 'feature/report', base: 'main', title: 'Add report' }] },
      },
      (w) => w.pushBranch('feature/report', { 'report.txt': 'the reprot\n' }),
    );
    assert.equal(result.outputs.conclusion, 'committed', result.log);
    assert.match(given, /## Files the pull request changes \(1\)/);
    assert.match(given, /report\.txt \(\+1 -0\)/);
  });

  it('a review comment on lines gives Codex the file, the lines and the diff hunk, and commits to the pull request branch', async () => {
    const hunk = '@@ -1,2 +1,3 @@\n export function report() {\n-  return "ok";\n+  return "OK";\n }';
    let before = '';
    const { w, result, given } = await runFor(
      {
        event: {
          name: 'pull_request_review_comment',
          payload: pullRequestReviewCommentEvent({
            pull: loudPull,
            body: '/codex make this a named constant',
            sender: users.maintainer,
            path: 'src/report.js',
            line: 3,
            startLine: 2,
            diffHunk: hunk,
          }),
        },
        github: { ...writer, pulls: [{ number: 8, head: 'feature/loud', base: 'main', title: 'Shout the report' }] },
      },
      (w) => (before = pushLoud(w)),
    );
    assert.equal(result.outputs.conclusion, 'committed', result.log);
    assert.equal(result.outputs.branch, 'feature/loud');
    assert.equal(result.outputs['pr-number'], '8');
    assert.equal(git(w.origin, 'rev-parse', 'feature/loud~1'), before);
    assert.equal(w.github.pulls.length, 1, 'no new pull request');
    assert.deepEqual(
      w.github.reactions.map((reaction) => [reaction.subject, reaction.id, reaction.content]),
      [['review-comment', 777001, 'eyes']],
    );
    assert.match(given, /make this a named constant/);
    assert.match(
      given,
      /The comment is on lines 2-3 of this file, in this diff hunk:\n<untrusted-github-text author="@mona">\nFile: src\/report\.js\n/,
    );
    assert.ok(given.includes(hunk), 'the diff hunk is given');
    const reply = w.github.reviewComments.find((comment) => comment.user.login === 'github-actions[bot]');
    assert.match(
      reply!.body,
      /Pushed [0-9a-f]{12} to `feature\/loud` \(pull request #8\)/,
      'the answer is in the thread',
    );
  });

  it('a review comment with a smaller id than the conversation still gets the conversation written before it', async () => {
    const { result, given } = await runFor(
      {
        event: {
          name: 'pull_request_review_comment',
          payload: pullRequestReviewCommentEvent({
            pull: loudPull,
            body: '/codex apply what we agreed above',
            sender: users.maintainer,
            path: 'src/report.js',
            line: 2,
            diffHunk: loudHunk,
            // Review comment ids run far below issue comment ids on GitHub.
            commentId: 1_876_543_210,
          }),
        },
        github: {
          ...writer,
          pulls: [{ number: 8, head: 'feature/loud', base: 'main', title: 'Shout the report' }],
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
      },
      pushLoud,
      { finalMessage: 'Nothing to change yet.' },
    );
    assert.equal(result.outputs.conclusion, 'no-changes', result.log);
    assert.match(given, /add `REPORT_OK` as a constant/);
  });

  it('a follow-up gets the conversation written before the trigger, and nothing written after it', async () => {
    const body = '<!-- codex-task-action -->\nAdded the flag.';
    const { result, given } = await runFor(
      {
        event: {
          name: 'issue_comment',
          payload: issueCommentEvent({
            issue: { number: 50, title: 'add a --json flag', body, isPullRequest: true },
            body: '/codex also document the flag',
            sender: users.maintainer,
            commentId: 900,
          }),
        },
        github: {
          ...writer,
          pulls: [{ number: 50, head: 'codex/issue-42-1234', base: 'main', title: 'add a --json flag', body }],
          comments: [
            {
              id: 800,
              issueNumber: 50,
              body: 'Please keep the docs short.',
              user: { login: 'reviewer-ray', id: 77, type: 'User' },
              createdAt: '2026-11-24T11:00:00Z',
            },
            {
              id: 950,
              issueNumber: 50,
              body: 'WRITTEN AFTER THE TRIGGER',
              user: { login: 'late-larry', id: 78, type: 'User' },
              createdAt: '2026-11-24T13:00:00Z',
            },
          ],
        },
      },
      (w) => w.pushBranch('codex/issue-42-1234', { 'json.js': 'export const json = true;\n' }),
    );
    assert.equal(result.outputs.conclusion, 'committed', result.log);
    assert.match(given, /Please keep the docs short\./);
    assert.match(given, /reviewer-ray/);
    assert.doesNotMatch(given, /WRITTEN AFTER THE TRIGGER/);
  });
});

describe('threads longer than one page', () => {
  it('reads the newest comments a page at a time, and sees another run still working there', async () => {
    const isoAt = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
    comments.push({
      id: 2_599_000_000,
      issueNumber: 42,
      body: `<!-- codex-task-action -->\n<!-- codex-task-action:working ${otherRun} -->\n👀 Working on it.`,
      user: { login: 'github-actions[bot]', id: 41898282 },
      createdAt: isoAt(Date.now() - 10 * 60_000),
    });
    const { w, result, given } = await runFor({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 42, title: 'Changelog', body: 'We need one.' },
          body: '/codex add a changelog',
          sender: users.maintainer,
          commentId: 2_612_000_001,
        }),
      },
      github: { ...writer, comments },
    });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.match(given, /Newest context: the changelog must follow Keep a Changelog/);
    const tracking = w.actionComments().find((comment) => comment.id !== 2_599_000_000)!;
    assert.match(
      tracking.edits[0]!,
      /Another run is still working on this thread \(\[run 1\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/6999\)\)/,
    );
    const lists = w.github.requests.filter(
      (request) => request.method === 'GET' && request.path.endsWith('/issues/42/comments'),
    );
    assert.ok(lists.length > 0);
    assert.ok(
      lists.every((request) => Number(request.query.per_page) <= 100),
      'per_page at most 100',
    );
  });
});

describe('settings', () => {
  it('an invalid mode is named with what is accepted, on the issue too, and nothing starts', async () => {
    const { w, result } = await runFor({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 42, title: 'T', body: '' },
          body: '/codex do it',
          sender: users.maintainer,
        }),
      },
      inputs: { mode: 'yolo' },
    });
    assert.equal(result.exitCode, 1, result.log);
    assert.match(result.log, /::error::Input 'mode' is 'yolo'; accepted values: pull-request, commit, patch, review\./);
    assert.equal(result.codex.options.length, 0);
    const reply = w.actionComments()[0]!.body;
    assert.match(reply, /Input 'mode' is 'yolo'/);
    assert.match(reply, /Fix the inputs under `with:` in the workflow file/);
  });
});
