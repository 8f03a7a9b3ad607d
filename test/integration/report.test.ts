// The report stage's branches, through run(deps) in this process: the eyes and the tracking comment (posted
// once, edited to its final state, in a review thread when asked there), the reply for each conclusion, the
// step outputs, the job summary, the answers to setup mistakes (an invalid input, told on the issue only to
// someone who passes the gate; a missing checkout), and a comment API that fails without hiding the outcome.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  issueCommentEvent,
  issuesEvent,
  pullRequestReviewCommentEvent,
  users,
  workflowDispatchEvent,
} from '../support/events.ts';
import type { GitHubEmulatorOptions } from '../support/github-emulator.ts';
import { withoutIssuesWrite } from '../support/github-emulator.ts';
import type { CodexScript, InProcessResult } from '../support/in-process.ts';
import { runInProcess } from '../support/in-process.ts';
import type { World, WorldOptions } from '../support/world.ts';
import { worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);
const MARKER = '<!-- codex-task-action -->';
const issue = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const askOnIssue = (body = '/codex add a --json flag') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender: users.maintainer }),
});
const writer: GitHubEmulatorOptions = { permissions: { mona: 'write' } };
const runsAndChanges: CodexScript = {
  steps: [
    { event: { type: 'command-start', id: 'c1', command: 'npm test' } },
    { files: { 'src/json.js': 'export const json = true;\n' } },
    { event: { type: 'command-end', id: 'c1', command: 'npm test', exitCode: 0, durationMs: 1500, output: 'ok' } },
    { event: { type: 'patch', id: 'p1', files: ['src/json.js'], success: true } },
  ],
  finalMessage: 'Added a --json flag.',
};

async function runFor(
  options: Omit<WorldOptions, 'github'> & { github?: GitHubEmulatorOptions },
  codex: CodexScript = runsAndChanges,
  prepare?: (w: World) => void,
  env?: Record<string, string>,
): Promise<{ w: World; result: InProcessResult }> {
  const w = await world({ github: writer, ...options });
  prepare?.(w);
  return { w, result: await runInProcess(w, codex, { env }) };
}

const runUrl = (w: World): string => `https://github.com/octo-org/octo-repo/actions/runs/${w.runId}`;
const OUTPUT_NAMES = [
  'conclusion',
  'pr-url',
  'pr-number',
  'branch',
  'commit-sha',
  'patch-path',
  'changed-files',
  'final-message',
  'thread-id',
  'review-url',
  'review-comments',
  'tokens-used',
  'model-requests',
];

describe('the tracking comment', () => {
  it('is posted once with the eyes, says who and where, and is edited to the result', async () => {
    const { w, result } = await runFor({ event: askOnIssue() });
    assert.equal(result.exitCode, 0, result.log);
    assert.deepEqual(w.github.reactions, [{ subject: 'comment', id: 555001, content: 'eyes' }]);
    const comments = w.actionComments();
    assert.equal(comments.length, 1, 'one comment, edited');
    const [tracking] = comments;
    assert.equal(
      tracking!.edits[0],
      `${MARKER}\n<!-- codex-task-action:working ${runUrl(w)} -->\n👀 Working on it, @mona. Codex is on the task; this comment will show the result. [Follow the run](${runUrl(w)}).`,
    );
    const final = tracking!.body;
    assert.ok(final.startsWith(`${MARKER}\n✅ Opened pull request #43: ${w.github.pulls[0]!.html_url}`), final);
    assert.doesNotMatch(final, /codex-task-action:working/, 'the final state no longer says it is working');
    assert.match(final, /<summary>1 changed file\(s\)<\/summary>/);
    assert.match(final, /src\/json\.js/);
    assert.match(final, /<summary>Codex's summary<\/summary>\n\nAdded a --json flag\./);
    assert.ok(final.includes(`<sub>[workflow run](${runUrl(w)}) · took `), final);
    assert.match(final, /1,500 tokens|1500 tokens/);
  });

  it('names another run still working on the thread, and leaves its comment alone', async () => {
    const otherRun = 'https://github.com/octo-org/octo-repo/actions/runs/1111';
    const otherBody = `${MARKER}\n<!-- codex-task-action:working ${otherRun} -->\n👀 Working on it`;
    const { w, result } = await runFor({
      event: askOnIssue(),
      github: {
        ...writer,
        comments: [
          {
            id: 990,
            issueNumber: 42,
            body: otherBody,
            createdAt: new Date().toISOString(),
            user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
          },
        ],
      },
    });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    const other = w.actionComments().find((comment) => comment.id === 990)!;
    assert.deepEqual(other.edits, [otherBody]);
    const tracking = w.actionComments().find((comment) => comment.id !== 990)!;
    assert.match(
      tracking.edits[0]!,
      /Another run is still working on this thread \(\[run 1\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/1111\)\)/,
    );
  });

  it('reacts on the issue itself when the task is an opened issue', async () => {
    const { w, result } = await runFor({
      event: {
        name: 'issues',
        payload: issuesEvent({
          action: 'opened',
          issue: { number: 43, title: 'Add JSON', body: '/codex add a --json flag', author: users.maintainer },
        }),
      },
    });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.deepEqual(w.github.reactions, [{ subject: 'issue', id: 43, content: 'eyes' }]);
    assert.equal(w.github.comments.find((comment) => comment.user.login === 'github-actions[bot]')?.issueNumber, 43);
  });

  it("in a review thread, is a reply to the thread's first comment, and nothing goes in the timeline", async () => {
    const root = 1_876_000_042;
    const payload = pullRequestReviewCommentEvent({
      pull: { number: 8, title: 'Shout the report', body: 'Louder.', head: 'feature/loud' },
      body: '/codex do what the reviewer asks above',
      sender: users.maintainer,
      path: 'src/report.js',
      line: 2,
      diffHunk: '@@ -1,2 +1,2 @@\n export function report() {\n-  return "ok";\n+  return "OK";',
      commentId: 1_876_543_210,
    });
    (payload.comment as Record<string, unknown>).in_reply_to_id = root;
    const { w, result } = await runFor(
      {
        event: { name: 'pull_request_review_comment', payload },
        github: {
          ...writer,
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
      },
      { steps: [{ files: { 'src/constants.js': 'export const OK = "OK";\n' } }], finalMessage: 'Made it a constant.' },
      (w) => w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' }),
    );
    assert.equal(result.outputs.conclusion, 'committed', result.log);
    assert.deepEqual(
      w.github.comments.filter((comment) => comment.user.login === 'github-actions[bot]'),
      [],
      'nothing in the pull request timeline',
    );
    const replies = w.github.reviewComments.filter((comment) => comment.user.login === 'github-actions[bot]');
    assert.deepEqual(
      replies.map((reply) => reply.inReplyToId),
      [root],
    );
    assert.match(replies[0]!.body, /Pushed [0-9a-f]{12} to `feature\/loud` \(pull request #8\)/);
    assert.deepEqual(w.github.reactions, [{ subject: 'review-comment', id: 1_876_543_210, content: 'eyes' }]);
  });

  it('a final message longer than GitHub takes is clipped in the pull request, with its marker, and kept whole in the log', async () => {
    const longMessage = `Added a changelog.\n\n${'Details of the change, line by line. '.repeat(2_000)}`;
    const { w, result } = await runFor(
      { event: askOnIssue() },
      { steps: [{ files: { 'CHANGELOG.md': '# Changes\n' } }], finalMessage: longMessage },
    );
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    const body = w.github.pulls[0]!.body;
    assert.ok(Array.from(body).length <= 65_536);
    assert.ok(body.startsWith(MARKER), 'the marker stays at the start');
    assert.match(body, /This text was cut here to fit GitHub's limit of 65,536 characters/);
    assert.equal(result.outputs['final-message'], longMessage);
  });
});

describe('the reply, the outputs and the job summary for each conclusion', () => {
  const cases: Array<{
    conclusion: string;
    inputs?: Record<string, string>;
    codex: CodexScript;
    exitCode: number;
    headline: RegExp;
    summaryRows: RegExp[];
  }> = [
    {
      conclusion: 'pull-request',
      codex: runsAndChanges,
      exitCode: 0,
      headline: /^✅ Opened pull request #43: https:\/\/github\.com\/octo-org\/octo-repo\/pull\/43$/,
      summaryRows: [
        /\| Pull request \| https:\/\/github\.com\/octo-org\/octo-repo\/pull\/43 \|/,
        /\| Branch \| `codex\//,
      ],
    },
    {
      conclusion: 'patch',
      inputs: { mode: 'patch' },
      codex: runsAndChanges,
      exitCode: 0,
      headline:
        /^✅ Codex's change is saved as a patch \(mode `patch`\): `.+changes\.patch` on the runner\. Nothing was pushed\.$/,
      summaryRows: [/\| Patch \| `.+changes\.patch` \|/],
    },
    {
      conclusion: 'no-changes',
      codex: { finalMessage: 'Nothing to do.' },
      exitCode: 0,
      headline: /^ℹ️ Codex finished without changing any files, so there is nothing to commit\.$/,
      summaryRows: [/\| Commands run \| 0 \|/],
    },
    {
      conclusion: 'failed',
      codex: { steps: [{ files: { 'half.txt': 'half\n' } }], status: 'timed-out', error: 'no answer in 2 minutes' },
      exitCode: 1,
      headline: /^❌ The task failed: Codex timed out: no answer in 2 minutes$/,
      summaryRows: [/\| Reason \| Codex timed out: no answer in 2 minutes \|/, /\| Patch \| `/],
    },
  ];
  for (const scenario of cases) {
    it(`${scenario.conclusion}: the headline, every output, and the summary's rows`, async () => {
      const { w, result } = await runFor({ event: askOnIssue(), inputs: scenario.inputs }, scenario.codex);
      assert.equal(result.exitCode, scenario.exitCode, result.log);
      const final = w.actionComments()[0]!.body.split('\n');
      assert.equal(final[0], MARKER);
      assert.match(final[1]!, scenario.headline);
      assert.deepEqual(Object.keys(result.outputs).sort(), [...OUTPUT_NAMES].sort());
      assert.equal(result.outputs.conclusion, scenario.conclusion);
      assert.equal(result.outputs['thread-id'], 'thread-scripted-1');
      assert.equal(result.outputs['final-message'], scenario.codex.finalMessage ?? 'Done.');
      assert.match(result.summary, /^## codex-task-action\n/);
      assert.match(result.summary, new RegExp(`\\| Outcome \\| ${scenario.conclusion} \\|`));
      assert.match(result.summary, /\| Requested by \| @mona \|/);
      assert.match(result.summary, /\| Task \| add a --json flag \|/);
      for (const row of scenario.summaryRows) assert.match(result.summary, row);
      if (scenario.exitCode !== 0) assert.match(result.log, /^::error::/m);
    });
  }

  it('the summary lists the commands Codex ran and the changed files; the outputs name the pull request', async () => {
    const { w, result } = await runFor({ event: askOnIssue() });
    assert.match(result.summary, /\| Commands run \| 1 \|/);
    assert.match(result.summary, /<summary>1 command\(s\) Codex ran<\/summary>\n\n- `npm test`: exit 0, 1\.5 s/);
    assert.match(result.summary, /### Changed files\n/);
    const pull = w.github.pulls[0]!;
    assert.equal(result.outputs['pr-url'], pull.html_url);
    assert.equal(result.outputs['pr-number'], String(pull.number));
    assert.equal(result.outputs['changed-files'], '["src/json.js"]');
    assert.equal(result.outputs['review-url'], '');
  });

  it('a refusal sets the conclusion, leaves the other outputs empty and writes a summary', async () => {
    const { result } = await runFor({ event: askOnIssue(), github: { permissions: { mona: 'read' } } });
    assert.equal(result.outputs.conclusion, 'refused');
    assert.equal(result.outputs['pr-url'], '');
    assert.equal(result.outputs['changed-files'], '[]');
    assert.match(result.summary, /\| Outcome \| refused \|/);
    // A reason in the summary mentions no one: the @ is followed by a zero-width space.
    assert.match(result.summary, /\| Reason \| @\u200bmona has 'read' permission/);
  });

  it('a skip sets only the conclusion and writes no summary', async () => {
    const { result } = await runFor({ event: askOnIssue('no trigger here') });
    assert.deepEqual(result.outputs, { conclusion: 'skipped' });
    assert.equal(result.summary, '');
  });

  it('workflow_dispatch has no thread: no comment, no reaction, only outputs and the summary', async () => {
    const { w, result } = await runFor(
      {
        event: { name: 'workflow_dispatch', payload: workflowDispatchEvent() },
        inputs: { prompt: 'add a --json flag' },
      },
      runsAndChanges,
    );
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.deepEqual(w.actionComments(), []);
    assert.deepEqual(w.github.reactions, []);
    assert.match(result.summary, /\| Outcome \| pull-request \|/);
  });
});

describe('setup mistakes', () => {
  it('an invalid input fails the step naming it, and is told on the issue to someone who passes the gate', async () => {
    const { w, result } = await runFor({ event: askOnIssue(), inputs: { 'timeout-minutes': 'abc' } });
    assert.equal(result.exitCode, 1, result.log);
    assert.match(
      result.log,
      /::error::Input 'timeout-minutes' is 'abc'; give a number of minutes greater than 0 and at most 360\./,
    );
    assert.doesNotMatch(result.log, /watchdog/i);
    assert.deepEqual(w.github.reactions, [], 'nothing acknowledged');
    assert.equal(result.codex.options.length, 0);
    assert.equal(w.actionComments().length, 1);
    assert.match(w.actionComments()[0]!.body, /Input 'timeout-minutes' is 'abc'/);
    assert.match(w.actionComments()[0]!.body, /Fix the inputs under `with:`/);
  });

  it('required-permission: writer is an input error: told to an admin, and to a writer nothing, never a refusal', async () => {
    const { w: admin, result: toAdmin } = await runFor({
      event: askOnIssue(),
      inputs: { 'required-permission': 'writer' },
      github: { permissions: { mona: 'admin' } },
    });
    assert.equal(toAdmin.exitCode, 1);
    assert.match(
      admin.actionComments()[0]!.body,
      /Input 'required-permission' is 'writer'; accepted values: read, triage, write, maintain, admin/,
    );
    assert.doesNotMatch(admin.actionComments()[0]!.body, /or higher is required/);

    const { w: other, result: toWriter } = await runFor({
      event: askOnIssue(),
      inputs: { 'required-permission': 'writer' },
    });
    assert.equal(toWriter.exitCode, 1);
    assert.equal(toWriter.outputs.conclusion, 'failed');
    assert.match(toWriter.log, /::error::Input 'required-permission' is 'writer'/);
    assert.deepEqual(other.actionComments(), []);
    assert.doesNotMatch(toWriter.log, /Refused/);
  });

  it('a missing openai-api-key is named on the issue', async () => {
    const { w, result } = await runFor({ event: askOnIssue(), inputs: { 'openai-api-key': '' } });
    assert.equal(result.exitCode, 1, result.log);
    assert.match(w.actionComments()[0]!.body, /Input 'openai-api-key' is required/);
  });

  it('names the missing actions/checkout step before acknowledging anything', async () => {
    const missing = await world({ event: askOnIssue(), github: writer });
    const empty = fs.mkdtempSync(path.join(missing.dir, 'no-checkout-'));
    const noCheckout = await runInProcess(missing, runsAndChanges, { env: { GITHUB_WORKSPACE: empty } });
    assert.equal(noCheckout.exitCode, 1, noCheckout.log);
    assert.deepEqual(missing.github.reactions, [], 'no eyes before the check');
    const comments = missing.actionComments();
    assert.equal(comments.length, 1, 'one answer, no tracking comment');
    assert.match(comments[0]!.body, /not a git repository/);
    assert.match(comments[0]!.body, /actions\/checkout/);
    assert.equal(noCheckout.codex.options.length, 0);
  });
});

describe('a comment API that fails', () => {
  it('without issues: write, the pull request is still opened and the log says once how to add it', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, runsAndChanges, (w) => withoutIssuesWrite(w.github));
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.equal(w.github.pulls.length, 1);
    const told = result.log
      .split('\n')
      .filter((line) => line.startsWith('::warning::') && line.includes('`issues: write`'));
    assert.equal(told.length, 1, result.log);
    assert.match(told[0]!, /permissions:/);
  });

  it("a failing final edit leaves the run's outcome as it was, with a warning", async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, runsAndChanges, (w) =>
      w.github.injectFault({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status: 500, times: Infinity }),
    );
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.match(result.log, /::warning::Could not update the tracking comment/);
    assert.match(w.actionComments()[0]!.body, /Working on it/, 'the comment stays as it was');
  });
});
