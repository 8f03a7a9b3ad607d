// Owns what the post step does after a run that started something: kill every process the run left (found by
// the run marker and by working directory inside the scratch directory), put the checkout's credentials back
// from the vault when the main step could not, and remove the scratch directory.
// Must never: remove or chmod anything but a RUNNER_TEMP/codex-task-action-* directory (or one below it), follow a symlink out of the scratch directory,
// restore from a vault that does not decrypt under the github-token input, or fail the job (it only warns).
import * as core from '@actions/core';
import fs from 'node:fs';
import path from 'node:path';
import { getErrorMessage } from './errors.js';
import { sweepRunProcesses } from './codex/process-tree.js';
import { restoreFromVault } from './git/credentials.js';

export interface SavedState {
  /** `run-marker`: the value of CODEX_TASK_ACTION_RUN on every child of the run. */
  runMarker: string;
  /** `credentials-vault`: the encrypted record of the hidden credentials, directly in RUNNER_TEMP. */
  vault: string;
  /** `scratch-dir`: the run's disposable directory: RUNNER_TEMP/codex-task-action-*, or a directory below one. */
  scratchDir: string;
}

export async function cleanUpAfterRun(saved: SavedState): Promise<void> {
  const runnerTemp = process.env.RUNNER_TEMP ?? '';
  const scratchDir =
    saved.scratchDir && isScratchDir(saved.scratchDir, runnerTemp) ? path.resolve(saved.scratchDir) : undefined;
  if (saved.scratchDir && !scratchDir)
    core.warning(
      `The saved scratch-dir '${saved.scratchDir}' is not a codex-task-action-* directory inside RUNNER_TEMP; it is left alone.`,
    );
  // Processes first: nothing of the run may be alive to read the credentials once they are back.
  try {
    const killed = sweepRunProcesses({ marker: saved.runMarker || undefined, dirs: scratchDir ? [scratchDir] : [] });
    if (killed > 0) core.info(`Stopped ${killed} process(es) the run had left running.`);
  } catch (error) {
    core.warning(`Could not look for processes the run left running: ${getErrorMessage(error)}`);
  }
  if (saved.vault) {
    try {
      core.info(`Credentials: ${restoreFromVault(saved.vault, { runnerTemp, token: core.getInput('github-token') })}`);
    } catch (error) {
      core.warning(`Could not put the persisted credentials back: ${getErrorMessage(error)}`);
    }
  }
  if (scratchDir) {
    try {
      removeScratchDir(scratchDir);
    } catch (error) {
      core.warning(`Could not remove the scratch directory ${scratchDir}: ${getErrorMessage(error)}`);
    }
  }
}

/**
 * True when `dir` is strictly below `root` (both absolute), in a first-level directory named
 * `codex-task-action-*`, with no symlink on the way: the state file is written by the runner from what the main
 * step said, and a scratch-dir naming anything else is not the action's to remove.
 */
export function isScratchDir(dir: string, root: string): boolean {
  if (!root || !path.isAbsolute(dir) || !path.isAbsolute(root)) return false;
  const resolved = path.resolve(dir);
  const base = path.resolve(root);
  const relative = path.relative(base, resolved);
  if (
    !relative ||
    relative.startsWith('..') ||
    path.isAbsolute(relative) ||
    !relative.split(path.sep)[0]?.startsWith('codex-task-action-')
  )
    return false;
  try {
    const parent = fs.realpathSync(path.dirname(resolved));
    const realBase = fs.realpathSync(base);
    return parent === realBase || parent.startsWith(`${realBase}${path.sep}`);
  } catch {
    // The parent is gone, so is the directory.
    return true;
  }
}

/**
 * Removes the directory and everything in it. Codex's commands may have left directories without write or
 * execute permission, so every real directory is made the owner's first; symlinks are removed, never followed.
 */
export function removeScratchDir(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return;
  }
  if (stat.isDirectory()) makeRemovable(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  core.info(`Removed the scratch directory ${dir}.`);
}

function makeRemovable(dir: string): void {
  try {
    fs.chmodSync(dir, 0o700);
  } catch {
    // Not ours to change; the removal below says so if it matters.
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  // withFileTypes reports a symlink as a symlink, so the walk never leaves the directory.
  for (const entry of entries) if (entry.isDirectory()) makeRemovable(path.join(dir, entry.name));
}
