// Owns scrubbing secrets out of every text the action publishes (comments, PR body, summary, outputs):
// the exact key and token values in plain, base64 and URL-encoded form, and common token shapes.

const TOKEN_SHAPES: RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g,
  /\bsk-[A-Za-z0-9_-]{20,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

export type Redactor = (text: string) => string;

export function createRedactor(secrets: string[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 6) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    // base64 of the secret at each of the three byte alignments it can have inside a longer encoded text.
    for (let shift = 0; shift < 3; shift++) {
      const encoded = Buffer.from('\0'.repeat(shift) + secret).toString('base64');
      const stable = encoded.slice(Math.ceil((shift * 4) / 3) + 1, -4);
      if (stable.length >= 8) forms.add(stable);
    }
  }
  const literals = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let clean = text;
    for (const literal of literals) clean = clean.split(literal).join('***');
    for (const shape of TOKEN_SHAPES) clean = clean.replace(shape, '***');
    return clean;
  };
}
