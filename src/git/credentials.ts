// Owns taking the checkout's persisted credentials out of Codex's reach for the length of the run, and putting
// them back: in the main step's own finally, or, when the main step was killed (watchdog, cancellation, job
// timeout), in the post step, from a vault the main step wrote before it hid anything.
//
// Every form git reads is covered, in .git/config, the global configuration and every file they include
// (include.path and includeIf.*.path, nested, relative to the including file, ~/ from home):
// http.extraheader and http.<url>.extraheader, credential.helper and credential.<url>.helper (and the files a
// `store` helper reads), url.<base>.insteadOf / pushInsteadOf whose base carries user info, any key whose name
// carries user info, and any value that is a URL with user info (a remote's url, a proxy), which keeps the URL
// without it. A file is restored byte for byte when nobody changed it while hidden; otherwise its entries are
// put back one by one.
//
// The vault: what is hidden, encrypted with AES-256-GCM under a key derived from the `github-token` input,
// in a file under RUNNER_TEMP. Codex's sandbox can read any file, so the vault must be useless without the
// token, which never reaches Codex. Without a token no vault is written: the main step still restores in its
// finally, but after a kill the credentials stay hidden (lost for later steps, never leaked).
// Must never: write a credential anywhere but its own file and the encrypted vault, log one, or restore from
// a vault that does not decrypt under the token.
import * as core from '@actions/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RepositoryDirs } from './config-files.js';
import { OUTSIDE_ANY_REPOSITORY, configurationFiles, gitSync, gitSyncQuiet, isRegularFile } from './config-files.js';
import type { VaultOptions } from './vault.js';
import { VAULT_STATE, isVaultPath, newVaultPath, openVault, sealVault } from './vault.js';

/** One configuration entry as it was: every value of the key in that file, in order. */
interface OriginalEntry {
  key: string;
  values: string[];
}

/** One file that holds a credential: its bytes before, its bytes while hidden, and the entries taken out. */
interface HiddenFile {
  path: string;
  mode: number;
  original: string;
  hidden: string;
  entries: OriginalEntry[];
}

export interface HiddenCredentials {
  files: HiddenFile[];
}

const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;
const hasUserinfo = (text: string): boolean => new RegExp(USERINFO.source, 'i').test(text);
const withoutUserinfo = (text: string): string => text.replace(USERINFO, '$1');

/** The files a `store` credential helper reads: its --file, or the default ones. */
function storeFiles(helper: string, from: NodeJS.ProcessEnv): string[] {
  const words = helper.trim().split(/\s+/);
  if (!/(^|\/)(git-credential-)?store$/.test(words[0] ?? '')) return [];
  const home = from.HOME ?? os.homedir();
  const fileArg = words.findIndex((word) => word === '--file' || word.startsWith('--file='));
  if (fileArg >= 0) {
    const named = words[fileArg] === '--file' ? words[fileArg + 1] : words[fileArg]?.slice('--file='.length);
    if (named) return [named.startsWith('~/') ? path.join(home, named.slice(2)) : path.resolve(home, named)];
  }
  return [];
}

/** Default credential store files, read by a `store` helper wherever it is configured (also /etc/gitconfig). */
function defaultStoreFiles(from: NodeJS.ProcessEnv): string[] {
  const home = from.HOME ?? os.homedir();
  return [
    path.join(home, '.git-credentials'),
    path.join(from.XDG_CONFIG_HOME || path.join(home, '.config'), 'git', 'credentials'),
  ];
}

type Treatment = 'remove' | 'strip';

/** How a configuration entry must be hidden, or undefined when it holds no credential. */
export function treatmentOf(key: string, value: string): Treatment | undefined {
  if (/^http\.(.+\.)?extraheader$/i.test(key)) return 'remove';
  if (/^credential\.(.+\.)?helper$/i.test(key)) return 'remove';
  if (hasUserinfo(key)) return 'remove';
  if (hasUserinfo(value)) return 'strip';
  return undefined;
}

/**
 * Finds every credential the repository's git configuration holds; reads only, changes nothing. `known` is where
 * the repository's files are, when the caller has asked git already.
 */
export function findCredentials(
  dir: string,
  from: NodeJS.ProcessEnv = process.env,
  known?: RepositoryDirs,
): HiddenCredentials {
  const files: HiddenFile[] = [];
  const stores = new Set(defaultStoreFiles(from));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-credentials-'));
  try {
    for (const { file, entries } of configurationFiles(dir, from, known)) {
      const treated = new Map<string, Treatment>();
      for (const [key, value] of entries) {
        const treatment = treatmentOf(key, value);
        if (treatment && treated.get(key) !== 'remove') treated.set(key, treatment);
        if (/^credential\.(.+\.)?helper$/i.test(key)) for (const store of storeFiles(value, from)) stores.add(store);
      }
      if (treated.size === 0) continue;
      const original = fs.readFileSync(file);
      // The hidden form is made on a private copy first, so the vault holds it before the real file changes.
      const copy = path.join(scratch, 'config');
      fs.writeFileSync(copy, original, { mode: 0o600 });
      const originals: OriginalEntry[] = [];
      for (const [key, treatment] of treated) {
        const values = entries.filter(([name]) => name === key).map(([, value]) => value);
        originals.push({ key, values });
        gitSyncQuiet(['config', '--file', copy, '--unset-all', key], scratch);
        if (treatment === 'strip')
          for (const value of values)
            gitSyncQuiet(['config', '--file', copy, '--add', key, withoutUserinfo(value)], scratch);
      }
      files.push({
        path: file,
        mode: fs.statSync(file).mode & 0o7777,
        original: original.toString('base64'),
        hidden: fs.readFileSync(copy).toString('base64'),
        entries: originals,
      });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  for (const store of stores) {
    if (!isRegularFile(store) || fs.statSync(store).size === 0) continue;
    files.push({
      path: store,
      mode: fs.statSync(store).mode & 0o7777,
      original: fs.readFileSync(store).toString('base64'),
      hidden: '',
      entries: [],
    });
  }
  return { files };
}

/** Puts each file in its hidden form. */
export function applyHidden(credentials: HiddenCredentials): void {
  for (const file of credentials.files)
    fs.writeFileSync(file.path, Buffer.from(file.hidden, 'base64'), { mode: file.mode });
}

/**
 * Puts each file back: byte for byte when it still reads as it was left, else entry by entry (the action's own
 * git commands may have written to .git/config meanwhile). Safe to run twice. Returns the files it could not restore.
 */
export function restoreCredentials(credentials: HiddenCredentials): string[] {
  const failed: string[] = [];
  for (const file of credentials.files) {
    try {
      const current = fs.existsSync(file.path) ? fs.readFileSync(file.path).toString('base64') : file.hidden;
      if (current === file.hidden || current === file.original) {
        fs.writeFileSync(file.path, Buffer.from(file.original, 'base64'), { mode: file.mode });
        continue;
      }
      if (file.entries.length === 0) {
        failed.push(file.path);
        continue;
      }
      for (const entry of file.entries) {
        gitSyncQuiet(['config', '--file', file.path, '--unset-all', entry.key], OUTSIDE_ANY_REPOSITORY);
        for (const value of entry.values)
          gitSync(['config', '--file', file.path, '--add', entry.key, value], OUTSIDE_ANY_REPOSITORY);
      }
    } catch {
      failed.push(file.path);
    }
  }
  return failed;
}

function vaultFromEnvironment(): VaultOptions | undefined {
  const runnerTemp = process.env.RUNNER_TEMP;
  const token = core.getInput('github-token');
  if (!runnerTemp || !token) return undefined;
  return { runnerTemp, token };
}

/**
 * Hides every credential of the checkout at `dir` and returns how to put them back. The vault is written (and
 * its path saved for the post step) before anything changes, so a kill at any moment leaves them restorable.
 * `known`: where the repository's files are, when git.ts has asked already.
 */
export async function hideCheckoutCredentials(
  dir: string,
  known?: RepositoryDirs,
  vault: VaultOptions | undefined = vaultFromEnvironment(),
): Promise<() => Promise<void>> {
  const credentials = findCredentials(dir, process.env, known);
  if (credentials.files.length === 0) return async () => undefined;
  let vaultPath: string | undefined;
  if (vault) {
    vaultPath = newVaultPath(vault.runnerTemp);
    const temporary = `${vaultPath}.partial`;
    fs.writeFileSync(temporary, sealVault(credentials, vault.token), { mode: 0o600 });
    fs.renameSync(temporary, vaultPath);
    core.saveState(VAULT_STATE, vaultPath);
  } else {
    core.info(
      'No github-token: the hidden checkout credentials can be put back only by this step, not by the post step after a kill.',
    );
  }
  core.info(`Hid the credentials persisted in ${credentials.files.length} file(s) for the length of the run.`);
  applyHidden(credentials);
  return async () => {
    const failed = restoreCredentials(credentials);
    if (failed.length > 0) core.warning(`Could not put the persisted credentials back into ${failed.join(', ')}.`);
    else if (vaultPath) fs.rmSync(vaultPath, { force: true });
  };
}

/** The post step's half: restores from the vault when the main step did not, then removes it. */
export function restoreFromVault(vaultPath: string, options: VaultOptions): string {
  if (!isVaultPath(vaultPath, options.runnerTemp))
    return `the saved vault path '${vaultPath}' is not one the action writes; nothing was restored.`;
  if (!fs.existsSync(vaultPath)) return 'the main step had put the credentials back already.';
  const opened = openVault(fs.readFileSync(vaultPath, 'utf8'), options.token);
  if (opened instanceof Error) return `the persisted credentials were not put back: ${opened.message}.`;
  // Only the main step seals a vault, and only this shape: it opened under the token, so it is that.
  const credentials = opened as HiddenCredentials;
  const failed = restoreCredentials(credentials);
  if (failed.length > 0) return `could not put the persisted credentials back into ${failed.join(', ')}.`;
  fs.rmSync(vaultPath, { force: true });
  return `put the persisted credentials back into ${credentials.files.length} file(s).`;
}
