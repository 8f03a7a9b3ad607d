// End to end: the action never loses work and never hangs when the world misbehaves. Faults are injected at
// the edges only: the GitHub REST emulation, the scripted model, the bare origin's hooks, the Codex process.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { CANARY, World, git, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);

const issue = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const trigger = (body = '/codex add a --json flag') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender: users.maintainer }),
});
const writesAFile = [
  { items: [modelSays.shell('echo change > change.txt')] },
  { items: [modelSays.message('Changed.')] },
];

function assertClean(w: World, text: string): void {
  for (const [name, value] of Object.entries(CANARY)) assert.ok(!text.includes(value), `canary ${name} leaked`);
  assert.deepEqual(w.leftoverProcesses(), []);
}

describe('GitHub API faults', () => {
  it('retries a 500 from the pull request API and then opens it', async () => {
    const w = await world({ event: trigger(), github: { permissions: { mona: 'write' } }, modelTurns: writesAFile });
    w.github.injectFault({ method: 'POST', path: /\/pulls$/, status: 500, times: 1 });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.equal(w.github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pulls')).length, 2);
    assert.equal(w.github.pulls.length, 1);
    assertClean(w, w.publishedText(result));
  });

  it('honours retry-after on a secondary rate limit (403) and then opens the pull request', async () => {
    const w = await world({ event: trigger(), github: { permissions: { mona: 'write' } }, modelTurns: writesAFile });
    w.github.injectFault({
      method: 'POST',
      path: /\/pulls$/,
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      times: 1,
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.match(result.log, /secondary rate limit hit for POST/);
    assertClean(w, w.publishedText(result));
  });

  it('updates the existing pull request when GitHub says one already exists (422)', async () => {
    const w = await world({ event: trigger(), github: { permissions: { mona: 'write' } }, modelTurns: writesAFile });
    // A pull request for this run's branch already exists, as after a retried request that had in fact succeeded.
    w.github.injectFault({
      method: 'POST',
      path: /\/pulls$/,
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for octo-org:codex/issue-42-${w.runId}.`,
          },
        ],
      },
    });
    // The emulation must hold that pull request for the lookup to find it.
    (w.github as unknown as { pulls: unknown[] }).pulls.push({
      number: 77,
      title: 'old',
      body: 'old',
      head: `codex/issue-42-${w.runId}`,
      base: 'main',
      draft: false,
      state: 'open',
      html_url: 'https://github.com/octo-org/octo-repo/pull/77',
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      headRepoFullName: 'octo-org/octo-repo',
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs['pr-number'], '77');
    const patched = w.github.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/pulls/77'));
    assert.ok(patched, 'the existing pull request was updated');
    assert.match(w.actionComments()[0]!.body, /Updated pull request #77/);
    assertClean(w, w.publishedText(result));
  });
});

describe('push faults', () => {
  it('keeps the patch and says what happened when the remote rejects the push', async () => {
    const w = await world({ event: trigger(), github: { permissions: { mona: 'write' } }, modelTurns: writesAFile });
    const hook = path.join(w.origin, 'hooks', 'pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "protected: pushes to codex/* need review" >&2\nexit 1\n', { mode: 0o755 });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.deepEqual(w.remoteBranches(), ['main']);
    const body = w.actionComments()[0]!.body;
    assert.match(body, /was rejected/);
    assert.match(body, /protected: pushes to codex\/\* need review/);
    assert.ok(body.includes(result.outputs['patch-path']!));
    assert.match(fs.readFileSync(result.outputs['patch-path']!, 'utf8'), /\+change/);
    assertClean(w, w.publishedText(result));
  });

  it('never force-pushes when the pull request branch moved during the run', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 7, title: 'Add report', body: 'Adds it.', isPullRequest: true },
          body: '/codex tidy up',
          sender: users.maintainer,
        }),
      },
      inputs: { mode: 'commit' },
      github: { permissions: { mona: 'write' }, pulls: [{ number: 7, head: 'feature/report', base: 'main' }] },
      modelTurns: [
        { items: [modelSays.shell('sleep 3; echo tidy > tidy.txt')] },
        { items: [modelSays.message('Tidied.')] },
      ],
    });
    w.pushBranch('feature/report', { 'report.txt': 'v1\n' });
    const other = path.join(w.dir, 'other');
    git(w.dir, 'clone', '-q', '-b', 'feature/report', w.origin, other);
    const running = w.run();
    // While Codex runs its (slow) command, someone else pushes to the pull request branch.
    for (let i = 0; i < 300 && w.model.responseRequests.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    git(other, '-c', 'user.name=o', '-c', 'user.email=o@example.com', 'commit', '-q', '--allow-empty', '-m', 'moved');
    git(other, 'push', '-q', 'origin', 'feature/report');
    const result = await running;
    assert.equal(result.exitCode, 1, result.log);
    assert.match(w.actionComments()[0]!.body, /was rejected/);
    assert.ok(fs.existsSync(result.outputs['patch-path']!), 'the patch is kept');
    assert.equal(
      git(w.origin, 'log', '-1', '--format=%s', 'feature/report'),
      'moved',
      'the other push stands; nothing was overwritten',
    );
    assertClean(w, w.publishedText(result));
  });
});

describe('Codex faults', () => {
  it('carries on when the model stream is cut mid-response (Codex retries the stream)', async () => {
    const w = await world({
      event: trigger(),
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ cutAfterCreated: true }, ...writesAFile],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.equal(w.model.responseRequests.length, 3, 'the cut request was sent again');
    assertClean(w, w.publishedText(result));
  });

  it('fails cleanly with the reason when the stream is cut on every try', async () => {
    const w = await world({
      event: trigger(),
      github: { permissions: { mona: 'write' } },
      modelTurns: Array.from({ length: 12 }, () => ({ cutAfterCreated: true as const })),
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.match(
      w.actionComments()[0]!.body,
      /❌ The task failed: Codex failed: the model endpoint could not be reached or broke the connection/,
    );
    assert.deepEqual(w.remoteBranches(), ['main']);
    assertClean(w, w.publishedText(result));
  });

  it('notices at once when the Codex process dies mid-task', async () => {
    const w = await world({
      event: trigger(),
      inputs: { 'timeout-minutes': '5' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ hang: true }],
    });
    const running = w.run();
    // Wait until the model has been asked (Codex is mid-task), then kill Codex like an OOM killer would.
    for (let i = 0; i < 200 && w.model.responseRequests.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const codex = w.leftoverProcesses().filter((line) => /codex/.test(line) && /mcp-server|app-server/.test(line));
    assert.ok(codex.length > 0, 'Codex is running');
    for (const line of codex) execFileSync('kill', ['-9', line.split(':')[0]!]);
    const result = await running;
    assert.equal(result.exitCode, 1, result.log);
    assert.ok(result.durationMs < 60_000, `noticed after ${result.durationMs} ms`);
    assert.match(w.actionComments()[0]!.body, /❌ The task failed: Codex failed/);
    assertClean(w, w.publishedText(result));
  });
});

describe('follow-ups', () => {
  it('adds a commit to the pull request the action opened, with the conversation as context', async () => {
    const branch = 'codex/issue-42-1234';
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: {
            number: 50,
            title: 'add a --json flag',
            body: '<!-- codex-task-action -->\nAdded the flag.',
            isPullRequest: true,
          },
          body: '/codex also document the flag',
          sender: users.maintainer,
          commentId: 900,
        }),
      },
      github: {
        permissions: { mona: 'write' },
        pulls: [
          {
            number: 50,
            head: branch,
            base: 'main',
            title: 'add a --json flag',
            body: '<!-- codex-task-action -->\nAdded the flag.',
          },
        ],
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
      modelTurns: [
        { items: [modelSays.shell('echo "--json prints JSON" > FLAG.md')] },
        { items: [modelSays.message('Documented it.')] },
      ],
    });
    const before = w.pushBranch(branch, { 'json.js': 'export const json = true;\n' });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    assert.equal(result.outputs['pr-number'], '50');
    assert.equal(git(w.origin, 'rev-parse', `${branch}~1`), before);
    assert.equal(w.github.pulls.length, 1, 'no second pull request');
    const prompt = JSON.stringify(w.model.responseRequests[0]?.body);
    assert.match(prompt, /Please keep the docs short\./);
    assert.match(prompt, /reviewer-ray/);
    assert.doesNotMatch(prompt, /WRITTEN AFTER THE TRIGGER/);
    assertClean(w, w.publishedText(result));
  });
});

describe('concurrency', () => {
  it('two runs on the same issue started together publish two branches and clobber nothing', async () => {
    const first = await world({
      event: trigger('/codex add a --json flag'),
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.shell('echo one > one.txt')] }, { items: [modelSays.message('One.')] }],
    });
    const second = await world({
      event: trigger('/codex add a --yaml flag'),
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.shell('echo two > two.txt')] }, { items: [modelSays.message('Two.')] }],
    });
    // Both runs share one origin, as two jobs of the same repository do.
    git(second.workspace, 'remote', 'set-url', 'origin', first.origin);
    const [a, b] = await Promise.all([
      first.run(),
      second.run({ env: { GITHUB_RUN_ID: String(Number(first.runId) + 1) } }),
    ]);
    assert.equal(a.exitCode, 0, a.log);
    assert.equal(b.exitCode, 0, b.log);
    assert.notEqual(a.outputs.branch, b.outputs.branch);
    const branches = first.remoteBranches();
    assert.ok(branches.includes(a.outputs.branch!) && branches.includes(b.outputs.branch!), branches.join(' '));
    assert.equal(git(first.origin, 'show', `${a.outputs.branch}:one.txt`), 'one');
    assert.equal(git(first.origin, 'show', `${b.outputs.branch}:two.txt`), 'two');
    assertClean(first, first.publishedText(a));
    assertClean(second, second.publishedText(b));
  });

  it('tells the requester when another run is still working on the same issue', async () => {
    const otherRun = 'https://github.com/octo-org/octo-repo/actions/runs/1111';
    const w = await world({
      event: trigger('/codex add a --yaml flag'),
      github: {
        permissions: { mona: 'write' },
        comments: [
          {
            id: 990,
            issueNumber: 42,
            body: `<!-- codex-task-action -->\n<!-- codex-task-action:working ${otherRun} -->\n👀 Working on it`,
            createdAt: new Date().toISOString(),
            user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
          },
        ],
      },
      modelTurns: writesAFile,
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    const tracking = w.actionComments().find((comment) => comment.id !== 990)!;
    assert.match(
      tracking.edits[0]!,
      /Another run is still working on this thread \(\[run 1\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/1111\)\)/,
    );
    assert.doesNotMatch(tracking.body, /codex-task-action:working/, 'the final edit no longer says it is working');
    assertClean(w, w.publishedText(result));
  });
});
