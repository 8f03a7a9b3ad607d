// Owns turning the working tree Codex left behind into the published result, by mode:
// `pull-request` commits on a new branch, pushes it, and opens (or updates) a pull request;
// `commit` commits and pushes to the branch that was checked out (never the default branch);
// `patch` writes the diff to a file and pushes nothing.
// The patch is always written first, so a failed push or API call never loses the work.
// Must never: force-push, push to the default branch, or push anything in `patch` mode.
import { getErrorMessage } from '../errors.js';
import type { GitHubClient } from '../github.js';
import type { RunOutcome } from '../outcome.js';
import type { PublishMode } from '../settings.js';
import type { Task } from '../task/task.js';
import type { ChangedFile, Git, PushAuth } from '../workspace/git.js';
import type { WorkspacePlan } from '../workspace/prepare.js';
import { commitMessage, pullRequestBody, taskTitle, workBranchName } from './naming.js';
import type { Identity } from '../settings.js';
import type { Redactor } from '../report/redact.js';

export interface PublishInput {
  git: Git;
  github: Pick<GitHubClient, 'findOpenPullRequest' | 'createPullRequest' | 'updatePullRequest'>;
  task: Task;
  plan: WorkspacePlan;
  mode: PublishMode;
  draft: boolean;
  author: Identity;
  branchPrefix: string;
  finalMessage: string;
  patchPath: string;
  auth: PushAuth;
  run: { id: string; attempt: string; url: string; repoUrl: string };
  /** Scrubs secrets from the commit message and the pull request's title and body. */
  redact: Redactor;
}

export async function publish(input: PublishInput, files: ChangedFile[]): Promise<RunOutcome> {
  const { git, task, plan, mode, patchPath } = input;
  const base: RunOutcome = { conclusion: 'failed', changedFiles: files, patchPath, finalMessage: input.finalMessage };

  if (mode === 'patch') return { ...base, conclusion: 'patch' };

  if (mode === 'commit') {
    const branch = plan.workBranch;
    if (!branch || branch === plan.defaultBranch) {
      return {
        ...base,
        reason: `mode 'commit' pushes to the checked-out branch, and that is ${branch ? `the default branch '${branch}'` : 'no branch (a detached HEAD)'}, which the action never pushes to.`,
        hint: "Use mode 'pull-request', or run on a pull request or a feature branch.",
      };
    }
    const commitSha = await git.commit(input.redact(commitMessage(task, input.run.url)), input.author);
    const pushed = await git.push(branch, input.auth);
    if (!pushed.ok) return { ...base, commitSha, reason: `the push to '${branch}' was rejected: ${pushed.error}` };
    return { ...base, conclusion: 'committed', branch, commitSha };
  }

  const branch = workBranchName(input.branchPrefix, task.thread?.number, input.run.id, input.run.attempt);
  if (!(await git.isValidBranchName(branch)) || branch === plan.defaultBranch) {
    return { ...base, reason: `'${branch}' is not a valid branch name.`, hint: "Change the 'branch-prefix' input." };
  }
  await git.createBranch(branch);
  const commitSha = await git.commit(input.redact(commitMessage(task, input.run.url)), input.author);
  const pushed = await git.push(branch, input.auth);
  if (!pushed.ok) return { ...base, commitSha, reason: `the push of '${branch}' was rejected: ${pushed.error}` };

  const compareUrl = `${input.run.repoUrl}/compare/${encodeURIComponent(plan.baseBranch)}...${encodeURIComponent(branch)}?expand=1`;
  const title = input.redact(taskTitle(task));
  const body = input.redact(pullRequestBody({ task, finalMessage: input.finalMessage, files, runUrl: input.run.url }));
  try {
    const existing = await input.github.findOpenPullRequest(branch, plan.baseBranch);
    if (existing) {
      await input.github.updatePullRequest(existing.number, { title, body });
      return { ...base, conclusion: 'pull-request', branch, commitSha, prUrl: existing.url, prNumber: existing.number, prUpdated: true };
    }
    const pull = await input.github.createPullRequest({ title, body, head: branch, base: plan.baseBranch, draft: input.draft });
    return { ...base, conclusion: 'pull-request', branch, commitSha, prUrl: pull.url, prNumber: pull.number, prUpdated: false };
  } catch (error) {
    return {
      ...base,
      branch,
      commitSha,
      compareUrl,
      reason: `the branch '${branch}' was pushed, but the pull request could not be opened: ${getErrorMessage(error)}`,
      hint: `Open it from ${compareUrl}`,
    };
  }
}
