// The publish stage's branches, through run(deps) in this process with real git on a bare origin: a new pull
// request, a pull request that already exists (422), a follow-up on the action's own pull request, a push to a
// pull request's branch (mode commit), mode patch, no changes, a refused push (the patch is kept), a pull
// request GitHub will not open (the branch and the patch are kept), the default branch in mode commit, the
// extras (labels, reviewers, draft) and verified commits through the API (commit-signing: api).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, pullRequestReviewCommentEvent, users } from '../support/events.ts';
import type { GitHubEmulatorOptions } from '../support/github-emulator.ts';
import { forbidActionsToOpenPullRequests } from '../support/github-emulator.ts';
import type { CodexScript, InProcessResult } from '../support/in-process.ts';
import { runInProcess } from '../support/in-process.ts';
import type { World, WorldOptions } from '../support/world.ts';
import { git, parseCommit, worldsOfThisFile } from '../support/world.ts';

const world = worldsOfThisFile(after);
const issue = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const askOnIssue = (body = '/codex add a --json flag to the report command') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender: users.maintainer }),
});
const askOnPull = (number: number, pullBody = 'Adds the report.', commentId?: number) => ({
  name: 'issue_comment',
  payload: issueCommentEvent({
    issue: { number, title: 'Add report', body: pullBody, isPullRequest: true },
    body: '/codex fix the typo in the report',
    sender: users.maintainer,
    commentId,
  }),
});
const writer: GitHubEmulatorOptions = { permissions: { mona: 'write' } };
const addsJson: CodexScript = {
  steps: [
    { event: { type: 'command-start', id: 'c1', command: 'touch src/json.js' } },
    { files: { 'src/json.js': 'export const json = true;\n', 'docs.txt': 'flag\n' } },
    { event: { type: 'command-end', id: 'c1', command: 'touch src/json.js', exitCode: 0, durationMs: 12, output: '' } },
  ],
  finalMessage: 'Added a --json flag and documented it.',
};

async function runFor(
  options: Omit<WorldOptions, 'github'> & { github?: GitHubEmulatorOptions },
  codex: CodexScript = addsJson,
  prepare?: (w: World) => void,
): Promise<{ w: World; result: InProcessResult }> {
  const w = await world({ github: writer, ...options });
  prepare?.(w);
  return { w, result: await runInProcess(w, codex) };
}

const reply = (w: World): string => w.actionComments()[0]?.body ?? '';

/** A failed publish that lost nothing: the run fails, the patch is on disk with the change, and the reply says where. */
function assertPatchKept(w: World, result: InProcessResult, line: RegExp): void {
  assert.equal(result.exitCode, 1, result.log);
  assert.equal(result.outputs.conclusion, 'failed');
  const patchPath = result.outputs['patch-path']!;
  assert.match(fs.readFileSync(patchPath, 'utf8'), line);
  assert.ok(reply(w).includes(patchPath), 'the reply says where the patch is');
}

describe('mode pull-request', () => {
  it('commits on a new branch off main, pushes it and opens the pull request', async () => {
    const { w, result } = await runFor({ event: askOnIssue() });
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    const branch = `codex/issue-42-${w.runId}`;
    assert.equal(result.outputs.branch, branch);
    assert.deepEqual(w.remoteBranches().sort(), [branch, 'main'].sort());
    const [tip, main, json] = w.readOrigin(branch, 'main', `${branch}:src/json.js`);
    const commit = parseCommit(tip);
    assert.deepEqual(commit.parents, [main?.sha], 'one commit, on main');
    assert.equal(commit.sha, result.outputs['commit-sha']);
    assert.equal(json?.text, 'export const json = true;\n');
    assert.equal(commit.author, 'codex-task-action[bot] <codex-task-action[bot]@users.noreply.github.com>');
    assert.match(commit.message, /^add a --json flag to the report command\n\nRequested by @mona in #42\./);
    assert.match(commit.message, /Co-authored-by: mona <1001\+mona@users\.noreply\.github\.com>/);
    assert.deepEqual(JSON.parse(result.outputs['changed-files']!).sort(), ['docs.txt', 'src/json.js']);

    assert.equal(w.github.pulls.length, 1);
    const pull = w.github.pulls[0]!;
    assert.equal(pull.head, branch);
    assert.equal(pull.base, 'main');
    assert.equal(pull.draft, false);
    assert.equal(pull.title, 'add a --json flag to the report command');
    assert.match(pull.body, /Added a --json flag and documented it\./);
    assert.match(pull.body, /#42/);
    assert.equal(result.outputs['pr-number'], String(pull.number));
    assert.equal(result.outputs['pr-url'], pull.html_url);
    // The checkout the workflow goes on with holds the change too, on the work branch.
    assert.equal(git(w.workspace, 'rev-parse', 'HEAD'), result.outputs['commit-sha']);
  });

  it('updates the pull request GitHub says already exists for the branch (422), instead of failing', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, addsJson, (w) => {
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
      w.github.pulls.push({
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
    });
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.equal(result.outputs['pr-number'], '77');
    assert.equal(w.github.pulls.length, 1, 'no second pull request');
    assert.equal(w.github.pulls[0]!.title, 'add a --json flag to the report command', 'the title is updated');
    assert.match(reply(w), /Updated pull request #77/);
  });

  it("on a follow-up on the action's own pull request, adds a commit to its branch and opens no other", async () => {
    const branch = 'codex/issue-42-1234';
    const body = '<!-- codex-task-action -->\nAdded the flag.';
    let before = '';
    const { w, result } = await runFor(
      {
        event: askOnPull(50, body, 900),
        github: {
          ...writer,
          pulls: [{ number: 50, head: branch, base: 'main', title: 'add a --json flag', body }],
        },
      },
      { steps: [{ files: { 'FLAG.md': '--json prints JSON\n' } }], finalMessage: 'Documented it.' },
      (w) => (before = w.pushBranch(branch, { 'json.js': 'export const json = true;\n' })),
    );
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    assert.equal(result.outputs['pr-number'], '50');
    assert.equal(result.outputs.branch, branch);
    const [parent, flag] = w.readOrigin(`${branch}~1`, `${branch}:FLAG.md`);
    assert.equal(parent?.sha, before, 'a commit on top, not a rewrite');
    assert.equal(flag?.text, '--json prints JSON\n');
    assert.equal(w.github.pulls.length, 1, 'no second pull request');
    assert.match(result.log, /Continuing pull request #50/);
  });

  it("opens a new pull request from a pull request someone else opened, based on that pull request's branch", async () => {
    const { w, result } = await runFor(
      { event: askOnPull(7), github: { ...writer, pulls: [{ number: 7, head: 'feature/report', base: 'main' }] } },
      { steps: [{ files: { 'report.txt': 'the report\n' } }], finalMessage: 'Fixed the typo.' },
      (w) => w.pushBranch('feature/report', { 'report.txt': 'the reprot\n' }),
    );
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    const opened = w.github.pulls.find((pull) => pull.number !== 7)!;
    assert.equal(opened.base, 'feature/report');
    const [fixed, untouched] = w.readOrigin(`${opened.head}:report.txt`, 'feature/report:report.txt');
    assert.equal(fixed?.text, 'the report\n');
    assert.equal(untouched?.text, 'the reprot\n', 'the pull request is untouched');
  });

  it('adds labels, requests reviews from the reviewers and the requester, and opens a draft', async () => {
    const { w, result } = await runFor({
      event: askOnIssue(),
      inputs: { labels: 'codex, automated', reviewers: '@octocat', 'request-review': 'true', draft: 'true' },
      github: { permissions: { mona: 'write', octocat: 'write' } },
    });
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    const number = w.github.pulls[0]!.number;
    assert.equal(w.github.pulls[0]!.draft, true);
    assert.deepEqual(w.github.labels, [{ issueNumber: number, labels: ['codex', 'automated'] }]);
    assert.deepEqual(
      w.github.reviewRequests.map((request) => [request.pullNumber, [...request.reviewers].sort()]),
      [[number, ['mona', 'octocat']]],
    );
  });

  it('still succeeds when labels cannot be added: the extras are warnings', async () => {
    const { w, result } = await runFor({ event: askOnIssue(), inputs: { labels: 'codex' } }, addsJson, (w) =>
      w.github.injectFault({ method: 'POST', path: /\/labels$/, status: 403, times: Infinity }),
    );
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    assert.match(result.log, /::warning::Could not add labels codex on pull request #\d+/);
    assert.equal(w.github.pulls.length, 1);
  });
});

describe('mode commit', () => {
  it("pushes a commit to the pull request's branch and opens no pull request", async () => {
    let before = '';
    const { w, result } = await runFor(
      {
        event: askOnPull(7),
        inputs: { mode: 'commit' },
        github: { permissions: { mona: 'maintain' }, pulls: [{ number: 7, head: 'feature/report', base: 'main' }] },
      },
      { steps: [{ files: { 'report.txt': 'the report\n' } }], finalMessage: 'Fixed the typo.' },
      (w) => (before = w.pushBranch('feature/report', { 'report.txt': 'the reprot\n' })),
    );
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    assert.equal(result.outputs.branch, 'feature/report');
    const [report, parent, tip] = w.readOrigin('feature/report:report.txt', 'feature/report~1', 'feature/report');
    assert.equal(report?.text, 'the report\n');
    assert.equal(parent?.sha, before);
    assert.equal(result.outputs['commit-sha'], tip?.sha);
    assert.equal(w.github.pulls.length, 1);
    assert.match(reply(w), /Pushed [0-9a-f]{12} to `feature\/report`/);
  });

  it('never pushes to the default branch: fails with the patch kept', async () => {
    const { w, result } = await runFor({ event: askOnIssue(), inputs: { mode: 'commit' } });
    assertPatchKept(w, result, /\+export const json = true;/);
    assert.match(reply(w), /the default branch 'main'/);
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.equal(git(w.origin, 'rev-list', '--count', 'main'), '1');
  });
});

describe('mode patch and no changes', () => {
  it('mode patch writes a patch that applies to a fresh clone and pushes nothing', async () => {
    const { w, result } = await runFor(
      { event: askOnIssue(), inputs: { mode: 'patch' } },
      { steps: [{ files: { 'notes.txt': 'one\ntwo\n', 'README.md': '# octo-repo\nchanged\n' } }] },
    );
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'patch');
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.equal(w.github.pulls.length, 0);
    const patchPath = result.outputs['patch-path']!;
    assert.ok(patchPath.startsWith(w.runnerTemp), patchPath);
    const check = path.join(w.dir, 'check');
    git(w.dir, 'clone', '-q', w.origin, check);
    git(check, 'apply', '--index', patchPath);
    assert.equal(fs.readFileSync(path.join(check, 'notes.txt'), 'utf8'), 'one\ntwo\n');
    assert.equal(fs.readFileSync(path.join(check, 'README.md'), 'utf8'), '# octo-repo\nchanged\n');
    assert.match(reply(w), /saved as a patch/);
  });

  it('a patch-path input puts the patch there, inside the workspace', async () => {
    const { w, result } = await runFor(
      { event: askOnIssue(), inputs: { mode: 'patch', 'patch-path': 'out/codex.patch' } },
      { steps: [{ files: { 'notes.txt': 'n\n' } }] },
    );
    assert.equal(result.outputs.conclusion, 'patch', result.log);
    assert.equal(result.outputs['patch-path'], path.join(w.workspace, 'out/codex.patch'));
    assert.match(fs.readFileSync(path.join(w.workspace, 'out/codex.patch'), 'utf8'), /\+n/);
  });

  it('says so when Codex changes nothing, and pushes nothing', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, { finalMessage: 'The flag already exists.' });
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'no-changes');
    assert.equal(result.outputs['changed-files'], '[]');
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.equal(w.github.pulls.length, 0);
    assert.match(reply(w), /without changing any files/);
    assert.match(reply(w), /The flag already exists\./);
  });
});

describe('publish failures lose nothing', () => {
  it('a push the remote rejects keeps the patch and quotes the remote', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, addsJson, (w) =>
      fs.writeFileSync(
        path.join(w.origin, 'hooks', 'pre-receive'),
        '#!/bin/sh\necho "protected: pushes to codex/* need review" >&2\nexit 1\n',
        { mode: 0o755 },
      ),
    );
    assertPatchKept(w, result, /\+export const json = true;/);
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.match(reply(w), /was rejected/);
    assert.match(reply(w), /protected: pushes to codex\/\* need review/);
    assert.equal(w.github.pulls.length, 0);
  });

  it('never force-pushes when the pull request branch moved while Codex worked: the other push stands', async () => {
    let other = '';
    const movesTheBranch: CodexScript = {
      steps: [
        { files: { 'tidy.txt': 'tidy\n' } },
        // Someone else pushes to the pull request branch while Codex works.
        {
          act: () => {
            git(
              other,
              '-c',
              'user.name=o',
              '-c',
              'user.email=o@example.com',
              'commit',
              '-q',
              '--allow-empty',
              '-m',
              'moved',
            );
            git(other, 'push', '-q', 'origin', 'feature/report');
          },
        },
      ],
    };
    const w = await world({
      event: askOnPull(7),
      inputs: { mode: 'commit' },
      github: { ...writer, pulls: [{ number: 7, head: 'feature/report', base: 'main' }] },
    });
    w.pushBranch('feature/report', { 'report.txt': 'v1\n' });
    other = path.join(w.dir, 'other');
    git(w.dir, 'clone', '-q', '-b', 'feature/report', w.origin, other);
    const result = await runInProcess(w, movesTheBranch);
    assertPatchKept(w, result, /\+tidy/);
    assert.match(reply(w), /was rejected/);
    assert.equal(git(w.origin, 'log', '-1', '--format=%s', 'feature/report'), 'moved', 'nothing was overwritten');
  });

  it('a pull request GitHub will not open keeps the pushed branch and the patch, with a compare link', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, addsJson, (w) =>
      w.github.injectFault({
        method: 'POST',
        path: /\/pulls$/,
        status: 403,
        body: { message: 'Resource not accessible by integration' },
        times: Infinity,
      }),
    );
    assertPatchKept(w, result, /\+export const json = true;/);
    const branch = `codex/issue-42-${w.runId}`;
    assert.equal(result.outputs.branch, branch);
    assert.ok(w.remoteBranches().includes(branch), 'the branch is kept on origin');
    assert.equal(git(w.origin, 'rev-parse', branch), result.outputs['commit-sha']);
    assert.match(reply(w), /Resource not accessible by integration/);
    assert.ok(reply(w).includes(`/compare/main...${encodeURIComponent(branch)}`), reply(w));
  });

  it('names the repository setting and github-token when Actions may not open pull requests', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, addsJson, (w) =>
      forbidActionsToOpenPullRequests(w.github),
    );
    assertPatchKept(w, result, /\+export const json = true;/);
    assert.ok(w.remoteBranches().includes(result.outputs.branch!));
    assert.match(reply(w), /not permitted to create or approve pull requests/);
    assert.match(
      reply(w),
      /Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"/,
    );
    assert.match(reply(w), /`github-token`/);
  });

  it('a 500 from the pull request API is retried, then the pull request is opened', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, addsJson, (w) =>
      w.github.injectFault({ method: 'POST', path: /\/pulls$/, status: 500, times: 1 }),
    );
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    assert.equal(w.github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pulls')).length, 2);
    assert.equal(w.github.pulls.length, 1);
  });

  it('Codex failing after it changed files keeps the patch and publishes nothing', async () => {
    const { w, result } = await runFor(
      { event: askOnIssue() },
      { steps: [{ files: { 'half.txt': 'started\n' } }], status: 'failed', error: 'the model stream ended' },
    );
    assertPatchKept(w, result, /\+started/);
    assert.match(reply(w), /Codex failed: the model stream ended/);
    assert.deepEqual(w.remoteBranches(), ['main']);
  });

  it('a change that breaks the diff policy is not published, and its patch is kept', async () => {
    const { w, result } = await runFor(
      { event: askOnIssue() },
      { steps: [{ files: { '.github/workflows/ci.yml': 'on: push\n' } }] },
    );
    assertPatchKept(w, result, /\+on: push/);
    assert.match(reply(w), /diff policy/);
    assert.match(reply(w), /\.github\/workflows\/ci\.yml/);
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.equal(git(w.workspace, 'status', '--porcelain'), '', 'nothing came back into the checkout');
  });
});

describe('verified commits (commit-signing: api)', () => {
  it('a push refused by a signed-commits rule keeps the patch and says to set commit-signing: api', async () => {
    const { w, result } = await runFor({ event: askOnIssue() }, addsJson, (w) => w.github.requireSignedCommits());
    assertPatchKept(w, result, /\+export const json = true;/);
    assert.match(reply(w), /GH013/);
    assert.match(reply(w), /set `commit-signing: api`/);
    assert.deepEqual(w.remoteBranches(), ['main']);
  });

  it('has GitHub make the commit on a new branch, deletions and binary files included, and opens the pull request', async () => {
    const { w, result } = await runFor(
      { event: askOnIssue('/codex add a changelog'), inputs: { 'commit-signing': 'api' } },
      {
        steps: [
          { files: { 'CHANGELOG.md': '# Changes\n', 'README.md': null } },
          { act: (dir) => fs.writeFileSync(path.join(dir, 'logo.bin'), Buffer.from([0, 1, 98, 105, 110])) },
        ],
        finalMessage: 'Added a changelog.',
      },
      (w) => w.github.requireSignedCommits(),
    );
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request');
    const branch = result.outputs.branch!;
    assert.deepEqual(
      w.github.apiCommits.map((commit) => [commit.sha, commit.branch]),
      [[result.outputs['commit-sha'], branch]],
    );
    const [tip, main, changelog, logo, readme] = w.readOrigin(
      branch,
      'main',
      `${branch}:CHANGELOG.md`,
      `${branch}:logo.bin`,
      `${branch}:README.md`,
    );
    const commit = parseCommit(tip);
    assert.deepEqual(commit.parents, [main?.sha]);
    assert.equal(changelog?.text, '# Changes\n');
    assert.deepEqual(logo?.content, Buffer.from([0, 1, 98, 105, 110]));
    assert.equal(readme, undefined, 'the deletion is carried too');
    assert.match(commit.message, /^add a changelog\n\nRequested by @mona in #42\./);
    assert.equal(w.github.pulls[0]?.head, branch);
  });

  it("adds the API commit on top of a pull request's head when asked in its review thread", async () => {
    let before = '';
    const { w, result } = await runFor(
      {
        event: {
          name: 'pull_request_review_comment',
          payload: pullRequestReviewCommentEvent({
            pull: { number: 8, title: 'Shout the report', body: 'Louder.', head: 'feature/loud' },
            body: '/codex make this a named constant',
            sender: users.maintainer,
            path: 'src/report.js',
            line: 2,
            diffHunk: '@@ -1,2 +1,2 @@\n export function report() {\n-  return "ok";\n+  return "OK";',
          }),
        },
        inputs: { 'commit-signing': 'api' },
        github: { ...writer, pulls: [{ number: 8, head: 'feature/loud', base: 'main', title: 'Shout the report' }] },
      },
      { steps: [{ files: { 'src/constants.js': 'export const OK = "OK";\n' } }], finalMessage: 'Made it a constant.' },
      (w) => {
        before = w.pushBranch('feature/loud', { 'src/report.js': 'export function report() {\n  return "OK";\n}\n' });
        w.github.requireSignedCommits();
      },
    );
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed');
    const [parent, tip] = w.readOrigin('feature/loud~1', 'feature/loud');
    assert.equal(parent?.sha, before);
    assert.equal(tip?.sha, result.outputs['commit-sha']);
    assert.equal(w.github.apiCommits.length, 1);
    assert.equal(w.github.pulls.length, 1);
  });

  it('refuses a change the API cannot carry (an executable bit), naming it, and publishes nothing', async () => {
    const { w, result } = await runFor(
      { event: askOnIssue(), inputs: { 'commit-signing': 'api' } },
      {
        steps: [
          { files: { 'release.sh': '#!/bin/sh\necho hi\n', 'CHANGELOG.md': '# Changes\n' } },
          { act: (dir) => fs.chmodSync(path.join(dir, 'release.sh'), 0o755) },
        ],
      },
    );
    assertPatchKept(w, result, /\+echo hi/);
    assert.match(reply(w), /`release\.sh` is an executable file/);
    assert.deepEqual(w.remoteBranches(), ['main']);
    assert.deepEqual(w.github.apiCommits, []);
  });
});
