// Owns finding every git configuration file a repository reads (its own, the global ones, and every file
// they include, nested) and reading their entries, each file once, with synchronous `git config` runs.
// Must never: follow includes without a bound, or run git inside the repository to read one file (a broken
// configuration there, such as an include cycle, would fail the read).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnvironment } from '../child-env.js';

/**
 * Where `git config --file` runs: inside a repository git would read that repository's configuration first,
 * and fail on a broken one (an include cycle) before touching the named file.
 */
export const OUTSIDE_ANY_REPOSITORY = '/';

export function gitSync(args: string[], cwd: string): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'buffer',
    env: { ...childEnvironment('git'), GIT_TERMINAL_PROMPT: '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  }).toString('utf8');
}

export function gitSyncQuiet(args: string[], cwd: string): string {
  try {
    return gitSync(args, cwd);
  } catch {
    // `git config --get`/`--unset-all` exit non-zero when there is nothing to find; that is not an error here.
    return '';
  }
}

/** Every entry of one configuration file (includes not followed), values that may span lines included. */
export function listEntries(file: string): Array<[string, string]> {
  const listing = gitSyncQuiet(['config', '--file', file, '--null', '--list'], OUTSIDE_ANY_REPOSITORY);
  return listing
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const newline = entry.indexOf('\n');
      return newline < 0 ? [entry, ''] : [entry.slice(0, newline), entry.slice(newline + 1)];
    });
}

/** One configuration file and its entries, as read while looking for the files it includes. */
export interface ConfigurationFile {
  file: string;
  entries: Array<[string, string]>;
}

/** Where a repository's own files are, as `git rev-parse --path-format=absolute --git-dir --git-common-dir` says. */
export interface RepositoryDirs {
  gitDir: string;
  commonDir: string;
}

/**
 * The configuration files git reads for the repository at `dir`, and every file they include, nested, each
 * with its entries (read once: the includes are found in the same listing the caller gets). `known` is
 * rev-parse's answer when the caller already asked it (git.ts asks it together with HEAD: one process less).
 */
export function configurationFiles(
  dir: string,
  from: NodeJS.ProcessEnv = process.env,
  known?: RepositoryDirs,
): ConfigurationFile[] {
  const home = from.HOME ?? os.homedir();
  const start: string[] = [];
  // rev-parse reads the configuration and fails on a broken one (an include cycle): then .git is read directly.
  const [revGitDir = '', revCommonDir = ''] = known
    ? [known.gitDir, known.commonDir]
    : gitSyncQuiet(['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir'], dir).split('\n');
  const gitDir = revGitDir.trim() || dotGitDir(dir);
  const commonDir = revCommonDir.trim() || commonDirOf(gitDir);
  if (commonDir) start.push(path.join(commonDir, 'config'));
  if (gitDir) start.push(path.join(gitDir, 'config.worktree'));
  start.push(
    path.join(from.XDG_CONFIG_HOME || path.join(home, '.config'), 'git', 'config'),
    path.join(home, '.gitconfig'),
  );
  const seen = new Map<string, ConfigurationFile>();
  const queue = start.filter((file) => fs.existsSync(file));
  while (queue.length > 0 && seen.size < 100) {
    const file = path.resolve(queue.shift() as string);
    if (seen.has(file) || !isRegularFile(file)) continue;
    const entries = listEntries(file);
    seen.set(file, { file, entries });
    for (const [key, value] of entries) {
      if (!/^include(if\..*)?\.path$/i.test(key) || !value) continue;
      const included = value.startsWith('~/')
        ? path.join(home, value.slice(2))
        : path.resolve(path.dirname(file), value);
      if (fs.existsSync(included)) queue.push(included);
    }
  }
  return [...seen.values()];
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

export function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
