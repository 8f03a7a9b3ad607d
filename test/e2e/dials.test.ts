// End to end: the approval dials. Budgets (max-model-requests, max-tokens) are enforced by the key-holding model
// proxy: when one is spent Codex is stopped, nothing is published, the patch is kept, the run fails and says why.
// The outputs and the job summary always report what was used. Approval requests (approval-policy on-request) are
// answered at once from the dials, on both flavours: native `codex mcp-server` asks the action as an MCP elicitation,
// the bridge forwards app-server's approval request the same way; running outside the sandbox is always declined.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { sameOnEveryServer, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);

const issue = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const trigger = (body = '/codex add a --json flag') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender: users.maintainer }),
});
const github = { permissions: { mona: 'write' as const } };
/** A model that keeps running commands: each turn writes one more file and asks for another turn. */
const endlessWork = (turns: number) =>
  Array.from({ length: turns }, (_, index) => ({ items: [modelSays.shell(`echo step ${index} > step-${index}.txt`)] }));

describe('budgets', () => {
  it('stops Codex at max-model-requests: nothing published, the patch kept, the run fails naming the budget', async () => {
    const w = await world({
      event: trigger(),
      github,
      modelTurns: endlessWork(8),
      inputs: { 'max-model-requests': '3' },
    });
    const result = await w.run();
    assert.notEqual(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'failed');
    // Exactly three requests reached the model; the fourth was refused by the proxy.
    assert.equal(w.model.responseRequests.length, 3);
    assert.equal(result.outputs['model-requests'], '3');
    assert.equal(result.outputs['tokens-used'], String(3 * 1240));
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.equal(w.github.pulls.length, 0);
    const reply = w.actionComments().at(-1)?.body ?? '';
    assert.match(reply, /max-model-requests budget of 3 was reached \(3 model request\(s\), 3,720 tokens used\)/);
    assert.ok(result.outputs['patch-path'] && fs.existsSync(result.outputs['patch-path']), 'the patch was not kept');
    assert.match(fs.readFileSync(result.outputs['patch-path'], 'utf8'), /step-0\.txt/);
    assert.match(result.summary, /Model requests \| 3 \(max-model-requests: limit 3\)/);
    assert.match(result.summary, /max-model-requests reached/);
    assert.deepEqual(w.leftoverProcesses(), []);
  });

  it(
    'stops Codex once max-tokens is reached, counted from the usage the model endpoint reports',
    sameOnEveryServer(
      'the model proxy counts the tokens; the count and a spent budget stopping Codex are proven on the bridge by max-model-requests',
    ),
    async () => {
      const w = await world({ event: trigger(), github, modelTurns: endlessWork(8), inputs: { 'max-tokens': '2000' } });
      const result = await w.run();
      assert.notEqual(result.exitCode, 0, result.log);
      assert.equal(result.outputs.conclusion, 'failed');
      // 1,240 tokens after the first response, 2,480 after the second: the third request is refused.
      assert.equal(w.model.responseRequests.length, 2);
      assert.equal(result.outputs['tokens-used'], '2480');
      assert.match(w.actionComments().at(-1)?.body ?? '', /max-tokens budget of 2,000 was reached/);
      assert.match(result.summary, /Tokens used \| 2,480 \(max-tokens: limit 2,000\)/);
      assert.deepEqual(w.remoteBranches(), ['main']);
    },
  );

  it(
    'reports tokens and requests used when no budget is set, and publishes as usual',
    sameOnEveryServer(
      "the model proxy's counts and the summary; counting through the bridge is proven by max-model-requests",
    ),
    async () => {
      const w = await world({
        event: trigger(),
        github,
        modelTurns: [
          { items: [modelSays.shell('echo change > change.txt')] },
          { items: [modelSays.message('Changed.')] },
        ],
      });
      const result = await w.run();
      assert.equal(result.exitCode, 0, result.log);
      assert.equal(result.outputs.conclusion, 'pull-request');
      assert.equal(result.outputs['model-requests'], String(w.model.responseRequests.length));
      assert.equal(result.outputs['tokens-used'], String(w.model.responseRequests.length * 1240));
      assert.match(result.summary, /max-tokens: no limit/);
    },
  );

  it(
    'refuses an invalid budget, naming the input and what it accepts',
    sameOnEveryServer('an input refused before Codex starts'),
    async () => {
      const w = await world({ event: trigger(), github, inputs: { 'max-tokens': 'lots' } });
      const result = await w.run();
      assert.notEqual(result.exitCode, 0);
      assert.match(result.log, /Input 'max-tokens' is 'lots'; give a whole number from 1 to/);
      assert.equal(w.model.responseRequests.length, 0);
    },
  );
});

/** A command the model asks to run outside the sandbox, as both releases' exec_command tool accepts it. */
function escalatedShell(cmd: string) {
  const call = modelSays.shell(cmd);
  return {
    ...call,
    arguments: JSON.stringify({
      cmd,
      sandbox_permissions: 'require_escalated',
      justification: 'The tests need the whole machine.',
    }),
  };
}

describe('approval requests', () => {
  it('declines a request to run outside the sandbox at once, and lists it in the summary', async () => {
    const w = await world({
      event: trigger(),
      github,
      inputs: { 'approval-policy': 'on-request' },
      modelTurns: [
        { items: [escalatedShell('echo outside > escalated.txt')] },
        { items: [modelSays.message('Could not run it.')] },
      ],
    });
    const result = await w.run({ timeoutMs: 120_000 });
    assert.equal(result.exitCode, 0, result.log);
    // The command never ran: it would have written the file, sandbox or not.
    assert.equal(result.outputs.conclusion, 'no-changes', result.log);
    assert.match(result.log, /Codex asked to run `echo outside > escalated\.txt` outside the sandbox: declined/);
    assert.match(
      result.summary,
      /Approval requests \(1\)\n- declined: `` run `echo outside > escalated\.txt` outside the sandbox `` \(running outside the sandbox is never approved/,
    );
    // The model heard the answer and the turn went on: nothing waited.
    const followUp = JSON.stringify(w.model.responseRequests[1]?.body ?? {});
    assert.match(followUp, /reject/i);
    assert.ok(result.durationMs < 90_000, `the run took ${result.durationMs} ms`);
    assert.deepEqual(w.leftoverProcesses(), []);
  });

  it('with approval-policy never, Codex does not ask and the escalated command is not run outside the sandbox', async () => {
    const w = await world({
      event: trigger(),
      github,
      modelTurns: [
        { items: [escalatedShell('echo outside > escalated.txt')] },
        { items: [modelSays.message('Done.')] },
      ],
    });
    const result = await w.run({ timeoutMs: 120_000 });
    assert.equal(result.exitCode, 0, result.log);
    assert.match(result.summary, /No approval requests\./);
    assert.match(result.summary, /Approval policy \| never/);
  });
});
