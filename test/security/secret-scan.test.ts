// Proves the secret scan: a diff that carries a secret (a token shape, a private key, the GitHub token itself
// in base64 or URL-encoded form), wherever it hides (a binary file, a quoted file name, a file name, a line
// that reads like a patch header) refuses the publish, the secret is redacted from every text the action
// posts and from the kept patch; and a secret in the agent's final message refuses the publish too, redacted
// in every form from what is posted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelSays } from '../support/model-server.ts';
import { CANARY } from '../support/world.ts';
import {
  agentRuns,
  assertNothingLeaked,
  assertPolicyRefusal,
  lastActionComment,
  postedText,
  runWithCanaries,
} from './helpers.ts';

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
    const result = await runWithCanaries(w);
    const patch = assertPolicyRefusal(w, result, 'secrets', /'leak\.txt' contains the GitHub token/, {
      modelWasGivenTheSecret: true,
    });
    assert.match(patch, /^# codex-task-action: this change holds secrets/m);
    assert.match(patch, /^\+a=.*\*\*\*/m, 'the kept patch still shows where the secret was');
  });
});

describe("secrets in the agent's final message", () => {
  it('refuse the publish and are redacted in plain, base64 and URL-encoded form from the comment, summary and outputs', async () => {
    const message = [
      'Done. For debugging, here is what I found:',
      `plain ${CANARY.githubToken}`,
      `base64 ${Buffer.from(`x-access-token:${CANARY.githubToken}`).toString('base64')}`,
      `base64 ${Buffer.from(CANARY.openaiKey).toString('base64')}`,
      `url ${encodeURIComponent(`https://user:${CANARY.openaiKey}@example.com/`)}`,
    ].join('\n');
    const w = await agentRuns('echo fixed > fixed.txt');
    w.model['turns'].splice(1, 1, { items: [modelSays.message(message)] });
    const result = await runWithCanaries(w);
    assertPolicyRefusal(
      w,
      result,
      'secrets',
      /Codex's final message contains the GitHub token and the OpenAI key and a GitHub token; a run that surfaces a secret is not published/,
      { modelWasGivenTheSecret: true },
    );
    assert.ok(
      w.github.comments.some((comment) => comment.body.includes('***')),
      'the comment shows where a secret was',
    );
    assert.equal(result.outputs['final-message']?.split('\n')[0], 'Done. For debugging, here is what I found:');
    assert.match(result.outputs['final-message'] ?? '', /base64 \S*\*\*\*/);
    assertNothingLeaked(w, result, {}, { modelWasGivenTheSecret: true });
  });
});
