// Owns one question asked before the action acknowledges a task: is there a checkout to work on?
// The action works on the repository that actions/checkout put in GITHUB_WORKSPACE; without it every later
// stage fails with git's own "not a git repository", after the eyes and the tracking comment promised work.
// Must never: run git or touch the workspace (this is a look, not an operation).
import fs from 'node:fs';
import path from 'node:path';
import { ActionError } from '../errors.js';

/** Throws an ActionError naming the missing step when `workspace` holds no repository at its root. */
export function ensureCheckout(workspace: string): void {
  // actions/checkout leaves `.git` (a directory, or a file for worktrees and submodules) at the path it checks out to.
  if (fs.existsSync(path.join(workspace, '.git'))) return;
  throw new ActionError(
    `the workspace (${path.basename(workspace) || workspace}) is not a git repository: the job has no \`actions/checkout\` step before this action, or checks out into a sub-directory with \`path:\`.`,
    'Add `- uses: actions/checkout@v5` (without `path:`) as a step before codex-task-action in the workflow file.',
  );
}
