// Owns the disposable copy of the checkout that Codex works in, and bringing the policed patch back.
// Codex never works in GITHUB_WORKSPACE: it gets a fresh work tree under the run's own directory in RUNNER_TEMP,
// whose repository (index, HEAD, config) lives beside it, out of reach of Codex's commands, and reads objects from
// the checkout's store without ever writing there. What earlier steps left in the checkout without committing it
// (node_modules/, build output, an .env file) is linked into the copy, so Codex's commands can use it, but the
// links lead to the originals, which Codex's sandbox lets it read and never write.
// Must never: let a file, directory, nested repository, index entry, git config or hook of the copy reach the
// checkout; the only way back is applyPolicedPatch(), with a patch the diff policy passed.
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fail, getErrorMessage, ok } from '../errors.js';
import type { Result } from '../errors.js';
import type { Git } from '../git/git.js';
import { initCopyRepository } from '../git/copy-repository.js';

export interface WorkspaceCopy {
  /** The work tree Codex gets as its working directory. */
  readonly dir: string;
  /** The copy's repository, outside `dir`: the environment Codex gets points git there. */
  readonly gitDir: string;
  /** A temporary directory of Codex's own, the only other place its commands may write. */
  readonly tmpDir: string;
  /** Git, hardened, on the copy. */
  readonly git: Git;
  /** What was linked in from the checkout (relative paths, `dir/` for a directory); never part of the change. */
  readonly links: string[];
  /** Removes the copy; safe to call more than once, and whatever Codex did to the permissions inside it. */
  remove(): Promise<void>;
}

/**
 * Makes the copy under `root` (a directory the action owns, outside the workspace) at the checkout's HEAD.
 * `checkout` must already be on the commit Codex should start from.
 */
export async function createWorkspaceCopy(checkout: Git, root: string): Promise<WorkspaceCopy> {
  await removeTree(root);
  const dir = path.join(root, 'work');
  const gitDir = path.join(root, 'repository');
  const tmpDir = path.join(root, 'tmp');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.mkdir(tmpDir, { recursive: true, mode: 0o700 });
  const source = await checkout.headAndStore();
  const git = await initCopyRepository({
    gitDir,
    workTree: dir,
    objects: source.objects,
    shallow: source.shallow,
    commit: source.sha,
    branch: source.branch,
  });
  const links = await linkUncommittedEntries(checkout, dir);
  // The links are the checkout's, not Codex's change: git in the copy (the action's and Codex's) ignores them.
  // Without a trailing slash, as git sees a link to a directory as a file.
  await fs.mkdir(path.join(gitDir, 'info'), { recursive: true });
  await fs.writeFile(
    path.join(gitDir, 'info', 'exclude'),
    links.map((entry) => `/${escapeExcludePattern(entry.replace(/\/$/, ''))}`).join('\n') + '\n',
  );
  if (links.length > 0)
    core.info(
      `Linked ${links.length} untracked or ignored ${links.length === 1 ? 'entry' : 'entries'} of the checkout into Codex's copy, read-only (${links.slice(0, 5).join(', ')}${links.length > 5 ? ', …' : ''}).`,
    );
  return { dir, gitDir, tmpDir, git, links, remove: () => removeTree(root) };
}

/**
 * Links each untracked or ignored entry of the checkout (a whole directory as one link) into the copy. A
 * relative link would let Codex's commands follow it within the copy; an absolute one leads to the original,
 * outside every directory the sandbox lets them write.
 */
async function linkUncommittedEntries(checkout: Git, copyDir: string): Promise<string[]> {
  const entries = (await checkout.untracked({ withIgnored: true, collapse: true })).sort();
  const linked: string[] = [];
  for (const entry of entries) {
    const relative = entry.replace(/\/$/, '');
    if (!relative || relative.split('/').some((part) => part === '..' || part === '.git')) continue;
    const target = path.join(copyDir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.symlink(path.join(checkout.dir, relative), target);
    linked.push(entry);
  }
  return linked;
}

/** A path as a gitignore pattern that matches exactly that path: every special character escaped. */
function escapeExcludePattern(entry: string): string {
  return entry.replace(/[\\*?[\]!# ]/g, (character) => `\\${character}`);
}

/**
 * Brings the policed patch back into the checkout: into the work tree and the index when it will be committed,
 * into the work tree only when it is handed on as a patch. The checkout is at the commit the copy started
 * from, so the patch applies exactly or not at all.
 */
export async function applyPolicedPatch(checkout: Git, patchFile: string, stage: boolean): Promise<Result<void>> {
  try {
    await checkout.applyPatch(patchFile, stage);
    return ok(undefined);
  } catch (error) {
    return fail(getErrorMessage(error).trim().split('\n').slice(-3).join(' '));
  }
}

/**
 * Removes a directory tree that hostile code wrote: links are removed, never followed, and directories whose
 * permissions Codex took away are given back to their owner first.
 */
export async function removeTree(root: string): Promise<void> {
  try {
    await fs.rm(root, { recursive: true, force: true });
    return;
  } catch {
    // A directory without write or execute permission: give them back below, then remove again.
  }
  await restoreOwnerPermissions(root);
  await fs.rm(root, { recursive: true, force: true });
}

async function restoreOwnerPermissions(dir: string): Promise<void> {
  const stat = await fs.lstat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) return;
  await fs.chmod(dir, 0o700).catch(() => undefined);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) await restoreOwnerPermissions(path.join(dir, name));
}
