// Unit tests for the GitHub client (src/github.ts) against the REST emulation: how it reads permissions,
// long threads and rate limits, how its retries wait, and how it makes bodies fit GitHub's limit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GITHUB_BODY_LIMIT, createGitHubClient, fitBody, permissionFrom } from '../../src/github.ts';
import { WRITE_BURST } from '../../src/github/octokit.ts';
import { GitHubEmulator } from '../support/github-emulator.ts';

const TOKEN = 'ghs_unit_token';

async function emulatorWith(options: Parameters<typeof GitHubEmulator.start>[0]): Promise<GitHubEmulator> {
  return GitHubEmulator.start({ token: TOKEN, owner: 'octo-org', repo: 'octo-repo', ...options });
}

function clientFor(emulator: GitHubEmulator, extra: Partial<Parameters<typeof createGitHubClient>[0]> = {}) {
  return createGitHubClient({ token: TOKEN, apiUrl: emulator.url, owner: 'octo-org', repo: 'octo-repo', ...extra });
}

describe('permissions', () => {
  it('uses `permission` when role_name is a custom role', () => {
    assert.equal(permissionFrom({ permission: 'write', role_name: 'release-manager' }), 'write');
    assert.equal(permissionFrom({ permission: 'read', role_name: 'triage' }), 'triage');
    assert.equal(permissionFrom({ permission: 'write', role_name: 'maintain' }), 'maintain');
    assert.equal(permissionFrom({ permission: 'bogus', role_name: 'custom' }), 'none');
  });

  it('reads a custom role through the API, and 404 (no collaborator) as none', async () => {
    const emulator = await emulatorWith({ permissions: { erin: { roleName: 'release-manager', base: 'write' } } });
    try {
      const client = clientFor(emulator);
      assert.equal(await client.getPermission('erin'), 'write');
      assert.equal(await client.getPermission('stranger'), 'none');
    } finally {
      await emulator.stop();
    }
  });

  it('throws, naming the API host, when the API fails', async () => {
    const emulator = await emulatorWith({ permissions: { mona: 'admin' } });
    try {
      emulator.injectFault({ method: 'GET', path: /permission$/, status: 503, times: Infinity });
      const client = clientFor(emulator, { retryBaseMs: 1 });
      await assert.rejects(client.getPermission('mona'), (error: Error) => {
        assert.match(error.message, new RegExp(`GitHub API at ${new URL(emulator.url).host.replace(/\./g, '\\.')}`));
        assert.match(error.message, /HTTP 503/);
        return true;
      });
    } finally {
      await emulator.stop();
    }
  });
});

describe('retries', () => {
  it('start from zero for every call: a later failing call waits as long as the first did', async () => {
    const emulator = await emulatorWith({});
    try {
      const base = 150;
      const client = clientFor(emulator, { retryBaseMs: base });
      const gaps: number[] = [];
      for (let call = 0; call < 3; call++) {
        emulator.injectFault({ method: 'GET', path: /^\/repos\/octo-org\/octo-repo$/, status: 502 });
        const from = emulator.requests.length;
        assert.equal(await client.getDefaultBranch(), 'main');
        const [failed, retried] = emulator.requests.slice(from);
        assert.ok(failed && retried, 'one failure and one retry');
        gaps.push(retried.at - failed.at);
      }
      // The first retry of each call waits 1² × base; a count carried over would make it 4× and 9× base.
      for (const gap of gaps)
        assert.ok(
          gap >= base * 0.8 && gap < base * 2.5,
          `retry gaps ${gaps.join(', ')} ms; each should be about ${base} ms`,
        );
    } finally {
      await emulator.stop();
    }
  });
});

describe('rate limits', () => {
  it('fails at once, saying when the limit resets, when the primary limit resets more than a minute away', async () => {
    const emulator = await emulatorWith({ permissions: { mona: 'write' } });
    try {
      emulator.exhaustPrimaryRateLimit(3600);
      const started = Date.now();
      await assert.rejects(
        clientFor(emulator).getPermission('mona'),
        /rate limit .* used up until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in about (59|60) min\)/,
      );
      assert.ok(Date.now() - started < 5000, 'no waiting');
    } finally {
      await emulator.stop();
    }
  });

  it('waits out a primary limit that resets within the minute', async () => {
    const emulator = await emulatorWith({ permissions: { mona: 'write' } });
    try {
      emulator.exhaustPrimaryRateLimit(1, 429);
      assert.equal(await clientFor(emulator).getPermission('mona'), 'write');
    } finally {
      await emulator.stop();
    }
  });
});

describe('long threads', () => {
  let emulator: GitHubEmulator;
  before(async () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    const comments = Array.from({ length: 250 }, (_, index) => ({
      id: 2_500_000_000 + index,
      issueNumber: 7,
      body: `comment ${index}`,
      createdAt: new Date(start + index * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }));
    emulator = await emulatorWith({ issues: [{ number: 7 }], comments });
  });
  after(() => emulator.stop());

  it('reads the newest comments, oldest first, through the Link header', async () => {
    const read = await clientFor(emulator).listComments(7, 100);
    assert.equal(read.length, 100);
    assert.deepEqual([read[0]?.body, read.at(-1)?.body], ['comment 150', 'comment 249']);
    const pages = emulator.requests.filter((request) => request.path.endsWith('/issues/7/comments'));
    assert.ok(pages.every((request) => Number(request.query.per_page) <= 100));
  });
});

describe('bodies longer than GitHub accepts', () => {
  const marker = '<!-- codex-task-action -->';

  it('leaves a body that fits alone', () => {
    const body = `${marker}\n${'a'.repeat(GITHUB_BODY_LIMIT - marker.length - 1)}`;
    assert.equal(fitBody(body), body);
  });

  it('keeps the leading marker, closes an open code fence, and says where the full text is', () => {
    const body = `${marker}\nSummary\n\n\`\`\`\n${'line of output\n'.repeat(10_000)}\`\`\`\n`;
    const fitted = fitBody(body, 'https://github.com/octo-org/octo-repo/actions/runs/1');
    assert.ok(Array.from(fitted).length <= GITHUB_BODY_LIMIT);
    assert.ok(fitted.startsWith(`${marker}\nSummary`));
    assert.equal((fitted.match(/^```/gm) ?? []).length % 2, 0, 'the fence is closed');
    assert.match(
      fitted,
      /cut here to fit GitHub's limit of 65,536 characters\. The full text is in the log of \[the workflow run\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/1\)/,
    );
  });

  it('counts characters, not UTF-16 units, and never splits an emoji', () => {
    const fitted = fitBody(`${marker}\n${'🎉'.repeat(70_000)}`);
    assert.ok(Array.from(fitted).length <= GITHUB_BODY_LIMIT);
    assert.doesNotMatch(fitted, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('fits comments and pull request bodies the emulation would reject', async () => {
    const emulator = await emulatorWith({ issues: [{ number: 7 }] });
    try {
      const client = clientFor(emulator);
      const long = `${marker}\n${'x'.repeat(80_000)}`;
      await client.createComment(7, long);
      await client.createPullRequest({ title: 'Long', body: long, head: 'codex/long', base: 'main', draft: false });
      assert.ok(emulator.comments[0]!.body.startsWith(marker));
      assert.ok(emulator.pulls[0]!.body.startsWith(marker));
    } finally {
      await emulator.stop();
    }
  });
});

describe('write spacing', () => {
  it('lets the writes of a normal run go out without waiting', async () => {
    const emulator = await emulatorWith({ issues: [{ number: 7 }] });
    try {
      const client = clientFor(emulator);
      const started = performance.now();
      // A run's writes: a reaction, the tracking comment and its edits, a pull request, labels.
      await client.addReaction({ kind: 'issue', number: 7 }, 'eyes');
      const comment = await client.createComment(7, 'working');
      await client.updateComment(comment.id, 'still working');
      await client.createPullRequest({ title: 'T', body: 'B', head: 'codex/t', base: 'main', draft: false });
      await client.addLabels(7, ['codex']);
      await client.updateComment(comment.id, 'done');
      const elapsed = performance.now() - started;
      // The throttling plugin's default spacing (1 s per write, 3 s per notifying write) would take over 5 s.
      assert.ok(elapsed < 2_000, `six writes took ${Math.round(elapsed)} ms`);
    } finally {
      await emulator.stop();
    }
  });

  it('spaces the writes past the burst about a second apart', async () => {
    const emulator = await emulatorWith({ issues: [{ number: 7 }] });
    try {
      const client = clientFor(emulator);
      const comment = await client.createComment(7, 'edit me');
      const started = performance.now();
      // The comment used one write of the burst; WRITE_BURST + 1 edits need two refills of one write each.
      for (let edit = 0; edit < WRITE_BURST + 1; edit++) await client.updateComment(comment.id, `edit ${edit}`);
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 1_500, `${WRITE_BURST + 1} edits after a comment took only ${Math.round(elapsed)} ms`);
    } finally {
      await emulator.stop();
    }
  });
});
