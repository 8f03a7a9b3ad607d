// Unit tests for secret scrubbing (src/report/redact.ts).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor } from '../../src/report/redact.ts';

// Shapes like real secrets, but made up. The API key has characters that URL encoding changes.
const API_KEY = 'proxy-key/with+plus=and/slashes-0123456789';
const TOKEN = 'v1.0123456789abcdef0123456789abcdef01234567';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('createRedactor', () => {
  const redact = createRedactor([TOKEN, API_KEY]);

  it('replaces the exact secret wherever it appears', () => {
    assert.equal(redact(`token=${TOKEN}; again: ${TOKEN}.`), 'token=***; again: ***.');
    assert.equal(redact(`Authorization: Bearer ${API_KEY}\n`), 'Authorization: Bearer ***\n');
  });

  it('replaces the URL-encoded secret', () => {
    const encoded = encodeURIComponent(API_KEY);
    assert.notEqual(encoded, API_KEY, 'the test secret must change under URL encoding');
    assert.equal(redact(`https://proxy.example/?key=${encoded}&x=1`), 'https://proxy.example/?key=***&x=1');
  });

  it('replaces the base64 of the secret alone, leaving at most a few characters of it', () => {
    const encoded = b64(TOKEN);
    const clean = redact(`basic ${encoded}`);
    assert.ok(clean.includes('***'), clean);
    const kept = clean.slice('basic '.length).replaceAll('***', '');
    assert.ok(kept.length <= 6, `kept ${JSON.stringify(kept)} of ${encoded}`);
  });

  for (const offset of [0, 1, 2]) {
    it(`replaces the base64 of the secret embedded at byte offset ${offset} of a longer text`, () => {
      for (const secret of [TOKEN, API_KEY]) {
        const prefix = 'x'.repeat(offset);
        const encoded = b64(`${prefix}${secret}y`);
        const clean = redact(encoded);
        assert.ok(clean.includes('***'), `offset ${offset}: ${clean}`);
        assert.ok(clean.replaceAll('***', '').length <= 12, `offset ${offset}: kept ${clean}`);
        // In a longer text the same holds, at each alignment.
        const long = b64(`header: value\n${'z'.repeat(offset)}x-access-token:${secret}\ntrailer`);
        const cleanLong = redact(long);
        assert.notEqual(cleanLong, long, `offset ${offset} in a longer text`);
        assert.ok(
          !Buffer.from(cleanLong.replaceAll('***', 'AAAA'), 'base64').toString('latin1').includes(secret.slice(4, -4)),
        );
      }
    });
  }

  it('replaces GitHub token shapes even when not given as secrets', () => {
    const redactNone = createRedactor([]);
    const samples = [
      `ghp_${'A1b2C3d4E5'.repeat(3)}123456`,
      `ghs_${'Zz09'.repeat(9)}`,
      `gho_${'q'.repeat(36)}`,
      `github_pat_11ABCDEFG0${'a_B1'.repeat(20)}`,
    ];
    for (const sample of samples) assert.equal(redactNone(`leaked ${sample} here`), 'leaked *** here', sample);
  });

  it('replaces OpenAI key shapes', () => {
    const redactNone = createRedactor([]);
    assert.equal(redactNone(`OPENAI_API_KEY=sk-proj-${'Ab3_x-9'.repeat(8)}`), 'OPENAI_API_KEY=***');
    assert.equal(redactNone(`key: sk-${'a'.repeat(48)}`), 'key: ***');
  });

  it('replaces a private key block, closed or cut off', () => {
    const redactNone = createRedactor([]);
    const block =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
    assert.equal(redactNone(`before\n${block}\nafter`), 'before\n***\nafter');
    assert.equal(redactNone('x -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA'), 'x ***');
  });

  it('ignores secrets shorter than 6 characters', () => {
    const short = createRedactor(['abc', 'a1b2c', '']);
    const text = 'abc a1b2c is the alphabet, and an empty string is everywhere';
    assert.equal(short(text), text);
  });

  it('still redacts a 6-character secret', () => {
    assert.equal(createRedactor(['s3cr3t'])('the s3cr3t is out'), 'the *** is out');
  });

  it('leaves innocent text untouched', () => {
    const text = [
      'Fixed the crash in src/config.ts (see #42), thanks @alice.',
      'Ran `npm test`: 120 passed. Base64 of hello is aGVsbG8=.',
      'task-runner, desk-lamp and sk-short stay; ghp_ alone too.',
      'https://github.com/octo-org/octo-repo/pull/7?expand=1&a=b%2Fc',
    ].join('\n');
    assert.equal(redact(text), text);
  });

  it('prefers the longest form, so no fragment of a longer form is left', () => {
    const clean = createRedactor([TOKEN, TOKEN.slice(0, 12)])(`${TOKEN}`);
    assert.equal(clean, '***');
  });
});
