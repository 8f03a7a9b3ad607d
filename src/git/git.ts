// Owns every git command the action runs, behind the Git interface, through simple-git with argv arrays only,
// each on an instance configured by hardened.ts. Hiding the checkout's persisted credentials is credentials.ts's.
// Each git process costs the action ~10 ms of CPU to start (more in a large process), so one command answers
// what several would: where the repository is and HEAD in one rev-parse, the change list and the patch in one
// diff, the new commit's id from commit's own summary line.
// Why some commands are asked to speak (`add --verbose`, `apply --verbose`, `commit` without --quiet):
// simple-git (4.0.2, its completion plugin) waits 50 ms after every command that printed nothing, whatever its
// `completion` option says; a command that prints is handed back as soon as it closes.
// Must never: force-push, run a command built from a string, or write the push token to disk.
import type { SimpleGit } from 'simple-git';
import path from 'node:path';
import { getErrorMessage } from '../errors.js';
import type { Result } from '../errors.js';
import { fail, ok } from '../errors.js';
import type { Identity } from '../settings.js';
import { hideCheckoutCredentials } from './credentials.js';
import type { Head } from './answers.js';
import { FULL_IDS, LOCATE_WITH_HEAD, commitIdOf, headOf, locationOf, summarizeGitError } from './answers.js';
import type { RepositoryDirs } from './config-files.js';
import type { ChangedFile, StagedChange } from './diff.js';
import { DIFF_WITHOUT_PROGRAMS, changeListing, parseRawDiff, parseStagedChange, stagedChangeListing } from './diff.js';
import type { GitLocation, HardenedOptions } from './hardened.js';
import { hardenedGit, readPassThroughs } from './hardened.js';

export type { Head } from './answers.js';
export type { ChangedFile, ChangeStatus, StagedChange } from './diff.js';
export type { GitLocation } from './hardened.js';

export interface PushAuth {
  /** The repository's web origin, such as https://github.com; the token is sent only there. */
  serverUrl: string;
  token: string;
}

export interface Git {
  readonly dir: string;
  /** HEAD's commit and branch, asked in one git call (none when hideCredentials() has just asked). */
  head(): Promise<Head>;
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
  /** Starts a new branch at HEAD, carrying the working tree along; git refuses a name isValidBranchName refuses. */
  createBranch(branch: string): Promise<void>;
  isValidBranchName(branch: string): Promise<boolean>;
  /**
   * Stages everything (new, changed, deleted files) except the `excluded` entries (paths, `dir/` for a whole
   * directory), and lists what differs from HEAD, with the staged change as a binary-safe patch that `git apply`
   * takes back.
   */
  stageAll(excluded?: string[]): Promise<StagedChange>;
  /**
   * Untracked entries of the work tree, one per line as git lists them: with `collapse`, a wholly untracked
   * directory is one `dir/` entry; without it, files are listed one by one and only a nested repository, which
   * git never enters, is a `dir/` entry. `withIgnored` lists the ignored entries too (no ignore rule is read).
   */
  untracked(options: { withIgnored: boolean; collapse: boolean }): Promise<string[]>;
  /** Applies a patch file made from stageAll()'s patch to the work tree, and to the index too when `toIndex`. */
  applyPatch(patchFile: string, toIndex: boolean): Promise<void>;
  /**
   * HEAD, and the absolute paths of the repository's object store and its shallow file (which may not exist):
   * what a copy of the checkout starts from, asked in one git call at most. HEAD is read again after this.
   */
  headAndStore(): Promise<Head & { objects: string; shallow: string }>;
  /** What HEAD changes relative to its merge base with `base` (a pull request's own commits). */
  changedSince(base: string): Promise<ChangedFile[]>;
  /** The unified diff of base...HEAD (what a pull request shows), paths unquoted. */
  unifiedDiffSince(base: string): Promise<string>;
  /** A staged file's bytes, as they are in the index (for a commit made through GitHub's API). */
  stagedBlob(file: string): Promise<Buffer>;
  commit(message: string, author: Identity): Promise<string>;
  /** Pushes HEAD to refs/heads/<branch> on origin; never forced. A rejection is a value, not an exception. */
  push(branch: string, auth: PushAuth): Promise<Result<void>>;
  /**
   * Takes persisted credentials out of reach of the agent; returns how to put them back. Asks where the
   * repository is together with HEAD, which head() and headAndStore() then answer from.
   */
  hideCredentials(): Promise<() => Promise<void>>;
  /**
   * The filter pass-throughs (hardened.ts) this instance's commands run with: for the drivers the configuration
   * defined when it was read last, at the instance's creation or before the last stageAll().
   */
  filterPassThroughs(): readonly string[];
}

export type GitFactory = (dir: string, location?: GitLocation) => Promise<Git>;

export const createGit: GitFactory = async (dir, location) =>
  new HardenedGit(dir, location, await readPassThroughs(dir, location));

export class HardenedGit implements Git {
  private git: SimpleGit;
  /** Where the repository's files are, once asked: they do not move. */
  private dirs: RepositoryDirs | undefined;
  /**
   * HEAD as the last rev-parse said, until a command of this instance could move it (a fetch, a checkout, a
   * commit). Only until the copy for Codex is made (headAndStore): from then on every read asks git.
   */
  private knownHead: Head | undefined;
  private remembersHead = true;

  constructor(
    readonly dir: string,
    private readonly location: GitLocation | undefined,
    private passThroughs: string[],
  ) {
    this.git = this.instance();
  }

  async head(): Promise<Head> {
    if (this.knownHead) return this.knownHead;
    // rev-parse answers each argument on its own line, in order; --abbrev-ref applies to the arguments after it.
    const [sha = '', name = ''] = (await this.git.raw(['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD'])).split('\n');
    const head = headOf(sha, name);
    if (this.remembersHead) this.knownHead = head;
    return head;
  }

  async headSha(): Promise<string> {
    return this.knownHead?.sha ?? (await this.git.raw(['rev-parse', 'HEAD'])).trim();
  }

  async fetchBranch(branch: string, auth: PushAuth): Promise<void> {
    await this.fetch(auth, `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
  }

  async fetchPullHead(number: number, auth: PushAuth): Promise<string> {
    const ref = `refs/codex-task-action/pull-${number}`;
    await this.fetch(auth, `+refs/pull/${number}/head:${ref}`);
    return (await this.git.raw(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])).trim();
  }

  async checkoutDetached(ref: string): Promise<void> {
    this.knownHead = undefined;
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
    this.knownHead = undefined;
    await this.git.raw(['checkout', '-B', branch, `refs/remotes/origin/${branch}`, '--']);
  }

  async createBranch(branch: string): Promise<void> {
    this.knownHead = undefined;
    // No check-ref-format first: checkout -b refuses exactly the names it refuses (both ask git's
    // strbuf_check_branch_ref), and publish.ts asks isValidBranchName only when this fails, to say why.
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

  async stageAll(excluded: string[] = []): Promise<StagedChange> {
    // The agent may have defined a new filter driver since the start, in a configuration file it can write (an
    // included file under /tmp): read the drivers again right before `git add` would run them.
    this.passThroughs = await readPassThroughs(this.dir, this.location);
    this.git = this.instance();
    const exclusions = excluded.map((entry) => `:(exclude,literal)${entry.replace(/\/$/, '')}`);
    await this.git.raw(['add', '--verbose', '--all', '--', '.', ...exclusions]);
    return parseStagedChange(await this.git.raw(stagedChangeListing()));
  }

  async untracked(options: { withIgnored: boolean; collapse: boolean }): Promise<string[]> {
    // Without --exclude-standard git reads no ignore rule and lists every untracked entry, ignored or not: the
    // union of `--ignored` and the others, in one process (a directory is `dir/` when it holds nothing tracked).
    const args = ['ls-files', '-z', '--others', ...(options.withIgnored ? [] : ['--exclude-standard'])];
    if (options.collapse) args.push('--directory', '--no-empty-directory');
    return (await this.git.raw(args)).split('\0').filter(Boolean);
  }

  async applyPatch(patchFile: string, toIndex: boolean): Promise<void> {
    await this.git.raw([
      'apply',
      '--verbose',
      '--binary',
      '--whitespace=nowarn',
      ...(toIndex ? ['--index'] : []),
      patchFile,
    ]);
  }

  async headAndStore(): Promise<Head & { objects: string; shallow: string }> {
    let head = this.knownHead;
    let common = this.dirs?.commonDir;
    if (!head || !common) {
      const [commonDir = '', sha = '', name = ''] = (
        await this.git.raw(['rev-parse', '--git-common-dir', 'HEAD', '--abbrev-ref', 'HEAD'])
      ).split('\n');
      common = path.resolve(this.dir, commonDir.trim());
      head = headOf(sha, name);
    }
    // The copy starts here and Codex runs next: from now on HEAD is read from git, never remembered.
    this.knownHead = undefined;
    this.remembersHead = false;
    return { ...head, objects: path.join(common, 'objects'), shallow: path.join(common, 'shallow') };
  }

  async changedSince(base: string): Promise<ChangedFile[]> {
    return parseRawDiff(await this.git.raw(changeListing(`${base}...HEAD`)));
  }

  async unifiedDiffSince(base: string): Promise<string> {
    return this.git.raw([
      '-c',
      'core.quotePath=false',
      'diff',
      ...DIFF_WITHOUT_PROGRAMS,
      '--no-color',
      `${base}...HEAD`,
      '--',
    ]);
  }

  async stagedBlob(file: string): Promise<Buffer> {
    return this.git.binaryCatFile(['blob', `:${file}`]);
  }

  async commit(message: string, author: Identity): Promise<string> {
    const identity = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    this.knownHead = undefined;
    const args = [...FULL_IDS, 'commit', '--no-verify', '--cleanup=verbatim', '-m', message];
    return commitIdOf(await this.instance({ env: identity }).raw(args)) ?? this.headSha();
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
    // Fails with no HEAD yet or a configuration git cannot read: credentials.ts then finds the files its own way.
    const located = await this.git.raw(LOCATE_WITH_HEAD).then(locationOf, () => undefined);
    this.dirs = located?.dirs;
    if (this.remembersHead) this.knownHead = located?.head;
    return hideCheckoutCredentials(this.dir, this.dirs);
  }

  filterPassThroughs(): readonly string[] {
    return this.passThroughs;
  }

  /** Fetches one refspec from origin, never a tag or a submodule; HEAD is read from git again after it. */
  private async fetch(auth: PushAuth, refspec: string): Promise<void> {
    this.knownHead = undefined;
    await this.withAuth(auth).raw(['fetch', '--no-tags', '--no-recurse-submodules', 'origin', refspec]);
  }

  /**
   * A git instance of its own that sends the token as an HTTP header to the server's origin only, through the
   * environment; only this instance may pass configuration through the environment (GIT_CONFIG_COUNT).
   */
  private withAuth(auth: PushAuth): SimpleGit {
    if (!auth.token || !/^https?:/.test(auth.serverUrl)) return this.git;
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${auth.token}`).toString('base64')}`;
    return this.instance({
      env: {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `http.${auth.serverUrl.replace(/\/+$/, '')}/.extraheader`,
        GIT_CONFIG_VALUE_0: header,
      },
      unsafe: { allowUnsafeConfigEnvCount: true },
    });
  }

  /** A fresh hardened instance: simple-git's env() changes the instance it is called on, so none is shared. */
  private instance(options: Omit<HardenedOptions, 'passThroughs'> = {}): SimpleGit {
    return hardenedGit(this.dir, this.location, { passThroughs: this.passThroughs, ...options });
  }
}
