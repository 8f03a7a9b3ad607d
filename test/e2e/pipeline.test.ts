// End to end: an issue comment becomes a pull request, through the built dist/index.js, the real Codex
// binary as `codex mcp-server`, the scripted model, the GitHub REST emulation and real git.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { addFilesPatch, modelSays } from '../support/model-server.ts';
import { CANARY, World, git } from '../support/world.ts';

const worlds: World[] = [];
after(async () => {
  for (const world of worlds) await world.dispose();
});

async function world(options: Parameters<typeof World.create>[0]): Promise<World> {
  const created = await World.create(options);
  worlds.push(created);
  return created;
}

function assertNoSecrets(text: string): void {
  for (const [name, value] of Object.entries(CANARY)) assert.ok(!text.includes(value), `canary ${name} leaked`);
}

describe('an issue comment with the trigger phrase', () => {
  it('opens a pull request with the change Codex made', async () => {
    const w = await world({
      event: { name: 'issue_comment', payload: issueCommentEvent({ issue: { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' }, body: '/codex add a --json flag to the report command', sender: users.maintainer }) },
      github: { permissions: { mona: 'write' }, issues: [{ number: 42, title: 'Report needs JSON' }] },
      modelTurns: [
        { items: [modelSays.patch(addFilesPatch({ 'src/json.js': 'export const json = true;\n' }))] },
        { items: [modelSays.shell('printf "flag\\n" > docs.txt')] },
        { items: [modelSays.message('Added a --json flag and documented it.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    const branch = `codex/issue-42-${w.runId}`;
    assert.equal(result.outputs.branch, branch);
    assert.ok(w.remoteBranches().includes(branch), 'the branch is on origin');
    assert.deepEqual(JSON.parse(result.outputs['changed-files'] as string).sort(), ['docs.txt', 'src/json.js']);

    // The commit on origin: the files, the author, the trailer, one commit on top of main.
    assert.equal(git(w.origin, 'show', `${branch}:src/json.js`), 'export const json = true;');
    assert.equal(git(w.origin, 'rev-list', '--count', `main..${branch}`), '1');
    assert.equal(git(w.origin, 'log', '-1', '--format=%an <%ae>', branch), 'codex-task-action[bot] <codex-task-action[bot]@users.noreply.github.com>');
    assert.match(git(w.origin, 'log', '-1', '--format=%B', branch), /Co-authored-by: mona <1001\+mona@users\.noreply\.github\.com>/);
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
    assert.deepEqual(w.github.reactions.map((r) => [r.subject, r.id, r.content]), [['comment', 555001, 'eyes']]);
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
    assert.equal(fs.existsSync(path.join(w.runnerTemp, `codex-task-action-${w.runId}-1`, 'codex-home')), false, 'CODEX_HOME is deleted');
  });
});
