// Unit tests for the task decision (src/task/task.ts): webhook payload in, task or skip out.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ACTION_MARKER } from '../../src/report/markers.ts';
import { decideTask } from '../../src/task/task.ts';
import type { Task, TaskDecision } from '../../src/task/task.ts';

type Settings = Parameters<typeof decideTask>[2];
const SETTINGS: Settings = {
  prompt: undefined,
  triggerPhrase: '/codex',
  triggerLabel: undefined,
  triggerAssignee: undefined,
};

const repository = {
  id: 1296269,
  name: 'octo-repo',
  full_name: 'octo-org/octo-repo',
  default_branch: 'main',
  private: false,
};
const alice = { login: 'alice', id: 1001, type: 'User' };
const bob = { login: 'bob', id: 1002, type: 'User' };

function issue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 9001,
    number: 42,
    title: 'Crash when the config file is empty',
    body: 'Steps to reproduce: run with an empty config.',
    html_url: 'https://github.com/octo-org/octo-repo/issues/42',
    state: 'open',
    labels: [],
    user: bob,
    ...overrides,
  };
}

function commentPayload(
  body: string,
  action = 'created',
  issueOverrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    action,
    issue: issue(issueOverrides),
    comment: {
      id: 555,
      body,
      html_url: 'https://github.com/octo-org/octo-repo/issues/42#issuecomment-555',
      user: alice,
      author_association: 'MEMBER',
    },
    repository,
    sender: alice,
  };
}

function issuesPayload(
  action: string,
  issueOverrides: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { action, issue: issue(issueOverrides), repository, sender: bob, ...extra };
}

const dispatchPayload = {
  inputs: {},
  ref: 'refs/heads/main',
  repository,
  sender: alice,
  workflow: '.github/workflows/codex.yml',
};

function expectTask(decision: TaskDecision): Task {
  assert.equal(decision.kind, 'task', decision.kind === 'skip' ? `skipped: ${decision.reason}` : '');
  return (decision as { kind: 'task'; task: Task }).task;
}

function expectSkip(decision: TaskDecision, reason: RegExp): void {
  assert.equal(decision.kind, 'skip');
  assert.match((decision as { kind: 'skip'; reason: string }).reason, reason);
}

describe('decideTask', () => {
  describe('issue_comment', () => {
    it('turns a new comment with the phrase into a task', () => {
      const task = expectTask(
        decideTask('issue_comment', commentPayload('/codex handle empty config files'), SETTINGS),
      );
      assert.deepEqual(task, {
        eventName: 'issue_comment',
        request: 'handle empty config files',
        requester: { login: 'alice', id: 1001, type: 'User' },
        thread: {
          number: 42,
          title: 'Crash when the config file is empty',
          body: 'Steps to reproduce: run with an empty config.',
          url: 'https://github.com/octo-org/octo-repo/issues/42',
          author: 'bob',
          isPullRequest: false,
        },
        source: {
          kind: 'comment',
          commentId: 555,
          url: 'https://github.com/octo-org/octo-repo/issues/42#issuecomment-555',
          createdAt: undefined,
        },
      });
    });

    it('skips edited and deleted comments, even with the phrase', () => {
      expectSkip(decideTask('issue_comment', commentPayload('/codex fix', 'edited'), SETTINGS), /edited/);
      expectSkip(decideTask('issue_comment', commentPayload('/codex fix', 'deleted'), SETTINGS), /deleted/);
    });

    it('skips a comment without the phrase and names the phrase', () => {
      expectSkip(
        decideTask('issue_comment', commentPayload('codex, please fix'), SETTINGS),
        /trigger phrase '\/codex'/,
      );
    });

    it('skips a comment written by the action itself', () => {
      const body = `${ACTION_MARKER}\n👀 Working on it. Reply with /codex fix to ask again.`;
      expectSkip(decideTask('issue_comment', commentPayload(body), SETTINGS), /written by this action/);
    });

    it('marks a comment on a pull request as a pull-request thread', () => {
      const payload = commentPayload('/codex rebase on main', 'created', {
        number: 7,
        html_url: 'https://github.com/octo-org/octo-repo/pull/7',
        pull_request: {
          url: 'https://api.github.com/repos/octo-org/octo-repo/pulls/7',
          html_url: 'https://github.com/octo-org/octo-repo/pull/7',
        },
      });
      const task = expectTask(decideTask('issue_comment', payload, SETTINGS));
      assert.equal(task.thread?.isPullRequest, true);
      assert.equal(task.thread?.number, 7);
      assert.equal(task.request, 'rebase on main');
    });

    it('treats a null comment or issue body as empty', () => {
      expectSkip(decideTask('issue_comment', commentPayload(null as unknown as string), SETTINGS), /trigger phrase/);
      const task = expectTask(
        decideTask('issue_comment', commentPayload('/codex go', 'created', { body: null }), SETTINGS),
      );
      assert.equal(task.thread?.body, '');
    });

    it('skips a payload without a comment', () => {
      const payload = { ...commentPayload('/codex fix'), comment: undefined };
      expectSkip(decideTask('issue_comment', payload, SETTINGS), /no comment, issue or sender/);
    });

    it('uses the custom trigger phrase', () => {
      const settings = { ...SETTINGS, triggerPhrase: '@bot+' };
      assert.equal(expectTask(decideTask('issue_comment', commentPayload('@bot+ fix'), settings)).request, 'fix');
      expectSkip(decideTask('issue_comment', commentPayload('/codex fix'), settings), /'@bot\+'/);
    });
  });

  describe('issues', () => {
    it('turns an opened issue whose body has the phrase into a task from the issue', () => {
      const payload = issuesPayload('opened', { body: 'The build fails.\n/codex fix the build' });
      const task = expectTask(decideTask('issues', payload, SETTINGS));
      assert.equal(task.request, 'fix the build');
      assert.deepEqual(task.source, { kind: 'issue' });
      assert.deepEqual(task.requester, { login: 'bob', id: 1002, type: 'User' });
      assert.equal(task.thread?.isPullRequest, false);
    });

    it('skips an opened issue without the phrase', () => {
      expectSkip(
        decideTask('issues', issuesPayload('opened'), SETTINGS),
        /issue body does not contain the trigger phrase/,
      );
    });

    it('skips an opened issue written by the action', () => {
      expectSkip(
        decideTask('issues', issuesPayload('opened', { body: `${ACTION_MARKER}\n/codex fix` }), SETTINGS),
        /written by this action/,
      );
    });

    it('turns the trigger label into a task for the whole issue', () => {
      const settings = { ...SETTINGS, triggerLabel: 'codex' };
      const payload = issuesPayload('labeled', {}, { label: { id: 1, name: 'codex', color: 'ededed' } });
      const task = expectTask(decideTask('issues', payload, settings));
      assert.equal(task.request, '');
      assert.deepEqual(task.source, { kind: 'issue' });
      assert.equal(task.thread?.number, 42);
    });

    it('matches the trigger label whatever its case, as GitHub does', () => {
      const payload = issuesPayload('labeled', {}, { label: { id: 1, name: 'Codex', color: 'ededed' } });
      expectTask(decideTask('issues', payload, { ...SETTINGS, triggerLabel: 'codex' }));
      expectTask(
        decideTask('issues', issuesPayload('labeled', {}, { label: { id: 1, name: 'codex', color: 'ededed' } }), {
          ...SETTINGS,
          triggerLabel: 'CODEX',
        }),
      );
    });

    it('skips another label', () => {
      const settings = { ...SETTINGS, triggerLabel: 'codex' };
      const payload = issuesPayload('labeled', {}, { label: { id: 2, name: 'bug', color: 'd73a4a' } });
      expectSkip(decideTask('issues', payload, settings), /'bug' is not the trigger label 'codex'/);
    });

    it('skips a label when no trigger-label is configured', () => {
      const payload = issuesPayload('labeled', {}, { label: { id: 1, name: 'codex', color: 'ededed' } });
      expectSkip(decideTask('issues', payload, SETTINGS), /no 'trigger-label' is configured/);
    });

    it('skips other issue actions', () => {
      expectSkip(decideTask('issues', issuesPayload('closed', { body: '/codex fix' }), SETTINGS), /closed/);
    });
  });

  describe('workflow_dispatch and the prompt input', () => {
    it('skips workflow_dispatch without a prompt', () => {
      expectSkip(decideTask('workflow_dispatch', dispatchPayload, SETTINGS), /needs the 'prompt' input/);
    });

    it('runs the prompt on workflow_dispatch as a workflow task', () => {
      const task = expectTask(
        decideTask('workflow_dispatch', dispatchPayload, { ...SETTINGS, prompt: 'Update the copyright year' }),
      );
      assert.deepEqual(task, {
        eventName: 'workflow_dispatch',
        request: 'Update the copyright year',
        requester: { login: 'alice', id: 1001, type: 'User' },
        thread: undefined,
        source: { kind: 'workflow' },
      });
    });

    it('runs the prompt on an issue_comment payload with the comment as its source', () => {
      const task = expectTask(
        decideTask('issue_comment', commentPayload('no phrase here'), { ...SETTINGS, prompt: 'Summarize the thread' }),
      );
      assert.equal(task.request, 'Summarize the thread');
      assert.deepEqual(task.source, {
        kind: 'comment',
        commentId: 555,
        url: 'https://github.com/octo-org/octo-repo/issues/42#issuecomment-555',
      });
      assert.equal(task.thread?.number, 42);
    });

    it('runs the prompt on an issues payload with the issue as its source', () => {
      const task = expectTask(decideTask('issues', issuesPayload('closed'), { ...SETTINGS, prompt: 'Triage it' }));
      assert.deepEqual(task.source, { kind: 'issue' });
      assert.equal(task.thread?.title, 'Crash when the config file is empty');
    });

    it('runs the prompt on any event, such as schedule', () => {
      const task = expectTask(
        decideTask('schedule', { schedule: '0 3 * * 1' }, { ...SETTINGS, prompt: 'Bump deps' }, 'github-actions'),
      );
      assert.deepEqual(task.requester, { login: 'github-actions', id: undefined, type: undefined });
      assert.deepEqual(task.source, { kind: 'workflow' });
    });

    it('skips a prompt run when nobody can be named as requester', () => {
      expectSkip(
        decideTask('schedule', {}, { ...SETTINGS, prompt: 'Bump deps' }),
        /no sender and GITHUB_ACTOR is not set/,
      );
    });
  });

  describe('requester', () => {
    it('falls back to the actor when the payload has no sender', () => {
      const payload = { ...commentPayload('/codex fix'), sender: undefined };
      const task = expectTask(decideTask('issue_comment', payload, SETTINGS, 'carol'));
      assert.deepEqual(task.requester, { login: 'carol', id: undefined, type: undefined });
    });

    it('prefers the payload sender over the fallback actor', () => {
      const task = expectTask(decideTask('issue_comment', commentPayload('/codex fix'), SETTINGS, 'carol'));
      assert.equal(task.requester.login, 'alice');
    });

    it('skips a comment without sender and without a fallback actor', () => {
      const payload = { ...commentPayload('/codex fix'), sender: undefined };
      expectSkip(decideTask('issue_comment', payload, SETTINGS), /no comment, issue or sender/);
    });

    it('keeps the sender type so bots can be recognised', () => {
      const payload = {
        ...commentPayload('/codex fix'),
        sender: { login: 'renovate[bot]', id: 29139614, type: 'Bot' },
      };
      assert.deepEqual(expectTask(decideTask('issue_comment', payload, SETTINGS)).requester, {
        login: 'renovate[bot]',
        id: 29139614,
        type: 'Bot',
      });
    });
  });

  describe('other events', () => {
    it('skips an unsupported event without a prompt and names it', () => {
      const payload = { action: 'opened', pull_request: issue({ body: '/codex fix' }), repository, sender: alice };
      expectSkip(decideTask('pull_request', payload, SETTINGS), /'pull_request' event is not supported/);
      expectSkip(
        decideTask('push', { ref: 'refs/heads/main', repository, sender: alice }, SETTINGS),
        /'push' event is not supported/,
      );
    });

    it('tolerates a missing payload', () => {
      expectSkip(decideTask('issue_comment', undefined, SETTINGS), /changed, not created/);
      expectSkip(decideTask('issues', null, SETTINGS), /no issue or sender/);
    });

    it('marks the thread of a pull_request payload run by prompt as a pull request', () => {
      const payload = { action: 'opened', pull_request: issue({ number: 8 }), repository, sender: alice };
      const task = expectTask(decideTask('pull_request', payload, { ...SETTINGS, prompt: 'Review' }));
      assert.equal(task.thread?.isPullRequest, true);
      assert.equal(task.thread?.number, 8);
    });
  });
});
