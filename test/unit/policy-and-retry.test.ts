// Unit tests for the protected-path globs and policy rules (src/workspace/policy.ts) and for how long the
// model proxy waits after a 429 (src/codex/model-proxy.ts): behaviours the end-to-end suites only touch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from '../../src/codex/model-proxy.ts';
import { checkPolicy, globToRegExp } from '../../src/workspace/policy.ts';
import type { ChangedFile } from '../../src/git/diff.ts';

describe('globToRegExp', () => {
  const matches = (pattern: string, file: string): boolean => globToRegExp(pattern).test(file);

  it('anchors a pattern with a slash at the repository root', () => {
    assert.ok(matches('.github/**', '.github/workflows/ci.yml'));
    assert.ok(!matches('.github/**', 'docs/.github/workflows/ci.yml'));
  });
  it('matches a pattern without a slash at any depth', () => {
    assert.ok(matches('CODEOWNERS', 'CODEOWNERS'));
    assert.ok(matches('CODEOWNERS', 'docs/CODEOWNERS'));
    assert.ok(!matches('CODEOWNERS', 'CODEOWNERS.md'));
  });
  it('keeps * and ? within one name, and lets **/ span directories or none', () => {
    assert.ok(matches('src/*.ts', 'src/a.ts'));
    assert.ok(!matches('src/*.ts', 'src/deep/a.ts'));
    assert.ok(matches('src/**/a.ts', 'src/a.ts'));
    assert.ok(matches('src/**/a.ts', 'src/x/y/a.ts'));
    assert.ok(matches('v?.txt', 'v1.txt'));
    assert.ok(!matches('v?.txt', 'v12.txt'));
  });
  it('treats a trailing slash as everything below, and escapes regex characters', () => {
    assert.ok(matches('.husky/', '.husky/pre-commit'));
    assert.ok(!matches('a+b.txt', 'aab.txt'));
    assert.ok(matches('a+b.txt', 'a+b.txt'));
  });
});

describe('checkPolicy', () => {
  const file = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
    path,
    status: 'added',
    mode: '100644',
    additions: 1,
    deletions: 0,
    ...extra,
  });
  const policy = {
    protectedPaths: ['.github/**', 'CODEOWNERS'],
    maxFileBytes: 100,
    maxChangedFiles: 2,
    maxDiffBytes: 1000,
  };
  const rules = (files: ChangedFile[], sizes: Record<string, number> = {}, patchBytes = 10): string[] =>
    checkPolicy({ files, sizes: new Map(Object.entries(sizes)), patchBytes, secrets: [] }, policy).map(
      (violation) => violation.rule,
    );

  it('passes an ordinary change', () => assert.deepEqual(rules([file('src/a.ts')], { 'src/a.ts': 50 }), []));
  it('names each rule a change breaks', () => {
    assert.deepEqual(rules([file('.github/workflows/x.yml', { status: 'deleted' })]), ['protected-paths']);
    assert.deepEqual(rules([file('link', { mode: '120000' })]), ['symlinks']);
    assert.deepEqual(rules([file('vendor/lib', { mode: '160000' })]), ['submodules']);
    assert.deepEqual(rules([file('big.bin')], { 'big.bin': 101 }), ['max-file-bytes']);
    assert.deepEqual(rules([file('a'), file('b'), file('c')]), ['max-changed-files']);
    assert.deepEqual(rules([file('a')], {}, 1001), ['max-diff-bytes']);
  });
  it('does not count a deleted symlink as publishing one', () =>
    assert.deepEqual(rules([file('old-link', { mode: '120000', status: 'deleted' })]), []));
});

describe('retryDelayMs', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it('prefers retry-after-ms, then retry-after in seconds', () => {
    assert.equal(retryDelayMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), 0), 250);
    assert.equal(retryDelayMs(headers({ 'retry-after': '2' }), 0), 2000);
  });
  it('reads retry-after as an HTTP date', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    assert.equal(retryDelayMs(headers({ 'retry-after': 'Tue, 24 Nov 2026 12:00:05 GMT' }), 0, now), 5000);
  });
  it('backs off exponentially, capped, when the endpoint says nothing', () => {
    assert.deepEqual(
      [0, 1, 2, 10].map((attempt) => retryDelayMs(headers({}), attempt)),
      [1000, 2000, 4000, 30_000],
    );
  });
});
