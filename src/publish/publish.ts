// Owns turning the staged change into the published result, by mode:
// `pull-request` commits on a new branch, pushes it, and opens a pull request (or, for a follow-up on a
// pull request the action opened, pushes a new commit to that pull request's branch);
// `commit` commits and pushes to the branch that was checked out (never the default branch);
// `patch` pushes nothing (the patch was already written when the changes were collected).
// The branch is always pushed before the pull request is created, so a failed API call loses nothing.
// With `commit-signing: api` GitHub's API makes the commit instead of a push (api-commit.ts), same branches.
// Must never: force-push, push to the default branch, or push anything in `patch` mode.
import * as core from '@actions/core';
import { getErrorMessage } from '../errors.js';
import type { GitHubClient, NewPullRequest, PullRequestRef } from '../github.js';
import type { CodexFacts, CommittedOutcome, FailedOutcome, PatchOutcome, PullRequestOutcome } from '../outcome.js';
import { inertLog } from '../report/inert-log.js';
import type { Redactor } from '../report/redact.js';
import type { CommitSigning, Identity, PublishMode } from '../settings.js';
import type { Task } from '../task/task.js';
import type { ChangedFile, Git, PushAuth } from '../git/git.js';
import type { WorkspacePlan } from '../workspace/prepare.js';
import { commitMessage, pullRequestBody, taskTitle, workBranchName } from './naming.js';
import { SIGNING_HINT, commitThroughApi, rejectedForSignature } from './api-commit.js';

export interface PublishInput {
  git: Git;
  github: Pick<
    GitHubClient,
    | 'findOpenPullRequest'
    | 'createPullRequest'
    | 'updatePullRequest'
    | 'addLabels'
    | 'requestReviewers'
    | 'createBranch'
    | 'createCommitOnBranch'
  >;
  task: Task;
  plan: WorkspacePlan;
  mode: PublishMode;
  /** 'api': GitHub's API makes (and signs) the commit instead of a git push. Default 'git'. */
  commitSigning?: CommitSigning;
  draft: boolean;
  author: Identity;
  branchPrefix: string;
  labels: string[];
  reviewers: string[];
  finalMessage: string;
  patchPath: string;
  auth: PushAuth;
  run: { id: string; attempt: string; url: string; repoUrl: string };
  /** Scrubs secrets from the commit message and the pull request's title and body. */
  redact: Redactor;
}

export type Published = PullRequestOutcome | CommittedOutcome | PatchOutcome | FailedOutcome;

/** What every published outcome carries: the change, where its patch is kept, and Codex's description of it. */
type PublishBase = CodexFacts & { patchPath: string };

export async function publish(input: PublishInput, files: ChangedFile[]): Promise<Published> {
  const { plan, mode } = input;
  const base: PublishBase = { changedFiles: files, patchPath: input.patchPath, finalMessage: input.finalMessage };

  if (mode === 'patch') return { ...base, conclusion: 'patch' };
  if (mode === 'commit') return commitToCheckedOutBranch(input, base, files);
  if (plan.followUp && plan.workBranch) {
    inertLog.info(
      `Continuing pull request #${plan.followUp.number}: adding a commit to '${plan.workBranch}' instead of opening another pull request.`,
    );
    const outcome = await commitToCheckedOutBranch(input, base, files);
    return outcome.conclusion === 'committed' ? { ...outcome, pullRequest: plan.followUp } : outcome;
  }
  return openPullRequest(input, base, files);
}

/** Commits the staged change and puts it on `branch` on GitHub: a commit and a push, or a commit GitHub's API makes. */
async function commitAndPublish(
  input: PublishInput,
  branch: string,
  newBranch: boolean,
  files: ChangedFile[],
): Promise<{ ok: true; commitSha: string } | { ok: false; commitSha?: string; error: string; hint?: string }> {
  const message = input.redact(commitMessage(input.task, input.run.url));
  if (input.commitSigning === 'api') {
    const made = await commitThroughApi({
      git: input.git,
      github: input.github,
      branch,
      newBranch,
      message,
      files,
      patchPath: input.patchPath,
    });
    return made.ok
      ? { ok: true, commitSha: made.value }
      : {
          ok: false,
          error: made.error,
          hint: 'The patch is kept; apply it by hand, or ask again without the parts the API cannot carry.',
        };
  }
  const commitSha = await input.git.commit(message, input.author);
  const pushed = await input.git.push(branch, input.auth);
  if (pushed.ok) return { ok: true, commitSha };
  return {
    ok: false,
    commitSha,
    error: `the push ${newBranch ? 'of' : 'to'} '${branch}' was rejected: ${pushed.error}`,
    hint: rejectedForSignature(pushed.error) ? SIGNING_HINT : undefined,
  };
}

async function commitToCheckedOutBranch(
  input: PublishInput,
  base: PublishBase,
  files: ChangedFile[],
): Promise<CommittedOutcome | FailedOutcome> {
  const branch = input.plan.workBranch;
  if (!branch || branch === input.plan.defaultBranch) {
    return {
      ...base,
      conclusion: 'failed',
      reason: `mode 'commit' pushes to the checked-out branch, and that is ${branch ? `the default branch '${branch}'` : 'no branch (a detached HEAD)'}, which the action never pushes to.`,
      hint: "Use mode 'pull-request', or run on a pull request or a feature branch.",
    };
  }
  const made = await commitAndPublish(input, branch, false, files);
  if (!made.ok) {
    return {
      ...base,
      conclusion: 'failed',
      commitSha: made.commitSha,
      reason: made.error,
      hint:
        made.hint ??
        'Someone may have pushed to the branch meanwhile, or it is protected; apply the kept patch by hand or ask again.',
    };
  }
  return { ...base, conclusion: 'committed', branch, commitSha: made.commitSha };
}

async function openPullRequest(
  input: PublishInput,
  base: PublishBase,
  files: ChangedFile[],
): Promise<PullRequestOutcome | FailedOutcome> {
  const { git, task, plan } = input;
  const branch = workBranchName(input.branchPrefix, task.thread?.number, input.run.id, input.run.attempt);
  const invalidName: FailedOutcome = {
    ...base,
    conclusion: 'failed',
    reason: `'${branch}' is not a valid branch name.`,
    hint: "Change the 'branch-prefix' input.",
  };
  if (branch === plan.defaultBranch) return invalidName;
  try {
    await git.createBranch(branch);
  } catch (error) {
    // git refuses to create what check-ref-format refuses; only then is the name asked about, to say why.
    if (!(await git.isValidBranchName(branch))) return invalidName;
    throw error;
  }
  const made = await commitAndPublish(input, branch, true, files);
  if (!made.ok)
    return {
      ...base,
      conclusion: 'failed',
      commitSha: made.commitSha,
      reason: made.error,
      hint: made.hint ?? 'Check branch protection rules for the branch prefix.',
    };
  const { commitSha } = made;

  const compareUrl = `${input.run.repoUrl}/compare/${encodeURIComponent(plan.baseBranch)}...${encodeURIComponent(branch)}?expand=1`;
  const pull: NewPullRequest = {
    title: input.redact(taskTitle(task)),
    body: input.redact(pullRequestBody({ task, finalMessage: input.finalMessage, files, runUrl: input.run.url })),
    head: branch,
    base: plan.baseBranch,
    draft: input.draft,
  };
  let opened: PullRequestRef & { updated: boolean };
  try {
    opened = await createOrUpdatePullRequest(input.github, pull);
  } catch (error) {
    return {
      ...base,
      conclusion: 'failed',
      branch,
      commitSha,
      reason: `the branch '${branch}' was pushed, but the pull request could not be opened: ${getErrorMessage(error)}`,
      hint: `Open it from ${compareUrl}${actionsMayNotOpenPullRequests(error) ? ` ${ALLOW_ACTIONS_PULL_REQUESTS}` : ''}`,
    };
  }
  await decorate(input, opened.number);
  return {
    ...base,
    conclusion: 'pull-request',
    branch,
    commitSha,
    pullRequest: { url: opened.url, number: opened.number },
    prUpdated: opened.updated,
  };
}

/** GitHub's 403 when the repository (or its organisation) does not let the GITHUB_TOKEN open pull requests. */
function actionsMayNotOpenPullRequests(error: unknown): boolean {
  return /not permitted to create or approve pull requests/i.test(getErrorMessage(error));
}

const ALLOW_ACTIONS_PULL_REQUESTS =
  'To let the action open pull requests, turn on Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests" (for an organisation, in its settings first), or give the action a `github-token` that may: a fine-grained personal access token or a GitHub App token (actions/create-github-app-token) with pull-requests: write and contents: write.';

/**
 * Creates the pull request; when GitHub answers that one already exists for this head (a retried request
 * that had in fact succeeded, or a re-run), that one is updated instead. Idempotent.
 */
export async function createOrUpdatePullRequest(
  github: PublishInput['github'],
  pull: NewPullRequest,
): Promise<PullRequestRef & { updated: boolean }> {
  try {
    return { ...(await github.createPullRequest(pull)), updated: false };
  } catch (error) {
    if (!/already exists/i.test(getErrorMessage(error))) throw error;
    const existing = await github.findOpenPullRequest(pull.head, pull.base);
    if (!existing) throw error;
    await github.updatePullRequest(existing.number, { title: pull.title, body: pull.body });
    return { ...existing, updated: true };
  }
}

/** Labels and review requests are extras: a failure is a warning, never a failed run. */
async function decorate(input: PublishInput, number: number): Promise<void> {
  const reviewers = [...new Set(input.reviewers)].filter((login) => login.toLowerCase() !== 'github-actions[bot]');
  const extras: Array<[string, () => Promise<void>]> = [];
  if (input.labels.length > 0)
    extras.push([`add labels ${input.labels.join(', ')}`, () => input.github.addLabels(number, input.labels)]);
  if (reviewers.length > 0)
    extras.push([
      `request reviews from ${reviewers.join(', ')}`,
      () => input.github.requestReviewers(number, reviewers),
    ]);
  for (const [what, action] of extras) {
    try {
      await action();
    } catch (error) {
      core.warning(`Could not ${what} on pull request #${number}: ${getErrorMessage(error)}`);
    }
  }
}
