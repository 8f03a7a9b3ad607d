// End to end: a newcomer's first hour. Each test is a setup mistake maintainers really make (an input typo, a
// missing checkout step, a token without a permission, a wrong model key or URL, a label's capitals, the bridge
// started by hand), and checks that the action answers it precisely: which setting, which value, what to do.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, issuesEvent, users } from '../support/events.ts';
import { forbidActionsToOpenPullRequests, withoutIssuesWrite } from '../support/github-emulator.ts';
import { modelSays, type ScriptedTurn } from '../support/model-server.ts';
import { CANARY, PROJECT_ROOT, codexBinary, type RunResult, type World, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);

const issue = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const comment = (sender = users.maintainer) => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body: '/codex add a --json flag', sender }),
});
const writesAFile: ScriptedTurn[] = [
  { items: [modelSays.shell('echo change > change.txt')] },
  { items: [modelSays.message('Changed.')] },
];

function assertNoLeak(w: World, result: RunResult): void {
  const text = w.publishedText(result);
  for (const [name, value] of Object.entries(CANARY)) assert.ok(!text.includes(value), `canary ${name} leaked`);
  assert.deepEqual(w.leftoverProcesses(), []);
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe('an invalid input stops the run and says what to fix', () => {
  it('timeout-minutes: abc fails the step naming the input, the value and what is accepted; no watchdog, no model call', async () => {
    const w = await world({
      event: comment(),
      inputs: { 'timeout-minutes': 'abc' },
      github: { permissions: { mona: 'write' } },
      modelTurns: writesAFile,
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.match(
      result.log,
      /::error::Input 'timeout-minutes' is 'abc'; give a number of minutes greater than 0 and at most 360\./,
    );
    assert.doesNotMatch(result.log, /watchdog/i);
    assert.equal(w.model.requests.length, 0, 'no model call');
    assert.deepEqual(w.github.reactions, [], 'nothing acknowledged');
    // The requester passed the gate: the answer is on the issue too, and it is the only comment.
    assert.equal(w.actionComments().length, 1);
    assert.match(w.actionComments()[0]!.body, /Input 'timeout-minutes' is 'abc'/);
    assert.match(w.actionComments()[0]!.body, /Fix the inputs under `with:`/);
    assert.deepEqual(w.remoteBranches(), ['main']);
    assertNoLeak(w, result);
  });

  it('required-permission: writer is an input error, never a refusal of the requester', async () => {
    const w = await world({
      event: comment(),
      inputs: { 'required-permission': 'writer' },
      github: { permissions: { mona: 'write' } },
      modelTurns: writesAFile,
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.match(
      result.log,
      /::error::Input 'required-permission' is 'writer'; accepted values: read, triage, write, maintain, admin\./,
    );
    // Only an admin would pass the gate read strictly, so @mona (write) is told nothing at all: no refusal.
    assert.deepEqual(w.actionComments(), []);
    assert.doesNotMatch(result.log, /Refused/);
    assert.equal(w.model.requests.length, 0);
    assertNoLeak(w, result);
  });

  it('required-permission: writer is answered on the issue to an admin, who can fix it', async () => {
    const w = await world({
      event: comment(),
      inputs: { 'required-permission': 'writer' },
      github: { permissions: { mona: 'admin' } },
      modelTurns: writesAFile,
    });
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.equal(w.actionComments().length, 1);
    assert.match(
      w.actionComments()[0]!.body,
      /Input 'required-permission' is 'writer'; accepted values: read, triage, write, maintain, admin/,
    );
    assert.doesNotMatch(w.actionComments()[0]!.body, /or higher is required/);
    assert.equal(w.model.requests.length, 0);
    assertNoLeak(w, result);
  });
});

describe('setup mistakes outside the inputs', () => {
  it('names the missing actions/checkout step before acknowledging anything', async () => {
    const w = await world({ event: comment(), github: { permissions: { mona: 'write' } }, modelTurns: writesAFile });
    const empty = fs.mkdtempSync(path.join(w.dir, 'no-checkout-'));
    const result = await w.run({ env: { GITHUB_WORKSPACE: empty } });
    assert.equal(result.exitCode, 1, result.log);
    assert.deepEqual(w.github.reactions, [], 'no eyes before the check');
    assert.equal(w.actionComments().length, 1, 'one answer, no tracking comment');
    const body = w.actionComments()[0]!.body;
    assert.match(body, /not a git repository/);
    assert.match(body, /actions\/checkout/);
    assert.doesNotMatch(result.log, /fatal: not a git repository/);
    assert.equal(w.model.requests.length, 0);
    assertNoLeak(w, result);
  });

  it('keeps the branch and names the repository setting and github-token when Actions may not open pull requests', async () => {
    const w = await world({ event: comment(), github: { permissions: { mona: 'write' } }, modelTurns: writesAFile });
    forbidActionsToOpenPullRequests(w.github);
    const result = await w.run();
    assert.equal(result.exitCode, 1, result.log);
    assert.equal(w.github.pulls.length, 0);
    const branch = result.outputs.branch!;
    assert.ok(w.remoteBranches().includes(branch), `the branch ${branch} is kept on origin`);
    const body = w.actionComments()[0]!.body;
    assert.match(body, /not permitted to create or approve pull requests/);
    assert.match(
      body,
      /Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"/,
    );
    assert.match(body, /`github-token`/);
    assertNoLeak(w, result);
  });

  it('still opens the pull request when the token lacks issues: write, and says how to add it', async () => {
    const w = await world({ event: comment(), github: { permissions: { mona: 'write' } }, modelTurns: writesAFile });
    withoutIssuesWrite(w.github);
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.equal(w.github.pulls.length, 1);
    const warnings = result.log.split('\n').filter((line) => line.startsWith('::warning::'));
    const told = warnings.filter((line) => line.includes('`issues: write`'));
    assert.equal(told.length, 1, `told once:\n${warnings.join('\n')}`);
    assert.match(told[0]!, /permissions:/);
    assertNoLeak(w, result);
  });

  it("matches trigger-label without regard to case, as GitHub's labels do", async () => {
    const w = await world({
      event: {
        name: 'issues',
        payload: issuesEvent({
          action: 'labeled',
          label: 'codex',
          issue: { ...issue, author: users.maintainer },
          sender: users.maintainer,
        }),
      },
      inputs: { 'trigger-label': 'Codex' },
      github: { permissions: { mona: 'write' } },
      modelTurns: writesAFile,
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assertNoLeak(w, result);
  });
});

describe('a model endpoint that refuses the setup', () => {
  const refusing = (status: number, message: string, code: string | null): ScriptedTurn[] =>
    Array.from({ length: 8 }, () => ({
      status,
      body: { error: { message, type: 'invalid_request_error', param: null, code } },
    }));

  const cases = [
    {
      status: 401,
      message:
        'Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.',
      code: 'invalid_api_key',
      input: 'openai-api-key',
    },
    {
      status: 403,
      message: 'Project proj_abc does not have access to model gpt-5.5',
      code: 'model_not_found',
      input: 'openai-api-key',
    },
    {
      status: 404,
      message: 'The model `gpt-5.5` does not exist or you do not have access to it.',
      code: 'model_not_found',
      input: 'model',
    },
    { status: 404, message: 'Invalid URL (POST /v1/v1/responses)', code: null, input: 'openai-base-url' },
  ];
  for (const { status, message, code, input } of cases) {
    it(`HTTP ${status} (${message.slice(0, 30)}…) is one line naming '${input}', the endpoint's words once`, async () => {
      const w = await world({
        event: comment(),
        github: { permissions: { mona: 'write' } },
        modelTurns: refusing(status, message, code),
      });
      const result = await w.run();
      assert.equal(result.exitCode, 1, result.log);
      const body = w.actionComments()[0]!.body;
      const failure = body.split('\n').find((line) => line.includes('The task failed')) ?? '';
      assert.match(failure, new RegExp(`HTTP ${status}`));
      assert.ok(failure.includes(`'${input}'`), `names the input '${input}': ${failure}`);
      assert.equal(occurrences(body, message.slice(0, 25)), 1, `the endpoint's message once:\n${body}`);
      assert.deepEqual(w.remoteBranches(), ['main']);
      assertNoLeak(w, result);
    });
  }
});

describe('node dist/mcp-server.js', () => {
  it('uses `codex` from PATH when no binary is given', async () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-path-'));
    fs.symlinkSync(codexBinary('latest'), path.join(bin, 'codex'));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-home-'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(PROJECT_ROOT, 'dist/mcp-server.js')],
      env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home, CODEX_HOME: home },
      cwd: home,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'newcomer-test', version: '1' });
    try {
      await client.connect(transport);
      const tools = await client.listTools();
      assert.deepEqual(tools.tools.map((tool) => tool.name).sort(), ['codex', 'codex-reply']);
      assert.ok(stderr.includes(path.join(bin, 'codex')), `the bridge says which codex it uses:\n${stderr}`);
    } finally {
      await client.close();
      fs.rmSync(bin, { recursive: true, force: true });
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
