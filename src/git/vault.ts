// Owns the vault: the hidden credentials, sealed with AES-256-GCM under a key derived from the `github-token`
// input, in a file directly under RUNNER_TEMP. Codex's sandbox can read any file, so the vault must be useless
// without the token, which never reaches Codex.
// Must never: open a vault that does not decrypt under the token, or accept a vault path the action does not write.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import path from 'node:path';

/** The state the post step reads the vault's path from. */
export const VAULT_STATE = 'credentials-vault';
const VAULT_NAME = /^codex-task-action-credentials-[0-9a-f]{16}\.vault$/;
const VAULT_CONTEXT = 'codex-task-action credentials vault v1';

export interface VaultOptions {
  runnerTemp: string;
  token: string;
}

function vaultKey(token: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(token, 'utf8'), salt, VAULT_CONTEXT, 32));
}

/** Seals any JSON value (credentials.ts seals the hidden credentials) under the token. */
export function sealVault(content: unknown, token: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', vaultKey(token, salt), iv);
  cipher.setAAD(Buffer.from(VAULT_CONTEXT));
  const data = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
  return JSON.stringify({
    v: 1,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  });
}

/** The vault's content, or an Error when it is not a vault sealed under this token. */
export function openVault(sealed: string, token: string): unknown {
  try {
    const parsed = JSON.parse(sealed) as { v: number; salt: string; iv: string; tag: string; data: string };
    if (parsed.v !== 1) return new Error(`unknown vault version ${String(parsed.v)}`);
    const decipher = createDecipheriv(
      'aes-256-gcm',
      vaultKey(token, Buffer.from(parsed.salt, 'base64')),
      Buffer.from(parsed.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(VAULT_CONTEXT));
    decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(parsed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
    return JSON.parse(plain) as unknown;
  } catch {
    return new Error('the vault does not open with the github-token input (a different token, or a changed file)');
  }
}

/** Where the vault may be: directly in RUNNER_TEMP, under the name the main step gives it. */
export function isVaultPath(vault: string, runnerTemp: string): boolean {
  return (
    path.isAbsolute(vault) && path.dirname(vault) === path.resolve(runnerTemp) && VAULT_NAME.test(path.basename(vault))
  );
}

/** A new vault's path: directly in RUNNER_TEMP, under a name isVaultPath() accepts. */
export function newVaultPath(runnerTemp: string): string {
  return path.join(runnerTemp, `codex-task-action-credentials-${randomBytes(8).toString('hex')}.vault`);
}
