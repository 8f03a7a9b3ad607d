// Unit tests for the GitHub REST emulation used by the end-to-end tests (test/support/github-emulator.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubEmulator, type GitHubEmulatorOptions } from '../support/github-emulator.ts';

const TOKEN = 'ghs_test_token';

async function withEmulator(
  options: GitHubEmulatorOptions,
  run: (
    emu: GitHubEmulator,
    call: (method: string, path: string, body?: unknown, token?: string) => Promise<Response>,
  ) => Promise<void>,
): Promise<void> {
  const emu = await GitHubEmulator.start({ token: TOKEN, ...options });
  const call = (method: string, path: string, body?: unknown, token = TOKEN): Promise<Response> =>
    fetch(`${emu.url}${path}`, {
      method,
      headers: {
        authorization: `token ${token}`,
        accept: 'application/vnd.github+json',
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  try {
    await run(emu, call);
  } finally {
    await emu.stop();
  }
}

const REPO = '/repos/octo-org/octo-repo';

test('collaborator permission uses GitHub legacy values and role_name, which may name a custom role', async () => {
  await withEmulator(
    {
      permissions: {
        alice: 'maintain',
        bob: 'triage',
        carol: 'admin',
        erin: { roleName: 'release-manager', base: 'write' },
      },
    },
    async (_emu, call) => {
      const expected: Array<[string, string, string]> = [
        ['alice', 'write', 'maintain'],
        ['bob', 'read', 'triage'],
        ['carol', 'admin', 'admin'],
        ['erin', 'write', 'release-manager'],
      ];
      for (const [login, permission, role] of expected) {
        const res = await call('GET', `${REPO}/collaborators/${login}/permission`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^application\/json; charset=utf-8$/);
        assert.ok(res.headers.get('x-ratelimit-remaining'));
        const json = (await res.json()) as { permission: string; role_name: string; user: { login: string } };
        assert.deepEqual([json.permission, json.role_name, json.user.login], [permission, role, login]);
      }
      const stranger = await call('GET', `${REPO}/collaborators/dave/permission`);
      assert.equal(stranger.status, 404, 'someone who is no collaborator');
      await stranger.arrayBuffer();
    },
  );
});

test('comment create and edit are recorded with their history', async () => {
  await withEmulator({ issues: [{ number: 7, title: 'Bug' }] }, async (emu, call) => {
    const created = await call('POST', `${REPO}/issues/7/comments`, { body: 'working on it' });
    assert.equal(created.status, 201);
    const comment = (await created.json()) as { id: number; html_url: string; user: { login: string; type: string } };
    const id = comment.id;
    assert.equal(comment.html_url, `https://github.com/octo-org/octo-repo/issues/7#issuecomment-${id}`);
    assert.deepEqual([comment.user.login, comment.user.type], ['github-actions[bot]', 'Bot']);

    const edited = await call('PATCH', `${REPO}/issues/comments/${id}`, { body: 'done' });
    assert.equal(edited.status, 200);
    assert.equal(((await edited.json()) as { body: string }).body, 'done');

    assert.equal(emu.comments.length, 1);
    assert.deepEqual(emu.comments[0]?.edits, ['working on it', 'done']);
    assert.deepEqual(emu.requests[1], {
      method: 'PATCH',
      path: `${REPO}/issues/comments/${id}`,
      query: {},
      headers: emu.requests[1]?.headers,
      at: emu.requests[1]?.at,
      body: { body: 'done' },
    });

    const missing = await call('POST', `${REPO}/issues/8/comments`, { body: 'x' });
    assert.equal(missing.status, 404);
  });
});

test("creating a pull request twice for the same head and base gives GitHub's 422", async () => {
  await withEmulator({ issues: [{ number: 41 }] }, async (emu, call) => {
    const input = { title: 'Add thing', body: 'desc', head: 'codex/task-41', base: 'main', draft: true };
    const first = await call('POST', `${REPO}/pulls`, input);
    assert.equal(first.status, 201);
    const pull = (await first.json()) as {
      number: number;
      draft: boolean;
      head: { ref: string; repo: { full_name: string } };
    };
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
    assert.deepEqual(
      ((await listed.json()) as Array<{ number: number }>).map((p) => p.number),
      [42],
    );
    const fetched = (await (await call('GET', `${REPO}/pulls/42`)).json()) as { number: number; url: string };
    assert.deepEqual([fetched.number, fetched.url], [42, `${emu.url}${REPO}/pulls/42`]);
  });
});

test('an injected fault is served once, then normal behaviour resumes', async () => {
  await withEmulator({}, async (emu, call) => {
    emu.injectFault({
      method: 'GET',
      path: /^\/repos\/octo-org\/octo-repo$/,
      status: 502,
      headers: { 'retry-after': '1' },
    });
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
    assert.deepEqual(
      emu.requests.map((r) => [r.method, r.path, r.query]),
      [
        ['GET', `${REPO}/actions/runs`, { per_page: '5' }],
        ['GET', '/repos/someone/else', {}],
      ],
    );
  });
});

test('issue comments and review comments are numbered from separate sequences; replies join the review thread', async () => {
  const reviewer = { login: 'mona', id: 1001, type: 'User' as const };
  await withEmulator(
    {
      pulls: [{ number: 8, head: 'feature/loud' }],
      reviewComments: [
        { id: 1_876_000_000, pullNumber: 8, body: 'rename this', user: reviewer, path: 'src/a.js', line: 3 },
      ],
    },
    async (emu, call) => {
      const issueComment = (await (await call('POST', `${REPO}/issues/8/comments`, { body: 'first' })).json()) as {
        id: number;
      };
      const replied = await call('POST', `${REPO}/pulls/8/comments/1876000000/replies`, { body: 'on it' });
      assert.equal(replied.status, 201);
      const reply = (await replied.json()) as { id: number; in_reply_to_id: number; path: string; html_url: string };
      assert.ok(reply.id < issueComment.id, 'a review comment written later has a smaller id');
      assert.deepEqual([reply.in_reply_to_id, reply.path], [1_876_000_000, 'src/a.js']);
      assert.match(reply.html_url, new RegExp(`/pull/8#discussion_r${reply.id}$`));

      const toReply = await call('POST', `${REPO}/pulls/8/comments/${reply.id}/replies`, { body: 'more' });
      assert.equal(toReply.status, 422, 'GitHub takes replies to top-level review comments only');
      await toReply.arrayBuffer();
      const edited = await call('PATCH', `${REPO}/pulls/comments/${reply.id}`, { body: 'done' });
      assert.equal(edited.status, 200);
      await edited.arrayBuffer();
      assert.deepEqual(emu.reviewComments.find((c) => c.id === reply.id)?.edits, ['on it', 'done']);

      const elsewhere = await call('POST', `${REPO}/pulls/9/comments/1876000000/replies`, { body: 'x' });
      assert.equal(elsewhere.status, 404);
      await elsewhere.arrayBuffer();
      const tooLong = await call('POST', `${REPO}/pulls/8/comments/1876000000/replies`, { body: 'x'.repeat(65_537) });
      assert.equal(tooLong.status, 422);
      assert.match(JSON.stringify(await tooLong.json()), /body is too long \(maximum is 65536 characters\)/);
    },
  );
});

test('editing a comment someone else wrote gets 403', async () => {
  await withEmulator(
    { issues: [{ number: 7 }], comments: [{ id: 2_400_000_000, issueNumber: 7, body: 'mine' }] },
    async (emu, call) => {
      const res = await call('PATCH', `${REPO}/issues/comments/2400000000`, { body: 'yours now' });
      assert.equal(res.status, 403);
      await res.arrayBuffer();
      assert.deepEqual(emu.comments[0]?.edits, ['mine']);
    },
  );
});

test('bodies over 65,536 characters get 422 on comments and pull requests', async () => {
  await withEmulator({ issues: [{ number: 7 }] }, async (_emu, call) => {
    const exact = await call('POST', `${REPO}/issues/7/comments`, { body: 'y'.repeat(65_536) });
    assert.equal(exact.status, 201);
    await exact.arrayBuffer();
    const comment = await call('POST', `${REPO}/issues/7/comments`, { body: 'y'.repeat(65_537) });
    assert.equal(comment.status, 422);
    await comment.arrayBuffer();
    const pull = await call('POST', `${REPO}/pulls`, { title: 't', head: 'b', base: 'main', body: 'z'.repeat(70_000) });
    assert.equal(pull.status, 422);
    assert.match(JSON.stringify(await pull.json()), /body is too long/);
  });
});

test('lists paginate with Link headers and at most 100 per page', async () => {
  const comments = Array.from({ length: 250 }, (_, index) => ({
    id: 2_500_000_000 + index,
    issueNumber: 7,
    body: `c${index}`,
  }));
  await withEmulator({ issues: [{ number: 7 }], comments }, async (_emu, call) => {
    const first = await call('GET', `${REPO}/issues/7/comments?per_page=500`);
    assert.equal(((await first.json()) as unknown[]).length, 100);
    const link = first.headers.get('link') ?? '';
    assert.match(link, /[?&]page=2[^>]*>; rel="next"/);
    assert.match(link, /[?&]page=3[^>]*>; rel="last"/);
    const last = (await (await call('GET', `${REPO}/issues/7/comments?per_page=100&page=3`)).json()) as Array<{
      body: string;
    }>;
    assert.deepEqual([last.length, last.at(-1)?.body], [50, 'c249']);
  });
});

test('a spent primary rate limit answers 403 with remaining 0 and the reset; a secondary one names itself with retry-after', async () => {
  await withEmulator({}, async (emu, call) => {
    emu.secondaryRateLimit('GET', /^\/repos\/octo-org\/octo-repo$/, 7);
    const secondary = await call('GET', REPO);
    assert.equal(secondary.status, 403);
    assert.equal(secondary.headers.get('retry-after'), '7');
    assert.match(((await secondary.json()) as { message: string }).message, /secondary rate limit/);

    emu.exhaustPrimaryRateLimit(3600, 429);
    const primary = await call('GET', REPO);
    assert.equal(primary.status, 429);
    assert.equal(primary.headers.get('x-ratelimit-remaining'), '0');
    const reset = Number(primary.headers.get('x-ratelimit-reset'));
    assert.ok(reset > Date.now() / 1000 + 3500, `reset ${reset} is an hour away`);
    assert.match(((await primary.json()) as { message: string }).message, /API rate limit exceeded/);
  });
});

test('createCommitOnBranch and POST /git/refs work on the attached origin, with the expectedHeadOid check', async () => {
  const { execFileSync } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-git-'));
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
  try {
    const seed = path.join(dir, 'seed');
    fs.mkdirSync(seed);
    git(seed, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(seed, 'README.md'), '# x\n');
    git(seed, 'add', '-A');
    git(seed, '-c', 'user.name=S', '-c', 'user.email=s@example.com', 'commit', '-q', '-m', 'init');
    const origin = path.join(dir, 'origin.git');
    git(dir, 'clone', '-q', '--bare', seed, origin);
    const main = git(origin, 'rev-parse', 'main');
    await withEmulator({}, async (emu, call) => {
      emu.attachOrigin(origin);
      const created = await call('POST', `${REPO}/git/refs`, { ref: 'refs/heads/topic', sha: main });
      assert.equal(created.status, 201);
      await created.arrayBuffer();
      const again = await call('POST', `${REPO}/git/refs`, { ref: 'refs/heads/topic', sha: main });
      assert.equal(again.status, 422);
      assert.equal(((await again.json()) as { message: string }).message, 'Reference already exists');

      const mutation =
        'mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid url } } }';
      const input = (expectedHeadOid: string) => ({
        branch: { repositoryNameWithOwner: 'octo-org/octo-repo', branchName: 'topic' },
        expectedHeadOid,
        message: { headline: 'Add a file', body: 'Co-authored-by: mona <1001+mona@users.noreply.github.com>' },
        fileChanges: {
          additions: [{ path: 'docs/a.txt', contents: Buffer.from('hello\n').toString('base64') }],
          deletions: [{ path: 'README.md' }],
        },
      });
      const stale = await call('POST', '/graphql', { query: mutation, variables: { input: input('0'.repeat(40)) } });
      const staleJson = (await stale.json()) as { errors: Array<{ type: string; message: string }> };
      assert.equal(staleJson.errors[0]?.type, 'STALE_DATA');
      assert.match(staleJson.errors[0]!.message, /Expected branch to point to/);

      const made = (await (
        await call('POST', '/graphql', { query: mutation, variables: { input: input(main) } })
      ).json()) as { data: { createCommitOnBranch: { commit: { oid: string } } } };
      const oid = made.data.createCommitOnBranch.commit.oid;
      assert.equal(git(origin, 'rev-parse', 'topic'), oid);
      assert.equal(git(origin, 'rev-parse', 'topic~1'), main);
      assert.equal(git(origin, 'show', 'topic:docs/a.txt'), 'hello');
      assert.throws(() => git(origin, 'cat-file', '-e', 'topic:README.md'));
      assert.equal(git(origin, 'log', '-1', '--format=%cn <%ce>', 'topic'), 'GitHub <noreply@github.com>');
      assert.deepEqual(emu.apiCommits, [{ sha: oid, branch: 'topic', verified: true }]);

      emu.requireSignedCommits();
      const clone = path.join(dir, 'clone');
      git(dir, 'clone', '-q', origin, clone);
      fs.writeFileSync(path.join(clone, 'b.txt'), 'b\n');
      git(clone, 'add', '-A');
      git(clone, '-c', 'user.name=S', '-c', 'user.email=s@example.com', 'commit', '-q', '-m', 'unsigned');
      assert.throws(
        () =>
          execFileSync('git', ['push', '-q', 'origin', 'HEAD:refs/heads/other'], {
            cwd: clone,
            encoding: 'utf8',
            stdio: 'pipe',
          }),
        /GH013: Repository rule violations found[\s\S]*Commits must have verified signatures/,
      );
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
test('pull request reviews: created, listed, updated, and 422 for a line outside the diff', async () => {
  await withEmulator({ pulls: [{ number: 7, head: 'feature' }] }, async (emu, call) => {
    emu.setPullDiff(7, 'diff --git a/a.js b/a.js\n--- a/a.js\n+++ b/a.js\n@@ -1,2 +1,3 @@\n one\n+two\n three\n');
    const outside = await call('POST', `${REPO}/pulls/7/reviews`, {
      event: 'COMMENT',
      body: 's',
      comments: [{ path: 'a.js', line: 9, side: 'RIGHT', body: 'x' }],
    });
    assert.equal(outside.status, 422);
    assert.deepEqual(((await outside.json()) as { errors: string[] }).errors, ['Line could not be resolved']);
    const otherFile = await call('POST', `${REPO}/pulls/7/reviews`, {
      event: 'COMMENT',
      body: 's',
      comments: [{ path: 'b.js', line: 1, body: 'x' }],
    });
    assert.equal(otherFile.status, 422);
    assert.equal(emu.reviews.length, 0, 'a refused review leaves nothing behind');

    const created = await call('POST', `${REPO}/pulls/7/reviews`, {
      event: 'COMMENT',
      body: 'summary',
      commit_id: 'abc',
      comments: [{ path: 'a.js', line: 3, start_line: 1, side: 'RIGHT', start_side: 'RIGHT', body: 'x' }],
    });
    assert.equal(created.status, 200);
    const review = (await created.json()) as {
      id: number;
      state: string;
      html_url: string;
      commit_id: string;
      user: { login: string };
    };
    assert.deepEqual([review.state, review.commit_id, review.user.login], ['COMMENTED', 'abc', 'github-actions[bot]']);
    assert.match(review.html_url, /\/pull\/7#pullrequestreview-\d+$/);

    const updated = await call('PUT', `${REPO}/pulls/7/reviews/${review.id}`, { body: 'newer' });
    assert.equal(updated.status, 200);
    const listed = (await (await call('GET', `${REPO}/pulls/7/reviews`)).json()) as Array<{ id: number; body: string }>;
    assert.deepEqual(
      listed.map((r) => [r.id, r.body]),
      [[review.id, 'newer']],
    );
    assert.equal((await call('POST', `${REPO}/pulls/7/reviews`, { event: 'MERGE' })).status, 422);
    assert.equal((await call('POST', `${REPO}/pulls/8/reviews`, { event: 'COMMENT', body: 'x' })).status, 404);
  });
});
