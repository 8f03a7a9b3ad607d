// Snapshot tests: recorded Codex event streams (test/fixtures/codex-events, raw `codex/event` messages of
// real Codex 0.153.4 runs) go through the same translation and rendering as in a run, and the tracking
// comment (while working and at the end), the job summary and the pull request body are compared with
// reviewed snapshots in test/fixtures/snapshots. After a deliberate change, review the diff and
// regenerate with UPDATE_SNAPSHOTS=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { translateCodexMessage } from '../../src/codex/events.ts';
import type { RunOutcome } from '../../src/outcome.ts';
import { pullRequestBody } from '../../src/publish/naming.ts';
import { Activity } from '../../src/report/activity.ts';
import { finalComment, jobSummary, progressComment } from '../../src/report/render.ts';
import type { Task } from '../../src/task/task.ts';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const RUN_URL = 'https://github.com/octo-org/octo-repo/actions/runs/4242';
const task: Task = {
  eventName: 'issue_comment',
  request: 'add a --json flag to the report command',
  requester: { login: 'mona', id: 1001, type: 'User' },
  thread: {
    number: 42,
    title: 'Report needs JSON',
    body: 'Scripts want JSON.',
    url: 'https://github.com/octo-org/octo-repo/issues/42',
    author: 'mona',
    isPullRequest: false,
  },
  source: {
    kind: 'comment',
    commentId: 555001,
    url: 'https://github.com/octo-org/octo-repo/issues/42#issuecomment-555001',
  },
};

function replay(name: string): { activity: Activity; finalMessage: string } {
  const activity = new Activity(() => undefined);
  let finalMessage = '';
  for (const line of fs
    .readFileSync(path.join(fixtures, 'codex-events', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)) {
    const event = translateCodexMessage(JSON.parse(line) as Record<string, unknown>, '/workspace');
    if (!event) continue;
    activity.listener(event);
    if (event.type === 'complete') finalMessage = event.finalMessage;
  }
  return { activity, finalMessage };
}

function matchSnapshot(file: string, actual: string): void {
  const snapshot = path.join(fixtures, 'snapshots', file);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(snapshot)) {
    if (process.env.CI)
      assert.fail(`snapshot ${file} is missing; run the tests once with UPDATE_SNAPSHOTS=1 and review it`);
    fs.writeFileSync(snapshot, actual);
  }
  assert.equal(actual, fs.readFileSync(snapshot, 'utf8'), `${file} differs from its reviewed snapshot`);
}

for (const name of ['json-flag', 'failing-check']) {
  describe(`rendering the recorded run '${name}'`, () => {
    const { activity, finalMessage } = replay(name);
    const changedFiles = [...activity.patchedFiles]
      .sort()
      .map((file) => ({ path: file, status: 'modified' as const, mode: '100644', additions: 3, deletions: 1 }));
    const outcome: RunOutcome = {
      conclusion: 'pull-request',
      pullRequest: { url: 'https://github.com/octo-org/octo-repo/pull/43', number: 43 },
      branch: 'codex/issue-42-4242',
      commitSha: '0123456789abcdef0123456789abcdef01234567',
      prUpdated: false,
      patchPath: '/home/runner/work/_temp/codex-task-action-4242-1/changes.patch',
      changedFiles,
      finalMessage,
      usage: activity.usage,
      commandsRun: activity.commands.length,
    };
    const ctx = { runUrl: RUN_URL, requester: 'mona', durationMs: 83_400 };

    it('recorded something to render', () => {
      assert.ok(
        activity.commands.length > 0 && activity.patchedFiles.size > 0 && finalMessage,
        'the fixture holds commands, edits and a final message',
      );
    });
    it('renders the progress comment', () =>
      matchSnapshot(`${name}.progress.md`, progressComment(activity, { ...ctx, elapsedMs: 61_000 })));
    it('renders the final comment', () => matchSnapshot(`${name}.final.md`, finalComment(outcome, ctx)));
    it('renders the job summary', () =>
      matchSnapshot(
        `${name}.summary.md`,
        jobSummary(outcome, {
          ...ctx,
          task: task.request,
          commandsRun: activity.commands.length,
          commands: activity.commands,
        }),
      ));
    it('renders the pull request body', () =>
      matchSnapshot(
        `${name}.pr-body.md`,
        pullRequestBody({ task, finalMessage, files: changedFiles, runUrl: RUN_URL }),
      ));
  });
}
