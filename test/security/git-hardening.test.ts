// Proves the action's own git commands cannot be turned against it: hooks (a .husky hook with
// core.hooksPath=.husky, as husky sets it, and .git/hooks), clean/smudge/process filters and diff drivers the
// repository selects, fsmonitor and submodule recursion configured by an earlier step never run, and the push
// goes with a fixed refspec to a branch the action created: never forced, never the default branch, and
// under a name built from numbers and checked with git check-ref-format.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import type { World } from '../support/world.ts';
import { git } from '../support/world.ts';
import { assertNothingLeaked, assertOnlyBranches, lastActionComment, runWithCanaries, world } from './helpers.ts';

const issue = { number: 42, title: 'Notes', body: 'Please update the notes.' };
const comment = (body = '/codex update the notes') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender: users.maintainer }),
});
const agentRuns = (command: string) => [
  { items: [modelSays.shell(command)] },
  { items: [modelSays.message('Updated the notes.')] },
];

/** A directory where an attack that worked leaves one file per thing that ran. */
function markers(w: World): { dir: string; script: (name: string) => string; fired: () => string[] } {
  const dir = path.join(w.dir, 'markers');
  fs.mkdirSync(dir, { recursive: true });
  return {
    dir,
    script: (name) => `#!/bin/sh\ntouch ${path.join(dir, name)}\nenv > ${path.join(dir, `${name}.env`)}\ncat\n`,
    fired: () =>
      fs
        .readdirSync(dir)
        .filter((name) => !name.endsWith('.env'))
        .sort(),
  };
}

/** Writes an executable script and returns its path. */
function executable(file: string, content: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode: 0o755 });
  return file;
}

const HOOKS = [
  'pre-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-push',
  'post-checkout',
  'post-index-change',
  'reference-transaction',
  'pre-auto-gc',
];

describe('hooks', () => {
  it('no hook runs: not a .husky hook the agent plants with core.hooksPath=.husky, nor .git/hooks', async () => {
    const w = await world({
      event: comment(),
      inputs: { 'protected-paths': '.github/**' },
      github: { permissions: { mona: 'write' } },
    });
    const mark = markers(w);
    // What `husky install` leaves behind, and hooks an earlier step could have written into .git/hooks.
    git(w.workspace, 'config', '--local', 'core.hooksPath', '.husky');
    for (const hook of HOOKS)
      executable(path.join(w.workspace, '.git', 'hooks', hook), mark.script(`git-hooks-${hook}`));
    // The agent plants every hook in .husky (protected-paths is relaxed, so the commit and push really happen).
    const plant = HOOKS.map(
      (hook) =>
        `printf '%s' ${JSON.stringify(mark.script(`husky-${hook}`))} > .husky/${hook} && chmod +x .husky/${hook}`,
    ).join(' && ');
    w.model['turns'].push(...agentRuns(`mkdir -p .husky && ${plant} && echo updated > notes.txt`));
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', lastActionComment(w));
    const branch = `codex/issue-42-${w.runId}`;
    assert.equal(
      git(w.origin, 'show', `${branch}:.husky/pre-commit`).includes('touch'),
      true,
      'the planted hook was committed as a file',
    );
    assert.deepEqual(mark.fired(), [], 'a hook ran');
    assert.equal(
      git(w.workspace, 'config', '--local', 'core.hooksPath'),
      '.husky',
      "the repository's own setting is left as it was",
    );
    assertNothingLeaked(w, result);
  });
});

describe('filter drivers', () => {
  it("no clean, smudge or process filter, textconv or external diff of the repository's attributes runs", async () => {
    const w = await world({
      event: comment(),
      files: {
        'README.md': '# octo-repo\n',
        '.gitattributes': '*.txt filter=pwn diff=pwn\n',
        'notes.txt': 'old notes\n',
      },
      github: { permissions: { mona: 'write' } },
      modelTurns: agentRuns('printf "new notes\\n" > notes.txt && printf "more\\n" > more.txt'),
    });
    const mark = markers(w);
    // As if an earlier step (or a tool it installed) had defined the drivers the attributes select.
    const driver = (name: string): string => executable(path.join(w.dir, 'drivers', name), mark.script(name));
    git(w.workspace, 'config', '--local', 'filter.pwn.clean', driver('clean'));
    git(w.workspace, 'config', '--local', 'filter.pwn.smudge', driver('smudge'));
    git(w.workspace, 'config', '--local', 'filter.pwn.process', driver('process'));
    git(w.workspace, 'config', '--local', 'filter.pwn.required', 'true');
    git(w.workspace, 'config', '--local', 'diff.pwn.textconv', driver('textconv'));
    git(w.workspace, 'config', '--local', 'diff.pwn.command', driver('diff-command'));
    git(w.workspace, 'config', '--local', 'diff.external', driver('diff-external'));
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', lastActionComment(w));
    assert.deepEqual(mark.fired(), [], 'a driver ran');
    // What was committed is the file's own bytes, not a filter's output.
    assert.equal(git(w.origin, 'show', `codex/issue-42-${w.runId}:notes.txt`), 'new notes');
    assertNothingLeaked(w, result);
  });

  it('no filter runs that the agent selects with a planted .gitattributes, and the publish is refused', async () => {
    const w = await world({ event: comment(), github: { permissions: { mona: 'write' } } });
    const mark = markers(w);
    git(
      w.workspace,
      'config',
      '--local',
      'filter.lfs-like.clean',
      executable(path.join(w.dir, 'drivers', 'clean'), mark.script('clean')),
    );
    w.model['turns'].push(...agentRuns('printf "* filter=lfs-like\\n" > .gitattributes && echo updated > notes.txt'));
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 1, result.log);
    assert.match(lastActionComment(w), /'\.gitattributes' is protected/);
    assert.deepEqual(mark.fired(), [], 'the filter ran when the action staged the change');
    assertOnlyBranches(w, ['main']);
    assertNothingLeaked(w, result);
  });

  it('no filter runs that the agent defines after the start, in a config file an earlier step included', async () => {
    // An earlier step made .git/config include a file under /tmp. The agent tries to define a filter there and
    // select it; /tmp is not writable for its commands any more, and the action's git disarms filters anyway.
    const w = await world({ event: comment(), github: { permissions: { mona: 'write' } } });
    const mark = markers(w);
    const shared = path.join(w.dir, 'shared.gitconfig');
    fs.writeFileSync(shared, '[core]\n\tautocrlf = false\n');
    git(w.workspace, 'config', '--local', 'include.path', shared);
    const clean = executable(path.join(w.dir, 'drivers', 'late'), mark.script('late-clean'));
    w.model['turns'].push(
      ...agentRuns(
        `printf '[filter "late"]\\n\\tclean = ${clean}\\n' >> ${shared}; printf "* filter=late\\n" > .gitattributes && echo updated > notes.txt`,
      ),
    );
    const result = await runWithCanaries(w);
    assert.equal(
      fs.readFileSync(shared, 'utf8'),
      '[core]\n\tautocrlf = false\n',
      'the agent could write a file outside its copy',
    );
    assert.match(result.log, /\.gitattributes/, 'the agent did plant the attributes');
    assert.deepEqual(mark.fired(), [], 'the late filter ran');
    assert.equal(result.outputs.conclusion, 'failed');
    assertOnlyBranches(w, ['main']);
    assertNothingLeaked(w, result);
  });
});

describe('repository configuration an earlier step left', () => {
  it('no fsmonitor runs', async () => {
    const w = await world({
      event: comment(),
      github: { permissions: { mona: 'write' } },
      modelTurns: agentRuns('echo updated > notes.txt'),
    });
    const mark = markers(w);
    git(
      w.workspace,
      'config',
      '--local',
      'core.fsmonitor',
      executable(path.join(w.dir, 'drivers', 'fsmonitor'), mark.script('fsmonitor')),
    );
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', lastActionComment(w));
    assert.deepEqual(mark.fired(), [], 'the fsmonitor ran');
    assertNothingLeaked(w, result);
  });

  it("no submodule is fetched when the action checks out a pull request's head", async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 7, title: 'Add vendor', body: 'Adds it.', isPullRequest: true },
          body: '/codex tidy the vendored code',
          sender: users.maintainer,
        }),
      },
      inputs: { mode: 'commit' },
      github: { permissions: { mona: 'write' }, pulls: [{ number: 7, head: 'feature/vendor', base: 'main' }] },
      modelTurns: agentRuns('echo tidy > tidy.txt'),
    });
    const mark = markers(w);
    // The head adds a submodule whose URL runs a command if git ever clones it.
    const work = path.join(w.dir, 'vendor-head');
    git(w.dir, 'clone', '-q', w.origin, work);
    git(work, 'checkout', '-q', '-b', 'feature/vendor');
    fs.writeFileSync(
      path.join(work, '.gitmodules'),
      `[submodule "vendor"]\n\tpath = vendor\n\turl = ext::sh -c touch% ${path.join(mark.dir, 'submodule-clone')}\n`,
    );
    git(work, 'update-index', '--add', '--cacheinfo', `160000,${git(work, 'rev-parse', 'HEAD')},vendor`);
    git(work, 'add', '.gitmodules');
    git(work, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'Add vendor');
    git(work, 'push', '-q', 'origin', 'feature/vendor');
    // And the workspace is configured to recurse and to allow the ext transport.
    git(w.workspace, 'config', '--local', 'submodule.recurse', 'true');
    git(w.workspace, 'config', '--local', 'fetch.recurseSubmodules', 'true');
    git(w.workspace, 'config', '--local', 'protocol.ext.allow', 'always');
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'committed', lastActionComment(w));
    assert.deepEqual(mark.fired(), [], 'a submodule was cloned');
    assert.equal(fs.existsSync(path.join(w.workspace, 'vendor', '.git')), false);
    assertNothingLeaked(w, result);
  });
});

describe('the push', () => {
  it('is never forced: a branch of the same name that already exists is left alone, and the patch kept', async () => {
    const w = await world({
      event: comment(),
      github: { permissions: { mona: 'write' } },
      modelTurns: agentRuns('echo updated > notes.txt'),
    });
    // Someone guessed the name and pushed an unrelated branch first.
    const squatted = w.pushBranch(`codex/issue-42-${w.runId}`, { 'squat.txt': 'mine\n' });
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 1, result.log);
    assert.match(lastActionComment(w), /the push of 'codex\/issue-42-\d+' was rejected/);
    assert.equal(
      git(w.origin, 'rev-parse', `codex/issue-42-${w.runId}`),
      squatted,
      'the existing branch was overwritten',
    );
    assert.equal(w.github.pulls.length, 0);
    assert.match(fs.readFileSync(result.outputs['patch-path'] as string, 'utf8'), /\+updated/);
    assertNothingLeaked(w, result);
  });

  it('never goes to the default branch in mode commit, even when a pull request is from it', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 7, title: 'Release', body: 'main into release', isPullRequest: true },
          body: '/codex update the notes',
          sender: users.maintainer,
        }),
      },
      inputs: { mode: 'commit' },
      github: { permissions: { mona: 'admin' }, pulls: [{ number: 7, head: 'main', base: 'release' }] },
      modelTurns: agentRuns('echo updated > notes.txt'),
    });
    w.pushBranch('release', { 'release.txt': 'r1\n' });
    const mainBefore = git(w.origin, 'rev-parse', 'main');
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 1, result.log);
    assert.match(lastActionComment(w), /the default branch 'main', which the action never pushes to/);
    assert.equal(git(w.origin, 'rev-parse', 'main'), mainBefore);
    assertOnlyBranches(w, ['main', 'release']);
    assertNothingLeaked(w, result);
  });
});

describe('branch names', () => {
  it('come from numbers: request text with ;rm -rf, .. and refs/heads/main changes nothing', async () => {
    const request =
      '/codex x; rm -rf ~ ; git push origin HEAD:refs/heads/main --force ../../refs/heads/main $(touch /tmp/x)';
    const w = await world({
      event: comment(request),
      github: { permissions: { mona: 'write' } },
      modelTurns: agentRuns('echo updated > notes.txt'),
    });
    const mainBefore = git(w.origin, 'rev-parse', 'main');
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    const branch = `codex/issue-42-${w.runId}`;
    assert.equal(result.outputs.branch, branch);
    assertOnlyBranches(w, ['main', branch]);
    assert.equal(git(w.origin, 'rev-parse', 'main'), mainBefore);
    assert.equal(w.github.pulls[0]?.head, branch);
    assert.equal(w.github.pulls[0]?.base, 'main');
    assertNothingLeaked(w, result);
  });

  it('refuses a branch-prefix that is not a safe name, before any model call', async () => {
    const w = await world({
      event: comment(),
      inputs: { 'branch-prefix': 'x;rm -rf ~/../refs/heads/main' },
      github: { permissions: { mona: 'write' } },
      modelTurns: agentRuns('echo updated > notes.txt'),
    });
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 1, result.log);
    assert.match(lastActionComment(w), /Input 'branch-prefix' is .*; use letters, digits/);
    assert.equal(w.model.requests.length, 0);
    assertOnlyBranches(w, ['main']);
    assertNothingLeaked(w, result);
  });

  it("refuses a branch-prefix that git's ref rules reject before anything is spent", async () => {
    // Passes the input's character rules, but 'codex.lock/...' is not a valid ref: caught up front, not after Codex ran.
    const w = await world({
      event: comment(),
      inputs: { 'branch-prefix': 'codex.lock/' },
      github: { permissions: { mona: 'write' } },
      modelTurns: agentRuns('echo updated > notes.txt'),
    });
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 1, result.log);
    assert.match(lastActionComment(w), /Input 'branch-prefix' is 'codex\.lock\/'/);
    assert.equal(w.model.requests.length, 0, 'no model call');
    assertOnlyBranches(w, ['main']);
    assertNothingLeaked(w, result);
  });
});
