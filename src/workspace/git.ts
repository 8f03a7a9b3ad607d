// Owns every git command the action runs, behind the Git interface, through simple-git with argv arrays only.
// Every command runs hardened: repository hooks off, no fsmonitor, filter drivers neutralised, no external
// diff or textconv, no signing prompts, no terminal prompts, no submodule recursion, and the allowlisted
// environment of child-env.ts. Hiding the checkout's persisted credentials is credentials.ts's.
// Must never: force-push, run a command built from a string, or write the push token to disk.
import type { SimpleGit } from 'simple-git';
import { simpleGit } from 'simple-git';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { getErrorMessage } from '../errors.js';
import type { Result } from '../errors.js';
import { fail, ok } from '../errors.js';
import type { Identity } from '../settings.js';
import { childEnvironment } from '../child-env.js';
import { hideCheckoutCredentials } from './credentials.js';

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'type-changed';

export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** Git's file mode in the index after the change ('120000' is a symlink, '160000' a submodule). */
  mode: string;
  additions: number;
  deletions: number;
}

export interface PushAuth {
  /** The repository's web origin, such as https://github.com; the token is sent only there. */
  serverUrl: string;
  token: string;
}

export interface Git {
  readonly dir: string;
  currentBranch(): Promise<string | undefined>;
  headSha(): Promise<string>;
  /** Fetches one branch from origin into refs/remotes/origin/<branch>. */
  fetchBranch(branch: string, auth: PushAuth): Promise<void>;
  /** Checks out <branch> at origin/<branch>, discarding nothing uncommitted (fails instead). */
  checkoutRemoteBranch(branch: string): Promise<void>;
  /** Fetches a pull request's head (also from a fork) into a local ref the action owns; returns the commit it fetched. */
  fetchPullHead(number: number, auth: PushAuth): Promise<string>;
  /** Checks out a commit without a branch: a fork's head is data, never a place to push. */
  checkoutDetached(ref: string): Promise<void>;
  /** A file's content at a commit, or undefined when the file is not there. */
  readFileAt(ref: string, file: string): Promise<string | undefined>;
  /** Starts a new branch at HEAD, carrying the working tree along. */
  createBranch(branch: string): Promise<void>;
  isValidBranchName(branch: string): Promise<boolean>;
  /**
   * Stages everything (new, changed, deleted files) except the `excluded` entries (paths, `dir/` for a whole
   * directory), and lists what differs from HEAD.
   */
  stageAll(excluded?: string[]): Promise<ChangedFile[]>;
  /**
   * Untracked entries of the work tree, one per line as git lists them: with `collapse`, a wholly untracked
   * directory is one `dir/` entry; without it, files are listed one by one and only a nested repository, which
   * git never enters, is a `dir/` entry. `ignored` lists the ignored entries instead of the others.
   */
  untracked(options: { ignored: boolean; collapse: boolean }): Promise<string[]>;
  /** Applies a patch file made by stagedPatch() to the work tree, and to the index too when `toIndex`. */
  applyPatch(patchFile: string, toIndex: boolean): Promise<void>;
  /** The absolute path of the repository's object store and its shallow file (which may not exist). */
  storePaths(): Promise<{ objects: string; shallow: string }>;
  /** What HEAD changes relative to its merge base with `base` (a pull request's own commits). */
  changedSince(base: string): Promise<ChangedFile[]>;
  /** The unified diff of base...HEAD (what a pull request shows), paths unquoted. */
  unifiedDiffSince(base: string): Promise<string>;
  /** The staged change as a binary-safe patch that `git apply` takes back. */
  stagedPatch(): Promise<string>;
  /** A staged file's bytes, as they are in the index (for a commit made through GitHub's API). */
  stagedBlob(file: string): Promise<Buffer>;
  commit(message: string, author: Identity): Promise<string>;
  /** Pushes HEAD to refs/heads/<branch> on origin; never forced. A rejection is a value, not an exception. */
  push(branch: string, auth: PushAuth): Promise<Result<void>>;
  /** Takes persisted credentials out of reach of the agent; returns how to put them back. */
  hideCredentials(): Promise<() => Promise<void>>;
}

/**
 * Where the repository of a work tree lives when it is not `<dir>/.git`: the disposable copy Codex works in
 * keeps its repository outside the copy, where Codex's commands cannot write.
 */
export interface GitLocation {
  gitDir: string;
}

export type GitFactory = (dir: string, location?: GitLocation) => Promise<Git>;

const HARDENING = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'submodule.recurse=false',
  'diff.external=',
  'protocol.ext.allow=never',
];

export const createGit: GitFactory = async (dir, location) =>
  new HardenedGit(dir, location, await hardenedGit(dir, location));

/**
 * Makes `gitDir` the repository of the empty directory `workTree`, at `commit` (on `branch` when given), and
 * checks the commit's files out into it. Objects are read from `objects` (the checkout's store, through
 * git's alternates: nothing is copied and nothing is ever written there); `shallow` is the checkout's
 * shallow file, so a shallow clone's history reads the same in the copy.
 */
export async function initCopyRepository(options: {
  gitDir: string;
  workTree: string;
  objects: string;
  shallow: string;
  commit: string;
  branch: string | undefined;
}): Promise<Git> {
  const { gitDir, workTree } = options;
  const emptyTemplate = path.join(path.dirname(gitDir), 'no-template');
  await fs.mkdir(emptyTemplate, { recursive: true });
  // A template directory is where `git init` copies hooks from; an empty one gives the copy none.
  await simpleGit({
    baseDir: workTree,
    binary: 'git',
    allowEnvironment: ['GIT_TERMINAL_PROMPT'],
    unsafe: { allowUnsafeTemplateDir: true },
  })
    .env({ ...gitEnvironment(), GIT_TERMINAL_PROMPT: '0' })
    .raw(['init', '--quiet', '--bare', `--template=${emptyTemplate}`, gitDir]);
  await fs.rm(emptyTemplate, { recursive: true, force: true });
  await fs.writeFile(path.join(gitDir, 'objects', 'info', 'alternates'), `${options.objects}\n`);
  await fs.copyFile(options.shallow, path.join(gitDir, 'shallow')).catch(() => undefined);
  const location = { gitDir };
  const copy = new HardenedGit(workTree, location, await hardenedGit(workTree, location));
  await copy.setHead(options.commit, options.branch);
  return copy;
}

/** Every filter driver key the configuration (with its includes) may define. */
const FILTER_DRIVER_KEYS = '^filter\\..*\\.(clean|smudge|process)$';

/**
 * Settings that make each filter driver in a `git config --get-regexp` listing of FILTER_DRIVER_KEYS a
 * pass-through. A driver runs any command the configuration names (often a script in the repository, which
 * the agent can rewrite) on `git add`, `git status` and checkouts, with this process's rights.
 */
export function filterDriverPassThroughs(listing: string): string[] {
  const drivers = new Set<string>();
  for (const line of listing.split('\n')) {
    const match = /^filter\.(.+)\.(clean|smudge|process) /.exec(line);
    if (match) drivers.add(match[1] as string);
  }
  return [...drivers].flatMap((driver) => [
    `filter.${driver}.clean=cat`,
    `filter.${driver}.smudge=cat`,
    `filter.${driver}.process=`,
    `filter.${driver}.required=false`,
  ]);
}

/** filterDriverPassThroughs for the configuration of the repository at `dir`, read synchronously. */
export function filterDriverPassThroughsAt(dir: string): string[] {
  try {
    return filterDriverPassThroughs(
      execFileSync('git', ['config', '--get-regexp', FILTER_DRIVER_KEYS], {
        cwd: dir,
        encoding: 'utf8',
        env: gitEnvironment(),
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
  } catch {
    // `git config --get-regexp` exits 1 when nothing matches (and the directory may not be a repository).
    return [];
  }
}

/** A simple-git instance whose every command runs with HARDENING and with the current filter drivers disarmed. */
async function hardenedGit(dir: string, location?: GitLocation): Promise<SimpleGit> {
  const where = locationEnvironment(dir, location);
  const base = simpleGit({
    baseDir: dir,
    binary: 'git',
    maxConcurrentProcesses: 1,
    trimmed: false,
    unsafe: {},
    allowEnvironment: Object.keys(where),
  }).env({ ...gitEnvironment(), ...where });
  let listing = '';
  try {
    listing = await base.raw(['config', '--get-regexp', FILTER_DRIVER_KEYS]);
  } catch {
    // `git config --get-regexp` exits 1 when nothing matches.
  }
  return simpleGit({
    baseDir: dir,
    binary: 'git',
    maxConcurrentProcesses: 1,
    trimmed: false,
    // A git command that prints nothing for this long is stuck (a credential prompt, a dead remote): kill it.
    timeout: { block: 5 * 60_000 },
    config: [...HARDENING, ...filterDriverPassThroughs(listing)],
    // The variables the action itself sets; simple-git refuses any other GIT_* variable.
    allowEnvironment: [
      'GIT_TERMINAL_PROMPT',
      'GIT_AUTHOR_NAME',
      'GIT_AUTHOR_EMAIL',
      'GIT_COMMITTER_NAME',
      'GIT_COMMITTER_EMAIL',
      'GIT_CONFIG_COUNT',
      'GIT_CONFIG_KEY_0',
      'GIT_CONFIG_VALUE_0',
      'GIT_DIR',
      'GIT_WORK_TREE',
    ],
    // These permit the action's own safe settings above (and hiding a url.<base>.insteadOf credential); no
    // argument of any git command comes from event text.
    unsafe: {
      allowUnsafeHooksPath: true,
      allowUnsafeFsMonitor: true,
      allowUnsafeFilter: true,
      allowUnsafeDiffExternal: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeProtocolOverride: true,
      allowUnsafeUrlRewrite: true,
    },
  }).env({ ...gitEnvironment(), ...where, GIT_TERMINAL_PROMPT: '0' });
}

/** GIT_DIR and GIT_WORK_TREE for a repository kept outside its work tree; nothing for an ordinary checkout. */
function locationEnvironment(dir: string, location: GitLocation | undefined): Record<string, string> {
  return location ? { GIT_DIR: location.gitDir, GIT_WORK_TREE: dir } : {};
}

/**
 * The allowlisted environment of child-env.ts: never the action's own (its tokens), and no GIT_* variable
 * that would redirect git (GIT_DIR, GIT_CONFIG_*, ...); the action sets the few it needs itself.
 */
export function gitEnvironment(): Record<string, string> {
  return childEnvironment('git');
}

class HardenedGit implements Git {
  constructor(
    readonly dir: string,
    private readonly location: GitLocation | undefined,
    private git: SimpleGit,
  ) {}

  /** Points HEAD at `commit`: on `branch` when given (so Codex sees the branch it works on), else detached. */
  async setHead(commit: string, branch: string | undefined): Promise<void> {
    if (branch) {
      await this.git.raw(['update-ref', `refs/heads/${branch}`, commit]);
      await this.git.raw(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    } else {
      await this.git.raw(['update-ref', '--no-deref', 'HEAD', commit]);
    }
    // Fills the index and the empty work tree from HEAD; checkout.workers=0 writes files on every core.
    await this.git.raw(['-c', 'checkout.workers=0', 'read-tree', '--reset', '-u', 'HEAD']);
  }

  async currentBranch(): Promise<string | undefined> {
    const name = (await this.git.raw(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    return name === 'HEAD' ? undefined : name;
  }

  async headSha(): Promise<string> {
    return (await this.git.raw(['rev-parse', 'HEAD'])).trim();
  }

  async fetchBranch(branch: string, auth: PushAuth): Promise<void> {
    await this.withAuth(auth).raw([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      'origin',
      `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
    ]);
  }

  async fetchPullHead(number: number, auth: PushAuth): Promise<string> {
    const ref = `refs/codex-task-action/pull-${number}`;
    await this.withAuth(auth).raw([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      'origin',
      `+refs/pull/${number}/head:${ref}`,
    ]);
    return (await this.git.raw(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])).trim();
  }

  async checkoutDetached(ref: string): Promise<void> {
    await this.git.raw(['checkout', '--detach', ref, '--']);
  }

  async readFileAt(ref: string, file: string): Promise<string | undefined> {
    try {
      return await this.git.raw(['show', `${ref}:${file}`]);
    } catch {
      return undefined;
    }
  }

  async checkoutRemoteBranch(branch: string): Promise<void> {
    await this.git.raw(['checkout', '-B', branch, `refs/remotes/origin/${branch}`, '--']);
  }

  async createBranch(branch: string): Promise<void> {
    await this.git.raw(['checkout', '-b', branch, '--']);
  }

  async isValidBranchName(branch: string): Promise<boolean> {
    try {
      await this.git.raw(['check-ref-format', '--branch', branch]);
      return true;
    } catch {
      return false;
    }
  }

  async stageAll(excluded: string[] = []): Promise<ChangedFile[]> {
    // The agent may have defined a new filter driver since the start, in a configuration file it can write (an
    // included file under /tmp): read the drivers again right before `git add` would run them.
    this.git = await hardenedGit(this.dir, this.location);
    const exclusions = excluded.map((entry) => `:(exclude,literal)${entry.replace(/\/$/, '')}`);
    await this.git.raw(['add', '--all', '--', '.', ...exclusions]);
    const [status, numstat] = await Promise.all([
      this.git.raw(['diff', '--cached', '--no-renames', '--no-ext-diff', '--no-textconv', '--raw', '-z', 'HEAD', '--']),
      this.git.raw([
        'diff',
        '--cached',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        '--numstat',
        '-z',
        'HEAD',
        '--',
      ]),
    ]);
    return parseRawDiff(status, numstat);
  }

  async untracked(options: { ignored: boolean; collapse: boolean }): Promise<string[]> {
    const args = ['ls-files', '-z', '--others', '--exclude-standard'];
    if (options.ignored) args.push('--ignored');
    if (options.collapse) args.push('--directory', '--no-empty-directory');
    return (await this.git.raw(args)).split('\0').filter(Boolean);
  }

  async applyPatch(patchFile: string, toIndex: boolean): Promise<void> {
    await this.git.raw(['apply', '--binary', '--whitespace=nowarn', ...(toIndex ? ['--index'] : []), patchFile]);
  }

  async storePaths(): Promise<{ objects: string; shallow: string }> {
    const common = path.resolve(this.dir, (await this.git.raw(['rev-parse', '--git-common-dir'])).trim());
    return { objects: path.join(common, 'objects'), shallow: path.join(common, 'shallow') };
  }

  async changedSince(base: string): Promise<ChangedFile[]> {
    const range = `${base}...HEAD`;
    const [status, numstat] = await Promise.all([
      this.git.raw(['diff', '--no-renames', '--no-ext-diff', '--no-textconv', '--raw', '-z', range, '--']),
      this.git.raw(['diff', '--no-renames', '--no-ext-diff', '--no-textconv', '--numstat', '-z', range, '--']),
    ]);
    return parseRawDiff(status, numstat);
  }

  async unifiedDiffSince(base: string): Promise<string> {
    return this.git.raw([
      '-c',
      'core.quotePath=false',
      'diff',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--no-color',
      `${base}...HEAD`,
      '--',
    ]);
  }

  async stagedPatch(): Promise<string> {
    return this.git.raw([
      'diff',
      '--cached',
      '--binary',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      'HEAD',
      '--',
    ]);
  }

  async stagedBlob(file: string): Promise<Buffer> {
    return this.git.binaryCatFile(['blob', `:${file}`]);
  }

  async commit(message: string, author: Identity): Promise<string> {
    await this.git
      .env({
        ...gitEnvironment(),
        GIT_TERMINAL_PROMPT: '0',
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      })
      .raw(['commit', '--no-verify', '--quiet', '--cleanup=verbatim', '-m', message]);
    return this.headSha();
  }

  async push(branch: string, auth: PushAuth): Promise<Result<void>> {
    try {
      await this.withAuth(auth).raw(['push', '--no-verify', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`]);
      return ok(undefined);
    } catch (error) {
      return fail(summarizeGitError(getErrorMessage(error)));
    }
  }

  async hideCredentials(): Promise<() => Promise<void>> {
    return hideCheckoutCredentials(this.dir);
  }

  /** A git instance that sends the token as an HTTP header to the server's origin only, through the environment. */
  private withAuth(auth: PushAuth): SimpleGit {
    if (!auth.token || !/^https?:/.test(auth.serverUrl)) return this.git;
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${auth.token}`).toString('base64')}`;
    return this.git.env({
      ...gitEnvironment(),
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${auth.serverUrl.replace(/\/+$/, '')}/.extraheader`,
      GIT_CONFIG_VALUE_0: header,
    });
  }
}

export function parseRawDiff(raw: string, numstat: string): ChangedFile[] {
  const counts = new Map<string, { additions: number; deletions: number }>();
  const numFields = numstat.split('\0');
  for (let i = 0; i < numFields.length; i++) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(numFields[i] as string);
    if (!match) continue;
    counts.set(match[3] as string, { additions: Number(match[1]) || 0, deletions: Number(match[2]) || 0 });
  }
  const files: ChangedFile[] = [];
  const fields = raw.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i] as string;
    const filePath = fields[i + 1] as string;
    const match = /^:(\d+) (\d+) \S+ \S+ ([AMDT])/.exec(meta);
    if (!match) continue;
    const letter = match[3] as 'A' | 'M' | 'D' | 'T';
    const status: ChangeStatus =
      letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : letter === 'T' ? 'type-changed' : 'modified';
    const mode = letter === 'D' ? (match[1] as string) : (match[2] as string);
    files.push({ path: filePath, status, mode, ...(counts.get(filePath) ?? { additions: 0, deletions: 0 }) });
  }
  return files;
}

function summarizeGitError(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('hint:'));
  // A rule violation (GitHub's GH0xx, with the rule on a '- ' line) says why; the last lines only say that it failed.
  const tail = lines.slice(-4);
  const rules = lines.filter((line) => /\bGH0\d\d\b|^remote: - /.test(line) && !tail.includes(line));
  return [...rules, ...tail].join(' ');
}
