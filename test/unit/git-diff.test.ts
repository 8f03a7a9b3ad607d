// Unit tests for parsing `git diff --raw --numstat -z` (parseRawDiff in src/git/diff.ts), alone and ahead of the
// staged patch (parseStagedChange), with inputs produced by real git in a temporary repository.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIFF_WITHOUT_PROGRAMS, parseRawDiff, parseStagedChange, stagedChangeListing } from '../../src/git/diff.ts';
import type { ChangedFile } from '../../src/git/diff.ts';
import { SCRATCH_GIT_ENV } from '../support/repositories.ts';

const ENV = SCRATCH_GIT_ENV;

describe('parseRawDiff', () => {
  let dir = '';
  let files: ChangedFile[] = [];
  let raw = '';
  let numstat = '';
  let both = '';
  let combined = '';
  let patch = '';
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' });
  const file = (name: string, content: string | Buffer): void => writeFileSync(path.join(dir, name), content);
  const byPath = (name: string): ChangedFile | undefined => files.find((entry) => entry.path === name);

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'git-diff-test-'));
    git('init', '--quiet', '--initial-branch=main');
    file('keep.txt', 'one\ntwo\nthree\n');
    file('gone.txt', 'a\nb\nc\n');
    file('script.sh', 'echo hi\n');
    file('typechange.txt', 'plain file\n');
    file('untouched.txt', 'same\n');
    git('add', '-A');
    git('commit', '--quiet', '--no-verify', '-m', 'initial');

    file('keep.txt', 'one\n2\nthree\nfour\n');
    unlinkSync(path.join(dir, 'gone.txt'));
    file('new.txt', 'x\ny\n');
    symlinkSync('keep.txt', path.join(dir, 'link'));
    unlinkSync(path.join(dir, 'typechange.txt'));
    symlinkSync('keep.txt', path.join(dir, 'typechange.txt'));
    chmodSync(path.join(dir, 'script.sh'), 0o755);
    file('image.bin', Buffer.from([0, 1, 2, 0, 255]));
    file('with space.txt', 'a\n');
    file('tab\there.txt', 'a\nb\n');
    file('new\nline.txt', 'a\n');
    // Names shaped like a raw record and like a count line: the parser must take them as names.
    file(':100644 100644 0000000 0000000 D\tkeep.txt', 'a\nb\nc\n');
    file('7\t7\tkeep.txt', 'a\n');
    git('add', '-A');
    raw = git('diff', '--cached', '--no-renames', '--raw', '-z', 'HEAD', '--');
    numstat = git('diff', '--cached', '--no-renames', '--numstat', '-z', 'HEAD', '--');
    both = git('diff', '--cached', '--no-renames', '--raw', '--numstat', '-z', 'HEAD', '--');
    files = parseRawDiff(both);
    combined = git(...stagedChangeListing());
    patch = git('diff', '--cached', '--binary', ...DIFF_WITHOUT_PROGRAMS, 'HEAD', '--');
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists every changed path once, and nothing unchanged', () => {
    assert.deepEqual(
      files.map((entry) => entry.path).sort(),
      [
        'gone.txt',
        'image.bin',
        'keep.txt',
        'link',
        'new\nline.txt',
        'new.txt',
        ':100644 100644 0000000 0000000 D\tkeep.txt',
        '7\t7\tkeep.txt',
        'script.sh',
        'tab\there.txt',
        'typechange.txt',
        'with space.txt',
      ].sort(),
    );
  });

  it('reads a modified file with its line counts', () => {
    assert.deepEqual(byPath('keep.txt'), {
      path: 'keep.txt',
      status: 'modified',
      mode: '100644',
      additions: 2,
      deletions: 1,
    });
  });

  it('reads an added file', () => {
    assert.deepEqual(byPath('new.txt'), {
      path: 'new.txt',
      status: 'added',
      mode: '100644',
      additions: 2,
      deletions: 0,
    });
  });

  it('reads a deleted file with its old mode', () => {
    assert.deepEqual(byPath('gone.txt'), {
      path: 'gone.txt',
      status: 'deleted',
      mode: '100644',
      additions: 0,
      deletions: 3,
    });
  });

  it('reads an added symlink with mode 120000', () => {
    assert.deepEqual(byPath('link'), { path: 'link', status: 'added', mode: '120000', additions: 1, deletions: 0 });
  });

  it('reads a file replaced by a symlink as a type change', () => {
    assert.deepEqual(byPath('typechange.txt'), {
      path: 'typechange.txt',
      status: 'type-changed',
      mode: '120000',
      additions: 1,
      deletions: 1,
    });
  });

  it('reads a mode-only change with its new mode', () => {
    assert.deepEqual(byPath('script.sh'), {
      path: 'script.sh',
      status: 'modified',
      mode: '100755',
      additions: 0,
      deletions: 0,
    });
  });

  it('counts zero lines for a binary file', () => {
    assert.deepEqual(byPath('image.bin'), {
      path: 'image.bin',
      status: 'added',
      mode: '100644',
      additions: 0,
      deletions: 0,
    });
  });

  it('keeps spaces, tabs and newlines in paths', () => {
    assert.deepEqual(byPath('with space.txt'), {
      path: 'with space.txt',
      status: 'added',
      mode: '100644',
      additions: 1,
      deletions: 0,
    });
    assert.deepEqual(byPath('tab\there.txt'), {
      path: 'tab\there.txt',
      status: 'added',
      mode: '100644',
      additions: 2,
      deletions: 0,
    });
    assert.deepEqual(byPath('new\nline.txt'), {
      path: 'new\nline.txt',
      status: 'added',
      mode: '100644',
      additions: 1,
      deletions: 0,
    });
  });

  it('reads the one listing git prints for --raw --numstat: every raw record, then every count', () => {
    assert.equal(both, raw + numstat);
  });

  it('takes a name shaped like a raw record or a count line as a name', () => {
    assert.deepEqual(byPath(':100644 100644 0000000 0000000 D\tkeep.txt'), {
      path: ':100644 100644 0000000 0000000 D\tkeep.txt',
      status: 'added',
      mode: '100644',
      additions: 3,
      deletions: 0,
    });
    assert.deepEqual(byPath('7\t7\tkeep.txt'), {
      path: '7\t7\tkeep.txt',
      status: 'added',
      mode: '100644',
      additions: 1,
      deletions: 0,
    });
    assert.equal(byPath('keep.txt')?.status, 'modified');
    assert.equal(byPath('keep.txt')?.additions, 2);
  });

  it('returns nothing for an empty diff', () => {
    assert.deepEqual(parseRawDiff(''), []);
    assert.deepEqual(parseStagedChange(''), { files: [], patch: '' });
  });

  it('splits the listing and the binary patch of one git diff: the same files, and the patch byte for byte', () => {
    const staged = parseStagedChange(combined);
    assert.deepEqual(staged.files, files);
    assert.ok(patch.includes('GIT binary patch') && patch.includes('diff --git'), 'the fixture has text and binary');
    assert.equal(staged.patch, patch);
  });

  it('counts zero lines for a path missing from the numstat', () => {
    const parsed = parseRawDiff(raw);
    assert.equal(parsed.length, files.length);
    assert.ok(parsed.every((entry) => entry.additions === 0 && entry.deletions === 0));
  });
});
