// Unit tests for reading git's answers to the action's own commands (src/git/answers.ts): the new commit's id from
// `git commit`'s summary line, and the one rev-parse for the repository's files and HEAD, from real git.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FULL_IDS, LOCATE_WITH_HEAD, commitIdOf, locationOf } from '../../src/git/answers.ts';
import { SCRATCH_GIT_ENV } from '../support/repositories.ts';

const ENV = SCRATCH_GIT_ENV;

describe('git answers', () => {
  let dir = '';
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' });
  const commit = (name: string, message: string): string => {
    writeFileSync(path.join(dir, name), `${name}\n`);
    git('add', name);
    return git(...FULL_IDS, 'commit', '--no-verify', '--cleanup=verbatim', '-m', message);
  };

  before(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'git-answers-test-')));
    git('init', '--quiet', '--initial-branch=main');
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads the full id of the commit git made, on a root commit, a branch with ']' and a detached HEAD", () => {
    const root = commit('a', `subject with ${'f'.repeat(40)}] in it`);
    assert.match(root, /\(root-commit\)/);
    assert.equal(commitIdOf(root), git('rev-parse', 'HEAD').trim());
    git('checkout', '--quiet', '-b', 'odd]name');
    assert.equal(commitIdOf(commit('b', 'on a branch')), git('rev-parse', 'HEAD').trim());
    git('checkout', '--quiet', '--detach');
    assert.equal(commitIdOf(commit('c', 'detached')), git('rev-parse', 'HEAD').trim());
  });

  it('reads nothing from a summary line without a full id, so the caller asks git', () => {
    assert.equal(commitIdOf('[main 1a2b3c4] subject\n 1 file changed\n'), undefined);
    assert.equal(commitIdOf(''), undefined);
  });

  it("reads the repository's files and HEAD from one rev-parse", () => {
    git('checkout', '--quiet', 'main');
    const located = locationOf(git(...LOCATE_WITH_HEAD));
    assert.deepEqual(located.dirs, { gitDir: path.join(dir, '.git'), commonDir: path.join(dir, '.git') });
    assert.deepEqual(located.head, { sha: git('rev-parse', 'HEAD').trim(), branch: 'main' });
    git('checkout', '--quiet', '--detach');
    assert.equal(locationOf(git(...LOCATE_WITH_HEAD)).head.branch, undefined, 'a detached HEAD names no branch');
  });
});
