// Proves the agent's output is treated as hostile: a change to a protected path (workflows, .gitattributes,
// .husky hooks, CODEOWNERS, .codex), a symbolic link (to /etc/passwd, to $GITHUB_ENV), a submodule, an
// oversized file, too many files or a secret in the diff refuses the publish, naming the files and the rule,
// while the patch is kept for review. Nothing is pushed and no canary is published.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import type { RunResult, World } from '../support/world.ts';
import { CANARY } from '../support/world.ts';
import { assertNothingLeaked, assertOnlyBranches, lastActionComment, runWithCanaries, world } from './helpers.ts';

const issue = { number: 42, title: 'Tidy up', body: 'Please tidy the repository.' };
const event = { name: 'issue_comment', payload: issueCommentEvent({ issue, body: '/codex tidy up the repository', sender: users.maintainer }) };

/** A world whose model runs one shell command and then says it is done. */
async function agentRuns(command: string, inputs: Record<string, string> = {}): Promise<World> {
  return world({
    event,
    inputs,
    github: { permissions: { mona: 'write' } },
    modelTurns: [{ items: [modelSays.shell(command)] }, { items: [modelSays.message('Tidied up.')] }],
  });
}

/**
 * A refused publish: the step fails naming the rule and the files, on the issue and in the log, nothing is
 * pushed and no pull request opened, and the patch with the change is kept on the runner.
 */
function assertPolicyRefusal(w: World, result: RunResult, rule: string, named: RegExp): string {
  assert.equal(result.exitCode, 1, result.log);
  assert.equal(result.outputs.conclusion, 'failed');
  const reply = lastActionComment(w);
  assert.match(reply, /the change was not published because it breaks the diff policy/);
  assert.match(reply, named);
  assert.match(result.log, new RegExp(`::error::The change breaks the diff policy:.*\\[${rule}\\]`));
  assertOnlyBranches(w, ['main']);
  assert.equal(w.github.pulls.length, 0);
  const patchPath = result.outputs['patch-path'] as string;
  assert.ok(patchPath && fs.existsSync(patchPath), 'the patch is kept');
  assert.ok(reply.includes(patchPath), 'the reply says where the patch is');
  assertNothingLeaked(w, result);
  return fs.readFileSync(patchPath, 'utf8');
}

/** What the action posts: comments, pull requests, outputs and the job summary (the log is the runner's). */
function postedText(w: World, result: RunResult): string {
  return [...w.github.comments.flatMap((comment) => comment.edits), ...w.github.pulls.map((pull) => `${pull.title}\n${pull.body}`), JSON.stringify(result.outputs), result.summary].join('\n');
}

describe('protected paths', () => {
  it('refuses a workflow edit', async () => {
    const w = await agentRuns('mkdir -p .github/workflows && printf "on: push\\njobs: {}\\n" > .github/workflows/exfiltrate.yml && echo tidy > notes.txt');
    const patch = assertPolicyRefusal(w, await runWithCanaries(w), 'protected-paths', /'\.github\/workflows\/exfiltrate\.yml' is protected \('protected-paths'\)/);
    assert.match(patch, /\+\+\+ b\/\.github\/workflows\/exfiltrate\.yml/);
  });

  it('refuses a planted .gitattributes filter', async () => {
    const w = await agentRuns('printf "* filter=pwn\\n" > .gitattributes && echo tidy > notes.txt');
    assertPolicyRefusal(w, await runWithCanaries(w), 'protected-paths', /'\.gitattributes' is protected/);
  });

  it('refuses a planted .husky hook', async () => {
    const w = await agentRuns('mkdir -p .husky && printf "#!/bin/sh\\nenv > /tmp/leak\\n" > .husky/pre-commit && chmod +x .husky/pre-commit');
    assertPolicyRefusal(w, await runWithCanaries(w), 'protected-paths', /'\.husky\/pre-commit' is protected/);
  });

  it('refuses CODEOWNERS and .gitmodules edits, naming every file', async () => {
    const w = await agentRuns('mkdir -p docs && echo "* @attacker" > docs/CODEOWNERS && printf "[submodule \\"x\\"]\\n\\tpath = x\\n\\turl = ../x\\n" > .gitmodules');
    assertPolicyRefusal(w, await runWithCanaries(w), 'protected-paths', /'\.gitmodules', 'docs\/CODEOWNERS' are protected/);
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
    w.model['turns'].splice(0, 1, { items: [modelSays.shell(`ln -s ${githubEnv} env-link && ln -s ${githubEnv} codex.patch`)] });
    const result = await runWithCanaries(w, { GITHUB_ENV: githubEnv });
    w.model['turns'].length = 0;
    assert.equal(fs.readFileSync(githubEnv, 'utf8'), '', 'something was written to $GITHUB_ENV');
    assertPolicyRefusal(w, result, 'symlinks', /'codex\.patch', 'env-link' are symbolic links/);
  });

  it('refuses a submodule (an embedded repository)', async () => {
    const w = await agentRuns('mkdir vendored && cd vendored && git init -q && git -c user.name=x -c user.email=x@example.com commit -q --allow-empty -m x && cd .. && echo tidy > notes.txt');
    const patch = assertPolicyRefusal(w, await runWithCanaries(w), 'submodules', /'vendored' is a submodule/);
    assert.match(patch, /new file mode 160000/);
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
    assertPolicyRefusal(w, result, 'max-changed-files', /the change touches 10000 files, more than 200 \('max-changed-files'\)/);
    assert.equal((fs.readFileSync(result.outputs['patch-path'] as string, 'utf8').match(/^diff --git /gm) ?? []).length, 10000, 'every file is in the kept patch');
  });

  it('refuses a diff larger than max-diff-bytes', async () => {
    const w = await agentRuns('seq 1 400000 > numbers.txt', { 'max-file-bytes': '10485760' });
    assertPolicyRefusal(w, await runWithCanaries(w), 'max-diff-bytes', /the diff is \d+ bytes, more than 2097152 \('max-diff-bytes'\)/);
  });
});

describe('secrets in the diff', () => {
  it('refuses token shapes and a private key, and redacts them from every comment', async () => {
    const fakeToken = `ghp_${'A1b2C3d4'.repeat(5)}`;
    const fakeKey = `sk-proj-${'Zy9Xw8'.repeat(5)}`;
    const w = await agentRuns(
      `printf "token = ${fakeToken}\\n" > config.ini && printf "OPENAI=${fakeKey}\\n" > .env.example && printf -- "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAA\\n-----END OPENSSH PRIVATE KEY-----\\n" > id_ed25519`,
    );
    const result = await runWithCanaries(w);
    assertPolicyRefusal(w, result, 'secrets', /'config\.ini' contains a GitHub token; secrets are never published/);
    const reply = lastActionComment(w);
    assert.match(reply, /'\.env\.example' contains an OpenAI-style API key/);
    assert.match(reply, /'id_ed25519' contains a private key/);
    const posted = postedText(w, result);
    assert.ok(!posted.includes(fakeToken) && !posted.includes(fakeKey), 'a token shape was posted');
  });

  it('refuses a secret hidden in a file git treats as binary', async () => {
    // A NUL byte makes git show the file as a binary blob, so the secret is not on any '+' line of the patch.
    const fakeToken = `ghp_${'Q7r8S9t0'.repeat(5)}`;
    const w = await agentRuns(`printf "\\0\\0binary header\\ntoken=${fakeToken}\\n" > blob.dat`);
    assertPolicyRefusal(w, await runWithCanaries(w), 'secrets', /'blob\.dat' contains a GitHub token/);
  });

  it('refuses a secret that hides from a naive patch parser: a quoted file name, a line that reads like a header', async () => {
    // Git quotes a non-ASCII name ("b/t\303\266k.txt"), and an added line '++ x' shows as '+++ x' in the patch.
    const fakeToken = `ghp_${'M4n5O6p7'.repeat(5)}`;
    const w = await agentRuns(`printf "++ ${fakeToken}\\n" > "tök notes.txt"`);
    assertPolicyRefusal(w, await runWithCanaries(w), 'secrets', /'tök notes\.txt' contains a GitHub token/);
  });

  it('refuses a secret in a file name', async () => {
    const fakeToken = `ghp_${'K1l2M3n4'.repeat(5)}`;
    const w = await agentRuns(`echo harmless > "${fakeToken}.txt"`);
    const result = await runWithCanaries(w);
    assertPolicyRefusal(w, result, 'secrets', /contains a GitHub token/);
    assert.ok(!postedText(w, result).includes(fakeToken), 'the name was posted unredacted');
  });

  it('refuses the GitHub token itself in base64 and URL-encoded form', async () => {
    const base64 = Buffer.from(`token:${CANARY.githubToken}`).toString('base64');
    const urlEncoded = encodeURIComponent(`https://x:${CANARY.githubToken}/`);
    const w = await agentRuns(`printf "a=${base64}\\nb=${urlEncoded}\\n" > leak.txt`);
    assertPolicyRefusal(w, await runWithCanaries(w), 'secrets', /'leak\.txt' contains the GitHub token/);
  });
});
