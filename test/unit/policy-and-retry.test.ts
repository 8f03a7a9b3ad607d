// Unit tests for the protected-path globs and policy rules (src/workspace/policy.ts) and for how long the
// model proxy waits after a 429 (src/codex/model-endpoint.ts): behaviours the end-to-end suites only touch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from '../../src/codex/model-endpoint.ts';
import type { ChangedFile } from '../../src/git/diff.ts';
import { checkPolicy } from '../../src/workspace/policy.ts';
import { protectedPathMatcher } from '../../src/workspace/protected-paths.ts';

describe('protectedPathMatcher', () => {
  const matches = (pattern: string, file: string): boolean => protectedPathMatcher([pattern])(file);

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
  it('matches dotfiles and dot-directories with * and **, as any other name', () => {
    assert.ok(matches('*', '.env'));
    assert.ok(matches('*.yml', '.github/workflows/.hidden.yml'));
    assert.ok(matches('**/secrets/**', 'a/.b/secrets/.key'));
    assert.ok(matches('config/*', 'config/.npmrc'));
  });
  it('ignores case, as before', () => {
    assert.ok(matches('.github/**', '.GitHub/workflows/ci.yml'));
    assert.ok(matches('CODEOWNERS', 'docs/codeowners'));
  });
  it('anchors a leading / at the root, drops a leading ./, and matches the directory itself for a trailing slash', () => {
    assert.ok(matches('/CODEOWNERS', 'CODEOWNERS'));
    assert.ok(!matches('/CODEOWNERS', 'docs/CODEOWNERS'));
    assert.ok(matches('./.gitmodules', '.gitmodules'));
    assert.ok(matches('.husky/', '.husky/_/husky.sh'));
    assert.ok(!matches('.husky/', 'x/.husky/pre-commit'));
  });
  it('never lets a leading ! turn a protection into "everything except"', () => {
    assert.ok(!matches('!README.md', 'src/index.ts'));
    assert.ok(matches('!README.md', '!README.md'));
  });
  it('reads braces and character classes as globs, and keeps them within one name', () => {
    assert.ok(matches('*.{pem,key}', 'certs/server.key'));
    assert.ok(matches('*.{pem,key}', 'server.pem'));
    assert.ok(!matches('*.{pem,key}', 'server.pub'));
    assert.ok(matches('id_[rd]sa', '.ssh/id_rsa'));
    assert.ok(!matches('src/[ab]/x', 'src/a/b/x'));
  });
  it('still matches the plain reading of a pattern with brackets, braces, parentheses, | or a backslash', () => {
    assert.ok(matches('[x].txt', '[x].txt'));
    assert.ok(matches('{a,b}.txt', '{a,b}.txt'));
    assert.ok(matches('file (1).txt', 'dir/file (1).txt'));
    assert.ok(!matches('a(b).txt', 'ab.txt'));
    assert.ok(matches('a|b', 'a|b'));
    assert.ok(!matches('a|b', 'a'));
    assert.ok(matches('a\\b', 'a\\b'));
  });
  it('keeps * from crossing a slash, even around dots and at the end', () => {
    assert.ok(!matches('docs/*', 'docs/a/b.md'));
    assert.ok(!matches('*.md', 'a.md/x.ts'));
    assert.ok(matches('docs/**', 'docs/a/b.md'));
    assert.ok(!matches('docs/**', 'docsx/a.md'));
  });
  it('protects nothing with no patterns or only blank ones', () => {
    assert.ok(!protectedPathMatcher([])('a'));
    assert.ok(!protectedPathMatcher(['  '])('a'));
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
