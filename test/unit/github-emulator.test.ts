// Unit tests for the GitHub REST emulation used by the end-to-end tests (test/support/github-emulator.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubEmulator, type GitHubEmulatorOptions } from '../support/github-emulator.ts';

const TOKEN = 'ghs_test_token';

async function withEmulator(
  options: GitHubEmulatorOptions,
  run: (emu: GitHubEmulator, call: (method: string, path: string, body?: unknown, token?: string) => Promise<Response>) => Promise<void>,
): Promise<void> {
  const emu = await GitHubEmulator.start({ token: TOKEN, ...options });
  const call = (method: string, path: string, body?: unknown, token = TOKEN): Promise<Response> =>
    fetch(`${emu.url}${path}`, {
      method,
      headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  try {
    await run(emu, call);
  } finally {
    await emu.stop();
  }
}

const REPO = '/repos/octo-org/octo-repo';

test('collaborator permission uses GitHub legacy values and role_name', async () => {
  await withEmulator({ permissions: { alice: 'maintain', bob: 'triage', carol: 'admin' } }, async (_emu, call) => {
    const expected: Array<[string, string, string]> = [
      ['alice', 'write', 'maintain'],
      ['bob', 'read', 'triage'],
      ['carol', 'admin', 'admin'],
      ['dave', 'none', 'none'],
    ];
    for (const [login, permission, role] of expected) {
      const res = await call('GET', `${REPO}/collaborators/${login}/permission`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json; charset=utf-8$/);
      assert.ok(res.headers.get('x-ratelimit-remaining'));
      const json = (await res.json()) as { permission: string; role_name: string; user: { login: string } };
      assert.deepEqual([json.permission, json.role_name, json.user.login], [permission, role, login]);
    }
  });
});

test('comment create and edit are recorded with their history', async () => {
  await withEmulator({ issues: [{ number: 7, title: 'Bug' }] }, async (emu, call) => {
    const created = await call('POST', `${REPO}/issues/7/comments`, { body: 'working on it' });
    assert.equal(created.status, 201);
    const comment = (await created.json()) as { id: number; html_url: string; user: { login: string; type: string } };
    assert.equal(comment.id, 1000);
    assert.equal(comment.html_url, 'https://github.com/octo-org/octo-repo/issues/7#issuecomment-1000');
    assert.deepEqual([comment.user.login, comment.user.type], ['github-actions[bot]', 'Bot']);

    const edited = await call('PATCH', `${REPO}/issues/comments/1000`, { body: 'done' });
    assert.equal(edited.status, 200);
    const fetched = (await (await call('GET', `${REPO}/issues/comments/1000`)).json()) as { body: string };
    assert.equal(fetched.body, 'done');

    assert.equal(emu.comments.length, 1);
    assert.deepEqual(emu.comments[0]?.edits, ['working on it', 'done']);
    assert.deepEqual(emu.requests[1], {
      method: 'PATCH',
      path: `${REPO}/issues/comments/1000`,
      query: {},
      headers: emu.requests[1]?.headers,
      at: emu.requests[1]?.at,
      body: { body: 'done' },
    });

    const missing = await call('POST', `${REPO}/issues/8/comments`, { body: 'x' });
    assert.equal(missing.status, 404);
  });
});

test('creating a pull request twice for the same head and base gives GitHub\'s 422', async () => {
  await withEmulator({ issues: [{ number: 41 }] }, async (emu, call) => {
    const input = { title: 'Add thing', body: 'desc', head: 'codex/task-41', base: 'main', draft: true };
    const first = await call('POST', `${REPO}/pulls`, input);
    assert.equal(first.status, 201);
    const pull = (await first.json()) as { number: number; draft: boolean; head: { ref: string; repo: { full_name: string } } };
    assert.equal(pull.number, 42);
    assert.equal(pull.draft, true);
    assert.deepEqual([pull.head.ref, pull.head.repo.full_name], ['codex/task-41', 'octo-org/octo-repo']);

    const second = await call('POST', `${REPO}/pulls`, input);
    assert.equal(second.status, 422);
    const error = (await second.json()) as { message: string; errors: Array<{ message: string }> };
    assert.equal(error.message, 'Validation Failed');
    assert.equal(error.errors[0]?.message, 'A pull request already exists for octo-org:codex/task-41.');
    assert.equal(emu.pulls.length, 1);

    const listed = await call('GET', `${REPO}/pulls?head=octo-org:codex/task-41&state=open`);
    assert.deepEqual(((await listed.json()) as Array<{ number: number }>).map((p) => p.number), [42]);
    const issue = (await (await call('GET', `${REPO}/issues/42`)).json()) as { pull_request?: { url: string } };
    assert.equal(issue.pull_request?.url, `${emu.url}${REPO}/pulls/42`);
  });
});

test('an injected fault is served once, then normal behaviour resumes', async () => {
  await withEmulator({}, async (emu, call) => {
    emu.injectFault({ method: 'GET', path: /^\/repos\/octo-org\/octo-repo$/, status: 502, headers: { 'retry-after': '1' } });
    const faulted = await call('GET', REPO);
    assert.equal(faulted.status, 502);
    assert.equal(faulted.headers.get('retry-after'), '1');
    assert.deepEqual(await faulted.json(), { message: 'Injected fault' });

    const ok = await call('GET', REPO);
    assert.equal(ok.status, 200);
    const repo = (await ok.json()) as { full_name: string; default_branch: string };
    assert.deepEqual([repo.full_name, repo.default_branch], ['octo-org/octo-repo', 'main']);
    assert.equal(emu.requests.length, 2);
  });
});

test('a wrong token gets 401 Bad credentials; Bearer and token schemes are accepted', async () => {
  await withEmulator({}, async (emu, call) => {
    const denied = await call('GET', REPO, undefined, 'nope');
    assert.equal(denied.status, 401);
    assert.equal(((await denied.json()) as { message: string }).message, 'Bad credentials');

    const bearer = await fetch(`${emu.url}${REPO}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(bearer.status, 200);
    await bearer.arrayBuffer();
    const anonymous = await fetch(`${emu.url}${REPO}`);
    assert.equal(anonymous.status, 401);
    await anonymous.arrayBuffer();
  });
});

test('unknown routes get 404 and are recorded', async () => {
  await withEmulator({}, async (emu, call) => {
    const res = await call('GET', `${REPO}/actions/runs?per_page=5`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    const other = await call('GET', '/repos/someone/else');
    assert.equal(other.status, 404);
    await other.arrayBuffer();
    assert.deepEqual(emu.requests.map((r) => [r.method, r.path, r.query]), [
      ['GET', `${REPO}/actions/runs`, { per_page: '5' }],
      ['GET', '/repos/someone/else', {}],
    ]);
  });
});

test('pull request reviews: created, listed, updated, and 422 for a line outside the diff', async () => {
  await withEmulator({ pulls: [{ number: 7, head: 'feature' }] }, async (emu, call) => {
    emu.setPullDiff(7, 'diff --git a/a.js b/a.js\n--- a/a.js\n+++ b/a.js\n@@ -1,2 +1,3 @@\n one\n+two\n three\n');
    const outside = await call('POST', `${REPO}/pulls/7/reviews`, { event: 'COMMENT', body: 's', comments: [{ path: 'a.js', line: 9, side: 'RIGHT', body: 'x' }] });
    assert.equal(outside.status, 422);
    assert.deepEqual(((await outside.json()) as { errors: string[] }).errors, ['Line could not be resolved']);
    const otherFile = await call('POST', `${REPO}/pulls/7/reviews`, { event: 'COMMENT', body: 's', comments: [{ path: 'b.js', line: 1, body: 'x' }] });
    assert.equal(otherFile.status, 422);
    assert.equal(emu.reviews.length, 0, 'a refused review leaves nothing behind');

    const created = await call('POST', `${REPO}/pulls/7/reviews`, { event: 'COMMENT', body: 'summary', commit_id: 'abc', comments: [{ path: 'a.js', line: 3, start_line: 1, side: 'RIGHT', start_side: 'RIGHT', body: 'x' }] });
    assert.equal(created.status, 200);
    const review = (await created.json()) as { id: number; state: string; html_url: string; commit_id: string; user: { login: string } };
    assert.deepEqual([review.state, review.commit_id, review.user.login], ['COMMENTED', 'abc', 'github-actions[bot]']);
    assert.match(review.html_url, /\/pull\/7#pullrequestreview-\d+$/);

    const updated = await call('PUT', `${REPO}/pulls/7/reviews/${review.id}`, { body: 'newer' });
    assert.equal(updated.status, 200);
    const listed = (await (await call('GET', `${REPO}/pulls/7/reviews`)).json()) as Array<{ id: number; body: string }>;
    assert.deepEqual(listed.map((r) => [r.id, r.body]), [[review.id, 'newer']]);
    assert.equal((await call('POST', `${REPO}/pulls/7/reviews`, { event: 'MERGE' })).status, 422);
    assert.equal((await call('POST', `${REPO}/pulls/8/reviews`, { event: 'COMMENT', body: 'x' })).status, 404);
  });
});
