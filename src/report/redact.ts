// Owns recognising secrets in text: the exact key and token values in plain, base64 and URL-encoded form,
// and common token shapes. Used two ways: to scrub every text the action publishes (comments, PR title and
// body, commit message, summary, outputs), and to refuse a diff or a final message that carries a secret.

const TOKEN_SHAPES: Array<{ name: string; pattern: RegExp }> = [
  { name: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g },
  { name: 'a GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g },
  { name: 'an OpenAI-style API key', pattern: /\bsk-[A-Za-z0-9_-]{20,}\b/g },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g },
];

export type Redactor = (text: string) => string;

export interface SecretScanner {
  /** The text with every secret replaced by ***. */
  redact: Redactor;
  /** What kinds of secret the text holds, if any ('the OpenAI key', 'a GitHub token', ...). */
  detect(text: string): string[];
}

export function createSecretScanner(secrets: Array<{ name: string; value: string }>): SecretScanner {
  const forms: Array<{ name: string; literal: string }> = [];
  for (const { name, value } of secrets) {
    if (value.length < 6) continue;
    for (const literal of encodedForms(value)) forms.push({ name, literal });
  }
  forms.sort((a, b) => b.literal.length - a.literal.length);
  return {
    redact(text) {
      let clean = text;
      for (const { literal } of forms) clean = clean.split(literal).join('***');
      for (const { pattern } of TOKEN_SHAPES) clean = clean.replace(pattern, '***');
      return clean;
    },
    detect(text) {
      const found = new Set<string>();
      for (const { name, literal } of forms) if (text.includes(literal)) found.add(name);
      for (const { name, pattern } of TOKEN_SHAPES) if (new RegExp(pattern.source).test(text)) found.add(name);
      return [...found];
    },
  };
}

/** The plain, URL-encoded and base64 forms a secret can take inside a longer text. */
function encodedForms(secret: string): Set<string> {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  // base64 of the secret at each of the three byte alignments it can have inside a longer encoded text;
  // the characters at either end depend on the neighbouring bytes, so only the stable middle is matched.
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('\0'.repeat(shift) + secret).toString('base64');
    const stable = encoded.slice(Math.ceil((shift * 4) / 3) + 1, -4);
    if (stable.length >= 8) forms.add(stable);
  }
  return forms;
}

/** A redactor for the given secret values. */
export function createRedactor(secrets: string[]): Redactor {
  return createSecretScanner(secrets.map((value) => ({ name: 'a secret', value }))).redact;
}

/**
 * Codex's final message reaches people (the pull request, the tracking comment, the review, the outputs): one
 * that surfaces a secret of the run is never published. Says why, or nothing when the message is clean.
 */
export function secretsInFinalMessage(
  scanner: SecretScanner,
  message: string,
  becomes: 'run' | 'review',
): string | undefined {
  const secrets = scanner.detect(message);
  if (secrets.length === 0) return undefined;
  return becomes === 'review'
    ? `Codex's review contains ${secrets.join(' and ')}; a review that surfaces a secret is not posted.`
    : `Codex's final message contains ${secrets.join(' and ')}; a run that surfaces a secret is not published.`;
}
