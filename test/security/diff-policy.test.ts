// Proves the agent's output is treated as hostile: a change to a protected path (workflows, .gitattributes,
// .husky hooks, CODEOWNERS, .gitmodules), a symbolic link (to /etc/passwd, to $GITHUB_ENV), a submodule, an
// oversized file, too many files or an oversized diff refuses the publish, naming the files and the rule,
// while the patch is kept for review. Nothing is pushed and no canary is published. (Secrets: secret-scan.test.ts.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { modelSays } from '../support/model-server.ts';
import { agentRuns, assertPolicyRefusal, runWithCanaries } from './helpers.ts';

describe('protected paths', () => {
  it('refuses a workflow edit', async () => {
    const w = await agentRuns(
      'mkdir -p .github/workflows && printf "on: push\\njobs: {}\\n" > .github/workflows/exfiltrate.yml && echo tidy > notes.txt',
    );
    const patch = assertPolicyRefusal(
      w,
      await runWithCanaries(w),
      'protected-paths',
      /'\.github\/workflows\/exfiltrate\.yml' is protected \('protected-paths'\)/,
    );
    assert.match(patch, /\+\+\+ b\/\.github\/workflows\/exfiltrate\.yml/);
  });

  it('refuses a planted .gitattributes filter', async () => {
    const w = await agentRuns('printf "* filter=pwn\\n" > .gitattributes && echo tidy > notes.txt');
    assertPolicyRefusal(w, await runWithCanaries(w), 'protected-paths', /'\.gitattributes' is protected/);
  });

  it('refuses a planted .husky hook', async () => {
    const w = await agentRuns(
      'mkdir -p .husky && printf "#!/bin/sh\\nenv > /tmp/leak\\n" > .husky/pre-commit && chmod +x .husky/pre-commit',
    );
    assertPolicyRefusal(w, await runWithCanaries(w), 'protected-paths', /'\.husky\/pre-commit' is protected/);
  });

  it('refuses CODEOWNERS and .gitmodules edits, naming every file', async () => {
    const w = await agentRuns(
      'mkdir -p docs && echo "* @attacker" > docs/CODEOWNERS && printf "[submodule \\"x\\"]\\n\\tpath = x\\n\\turl = ../x\\n" > .gitmodules',
    );
    assertPolicyRefusal(
      w,
      await runWithCanaries(w),
      'protected-paths',
      /'\.gitmodules', 'docs\/CODEOWNERS' are protected/,
    );
  });
});

describe('links and submodules', () => {
  it('refuses a symbolic link to /etc/passwd', async () => {
    const w = await agentRuns('ln -s /etc/passwd passwd && echo tidy > notes.txt');
    const patch = assertPolicyRefusal(w, await runWithCanaries(w), 'symlinks', /'passwd' is a symbolic link/);
    assert.match(patch, /new file mode 120000/);
    assert.doesNotMatch(patch, /root:x:0:0/, 'the link, not the file it points to, is in the patch');
  });

  it('refuses a symbolic link to $GITHUB_ENV, and nothing is written through it', async () => {
    const w = await agentRuns('true', { 'patch-path': 'codex.patch' });
    const githubEnv = path.join(w.runnerTemp, '_runner_file_commands', 'set_env_0b1c');
    fs.mkdirSync(path.dirname(githubEnv), { recursive: true });
    fs.writeFileSync(githubEnv, '');
    // The same link twice: as a file of the change, and where the maintainer asked the patch to be written.
    w.model['turns'].splice(0, 1, {
      items: [modelSays.shell(`ln -s ${githubEnv} env-link && ln -s ${githubEnv} codex.patch`)],
    });
    const result = await runWithCanaries(w, { GITHUB_ENV: githubEnv });
    w.model['turns'].length = 0;
    assert.equal(fs.readFileSync(githubEnv, 'utf8'), '', 'something was written to $GITHUB_ENV');
    assertPolicyRefusal(w, result, 'symlinks', /'codex\.patch', 'env-link' are symbolic links/);
  });

  it('refuses an embedded repository, and never stages it as a submodule', async () => {
    // The agent's commands find the copy's repository through GIT_DIR; a hostile one unsets it first.
    const w = await agentRuns(
      'unset GIT_DIR GIT_WORK_TREE; mkdir vendored && cd vendored && git init -q && git -c user.name=x -c user.email=x@example.com commit -q --allow-empty -m x && cd .. && echo tidy > notes.txt',
    );
    const patch = assertPolicyRefusal(
      w,
      await runWithCanaries(w),
      'nested-repositories',
      /'vendored' is a git repository/,
    );
    assert.doesNotMatch(patch, /160000/);
    assert.match(patch, /notes\.txt/);
  });
});

describe('sizes', () => {
  it('refuses a 50 MB file', async () => {
    const w = await agentRuns('head -c 52428800 /dev/zero > big.bin && echo tidy > notes.txt');
    const result = await runWithCanaries(w);
    assertPolicyRefusal(w, result, 'max-file-bytes', /'big\.bin' is larger than 1048576 bytes \('max-file-bytes'\)/);
    assert.match(fs.readFileSync(result.outputs['patch-path'] as string, 'utf8'), /GIT binary patch/);
  });

  it('refuses 10,000 files', async () => {
    const w = await agentRuns('mkdir many && cd many && seq 1 10000 | xargs touch');
    const result = await runWithCanaries(w);
    assertPolicyRefusal(
      w,
      result,
      'max-changed-files',
      /the change touches 10000 files, more than 200 \('max-changed-files'\)/,
    );
    assert.equal(
      (fs.readFileSync(result.outputs['patch-path'] as string, 'utf8').match(/^diff --git /gm) ?? []).length,
      10000,
      'every file is in the kept patch',
    );
  });

  it('refuses a diff larger than max-diff-bytes', async () => {
    const w = await agentRuns('seq 1 400000 > numbers.txt', { 'max-file-bytes': '10485760' });
    assertPolicyRefusal(
      w,
      await runWithCanaries(w),
      'max-diff-bytes',
      /the diff is \d+ bytes, more than 2097152 \('max-diff-bytes'\)/,
    );
  });
});
