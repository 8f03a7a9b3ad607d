// Owns the life of Codex's working space for one run, the same for a task and a review: the checkout's persisted
// credentials out of reach for the whole of it, the run's own directory in RUNNER_TEMP, a disposable copy of the
// checkout Codex works in, and, whatever happened, nothing Codex started left running, the copy removed and the
// credentials put back. The post step removes the scratch directory too when this process could not.
// Must never: let Codex work in the checkout itself, or return before the copy is gone and the credentials are back.
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { existingRunMarker } from '../child-env.js';
import { getErrorMessage } from '../errors.js';
import type { RunnerContext } from '../runner.js';
import type { Settings } from '../settings.js';
import { stage } from '../stage.js';
import type { WorkspaceCopy } from '../workspace/copy.js';
import { createWorkspaceCopy, removeTree } from '../workspace/copy.js';
import type { Git, GitFactory } from '../git/git.js';
import type { CodexEventListener } from './events.js';
import { sweepRunProcesses } from './process-tree.js';
import type { CodexStageResult } from './run.js';
import { runCodexTask } from './run.js';
import type { CodexSessionFactory } from './session.js';

export interface CodexWorkspace {
  /** Git on the checkout (its credentials hidden until the workspace closes). */
  git: Git;
  /** Copies the checkout and runs Codex in the copy, as the log stage `name`; nothing Codex started outlives it. */
  runCodex(request: {
    name: string;
    settings: Settings;
    input: { prompt: string; instructions: string };
    outputSchema?: Record<string, unknown>;
  }): Promise<{ result: CodexStageResult; copy: WorkspaceCopy }>;
}

export interface CodexWorkspaceOptions {
  runner: Pick<RunnerContext, 'runnerTemp' | 'runId' | 'runAttempt' | 'workspace' | 'toolCache'>;
  createGit: GitFactory;
  startCodex: CodexSessionFactory;
  onEvent: CodexEventListener;
}

/** The action's own directory for this run, outside the workspace. */
export function runStateDir(runner: Pick<RunnerContext, 'runnerTemp' | 'runId' | 'runAttempt'>): string {
  return path.join(runner.runnerTemp, `codex-task-action-${runner.runId}-${runner.runAttempt}`);
}

export async function withCodexWorkspace<T>(
  options: CodexWorkspaceOptions,
  work: (space: CodexWorkspace) => Promise<T>,
): Promise<T> {
  const stateDir = runStateDir(options.runner);
  // Everything of Codex's (its copy, its CODEX_HOME, its temporary directory) lives here and goes at the end.
  const scratchDir = path.join(stateDir, 'scratch');
  const git = await options.createGit(options.runner.workspace);
  const restoreCredentials = await git.hideCredentials();
  let copy: WorkspaceCopy | undefined;
  const sweep = (): number => sweepRunProcesses({ marker: existingRunMarker(), dirs: [scratchDir] });
  try {
    return await work({
      git,
      async runCodex({ name, settings, input, outputSchema }) {
        await fs.mkdir(stateDir, { recursive: true });
        core.saveState('scratch-dir', scratchDir);
        const workCopy = await stage('Copy the checkout for Codex', () => createWorkspaceCopy(git, scratchDir));
        copy = workCopy;
        const result = await stage(name, () =>
          runCodexTask({
            settings,
            prompt: input.prompt,
            instructions: input.instructions,
            copy: { workTree: workCopy.dir, gitDir: workCopy.gitDir, tmpDir: workCopy.tmpDir },
            // Codex's git reads the copy's repository, whose drivers were read as the copy was made, right before
            // this Codex starts; the checkout's, read as the workspace opened, are passed through as well.
            gitOverrides: [...new Set([...git.filterPassThroughs(), ...workCopy.git.filterPassThroughs()])],
            toolCache: options.runner.toolCache,
            stateDir: scratchDir,
            startSession: options.startCodex,
            onEvent: options.onEvent,
            outputSchema,
          }),
        );
        // Nothing Codex started may go on changing the copy while its change is read, or outlive the run.
        sweep();
        return { result, copy: workCopy };
      },
    });
  } finally {
    sweep();
    await (copy?.remove() ?? removeTree(scratchDir)).catch((error: unknown) =>
      core.warning(`Codex's copy of the checkout at ${scratchDir} could not be removed: ${getErrorMessage(error)}`),
    );
    await restoreCredentials();
  }
}
