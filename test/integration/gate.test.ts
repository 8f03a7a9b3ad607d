// The gate's branches, through run(deps) in this process: who may ask (permission levels, custom roles,
// required-permission), bots and the allow-list, the action's own comments, events that never trigger,
// pull requests that are closed or come from a fork, and a permission check that cannot be made, which is a
// failure and never a refusal. Each refusal or skip is checked for what it must not do: start Codex, react,
// post a tracking comment or push. Last, the GitHub calls of a run go through the runner's proxy
// (HTTP_PROXY for the emulation's http:// URL) unless NO_PROXY lists the host.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PayloadUser } from '../support/events.ts';
import { issueCommentEvent, issuesEvent, users } from '../support/events.ts';
import { ForwardProxy } from '../support/forward-proxy.ts';
import type { GitHubEmulatorOptions } from '../support/github-emulator.ts';
import type { CodexScript, InProcessResult } from '../support/in-process.ts';
import { runInProcess } from '../support/in-process.ts';
import type { World } from '../support/world.ts';
import { CANARY, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);
const issue = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const commentBy = (
  sender: PayloadUser,
  body = '/codex add a --json flag',
  action: 'created' | 'edited' = 'created',
) => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender, action }),
});
const changesAFile: CodexScript = { steps: [{ files: { 'changed.txt': 'changed\n' } }], finalMessage: 'Changed.' };

async function runFor(
  event: { name: string; payload: Record<string, unknown> },
  github: GitHubEmulatorOptions,
  inputs: Record<string, string> = {},
): Promise<{ w: World; result: InProcessResult }> {
  const w = await world({ event, github, inputs });
  return { w, result: await runInProcess(w, changesAFile) };
}

/** The log as people see it: the runner consumes `::add-mask::` lines and shows no one their argument. */
function visibleLog(result: InProcessResult): string {
  return result.log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

function actionComments(w: World): string[] {
  return w.actionComments().map((comment) => comment.body);
}

/** A refusal: one reply that says why, no eyes, no tracking comment, Codex never started, nothing pushed. */
function assertRefused(w: World, result: InProcessResult, why: RegExp): void {
  assert.equal(result.exitCode, 0, result.log);
  assert.equal(result.outputs.conclusion, 'refused');
  const replies = actionComments(w);
  assert.equal(replies.length, 1, 'one reply, no tracking comment');
  assert.match(replies[0]!, why);
  assert.match(replies[0]!, /^<!-- codex-task-action -->/, 'the reply carries the marker that keeps the action off it');
  assert.deepEqual(w.github.reactions, []);
  assert.equal(result.codex.options.length, 0, 'Codex was started');
  assert.deepEqual(w.remoteBranches(), ['main']);
  assert.match(result.log, /Refused: /);
}

/** A skip: no API request at all, not even the permission check, and no reply. */
function assertSkipped(w: World, result: InProcessResult, why: RegExp): void {
  assert.equal(result.exitCode, 0, result.log);
  assert.equal(result.outputs.conclusion, 'skipped');
  assert.match(result.log, why);
  assert.deepEqual(w.github.requests, []);
  assert.equal(result.codex.options.length, 0);
  assert.equal(result.summary, '', 'a skipped run writes no job summary');
}

describe('permission levels', () => {
  for (const role of ['admin', 'maintain', 'write'] as const) {
    it(`lets someone with '${role}' through, and says why in the log`, async () => {
      const { w, result } = await runFor(commentBy(users.maintainer), { permissions: { mona: role } });
      assert.equal(result.exitCode, 0, result.log);
      assert.equal(result.outputs.conclusion, 'pull-request');
      assert.match(result.log, new RegExp(`Task from @mona \\(@mona has '${role}' permission\\)`));
      assert.equal(result.codex.requests.length, 1);
      assert.deepEqual(w.github.reactions, [{ subject: 'comment', id: 555001, content: 'eyes' }]);
    });
  }

  it('refuses a reader, naming the permission and what is required', async () => {
    const { w, result } = await runFor(commentBy(users.reader), { permissions: { 'reader-rita': 'read' } });
    assertRefused(w, result, /@reader-rita has 'read' permission on this repository; 'write' or higher is required/);
  });

  it('refuses a triager by role_name, though the legacy permission field says read', async () => {
    const { w, result } = await runFor(commentBy(users.triager), { permissions: { 'triage-tom': 'triage' } });
    assertRefused(w, result, /@triage-tom has 'triage' permission/);
  });

  it('refuses someone who is no collaborator (the API answers 404) as having none', async () => {
    const stranger = { login: 'drive-by-dan', id: 4242, type: 'User' as const };
    const { w, result } = await runFor(commentBy(stranger), { permissions: { mona: 'write' } });
    assertRefused(w, result, /@drive-by-dan has 'none' permission/);
  });

  it("reads a custom role's base permission: a custom role based on write runs", async () => {
    const { result } = await runFor(commentBy(users.maintainer), {
      permissions: { mona: { roleName: 'release-manager', base: 'write' } },
    });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
  });

  it('with required-permission: admin, refuses a maintainer', async () => {
    const { w, result } = await runFor(
      commentBy(users.maintainer),
      { permissions: { mona: 'maintain' } },
      { 'required-permission': 'admin' },
    );
    assertRefused(w, result, /@mona has 'maintain' permission on this repository; 'admin' or higher is required/);
  });

  it('refuses a triager who adds the trigger label, whoever wrote the issue', async () => {
    const { w, result } = await runFor(
      {
        name: 'issues',
        payload: issuesEvent({
          action: 'labeled',
          label: 'codex',
          issue: { ...issue, author: users.maintainer },
          sender: users.triager,
        }),
      },
      { permissions: { 'triage-tom': 'triage', mona: 'admin' } },
      { 'trigger-label': 'codex' },
    );
    assertRefused(w, result, /@triage-tom has 'triage' permission/);
  });
});

describe('bots', () => {
  it('refuses a bot with write access that is not in allowed-bots, without asking its permission', async () => {
    const { w, result } = await runFor(commentBy(users.bot), { permissions: { 'renovate[bot]': 'write' } });
    assertRefused(w, result, /@renovate\[bot\] is a bot account and is not listed in 'allowed-bots'/);
    assert.equal(w.github.requests.filter((request) => request.path.includes('/permission')).length, 0);
  });

  it('lets a bot listed in allowed-bots through, on the list alone', async () => {
    const { result } = await runFor(commentBy(users.bot), {}, { 'allowed-bots': 'dependabot[bot], renovate[bot]' });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.match(result.log, /@renovate\[bot\] is listed in 'allowed-bots'/);
  });

  it('fails on a wildcard in allowed-bots as an input error, and tells the bot nothing', async () => {
    const { w, result } = await runFor(
      commentBy(users.bot),
      { permissions: { 'renovate[bot]': 'write' } },
      { 'allowed-bots': '*' },
    );
    assert.equal(result.exitCode, 1);
    assert.equal(result.outputs.conclusion, 'failed');
    assert.match(result.log, /::error::.*allowed-bots/);
    assert.deepEqual(actionComments(w), []);
    assert.equal(result.codex.options.length, 0);
  });
});

describe("the action's own words and events that never trigger", () => {
  it('skips its own comment, found by the hidden marker, whoever wrote it', async () => {
    const body = '<!-- codex-task-action -->\n❌ The task failed. To retry, comment:\n/codex add a --json flag';
    const { w, result } = await runFor(commentBy(users.maintainer, body), { permissions: { mona: 'admin' } });
    assertSkipped(w, result, /Skipped: The comment was written by this action/);
  });

  it('skips a comment by github-actions[bot], the identity of GITHUB_TOKEN, even when it is allowed', async () => {
    const actions = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
    const { w, result } = await runFor(commentBy(actions), {}, { 'allowed-bots': 'github-actions[bot]' });
    assertSkipped(w, result, /Skipped: The comment was written by GitHub Actions/);
  });

  it('skips an edited comment, so a trigger cannot be added after the fact', async () => {
    const { w, result } = await runFor(commentBy(users.maintainer, '/codex add a --json flag', 'edited'), {
      permissions: { mona: 'admin' },
    });
    assertSkipped(w, result, /Skipped: Comment was edited, not created/);
  });

  it('skips a comment without the trigger phrase', async () => {
    const { w, result } = await runFor(commentBy(users.maintainer, 'Looks good, thanks!'), {
      permissions: { mona: 'admin' },
    });
    assertSkipped(w, result, /Skipped: The comment does not contain the trigger phrase '\/codex'/);
  });
});

describe('pull requests', () => {
  const onPull = (number = 7) => ({
    name: 'issue_comment',
    payload: issueCommentEvent({
      issue: { number, title: 'Add report', body: 'Adds it.', isPullRequest: true },
      body: '/codex tidy up',
      sender: users.maintainer,
    }),
  });

  it("refuses a fork's pull request while allow-forks is off, before fetching anything", async () => {
    const { w, result } = await runFor(onPull(), {
      permissions: { mona: 'admin' },
      pulls: [{ number: 7, head: 'patch-1', base: 'main', headRepoFullName: 'evil-fork/octo-repo' }],
    });
    assertRefused(w, result, /pull request #7 comes from the fork evil-fork\/octo-repo, and 'allow-forks' is off/);
  });

  it('refuses a closed pull request', async () => {
    const { w, result } = await runFor(onPull(), {
      permissions: { mona: 'admin' },
      pulls: [{ number: 7, head: 'feature/report', base: 'main', state: 'closed' }],
    });
    assertRefused(w, result, /pull request #7 is closed/);
  });

  it('checks the requester before reading the pull request: a reader is refused without it', async () => {
    const reader = issueCommentEvent({
      issue: { number: 7, title: 'Add report', body: 'Adds it.', isPullRequest: true },
      body: '/codex tidy up',
      sender: users.reader,
    });
    const { w, result } = await runFor(
      { name: 'issue_comment', payload: reader },
      { permissions: { 'reader-rita': 'read' }, pulls: [{ number: 7, head: 'feature/report', base: 'main' }] },
    );
    assertRefused(w, result, /@reader-rita has 'read' permission/);
    assert.equal(w.github.requests.filter((request) => /\/pulls\/7$/.test(request.path)).length, 0);
  });
});

describe('a permission check that cannot be made is a failure, not a refusal', () => {
  // A spent rate limit also stops the reply, which is then only in the log.
  const host = (w: World): string => new URL(w.github.url).host.replace(/\./g, '\\.');
  const outages: Array<{
    what: string;
    breakIt: (w: World) => Record<string, string>;
    detail: (w: World) => RegExp;
    toldOnIssue: boolean;
  }> = [
    {
      what: 'a 503 that lasts through the retries',
      breakIt: (w) => {
        w.github.injectFault({
          method: 'GET',
          path: /permission$/,
          status: 503,
          times: Infinity,
          body: { message: 'Service Unavailable' },
        });
        return {};
      },
      detail: (w) => new RegExp(`GitHub API at ${host(w)}.*HTTP 503`),
      toldOnIssue: true,
    },
    {
      what: 'a 401 (the token is not accepted)',
      breakIt: (w) => {
        w.github.injectFault({ method: 'GET', path: /permission$/, status: 401, times: Infinity });
        return {};
      },
      detail: (w) => new RegExp(`GitHub API at ${host(w)}.*HTTP 401`),
      toldOnIssue: true,
    },
    {
      what: 'an API that cannot be reached at all',
      breakIt: () => ({ GITHUB_API_URL: 'http://127.0.0.1:9' }),
      detail: () => /GitHub API at 127\.0\.0\.1:9/,
      toldOnIssue: false,
    },
    {
      what: 'a spent primary rate limit, at once and saying when it resets',
      breakIt: (w) => {
        w.github.exhaustPrimaryRateLimit(45 * 60);
        return {};
      },
      detail: () => /rate limit for this token is used up until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in about 45 min\)/,
      toldOnIssue: false,
    },
  ];
  for (const { what, breakIt, detail, toldOnIssue } of outages) {
    it(`fails on ${what}, even for an admin: no eyes, no Codex, nothing pushed`, async () => {
      const w = await world({ event: commentBy(users.maintainer), github: { permissions: { mona: 'admin' } } });
      const env = breakIt(w);
      const result = await runInProcess(w, changesAFile, { env });
      assert.equal(result.exitCode, 1, result.log);
      assert.equal(result.outputs.conclusion, 'failed');
      assert.match(result.log, /::error::the permission of @mona could not be checked, so the task did not start/);
      assert.match(result.log, detail(w));
      assert.ok(result.durationMs < 30_000, `took ${result.durationMs} ms`);
      assert.doesNotMatch(result.log, /Refused:|can't run this request/);
      assert.deepEqual(w.github.reactions, []);
      assert.equal(result.codex.options.length, 0);
      assert.deepEqual(w.remoteBranches(), ['main']);
      const replies = actionComments(w);
      assert.equal(replies.length, toldOnIssue ? 1 : 0);
      if (toldOnIssue) {
        assert.match(replies[0]!, /could not be checked/);
        assert.match(replies[0]!, /This is GitHub failing, not a refusal/);
      } else assert.match(result.log, /::warning::Could not update the tracking comment/);
      assert.ok(!visibleLog(result).includes(CANARY.githubToken), 'the token is in the log');
    });
  }

  it('retries a passing 5xx and then goes on', async () => {
    const w = await world({ event: commentBy(users.maintainer), github: { permissions: { mona: 'write' } } });
    w.github.injectFault({ method: 'GET', path: /permission$/, status: 503, times: 1 });
    const result = await runInProcess(w, changesAFile);
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.equal(w.github.requests.filter((request) => request.path.endsWith('/permission')).length, 2);
  });
});

describe("the runner's proxy", () => {
  it('sends every GitHub call through HTTP_PROXY, and none when NO_PROXY lists the API host', async () => {
    const proxy = await ForwardProxy.start();
    try {
      const viaProxy = await world({
        event: commentBy(users.reader),
        github: { permissions: { 'reader-rita': 'read' } },
      });
      const result = await runInProcess(viaProxy, changesAFile, { env: { HTTP_PROXY: proxy.url } });
      assertRefused(viaProxy, result, /@reader-rita has 'read' permission/);
      const apiUrl = viaProxy.github.url;
      assert.ok(viaProxy.github.requests.length >= 2, 'the permission check and the reply');
      assert.deepEqual(
        proxy.seen.map((request) => `${request.method} ${request.target}`),
        viaProxy.github.requests.map((request) => `${request.method} ${apiUrl}${request.path}`),
        'each call, sent in absolute form to the proxy',
      );
      // Plain HTTP: the proxy forwards the request, token and all, as a runner's proxy sees any http:// call.
      assert.equal(proxy.seen[0]!.headers.authorization, `token ${CANARY.githubToken}`);

      const listed = await world({
        event: commentBy(users.reader),
        github: { permissions: { 'reader-rita': 'read' } },
      });
      const host = new URL(listed.github.url).hostname;
      const direct = await runInProcess(listed, changesAFile, {
        env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: `example.org,${host}` },
      });
      assertRefused(listed, direct, /@reader-rita has 'read' permission/);
      assert.equal(
        proxy.seen.length,
        viaProxy.github.requests.length,
        'NO_PROXY lists the host: nothing more went through the proxy',
      );
    } finally {
      await proxy.stop();
    }
  });
});
