// Owns every call the action makes to the GitHub REST API, behind the GitHubClient interface.
// The factory builds Octokit with retries and rate-limit throttling (the retry plugin backs off on 5xx,
// the throttling plugin honours primary and secondary rate limits and retry-after), so callers never retry.
// Tests point it at the REST emulation through GITHUB_API_URL; nothing else here knows about tests.
// It also owns GitHub's limits on what the action posts: every body goes out clipped to GitHub's
// 65,536 characters, with its leading markers kept and a note saying where the full text is.
// Must never: retry a request GitHub refused for good (4xx), or wait out a primary rate limit for long.
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { randomUUID } from 'node:crypto';
import type { PermissionLevel } from './settings.js';
import { PERMISSION_LEVELS } from './settings.js';

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

/** GitHub rejects an issue, pull request or comment body longer than this (422 "body is too long"). */
export const GITHUB_BODY_LIMIT = 65_536;
/** A primary rate limit that resets later than this fails the run instead of waiting (the watchdog would end it). */
export const LONGEST_RATE_LIMIT_WAIT_S = 60;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const retries = options.retries ?? 2;
  const apiHost = hostOf(options.apiUrl);
  const octokit = getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl,
      // Not request.retries: that makes the retry plugin repeat every error, 404 and 422 included.
      // 429 is the throttling plugin's (a rate limit, with its own wait), so the retry plugin leaves it alone.
      retry: {
        retries,
        retryAfterBaseValue: options.retryBaseMs ?? 1000,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      // No API call may hang the run: each attempt gets a deadline of its own.
      request: { fetch: fetchWithDeadline },
      throttle: {
        // The plugin spaces content-creating requests a second or more apart by default, which cost about 3 s
        // of every run for its five writes; they go one at a time without a pause instead. Limits GitHub does
        // hit are still honoured: retry-after and secondary rate limits below.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          // Waiting out an hour-long primary limit only ends in the watchdog; the error says when it resets.
          if (retryAfter > LONGEST_RATE_LIMIT_WAIT_S) return false;
          core.warning(`GitHub rate limit hit for ${request.method} ${request.url}; retrying in ${retryAfter} s.`);
          return retryCount < retries;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          core.warning(
            `GitHub secondary rate limit hit for ${request.method} ${request.url}; retrying in ${retryAfter} s.`,
          );
          return retryCount < retries;
        },
      },
    },
    retry,
    throttling,
  );
  // Both plugins keep their retry count on options.request, which Octokit shares between all calls made
  // with the client's defaults: each call gets its own copy, so its retries start from zero.
  octokit.hook.before('request', (requestOptions) => {
    requestOptions.request = { ...requestOptions.request, retryCount: 0 };
  });
  octokit.hook.error('request', (error) => {
    throw explainRequestError(error, apiHost);
  });
  const repo = { owner: options.owner, repo: options.repo };
  const fits = (body: string): string => fitBody(body, options.runUrl);
  /** Comments this client wrote as review-thread replies: editing them goes to the review-comment route. */
  const reviewReplies = new Set<number>();

  return {
    async getPermission(username) {
      let data: { permission: string; role_name?: string };
      try {
        ({ data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username }));
      } catch (error) {
        // GitHub answers 404 for someone who is no collaborator: no permission, not an outage.
        if (statusOf(error) === 404) return 'none';
        throw error;
      }
      return permissionFrom(data);
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
      const thread = options.reviewThread;
      if (thread && thread.pullNumber === issueNumber) {
        const { data } = await octokit.rest.pulls.createReplyForReviewComment({
          ...repo,
          pull_number: thread.pullNumber,
          comment_id: thread.commentId,
          body: fits(body),
        });
        reviewReplies.add(data.id);
        return { id: data.id, url: data.html_url };
      }
      const { data } = await octokit.rest.issues.createComment({
        ...repo,
        issue_number: issueNumber,
        body: fits(body),
      });
      return { id: data.id, url: data.html_url };
    },
    async updateComment(commentId, body) {
      if (reviewReplies.has(commentId))
        await octokit.rest.pulls.updateReviewComment({ ...repo, comment_id: commentId, body: fits(body) });
      else await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body: fits(body) });
    },
    async findOpenPullRequest(head, base) {
      const { data } = await octokit.rest.pulls.list({
        ...repo,
        head: `${options.owner}:${head}`,
        base,
        state: 'open',
        per_page: 1,
      });
      const pull = data[0];
      return pull ? { number: pull.number, url: pull.html_url } : undefined;
    },
    async createPullRequest(pull) {
      const { data } = await octokit.rest.pulls.create({ ...repo, ...pull, body: fits(pull.body) });
      return { number: data.number, url: data.html_url };
    },
    async updatePullRequest(number, update) {
      await octokit.rest.pulls.update({ ...repo, pull_number: number, ...update, body: fits(update.body) });
    },
    async addLabels(issueNumber, labels) {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels });
    },
    async requestReviewers(pullNumber, reviewers) {
      await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pullNumber, reviewers });
    },
    async listComments(issueNumber, limit) {
      // GitHub lists issue comments oldest first: the newest are on the last pages, which the first page's
      // Link header names. Those are read backwards until `limit` comments are in hand.
      const perPage = 100;
      const readPage = (page: number) =>
        octokit.rest.issues.listComments({ ...repo, issue_number: issueNumber, per_page: perPage, page });
      const first = await readPage(1);
      const lastPage = lastPageOf(first.headers.link) ?? 1;
      const newestPages: Array<typeof first.data> = [];
      let read = 0;
      for (let page = lastPage; page > 1 && read < limit; page--) {
        const { data } = await readPage(page);
        newestPages.push(data);
        read += data.length;
      }
      const pages = read < limit ? [first.data, ...newestPages] : newestPages;
      const byId = new Map<number, ThreadComment>();
      for (const comment of pages.flat()) {
        byId.set(comment.id, {
          id: comment.id,
          author: comment.user?.login ?? 'ghost',
          body: comment.body ?? '',
          createdAt: comment.created_at,
          updatedAt: comment.updated_at,
        });
      }
      const oldestFirst = [...byId.values()].sort(
        (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id,
      );
      return oldestFirst.slice(-limit);
    },
    async createBranch(branch, sha) {
      await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    },
    async createCommitOnBranch(commit) {
      const input = {
        branch: { repositoryNameWithOwner: `${options.owner}/${options.repo}`, branchName: commit.branch },
        expectedHeadOid: commit.expectedHeadSha,
        message: { headline: commit.headline, body: commit.body },
        fileChanges: {
          additions: commit.additions.map((file) => ({ path: file.path, contents: file.contents.toString('base64') })),
          deletions: commit.deletions.map((path) => ({ path })),
        },
      };
      const result = await octokit.graphql<{ createCommitOnBranch: { commit: { oid: string; url: string } } }>(
        'mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid url } } }',
        { input },
      );
      return { sha: result.createCommitOnBranch.commit.oid, url: result.createCommitOnBranch.commit.url };
    },
    async listHeadEvents(pullNumber) {
      const events: HeadEvent[] = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.issues.listEventsForTimeline, {
        ...repo,
        issue_number: pullNumber,
        per_page: 100,
      })) {
        for (const item of page.data as Array<Record<string, unknown>>) {
          const event = String(item.event ?? '');
          if (!HEAD_EVENTS.has(event)) continue;
          const committer = item.committer as { date?: string } | undefined;
          events.push({
            event,
            createdAt: typeof item.created_at === 'string' ? item.created_at : undefined,
            sha:
              typeof item.sha === 'string' ? item.sha : typeof item.commit_id === 'string' ? item.commit_id : undefined,
            committerDate: committer?.date,
          });
        }
      }
      return events;
    },
    async createReview(pullNumber, review) {
      const { data } = await octokit.rest.pulls.createReview({
        ...repo,
        pull_number: pullNumber,
        commit_id: review.commitId,
        body: review.body,
        event: review.event,
        comments: review.comments,
      });
      return { id: data.id, url: data.html_url, author: data.user?.login ?? '', body: data.body ?? '' };
    },
    async listReviews(pullNumber) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
        ...repo,
        pull_number: pullNumber,
        per_page: 100,
      });
      return reviews.map((review) => ({
        id: review.id,
        url: review.html_url,
        author: review.user?.login ?? '',
        body: review.body ?? '',
      }));
    },
    async updateReview(pullNumber, reviewId, body) {
      await octokit.rest.pulls.updateReview({ ...repo, pull_number: pullNumber, review_id: reviewId, body });
    },
  };
}

/** The legacy `permission` folds maintain and triage into write and read; `role_name` keeps them, unless it names a custom role. */
export function permissionFrom(data: { permission: string; role_name?: string | null }): PermissionLevel {
  const levels = PERMISSION_LEVELS as readonly string[];
  // A custom repository role ('release-manager') inherits a base level, which `permission` reports.
  const role = data.role_name && levels.includes(data.role_name) ? data.role_name : data.permission;
  return levels.includes(role) ? (role as PermissionLevel) : 'none';
}

function lastPageOf(link: string | undefined): number | undefined {
  const last = link?.split(',').find((part) => /rel="last"/.test(part));
  const page = last ? /[?&]page=(\d+)/.exec(last)?.[1] : undefined;
  return page ? Number(page) : undefined;
}

function hostOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

interface OctokitError extends Error {
  status?: number;
  response?: { headers?: Record<string, string | undefined> };
  request?: { method?: string; url?: string };
}

/**
 * Errors name the API host and the call, so a log shows which GitHub failed; a spent primary rate limit
 * says when it resets. The error keeps its status for callers that branch on it.
 */
export function explainRequestError(error: unknown, apiHost: string): unknown {
  if (!(error instanceof Error)) return error;
  const failed = error as OctokitError;
  const headers = failed.response?.headers ?? {};
  const call =
    failed.request?.method && failed.request.url
      ? `${failed.request.method} ${failed.request.url.replace(/^https?:\/\/[^/]+/, '')}`
      : 'a request';
  const status = failed.status ? `HTTP ${failed.status}` : 'no answer';
  let message = `${failed.message} (GitHub API at ${apiHost}, ${call}: ${status})`;
  if (
    (failed.status === 403 || failed.status === 429) &&
    headers['x-ratelimit-remaining'] === '0' &&
    headers['x-ratelimit-reset']
  ) {
    const reset = new Date(Number(headers['x-ratelimit-reset']) * 1000);
    const minutes = Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 60_000));
    message = `GitHub's API rate limit for this token is used up until ${reset.toISOString().replace(/\.\d{3}Z$/, 'Z')} (in about ${minutes} min); the run stops instead of waiting. (GitHub API at ${apiHost}, ${call}: ${status})`;
  }
  failed.message = message;
  return failed;
}

const CLIPPED_NOTE = (runUrl: string | undefined): string =>
  `✂️ *This text was cut here to fit GitHub's limit of ${GITHUB_BODY_LIMIT.toLocaleString('en-US')} characters. The full text is in the log of ${runUrl ? `[the workflow run](${runUrl})` : 'the workflow run'}.*`;

/**
 * A body that fits GitHub's limit. A longer one keeps its start (the action's markers lead every body),
 * closes a code fence or <details> it cut open, and ends with a note saying where the full text is;
 * the full text goes to the run log, with workflow commands switched off so none of it can act.
 */
export function fitBody(body: string, runUrl?: string): string {
  const characters = Array.from(body);
  if (characters.length <= GITHUB_BODY_LIMIT) return body;
  const note = CLIPPED_NOTE(runUrl);
  // Room for the note and for the closers added below.
  const room = GITHUB_BODY_LIMIT - Array.from(note).length - 64;
  let kept = characters.slice(0, room).join('');
  const trailingMarker = /<!--[^>]*-->\s*$/.exec(body)?.[0];
  if (trailingMarker && trailingMarker.length < 500)
    kept = Array.from(kept)
      .slice(0, room - trailingMarker.length)
      .join('');
  const closers: string[] = [];
  if ((kept.match(/^\s*```/gm) ?? []).length % 2 === 1) closers.push('```');
  const openDetails = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  for (let index = 0; index < openDetails && index < 4; index++) closers.push('</details>');
  logFullText(body);
  return `${kept}\n${closers.map((closer) => `${closer}\n`).join('')}\n${note}${trailingMarker ? `\n${trailingMarker.trim()}` : ''}`;
}

function logFullText(body: string): void {
  const token = `codex-task-action-${randomUUID()}`;
  core.startGroup('A body longer than GitHub accepts, in full');
  core.info(`::stop-commands::${token}`);
  core.info(body);
  core.info(`::${token}::`);
  core.endGroup();
}

const API_CALL_TIMEOUT_MS = 60_000;

function fetchWithDeadline(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const deadline = AbortSignal.timeout(API_CALL_TIMEOUT_MS);
  return fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
}
