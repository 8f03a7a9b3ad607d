// End to end: an issue comment becomes a pull request, through the built dist/index.js, the real Codex
// binary (0.153.4 as `codex mcp-server`, or 0.169.0 through the action's bridge: CTA_CODEX_FLAVOUR), the
// scripted model, the GitHub REST emulation and real git.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, issuesEvent, users, workflowDispatchEvent } from '../support/events.ts';
import { addFilesPatch, modelSays } from '../support/model-server.ts';
import { CANARY, codexBinary, codexFlavour, git, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);

function assertNoSecrets(text: string): void {
  for (const [name, value] of Object.entries(CANARY)) assert.ok(!text.includes(value), `canary ${name} leaked`);
}

describe('an issue comment with the trigger phrase', () => {
  it('opens a pull request with the change Codex made', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' },
          body: '/codex add a --json flag to the report command',
          sender: users.maintainer,
        }),
      },
      github: { permissions: { mona: 'write' }, issues: [{ number: 42, title: 'Report needs JSON' }] },
      modelTurns: [
        { items: [modelSays.patch(addFilesPatch({ 'src/json.js': 'export const json = true;\n' }))] },
        { items: [modelSays.shell('printf "flag\\n" > docs.txt')] },
        { items: [modelSays.message('Added a --json flag and documented it.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    // codex-server auto picks the bridge for a release without mcp-server; native stays native.
    assert.match(
      result.log,
      codexFlavour().name === 'bridge'
        ? /MCP server: the action's bridge over `codex app-server` of Codex 0\.169\.0/
        : /MCP server: native `codex mcp-server` of Codex 0\.153\.4/,
    );
    assert.equal(result.outputs.conclusion, 'pull-request');
    const branch = `codex/issue-42-${w.runId}`;
    assert.equal(result.outputs.branch, branch);
    assert.ok(w.remoteBranches().includes(branch), 'the branch is on origin');
    assert.deepEqual(JSON.parse(result.outputs['changed-files'] as string).sort(), ['docs.txt', 'src/json.js']);

    // The commit on origin: the files, the author, the trailer, one commit on top of main.
    assert.equal(git(w.origin, 'show', `${branch}:src/json.js`), 'export const json = true;');
    assert.equal(git(w.origin, 'rev-list', '--count', `main..${branch}`), '1');
    assert.equal(
      git(w.origin, 'log', '-1', '--format=%an <%ae>', branch),
      'codex-task-action[bot] <codex-task-action[bot]@users.noreply.github.com>',
    );
    assert.match(
      git(w.origin, 'log', '-1', '--format=%B', branch),
      /Co-authored-by: mona <1001\+mona@users\.noreply\.github\.com>/,
    );
    assert.equal(result.outputs['commit-sha'], git(w.origin, 'rev-parse', branch));

    // The pull request.
    assert.equal(w.github.pulls.length, 1);
    const pull = w.github.pulls[0]!;
    assert.equal(pull.head, branch);
    assert.equal(pull.base, 'main');
    assert.equal(pull.title, 'add a --json flag to the report command');
    assert.match(pull.body, /Added a --json flag and documented it\./);
    assert.match(pull.body, /Closes #42/);
    assert.match(pull.body, /src\/json\.js/);
    assert.equal(result.outputs['pr-url'], pull.html_url);
    assert.equal(result.outputs['pr-number'], String(pull.number));

    // The conversation: eyes on the comment, one tracking comment edited to the result.
    assert.deepEqual(
      w.github.reactions.map((r) => [r.subject, r.id, r.content]),
      [['comment', 555001, 'eyes']],
    );
    assert.equal(w.actionComments().length, 1);
    const tracking = w.actionComments()[0]!;
    assert.match(tracking.edits[0]!, /Working on it/);
    assert.match(tracking.body, new RegExp(`Opened pull request #${pull.number}`));
    assert.match(tracking.body, /actions\/runs\//);

    // Codex got the task fenced as untrusted text, and the key only as the provider's bearer token.
    const first = JSON.stringify(w.model.responseRequests[0]?.body);
    assert.match(first, /add a --json flag to the report command/);
    assert.match(first, /untrusted-github-text/);
    assert.equal(w.model.responseRequests[0]?.headers.authorization, `Bearer ${CANARY.openaiKey}`);

    assert.match(result.summary, /pull-request/);
    assert.equal(result.outputs['final-message'], 'Added a --json flag and documented it.');
    assert.ok(result.outputs['thread-id'], 'thread id is set');
    assertNoSecrets(w.publishedText(result));
    assert.deepEqual(w.leftoverProcesses(), []);
    assert.equal(
      fs.existsSync(path.join(w.runnerTemp, `codex-task-action-${w.runId}-1`, 'codex-home')),
      false,
      'CODEX_HOME is deleted',
    );
  });
});

const issue42 = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const commentBy = (sender: (typeof users)[keyof typeof users], body = '/codex add a --json flag') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue: issue42, body, sender }),
});

describe('events that do not trigger', () => {
  it('skips a comment without the trigger phrase: exit 0, no model call, no reply', async () => {
    const w = await world({
      event: commentBy(users.maintainer, 'Looks good to me, thanks!'),
      github: { permissions: { mona: 'write' } },
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'skipped');
    assert.match(result.log, /Skipped: The comment does not contain the trigger phrase '\/codex'/);
    assert.equal(w.model.requests.length, 0);
    assert.deepEqual(w.github.requests, [], 'not even a permission check');
    assert.deepEqual(w.actionComments(), []);
  });

  it('skips an edited comment even when it holds the trigger phrase', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: issue42,
          body: '/codex do it',
          sender: users.maintainer,
          action: 'edited',
        }),
      },
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'skipped');
    assert.equal(w.model.requests.length, 0);
  });
});

describe('the permission gate', () => {
  it('refuses a reader with a reply and no model request', async () => {
    const w = await world({ event: commentBy(users.reader), github: { permissions: { 'reader-rita': 'read' } } });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'refused');
    assert.equal(w.model.requests.length, 0);
    assert.deepEqual(w.github.reactions, []);
    const replies = w.actionComments();
    assert.equal(replies.length, 1);
    assert.match(
      replies[0]!.body,
      /@reader-rita has 'read' permission on this repository; 'write' or higher is required/,
    );
    assert.deepEqual(w.remoteBranches(), ['main']);
  });

  it('refuses a bot that is not listed in allowed-bots', async () => {
    const w = await world({ event: commentBy(users.bot), github: { permissions: { 'renovate[bot]': 'write' } } });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'refused');
    assert.equal(w.model.requests.length, 0);
    assert.match(w.actionComments()[0]!.body, /renovate\[bot\] is a bot account and is not listed in 'allowed-bots'/);
  });

  it('fails, without refusing, when the permission API errors', async () => {
    const w = await world({ event: commentBy(users.maintainer), github: { permissions: { mona: 'admin' } } });
    w.github.injectFault({ method: 'GET', path: /collaborators\/mona\/permission$/, status: 500, times: Infinity });
    const result = await w.run();
    assert.notEqual(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.equal(w.model.requests.length, 0);
    assert.match(w.actionComments()[0]!.body, /could not be checked/);
  });
});

describe('outcomes other than a pull request', () => {
  it('says so when Codex changes nothing', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.message('The flag already exists; nothing to change.')] }],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'no-changes');
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.equal(w.github.pulls.length, 0);
    const tracking = w.actionComments()[0]!;
    assert.match(tracking.body, /without changing any files/);
    assert.match(tracking.body, /The flag already exists/);
  });

  it('writes a patch and pushes nothing in mode patch', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { mode: 'patch' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.shell('printf "one\\ntwo\\n" > notes.txt && printf "changed\\n" >> README.md')] },
        { items: [modelSays.message('Wrote notes.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'patch');
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.equal(w.github.pulls.length, 0);
    const patchPath = result.outputs['patch-path']!;
    assert.ok(patchPath.startsWith(w.runnerTemp), patchPath);
    // The patch applies to a fresh clone and reproduces the change.
    const check = path.join(w.dir, 'check');
    git(w.dir, 'clone', '-q', w.origin, check);
    git(check, 'apply', '--index', patchPath);
    assert.equal(fs.readFileSync(path.join(check, 'notes.txt'), 'utf8'), 'one\ntwo\n');
    assert.match(fs.readFileSync(path.join(check, 'README.md'), 'utf8'), /changed/);
    assert.match(w.actionComments()[0]!.body, /saved as a patch/);
  });
});

describe('a comment on a pull request in mode commit', () => {
  it('pushes a commit to the pull request branch and opens no new pull request', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 7, title: 'Add report', body: 'Adds the report.', isPullRequest: true },
          body: '/codex fix the typo in the report',
          sender: users.maintainer,
        }),
      },
      inputs: { mode: 'commit' },
      github: {
        permissions: { mona: 'maintain' },
        pulls: [{ number: 7, head: 'feature/report', base: 'main', title: 'Add report' }],
      },
      modelTurns: [
        { items: [modelSays.shell("sed -i 's/reprot/report/' report.txt")] },
        { items: [modelSays.message('Fixed the typo.')] },
      ],
    });
    const before = w.pushBranch('feature/report', { 'report.txt': 'the reprot\n' });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    assert.equal(result.outputs.branch, 'feature/report');
    assert.equal(git(w.origin, 'show', 'feature/report:report.txt'), 'the report');
    assert.equal(git(w.origin, 'rev-parse', 'feature/report~1'), before, 'a new commit on top, not a rewrite');
    assert.equal(result.outputs['commit-sha'], git(w.origin, 'rev-parse', 'feature/report'));
    assert.equal(git(w.origin, 'rev-parse', 'main'), git(w.origin, 'rev-parse', 'feature/report~2'), 'main untouched');
    assert.equal(w.github.pulls.length, 1, 'no second pull request');
    assert.match(w.actionComments()[0]!.body, /Pushed [0-9a-f]{12} to `feature\/report`/);
    // The pull request's own change is part of Codex's context.
    const prompt = JSON.stringify(w.model.responseRequests[0]?.body);
    assert.ok(
      prompt.includes('## Files the pull request changes (1)') && prompt.includes('report.txt (+1 -0)'),
      'the pull request diff summary is in the prompt',
    );
  });

  it('refuses mode commit on the default branch and keeps the patch', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { mode: 'commit' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.shell('echo x > x.txt')] }, { items: [modelSays.message('Done.')] }],
    });
    const mainBefore = git(w.origin, 'rev-parse', 'main');
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.equal(git(w.origin, 'rev-parse', 'main'), mainBefore);
    const body = w.actionComments()[0]!.body;
    assert.match(body, /the default branch 'main'/);
    assert.ok(fs.existsSync(result.outputs['patch-path']!), 'patch kept');
    assert.ok(body.includes(result.outputs['patch-path']!), 'the reply says where the patch is');
  });
});

describe('failures', () => {
  it('tells the requester which input is missing', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { 'openai-api-key': '' },
      github: { permissions: { mona: 'write' } },
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.match(w.actionComments()[0]!.body, /Input 'openai-api-key' is required/);
  });

  it('fails cleanly when the model endpoint errors, and leaves no process behind', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      github: { permissions: { mona: 'write' } },
      modelTurns: Array.from({ length: 12 }, () => ({ status: 500 })),
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.match(result.log, /::error::Codex failed/);
    const tracking = w.actionComments()[0]!;
    assert.match(tracking.edits[0]!, /Working on it/);
    assert.match(tracking.body, /❌ The task failed: Codex failed: the model endpoint answered HTTP 500/);
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.deepEqual(w.leftoverProcesses(), []);
    assertNoSecrets(w.publishedText(result));
  });

  it('waits out a rate limit (429 with retry-after) and finishes the task', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        {
          status: 429,
          headers: { 'retry-after': '1' },
          body: { error: { message: 'Rate limit reached', type: 'requests' } },
        },
        { items: [modelSays.shell('echo ok > ok.txt')] },
        { status: 429, headers: { 'retry-after': '1' } },
        { items: [modelSays.message('Done after waiting.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.match(result.log, /rate limiting \(HTTP 429\); retrying in 1\.0 s/);
    assert.equal(w.model.responseRequests.length, 4);
  });

  it('reports a persistent rate limit with its status and no secret', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      github: { permissions: { mona: 'write' } },
      modelTurns: Array.from({ length: 20 }, () => ({ status: 429, headers: { 'retry-after': '0' } })),
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.match(w.actionComments()[0]!.body, /HTTP 429/);
    assertNoSecrets(w.publishedText(result));
  });

  it('keeps the work when Codex fails after changing files', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.patch(addFilesPatch({ 'half.txt': 'half done\n' }))] },
        ...Array.from({ length: 12 }, () => ({ status: 500 })),
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    const patchPath = result.outputs['patch-path']!;
    assert.match(fs.readFileSync(patchPath, 'utf8'), /\+half done/);
    assert.ok(w.actionComments()[0]!.body.includes(patchPath));
    assert.deepEqual(w.remoteBranches(), ['main']);
  });

  it('stops Codex at the timeout and says so', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { 'timeout-minutes': '0.05' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ hang: true }],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.match(w.actionComments()[0]!.body, /Codex timed out/);
    assert.ok(result.durationMs < 60_000, `took ${result.durationMs} ms`);
    assert.deepEqual(w.leftoverProcesses(), []);
  });

  it('stops a command that is still running at the timeout', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { 'timeout-minutes': '0.08' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.shell('echo started > started.txt; sleep 600')] }, { hang: true }],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.match(w.actionComments()[0]!.body, /Codex timed out/);
    assert.deepEqual(w.leftoverProcesses(), []);
    // What the command wrote before the timeout is kept as a patch.
    assert.match(fs.readFileSync(result.outputs['patch-path']!, 'utf8'), /\+started/);
  });

  it('keeps the pushed branch and gives a compare link when the pull request cannot be opened', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.shell('echo x > x.txt')] }, { items: [modelSays.message('Done.')] }],
    });
    w.github.injectFault({
      method: 'POST',
      path: /\/pulls$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      times: Infinity,
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    const branch = `codex/issue-42-${w.runId}`;
    assert.ok(w.remoteBranches().includes(branch));
    const body = w.actionComments()[0]!.body;
    assert.match(body, /Resource not accessible by integration/);
    assert.ok(body.includes(`/compare/main...${encodeURIComponent(branch)}`), body);
  });

  it('names the Codex version and the fix when the binary has no mcp-server', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { 'codex-path': codexBinary('latest'), 'codex-server': 'native' },
      github: { permissions: { mona: 'write' } },
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    const body = w.actionComments()[0]!.body;
    assert.match(body, /Codex 0\.169\.0 has no 'mcp-server' command/);
    assert.match(body, /Set codex-version to 0\.153\.4/);
    assert.equal(w.model.requests.length, 0);
  });

  it('rejects an invalid input with a message naming it', async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { mode: 'yolo' },
      github: { permissions: { mona: 'write' } },
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.match(result.log, /::error::Input 'mode' is 'yolo'; accepted values: pull-request, commit, patch, review\./);
    assert.equal(w.model.requests.length, 0);
    // The requester passed the gate, so the answer goes on the issue too, with what to change.
    const body = w.actionComments()[0]!.body;
    assert.match(body, /Input 'mode' is 'yolo'/);
    assert.match(body, /Fix the inputs under `with:` in the workflow file/);
  });
});

describe('choosing the MCP server', () => {
  it("uses the bridge when codex-server is 'bridge', even on a release that has mcp-server", async () => {
    const w = await world({
      event: commentBy(users.maintainer),
      inputs: { 'codex-path': codexBinary('mcp'), 'codex-server': 'bridge' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.patch(addFilesPatch({ 'bridged.txt': 'via app-server\n' }))] },
        { items: [modelSays.message('Bridged.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.match(
      result.log,
      /MCP server: the action's bridge over `codex app-server` of Codex 0\.153\.4 \(codex-server is 'bridge'\)/,
    );
    assert.match(result.log, /Connected to codex-mcp-bridge 0\.153\.4/);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.equal(result.outputs['final-message'], 'Bridged.');
    assert.deepEqual(JSON.parse(result.outputs['changed-files'] as string), ['bridged.txt']);
    assert.deepEqual(w.leftoverProcesses(), []);
  });
});

describe('other triggers', () => {
  it('runs a task from an issue opened with the trigger phrase', async () => {
    const w = await world({
      event: {
        name: 'issues',
        payload: issuesEvent({
          action: 'opened',
          issue: { number: 9, title: 'Typo', body: 'Please fix.\n\n/codex fix the typo in README' },
        }),
      },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.shell('echo fixed >> README.md')] }, { items: [modelSays.message('Fixed.')] }],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.deepEqual(
      w.github.reactions.map((r) => [r.subject, r.id]),
      [['issue', 9]],
    );
    assert.equal(w.github.pulls[0]!.title, 'fix the typo in README');
  });

  it('runs the whole issue when it gets the trigger label', async () => {
    const w = await world({
      event: {
        name: 'issues',
        payload: issuesEvent({
          action: 'labeled',
          label: 'codex',
          issue: { number: 11, title: 'Add a CONTRIBUTING file', body: 'We need one.' },
        }),
      },
      inputs: { 'trigger-label': 'codex' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.shell('echo "# Contributing" > CONTRIBUTING.md')] },
        { items: [modelSays.message('Added it.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(w.github.pulls[0]!.title, 'Add a CONTRIBUTING file');
    assert.match(JSON.stringify(w.model.responseRequests[0]?.body), /Resolve issue #11/);
  });

  it('runs the prompt input on workflow_dispatch', async () => {
    const w = await world({
      event: { name: 'workflow_dispatch', payload: workflowDispatchEvent() },
      inputs: { prompt: 'Update the copyright year in README.md' },
      github: { permissions: { mona: 'admin' } },
      modelTurns: [
        { items: [modelSays.shell('echo "(c) 2026" >> README.md')] },
        { items: [modelSays.message('Updated.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.branch, `codex/run-${w.runId}`);
    assert.equal(w.github.pulls[0]!.title, 'Update the copyright year in README.md');
    assert.doesNotMatch(w.github.pulls[0]!.body, /Closes #/);
    assert.deepEqual(w.actionComments(), []);
  });
});
