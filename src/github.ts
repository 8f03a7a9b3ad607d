// Owns every call the action makes to the GitHub REST API, behind the GitHubClient interface.
// The factory builds Octokit with retries and rate-limit throttling (the retry plugin backs off on 5xx,
// the throttling plugin honours primary and secondary rate limits and retry-after), so callers never retry.
// Tests point it at the REST emulation through GITHUB_API_URL; nothing else here knows about tests.
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { PermissionLevel } from './settings.js';
import { PERMISSION_LEVELS } from './settings.js';

export type ReactionTarget = { kind: 'comment'; id: number } | { kind: 'review-comment'; id: number } | { kind: 'issue'; number: number };
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
  comments: Array<{ path: string; line: number; side: 'RIGHT'; start_line?: number; start_side?: 'RIGHT'; body: string }>;
}

export interface PostedReview {
  id: number;
  url: string;
  author: string;
  body: string;
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

const HEAD_EVENTS = new Set(['committed', 'head_ref_force_pushed', 'head_ref_restored', 'head_ref_deleted']);

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
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const retries = options.retries ?? 2;
  const octokit = getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl,
      // Not request.retries: that makes the retry plugin repeat every error, 404 and 422 included.
      retry: { retries },
      // No API call may hang the run: each attempt gets a deadline of its own.
      request: { fetch: fetchWithDeadline },
      throttle: {
        // The plugin spaces content-creating requests a second or more apart by default, which cost about 3 s
        // of every run for its five writes; they go one at a time without a pause instead. Limits GitHub does
        // hit are still honoured: retry-after and secondary rate limits below.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          core.warning(`GitHub rate limit hit for ${request.method} ${request.url}; retrying in ${retryAfter} s.`);
          return retryCount < retries;
        },
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          core.warning(`GitHub secondary rate limit hit for ${request.method} ${request.url}; retrying in ${retryAfter} s.`);
          return retryCount < retries;
        },
      },
    },
    retry,
    throttling,
  );
  const repo = { owner: options.owner, repo: options.repo };

  return {
    async getPermission(username) {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
      // role_name distinguishes maintain and triage; the legacy `permission` folds them into write and read.
      const role = (data.role_name || data.permission) as string;
      return (PERMISSION_LEVELS as readonly string[]).includes(role) ? (role as PermissionLevel) : 'none';
    },
    async getDefaultBranch() {
      const { data } = await octokit.rest.repos.get(repo);
      return data.default_branch;
    },
    async getPullRequest(number) {
      const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
      return {
        number: data.number,
        url: data.html_url,
        state: data.state,
        headRef: data.head.ref,
        headSha: data.head.sha,
        headRepo: data.head.repo?.full_name,
        baseRef: data.base.ref,
        body: data.body ?? '',
      };
    },
    async addReaction(target, content) {
      if (target.kind === 'comment') {
        await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: target.id, content });
      } else if (target.kind === 'review-comment') {
        await octokit.rest.reactions.createForPullRequestReviewComment({ ...repo, comment_id: target.id, content });
      } else {
        await octokit.rest.reactions.createForIssue({ ...repo, issue_number: target.number, content });
      }
    },
    async createComment(issueNumber, body) {
      const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
      return { id: data.id, url: data.html_url };
    },
    async updateComment(commentId, body) {
      await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body });
    },
    async findOpenPullRequest(head, base) {
      const { data } = await octokit.rest.pulls.list({ ...repo, head: `${options.owner}:${head}`, base, state: 'open', per_page: 1 });
      const pull = data[0];
      return pull ? { number: pull.number, url: pull.html_url } : undefined;
    },
    async createPullRequest(pull) {
      const { data } = await octokit.rest.pulls.create({ ...repo, ...pull });
      return { number: data.number, url: data.html_url };
    },
    async updatePullRequest(number, update) {
      await octokit.rest.pulls.update({ ...repo, pull_number: number, ...update });
    },
    async addLabels(issueNumber, labels) {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels });
    },
    async requestReviewers(pullNumber, reviewers) {
      await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pullNumber, reviewers });
    },
    async listComments(issueNumber, limit) {
      const comments: ThreadComment[] = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })) {
        for (const comment of page.data) {
          comments.push({ id: comment.id, author: comment.user?.login ?? 'ghost', body: comment.body ?? '', createdAt: comment.created_at, updatedAt: comment.updated_at });
        }
        if (comments.length >= limit) break;
      }
      return comments.slice(0, limit);
    },
    async listHeadEvents(pullNumber) {
      const events: HeadEvent[] = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.issues.listEventsForTimeline, { ...repo, issue_number: pullNumber, per_page: 100 })) {
        for (const item of page.data as Array<Record<string, unknown>>) {
          const event = String(item.event ?? '');
          if (!HEAD_EVENTS.has(event)) continue;
          const committer = item.committer as { date?: string } | undefined;
          events.push({
            event,
            createdAt: typeof item.created_at === 'string' ? item.created_at : undefined,
            sha: typeof item.sha === 'string' ? item.sha : typeof item.commit_id === 'string' ? item.commit_id : undefined,
            committerDate: committer?.date,
          });
        }
      }
      return events;
    },
    async createReview(pullNumber, review) {
      const { data } = await octokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber, commit_id: review.commitId, body: review.body, event: review.event, comments: review.comments });
      return { id: data.id, url: data.html_url, author: data.user?.login ?? '', body: data.body ?? '' };
    },
    async listReviews(pullNumber) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: pullNumber, per_page: 100 });
      return reviews.map((review) => ({ id: review.id, url: review.html_url, author: review.user?.login ?? '', body: review.body ?? '' }));
    },
    async updateReview(pullNumber, reviewId, body) {
      await octokit.rest.pulls.updateReview({ ...repo, pull_number: pullNumber, review_id: reviewId, body });
    },
  };
}

const API_CALL_TIMEOUT_MS = 60_000;

function fetchWithDeadline(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const deadline = AbortSignal.timeout(API_CALL_TIMEOUT_MS);
  return fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
}
