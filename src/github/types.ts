// Owns the vocabulary of the GitHub client: the GitHubClient interface the pipeline calls (and tests replace)
// and the shapes it takes and returns. Types only.
// Must never: carry Octokit's types outward; callers see only these.
import type { PermissionLevel } from '../settings.js';

export type ReactionTarget =
  { kind: 'comment'; id: number } | { kind: 'review-comment'; id: number } | { kind: 'issue'; number: number };
export type ReactionContent = 'eyes' | 'rocket' | 'confused' | '+1' | '-1';

export interface CommentRef {
  id: number;
  url: string;
}

export interface PullRequestRef {
  number: number;
  url: string;
}

export interface PullRequestInfo extends PullRequestRef {
  state: string;
  headRef: string;
  headSha: string;
  /** 'owner/repo' of the head branch; differs from the base repository for forks. */
  headRepo: string | undefined;
  baseRef: string;
  body: string;
}

export interface NewPullRequest {
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
}

export interface GitHubClient {
  getPermission(username: string): Promise<PermissionLevel>;
  getDefaultBranch(): Promise<string>;
  getPullRequest(number: number): Promise<PullRequestInfo>;
  addReaction(target: ReactionTarget, content: ReactionContent): Promise<void>;
  createComment(issueNumber: number, body: string): Promise<CommentRef>;
  updateComment(commentId: number, body: string): Promise<void>;
  findOpenPullRequest(head: string, base: string): Promise<PullRequestRef | undefined>;
  createPullRequest(pull: NewPullRequest): Promise<PullRequestRef>;
  updatePullRequest(number: number, update: { title: string; body: string }): Promise<void>;
  addLabels(issueNumber: number, labels: string[]): Promise<void>;
  requestReviewers(pullNumber: number, reviewers: string[]): Promise<void>;
  /** Comments on an issue or pull request, oldest first, at most `limit`. */
  listComments(issueNumber: number, limit: number): Promise<ThreadComment[]>;
  /** The timeline events of a pull request that change or restore its head (pushes, force pushes), oldest first. */
  listHeadEvents(pullNumber: number): Promise<HeadEvent[]>;
  /** Creates refs/heads/<branch> at `sha` (a commit GitHub already has). */
  createBranch(branch: string, sha: string): Promise<void>;
  /** A commit made by GitHub (and signed by it) on an existing branch, only if the branch is still at `expectedHeadSha`. */
  createCommitOnBranch(commit: ApiCommit): Promise<{ sha: string; url: string }>;
  /** Posts one submitted pull request review (POST /pulls/{n}/reviews). */
  createReview(pullNumber: number, review: NewReview): Promise<PostedReview>;
  /** The reviews of a pull request, oldest first. */
  listReviews(pullNumber: number): Promise<PostedReview[]>;
  /** Replaces a review's summary body (its inline comments stay). */
  updateReview(pullNumber: number, reviewId: number, body: string): Promise<void>;
}

export interface NewReview {
  commitId: string;
  body: string;
  event: 'COMMENT' | 'APPROVE' | 'REQUEST_CHANGES';
  comments: Array<{
    path: string;
    line: number;
    side: 'RIGHT';
    start_line?: number;
    start_side?: 'RIGHT';
    body: string;
  }>;
}

export interface PostedReview {
  id: number;
  url: string;
  author: string;
  body: string;
}

export interface ApiCommit {
  branch: string;
  expectedHeadSha: string;
  headline: string;
  body: string;
  additions: Array<{ path: string; contents: Buffer }>;
  deletions: string[];
}

/** A timeline event that moved a pull request's head, reduced to what the fork head check reads. */
export interface HeadEvent {
  /** `committed`, `head_ref_force_pushed`, `head_ref_restored` or `head_ref_deleted`. */
  event: string;
  /** When GitHub recorded it; `committed` events have none (only the commit's own dates). */
  createdAt: string | undefined;
  /** The commit (`committed`) or the new head (`head_ref_force_pushed`), when GitHub names it. */
  sha: string | undefined;
  /** A `committed` event's committer date: written by whoever made the commit, so it can be forged. */
  committerDate: string | undefined;
}

export interface ThreadComment {
  id: number;
  author: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface GitHubClientOptions {
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
  /** How many times a rate-limited or failed request is retried. */
  retries?: number;
  /** Base of the retry back-off in ms (the n-th retry waits n² times this); tests shorten it. */
  retryBaseMs?: number;
  /** The workflow run: a clipped body says its full text is in this run's log. */
  runUrl?: string;
  /**
   * A task asked in a pull request's review thread: the action's comments on that pull request are
   * replies in the thread, not comments in the pull request's timeline.
   */
  reviewThread?: { pullNumber: number; commentId: number };
}
