// End to end: an issue comment becomes a pull request, through the built dist/index.js, the real Codex
// binary (0.153.4 as `codex mcp-server`, or 0.169.0 through the action's bridge: CTA_CODEX_FLAVOUR), the
// scripted model, the GitHub REST emulation and real git; and what only the real Codex shows: a failing or
// rate-limited model endpoint, a timeout, a binary without mcp-server, the bridge by choice.
// The branches of the gate, publish and report stages are proved in-process: test/integration/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { addFilesPatch, modelSays } from '../support/model-server.ts';
import {
  CANARY,
  codexBinary,
  codexFlavour,
  parseCommit,
  sameOnEveryServer,
  worldsOfThisFile,
} from '../support/world.ts';

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
    const [json, tip, main] = w.readOrigin(`${branch}:src/json.js`, branch, 'main');
    const commit = parseCommit(tip);
    assert.equal(json?.text.trim(), 'export const json = true;');
    assert.deepEqual(commit.parents, [main?.sha], 'one commit, on main');
    assert.equal(commit.author, 'codex-task-action[bot] <codex-task-action[bot]@users.noreply.github.com>');
    assert.match(commit.message, /Co-authored-by: mona <1001\+mona@users\.noreply\.github\.com>/);
    assert.equal(result.outputs['commit-sha'], commit.sha);

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
    // The tools of a one-shot task only: no sub-agents (offered through tool_search) and no goals (codex/home.ts).
    const offered = (w.model.responseRequests[0]?.body.tools as Array<{ type: string; name?: string }>).map(
      (tool) => tool.name ?? tool.type,
    );
    assert.ok(offered.includes('exec_command') && offered.includes('apply_patch'), offered.join(', '));
    for (const tool of ['tool_search', 'spawn_agent', 'get_goal', 'create_goal', 'update_goal'])
      assert.ok(!offered.includes(tool), `${tool} is not offered (offered: ${offered.join(', ')})`);

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

describe('failures', () => {
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

  it(
    'names the Codex version and the fix when the binary has no mcp-server',
    sameOnEveryServer('it sets codex-path and codex-server itself, so both passes run it alike'),
    async () => {
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
    },
  );
});

describe('choosing the MCP server', () => {
  it(
    "uses the bridge when codex-server is 'bridge', even on a release that has mcp-server",
    sameOnEveryServer('it sets codex-path and codex-server itself, so both passes run it alike'),
    async () => {
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
    },
  );
});
