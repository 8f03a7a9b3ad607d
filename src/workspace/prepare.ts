// Owns putting the checkout on the right commit before Codex starts, and deciding where the result goes:
// a comment on a pull request works on that pull request's head (a fork's head only as detached data);
// anything else on the base branch. It also names the trusted commit whose AGENTS.md Codex may follow.
// It must never check out a fork's commit other than the head the gate accepted.
import { ActionError } from '../errors.js';
import type { PullRequestInfo } from '../github.js';
import type { Settings } from '../settings.js';
import type { Git, PushAuth } from '../git/git.js';

export interface WorkspacePlan {
  defaultBranch: string;
  /** The branch a new pull request targets. */
  baseBranch: string;
  /** The branch checked out for Codex; `mode: commit` pushes here. Undefined for a fork's detached head. */
  workBranch: string | undefined;
  /** A commit of the base branch, never of a contributor's head: project instructions are read from it. */
  trustedRef: string;
  /** Set when new commits go to the pull request's branch instead of a new pull request. */
  followUp: { number: number; url: string } | undefined;
}

export interface PrepareInput {
  git: Git;
  /** The pull request the task was asked on, if any (already checked by the gate). */
  pull: PullRequestInfo | undefined;
  isFork: boolean;
  settings: Pick<Settings, 'baseBranch'>;
  /**
   * Whether new commits go to the pull request's own branch: a follow-up on a pull request this action
   * opened, or a review comment on a line of the pull request.
   */
  continuesPullRequest: boolean;
  defaultBranch: string;
  auth: PushAuth;
}

export async function prepareWorkspace({
  git,
  pull,
  isFork,
  settings,
  defaultBranch,
  auth,
  continuesPullRequest,
}: PrepareInput): Promise<WorkspacePlan> {
  if (pull) {
    await git.fetchBranch(pull.baseRef, auth);
    const trustedRef = `refs/remotes/origin/${pull.baseRef}`;
    if (isFork) {
      // The gate accepted pull.headSha as the head the requester saw (gate.ts, checkForkHead). refs/pull/N/head
      // is whatever the fork holds now: a commit pushed since is not checked out, and nothing runs on it.
      const fetched = await git.fetchPullHead(pull.number, auth);
      if (fetched !== pull.headSha) {
        throw new ActionError(
          `the head of pull request #${pull.number} is now ${fetched.slice(0, 12)}, not ${pull.headSha.slice(0, 12)}, the head the request was made on: a commit was pushed after the request, so the action will not work on it.`,
          'Look at the new commits, then ask again.',
        );
      }
      // Nothing is ever pushed to a fork: its head is checked out detached and the result goes to a new branch here.
      await git.checkoutDetached(fetched);
      return {
        defaultBranch,
        baseBranch: settings.baseBranch ?? pull.baseRef,
        workBranch: undefined,
        trustedRef,
        followUp: undefined,
      };
    }
    const head = await git.head();
    if (head.branch !== pull.headRef || head.sha !== pull.headSha) {
      await git.fetchBranch(pull.headRef, auth);
      await git.checkoutRemoteBranch(pull.headRef);
    }
    const followUp = continuesPullRequest ? { number: pull.number, url: pull.url } : undefined;
    return {
      defaultBranch,
      baseBranch: settings.baseBranch ?? pull.headRef,
      workBranch: pull.headRef,
      trustedRef,
      followUp,
    };
  }

  const baseBranch = settings.baseBranch ?? defaultBranch;
  const head = await git.head();
  if (settings.baseBranch !== undefined && head.branch !== baseBranch) {
    await git.fetchBranch(baseBranch, auth);
    await git.checkoutRemoteBranch(baseBranch);
    return { defaultBranch, baseBranch, workBranch: baseBranch, trustedRef: await git.headSha(), followUp: undefined };
  }
  return { defaultBranch, baseBranch, workBranch: head.branch, trustedRef: head.sha, followUp: undefined };
}
