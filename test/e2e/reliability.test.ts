// End to end: the action never loses work and never hangs when the world misbehaves. Faults are injected at
// the edges only: the GitHub REST emulation, the scripted model, the Codex process. The publish stage's faults
// (a refused push, a 500 or 422 from the pull request API, a branch that moved) are proved in-process:
// test/integration/publish.test.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { CANARY, World, git, sameOnEveryServer, worldsOfThisFile } from '../support/world.ts';

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
  it(
    'honours retry-after on a secondary rate limit (403) and then opens the pull request',
    sameOnEveryServer("the publish stage's GitHub client, after Codex has stopped"),
    async () => {
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
    },
  );
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

describe('concurrency', () => {
  it(
    'two runs on the same issue started together publish two branches and clobber nothing',
    sameOnEveryServer('branch names and pushes to one origin, after Codex has stopped'),
    async () => {
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
      const [one, two] = first.readOrigin(`${a.outputs.branch}:one.txt`, `${b.outputs.branch}:two.txt`);
      assert.equal(one?.text.trim(), 'one');
      assert.equal(two?.text.trim(), 'two');
      assertClean(first, first.publishedText(a));
      assertClean(second, second.publishedText(b));
    },
  );
});
