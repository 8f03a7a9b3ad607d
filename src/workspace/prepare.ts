// Owns putting the checkout on the right branch before Codex starts, and deciding where the result goes:
// a comment on a pull request works on that pull request's head branch; anything else on the base branch.
import type { GitHubClient } from '../github.js';
import { ActionError } from '../errors.js';
import type { Settings } from '../settings.js';
import type { Task } from '../task/task.js';
import type { Git, PushAuth } from './git.js';

export interface WorkspacePlan {
  defaultBranch: string;
  /** The branch a new pull request targets. */
  baseBranch: string;
  /** The branch checked out for Codex; `mode: commit` pushes here. */
  workBranch: string | undefined;
}

export interface PrepareInput {
  git: Git;
  github: Pick<GitHubClient, 'getDefaultBranch' | 'getPullRequest'>;
  task: Task;
  settings: Pick<Settings, 'baseBranch'>;
  repository: { owner: string; repo: string; defaultBranch: string | undefined };
  auth: PushAuth;
}

export async function prepareWorkspace({ git, github, task, settings, repository, auth }: PrepareInput): Promise<WorkspacePlan> {
  const defaultBranch = repository.defaultBranch ?? (await github.getDefaultBranch());

  if (task.thread?.isPullRequest) {
    const pull = await github.getPullRequest(task.thread.number);
    if (pull.headRepo !== `${repository.owner}/${repository.repo}`) {
      throw new ActionError(
        `Pull request #${pull.number} comes from the fork ${pull.headRepo ?? '(deleted)'}; the action does not run on fork branches.`,
        'Ask for the change on an issue instead, or push the branch to this repository.',
      );
    }
    if (pull.state !== 'open') {
      throw new ActionError(`Pull request #${pull.number} is ${pull.state}.`, 'Reopen it, or ask on an issue.');
    }
    if ((await git.currentBranch()) !== pull.headRef || (await git.headSha()) !== pull.headSha) {
      await git.fetchBranch(pull.headRef, auth);
      await git.checkoutRemoteBranch(pull.headRef);
    }
    return { defaultBranch, baseBranch: settings.baseBranch ?? pull.headRef, workBranch: pull.headRef };
  }

  const baseBranch = settings.baseBranch ?? defaultBranch;
  const current = await git.currentBranch();
  if (settings.baseBranch !== undefined && current !== baseBranch) {
    await git.fetchBranch(baseBranch, auth);
    await git.checkoutRemoteBranch(baseBranch);
    return { defaultBranch, baseBranch, workBranch: baseBranch };
  }
  return { defaultBranch, baseBranch, workBranch: current };
}
