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
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnvironment } from '../child-env.js';

/** The state the post step reads the vault's path from. */
export const VAULT_STATE = 'credentials-vault';
const VAULT_NAME = /^codex-task-action-credentials-[0-9a-f]{16}\.vault$/;
const VAULT_CONTEXT = 'codex-task-action credentials vault v1';

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

export interface VaultOptions {
  runnerTemp: string;
  token: string;
}

const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;
const hasUserinfo = (text: string): boolean => new RegExp(USERINFO.source, 'i').test(text);
const withoutUserinfo = (text: string): string => text.replace(USERINFO, '$1');

/**
 * Where `git config --file` runs: inside a repository git would read that repository's configuration first,
 * and fail on a broken one (an include cycle) before touching the named file.
 */
const OUTSIDE_ANY_REPOSITORY = '/';

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'buffer',
    env: { ...childEnvironment('git'), GIT_TERMINAL_PROMPT: '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  }).toString('utf8');
}

function gitQuiet(args: string[], cwd: string): string {
  try {
    return git(args, cwd);
  } catch {
    // `git config --get`/`--unset-all` exit non-zero when there is nothing to find; that is not an error here.
    return '';
  }
}

/** Every entry of one configuration file (includes not followed), values that may span lines included. */
function listEntries(file: string): Array<[string, string]> {
  const listing = gitQuiet(['config', '--file', file, '--null', '--list'], OUTSIDE_ANY_REPOSITORY);
  return listing
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const newline = entry.indexOf('\n');
      return newline < 0 ? [entry, ''] : [entry.slice(0, newline), entry.slice(newline + 1)];
    });
}

/** The configuration files git reads for the repository at `dir`, and every file they include, nested. */
export function configurationFiles(dir: string, from: NodeJS.ProcessEnv = process.env): string[] {
  const home = from.HOME ?? os.homedir();
  const start: string[] = [];
  // rev-parse reads the configuration and fails on a broken one (an include cycle): then .git is read directly.
  const gitDir = gitQuiet(['rev-parse', '--path-format=absolute', '--git-dir'], dir).trim() || dotGitDir(dir);
  const commonDir =
    gitQuiet(['rev-parse', '--path-format=absolute', '--git-common-dir'], dir).trim() || commonDirOf(gitDir);
  if (commonDir) start.push(path.join(commonDir, 'config'));
  if (gitDir) start.push(path.join(gitDir, 'config.worktree'));
  start.push(
    path.join(from.XDG_CONFIG_HOME || path.join(home, '.config'), 'git', 'config'),
    path.join(home, '.gitconfig'),
  );
  const seen = new Set<string>();
  const queue = start.filter((file) => fs.existsSync(file));
  while (queue.length > 0 && seen.size < 100) {
    const file = path.resolve(queue.shift() as string);
    if (seen.has(file) || !isRegularFile(file)) continue;
    seen.add(file);
    for (const [key, value] of listEntries(file)) {
      if (!/^include(if\..*)?\.path$/i.test(key) || !value) continue;
      const included = value.startsWith('~/')
        ? path.join(home, value.slice(2))
        : path.resolve(path.dirname(file), value);
      if (fs.existsSync(included)) queue.push(included);
    }
  }
  return [...seen];
}

/** The repository directory `dir/.git` names: itself, or the target of a `gitdir:` file (a worktree). */
function dotGitDir(dir: string): string {
  const dotGit = path.join(dir, '.git');
  try {
    if (fs.statSync(dotGit).isDirectory()) return dotGit;
    const named = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    return named ? path.resolve(dir, named) : '';
  } catch {
    return '';
  }
}

/** A worktree's repository directory names the shared one in `commondir`; a main repository is its own. */
function commonDirOf(gitDir: string): string {
  if (!gitDir) return '';
  try {
    return path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}

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

/** Finds every credential the repository's git configuration holds; reads only, changes nothing. */
export function findCredentials(dir: string, from: NodeJS.ProcessEnv = process.env): HiddenCredentials {
  const files: HiddenFile[] = [];
  const stores = new Set(defaultStoreFiles(from));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-credentials-'));
  try {
    for (const file of configurationFiles(dir, from)) {
      const entries = listEntries(file);
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
        gitQuiet(['config', '--file', copy, '--unset-all', key], scratch);
        if (treatment === 'strip')
          for (const value of values)
            gitQuiet(['config', '--file', copy, '--add', key, withoutUserinfo(value)], scratch);
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
        gitQuiet(['config', '--file', file.path, '--unset-all', entry.key], OUTSIDE_ANY_REPOSITORY);
        for (const value of entry.values)
          git(['config', '--file', file.path, '--add', entry.key, value], OUTSIDE_ANY_REPOSITORY);
      }
    } catch {
      failed.push(file.path);
    }
  }
  return failed;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// ---- The vault -------------------------------------------------------------------------------------------

function vaultKey(token: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(token, 'utf8'), salt, VAULT_CONTEXT, 32));
}

export function sealVault(credentials: HiddenCredentials, token: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', vaultKey(token, salt), iv);
  cipher.setAAD(Buffer.from(VAULT_CONTEXT));
  const data = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
  return JSON.stringify({
    v: 1,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  });
}

/** The vault's content, or an Error when it is not a vault sealed under this token. */
export function openVault(sealed: string, token: string): HiddenCredentials | Error {
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
    return JSON.parse(plain) as HiddenCredentials;
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

function vaultFromEnvironment(): VaultOptions | undefined {
  const runnerTemp = process.env.RUNNER_TEMP;
  const token = core.getInput('github-token');
  if (!runnerTemp || !token) return undefined;
  return { runnerTemp, token };
}

/**
 * Hides every credential of the checkout at `dir` and returns how to put them back. The vault is written (and
 * its path saved for the post step) before anything changes, so a kill at any moment leaves them restorable.
 */
export async function hideCheckoutCredentials(
  dir: string,
  vault: VaultOptions | undefined = vaultFromEnvironment(),
): Promise<() => Promise<void>> {
  const credentials = findCredentials(dir);
  if (credentials.files.length === 0) return async () => undefined;
  let vaultPath: string | undefined;
  if (vault) {
    vaultPath = path.join(vault.runnerTemp, `codex-task-action-credentials-${randomBytes(8).toString('hex')}.vault`);
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
  const credentials = openVault(fs.readFileSync(vaultPath, 'utf8'), options.token);
  if (credentials instanceof Error) return `the persisted credentials were not put back: ${credentials.message}.`;
  const failed = restoreCredentials(credentials);
  if (failed.length > 0) return `could not put the persisted credentials back into ${failed.join(', ')}.`;
  fs.rmSync(vaultPath, { force: true });
  return `put the persisted credentials back into ${credentials.files.length} file(s).`;
}
