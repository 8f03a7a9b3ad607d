// Unit tests of git/credentials.ts and git/vault.ts on real git repositories in a temporary directory: which entries
// count as credentials, include cycles, restoring after the action's own git wrote to .git/config meanwhile,
// and the vault (sealed under the token, useless without it, refused when changed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyHidden, findCredentials, restoreCredentials, treatmentOf } from '../../src/git/credentials.ts';
import { isVaultPath, openVault, sealVault } from '../../src/git/vault.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-credentials-unit-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: root, GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();

function repository(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  git(dir, 'init', '-q');
  return dir;
}

describe('which entries are credentials', () => {
  it('names extraheaders with and without a URL, helpers, user info in keys and values', () => {
    assert.equal(treatmentOf('http.extraheader', 'AUTHORIZATION: basic x'), 'remove');
    assert.equal(treatmentOf('http.https://github.com/.extraheader', 'x'), 'remove');
    assert.equal(treatmentOf('credential.helper', 'store'), 'remove');
    assert.equal(treatmentOf('credential.https://github.com.helper', '!f() { echo password=x; }; f'), 'remove');
    assert.equal(treatmentOf('url.https://x:tok@github.com/.pushinsteadof', 'https://github.com/'), 'remove');
    assert.equal(treatmentOf('remote.origin.url', 'https://x-access-token:tok@github.com/o/r.git'), 'strip');
    assert.equal(treatmentOf('http.proxy', 'http://user:pass@proxy:3128'), 'strip');
    assert.equal(treatmentOf('remote.origin.url', 'https://github.com/o/r.git'), undefined);
    assert.equal(treatmentOf('user.email', 'someone@example.com'), undefined);
    assert.equal(treatmentOf('remote.origin.url', 'git@github.com:o/r.git'), undefined);
  });
});

describe('hiding and restoring', () => {
  it('follows includes without looping on a cycle, and restores byte for byte', () => {
    const dir = repository('cycle');
    const a = path.join(root, 'a.config');
    const b = path.join(root, 'b.config');
    fs.writeFileSync(a, '[include]\n\tpath = b.config\n[http]\n\textraheader = AUTHORIZATION: basic secret-a\n');
    fs.writeFileSync(b, '[include]\n\tpath = a.config\n[credential]\n\thelper = store --file=creds.txt\n');
    fs.writeFileSync(path.join(root, 'creds.txt'), 'https://u:secret-store@example.com\n');
    git(dir, 'config', 'include.path', a);
    const before = [a, b, path.join(root, 'creds.txt')].map((file) => fs.readFileSync(file, 'utf8'));
    const found = findCredentials(dir, { HOME: root });
    assert.deepEqual(found.files.map((file) => path.basename(file.path)).sort(), ['a.config', 'b.config', 'creds.txt']);
    applyHidden(found);
    // git itself refuses the cycle, so the files are read as text.
    const hidden = [a, b].map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    assert.doesNotMatch(hidden, /secret|helper/);
    assert.match(hidden, /path = b\.config/, 'the includes stay');
    assert.equal(fs.readFileSync(path.join(root, 'creds.txt'), 'utf8'), '');
    assert.deepEqual(restoreCredentials(found), []);
    assert.deepEqual(
      [a, b, path.join(root, 'creds.txt')].map((file) => fs.readFileSync(file, 'utf8')),
      before,
    );
  });

  it('puts entries back one by one when .git/config changed while they were hidden', () => {
    const dir = repository('changed');
    git(dir, 'config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic secret');
    git(dir, 'remote', 'add', 'origin', 'https://x-access-token:secret@github.com/o/r.git');
    const found = findCredentials(dir, { HOME: root });
    applyHidden(found);
    assert.equal(git(dir, 'config', '--get', 'remote.origin.url'), 'https://github.com/o/r.git');
    git(dir, 'config', 'branch.work.remote', 'origin');
    assert.deepEqual(restoreCredentials(found), []);
    assert.equal(git(dir, 'config', '--get', 'http.https://github.com/.extraheader'), 'AUTHORIZATION: basic secret');
    assert.equal(git(dir, 'config', '--get', 'remote.origin.url'), 'https://x-access-token:secret@github.com/o/r.git');
    assert.equal(git(dir, 'config', '--get', 'branch.work.remote'), 'origin', 'the change made meanwhile stays');
    // A second restore (the post step after the main step's own) changes nothing.
    const once = fs.readFileSync(path.join(dir, '.git', 'config'), 'utf8');
    assert.deepEqual(restoreCredentials(found), []);
    assert.equal(fs.readFileSync(path.join(dir, '.git', 'config'), 'utf8'), once);
  });
});

describe('the vault', () => {
  const credentials = {
    files: [{ path: '/x', mode: 0o600, original: Buffer.from('secret').toString('base64'), hidden: '', entries: [] }],
  };

  it('opens with the token it was sealed under, and holds nothing readable', () => {
    const sealed = sealVault(credentials, 'ghs_token');
    assert.ok(!sealed.includes(Buffer.from('secret').toString('base64')));
    assert.deepEqual(openVault(sealed, 'ghs_token'), credentials);
  });

  it('does not open with another token, or when changed', () => {
    const sealed = sealVault(credentials, 'ghs_token');
    assert.ok(openVault(sealed, 'ghs_other') instanceof Error);
    const parsed = JSON.parse(sealed) as { data: string };
    const flipped = Buffer.from(parsed.data, 'base64');
    flipped[0] = (flipped[0] as number) ^ 1;
    assert.ok(openVault(JSON.stringify({ ...parsed, data: flipped.toString('base64') }), 'ghs_token') instanceof Error);
  });

  it('is only ever read from RUNNER_TEMP, under the name the action gives it', () => {
    assert.ok(isVaultPath('/runner/_temp/codex-task-action-credentials-0123456789abcdef.vault', '/runner/_temp'));
    assert.ok(!isVaultPath('/runner/_temp/sub/codex-task-action-credentials-0123456789abcdef.vault', '/runner/_temp'));
    assert.ok(!isVaultPath('/etc/passwd', '/runner/_temp'));
    assert.ok(!isVaultPath('codex-task-action-credentials-0123456789abcdef.vault', '/runner/_temp'));
  });
});
