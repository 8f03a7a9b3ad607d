// In-process emulation of the slice of GitHub's REST API that the action uses, for end-to-end tests.
// This module owns: an HTTP server on 127.0.0.1 (node:http only, random port) that the action's child
// process reaches through GITHUB_API_URL; the emulated repository state (collaborator permissions,
// issues, pull requests, comments, reactions, labels, review requests); the log of every request it
// received (including faulted, unauthorised and 404 ones); and one-shot or permanent fault injection.
// Behaviour follows GitHub where it matters to callers: legacy permission values next to role_name (which
// may name a custom role), 404 for someone who is no collaborator, 422 bodies for duplicate pull requests,
// invalid input and bodies over 65,536 characters, 404 for unknown issues and routes, Link headers on lists
// (per_page at most 100), a `head` filter on GET /pulls that is ignored unless it has the `owner:branch`
// form, issue comments and review comments numbered from separate sequences, review-thread replies,
// 403 for editing someone else's comment, and primary and secondary rate limits with GitHub's headers.
// Attached to the test's bare origin repository, it also makes commits the way GitHub's API does (GraphQL
// createCommitOnBranch with its expectedHeadOid check, POST /git/refs), and can install a branch rule
// that rejects every git push as unsigned, with GitHub's GH013 message (a pre-receive hook). The issue timeline (GET /issues/{n}/timeline) has
// `commented` events and the head changes a test records with pushToPull.
// It never writes to stdout or stderr.

import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';

type PullRequestReviewJson = components['schemas']['pull-request-review'];

export interface EmulatedUser {
  login: string;
  id: number;
  type?: 'User' | 'Bot';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface EmulatedComment {
  id: number;
  issueNumber: number;
  body: string;
  user: EmulatedUser;
  html_url: string;
  /** Every body the comment ever had, in order (the first entry is the body it was created with). */
  edits: string[];
}

export interface EmulatedPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  html_url: string;
  user: EmulatedUser;
  headRepoFullName: string;
  /** The head commit GET /pulls reports; a stable fake sha unless a test sets it (a real commit of origin). */
  headSha?: string;
}

/** A submitted pull request review, with the inline comments it was created with. */
export interface EmulatedReview {
  id: number;
  pullNumber: number;
  body: string;
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'PENDING';
  commitId: string;
  user: EmulatedUser;
  html_url: string;
  comments: Array<{ path: string; line: number; side: string; start_line?: number; start_side?: string; body: string }>;
  /** Every body the review had, in order. */
  edits: string[];
}

/** A push to a pull request's head as the timeline shows it, recorded by GitHubEmulator.pushToPull. */
export interface EmulatedHeadPush {
  sha: string;
  /** A force push shows as `head_ref_force_pushed` (dated by GitHub); a plain push as one `committed` event. */
  forced?: boolean;
  /** The commit's own committer date (which its author chose); default now. */
  committerDate?: string;
  message?: string;
  actor?: EmulatedUser;
}

export interface FaultRule {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Default 1; Infinity for always. */
  times?: number;
}

export type EmulatedRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
/** A custom repository role: its own name, and the base role it inherits (which `permission` reports). */
export interface CustomRole {
  roleName: string;
  base: EmulatedRole;
}

export interface EmulatedReviewComment {
  id: number;
  pullNumber: number;
  body: string;
  user: EmulatedUser;
  /** The thread's first comment, for a reply. */
  inReplyToId: number | undefined;
  path: string;
  line: number | null;
  edits: string[];
}

export interface GitHubEmulatorOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  token?: string;
  /** Collaborators; anyone not listed is no collaborator (404 from the permission endpoint). */
  permissions?: Record<string, EmulatedRole | CustomRole>;
  pulls?: Array<Partial<EmulatedPull> & { number: number; head: string; base?: string }>;
  issues?: Array<{ number: number; title?: string; body?: string; isPullRequest?: boolean }>;
  /** Comments that exist before the run, such as the one that triggers it. */
  comments?: Array<{
    id: number;
    issueNumber: number;
    body: string;
    user?: EmulatedUser;
    createdAt?: string;
    updatedAt?: string;
  }>;
  /** Review comments on pull requests that exist before the run. */
  reviewComments?: Array<{
    id: number;
    pullNumber: number;
    body: string;
    user?: EmulatedUser;
    path?: string;
    line?: number;
    inReplyToId?: number;
    createdAt?: string;
  }>;
  webUrl?: string;
}

type Json = unknown;

interface Reply {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

interface IssueRecord {
  number: number;
  title: string;
  body: string;
  isPullRequest: boolean;
  user: EmulatedUser;
}

interface Timestamps {
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

const BOT_USER: EmulatedUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const DEFAULT_AUTHOR: EmulatedUser = { login: 'octocat', id: 583231, type: 'User' };
const DOCS = 'https://docs.github.com/rest';
const BODY_LIMIT = 65536;
const RATE_LIMIT = 5000;
const REACTIONS = new Set(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']);
const LEGACY_PERMISSION: Record<EmulatedRole, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};
const ROLE_RANK: Record<EmulatedRole, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** Stable pseudo user id for a login (FNV-1a), so the same login always gets the same id. */
function userIdFor(login: string): number {
  let hash = 0x811c9dc5;
  for (const ch of login.toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 1_000_000 + (hash % 90_000_000);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function charCount(text: string): number {
  return Array.from(text).length;
}

function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
}

function validationFailed(errors: Array<Record<string, unknown>>): Reply {
  return { status: 422, body: { message: 'Validation Failed', errors, documentation_url: DOCS } };
}

/** What GitHub answers when the token edits a comment that someone else wrote. */
function notYours(): Reply {
  return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
}

function invalidRequest(message: string): Reply {
  return { status: 422, body: { message: `Invalid request.\n\n${message}`, documentation_url: DOCS } };
}

function splitHead(head: string): { owner: string | undefined; branch: string } {
  const colon = head.indexOf(':');
  return colon === -1
    ? { owner: undefined, branch: head }
    : { owner: head.slice(0, colon), branch: head.slice(colon + 1) };
}

interface StoredFault {
  rule: FaultRule;
  remaining: number;
}

export class GitHubEmulator {
  readonly url: string;
  readonly requests: RecordedRequest[] = [];
  readonly comments: EmulatedComment[] = [];
  readonly pulls: EmulatedPull[] = [];
  readonly reviews: EmulatedReview[] = [];
  /** Right-side lines GitHub takes review comments on, per pull request and file (setPullDiff). */
  private readonly pullDiffLines: Map<number, Map<string, Set<number>>> = new Map();
  private nextReviewId = 80_000_001;
  readonly reactions: Array<{ subject: 'comment' | 'review-comment' | 'issue'; id: number; content: string }> = [];
  readonly labels: Array<{ issueNumber: number; labels: string[] }> = [];
  readonly reviewRequests: Array<{ pullNumber: number; reviewers: string[] }> = [];
  readonly reviewComments: EmulatedReviewComment[] = [];
  /** Commits GitHub's API made, which GitHub signs (shown as Verified). */
  readonly apiCommits: Array<{ sha: string; branch: string; verified: true }> = [];
  private origin: string | undefined;

  private readonly server: http.Server;
  private readonly owner: string;
  private readonly repo: string;
  private readonly defaultBranch: string;
  private readonly token: string | undefined;
  private readonly webUrl: string;
  private readonly permissions: Map<string, { login: string; role: EmulatedRole; roleName: string }> = new Map();
  private readonly issues: Map<number, IssueRecord> = new Map();
  private readonly times: Map<string, Timestamps> = new Map();
  private readonly issueLabels: Map<number, string[]> = new Map();
  private readonly requestedReviewers: Map<number, string[]> = new Map();
  private readonly reactionIds: Map<string, number> = new Map();
  private readonly faults: StoredFault[] = [];
  /** Timeline events other than comments, per issue or pull request number, as GitHub returns them. */
  private readonly timelineEvents: Map<number, Array<Record<string, unknown>>> = new Map();
  private nextEventId = 12_000_000_001;
  // Like GitHub's: two sequences far apart, so a review comment written later can have a much smaller id.
  private nextCommentId = 2_512_000_001;
  private nextReviewCommentId = 1_876_000_001;
  private rateLimit: { primaryResetsAt: number | undefined; primaryStatus: 403 | 429 } = {
    primaryResetsAt: undefined,
    primaryStatus: 403,
  };
  private nextPullNumber: number;
  private nextReactionId = 90_000_001;
  private requestCount = 0;
  private readonly rateLimitReset = Math.floor(Date.now() / 1000) + 3600;

  private constructor(options: GitHubEmulatorOptions, server: http.Server, url: string) {
    this.server = server;
    this.url = url;
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'octo-repo';
    this.defaultBranch = options.defaultBranch ?? 'main';
    this.token = options.token;
    this.webUrl = (options.webUrl ?? 'https://github.com').replace(/\/+$/, '');
    for (const [login, role] of Object.entries(options.permissions ?? {})) {
      const entry =
        typeof role === 'string'
          ? { login, role, roleName: role }
          : { login, role: role.base, roleName: role.roleName };
      this.permissions.set(login.toLowerCase(), entry);
    }
    const created = timestamp();
    for (const issue of options.issues ?? []) {
      this.issues.set(issue.number, {
        number: issue.number,
        title: issue.title ?? `Issue #${issue.number}`,
        body: issue.body ?? '',
        isPullRequest: issue.isPullRequest ?? false,
        user: DEFAULT_AUTHOR,
      });
      this.times.set(`issue:${issue.number}`, { created_at: created, updated_at: created, closed_at: null });
    }
    for (const seed of options.pulls ?? []) {
      const { owner: headOwner, branch } = splitHead(seed.head);
      const pull: EmulatedPull = {
        number: seed.number,
        title: seed.title ?? this.issues.get(seed.number)?.title ?? `Pull request #${seed.number}`,
        body: seed.body ?? this.issues.get(seed.number)?.body ?? '',
        head: branch,
        base: seed.base ?? this.defaultBranch,
        draft: seed.draft ?? false,
        state: seed.state ?? 'open',
        html_url: seed.html_url ?? `${this.webUrl}/${this.owner}/${this.repo}/pull/${seed.number}`,
        user: seed.user ?? DEFAULT_AUTHOR,
        headRepoFullName: seed.headRepoFullName ?? `${headOwner ?? this.owner}/${this.repo}`,
        ...(seed.headSha ? { headSha: seed.headSha } : {}),
      };
      this.pulls.push(pull);
      this.times.set(`pull:${pull.number}`, {
        created_at: created,
        updated_at: created,
        closed_at: pull.state === 'closed' ? created : null,
      });
    }
    for (const seed of options.comments ?? []) {
      this.comments.push({
        id: seed.id,
        issueNumber: seed.issueNumber,
        body: seed.body,
        user: seed.user ?? DEFAULT_AUTHOR,
        html_url: `${this.webUrl}/${this.owner}/${this.repo}/issues/${seed.issueNumber}#issuecomment-${seed.id}`,
        edits: [seed.body],
      });
      this.times.set(`comment:${seed.id}`, {
        created_at: seed.createdAt ?? created,
        updated_at: seed.updatedAt ?? seed.createdAt ?? created,
        closed_at: null,
      });
    }
    for (const seed of options.reviewComments ?? []) {
      this.reviewComments.push({
        id: seed.id,
        pullNumber: seed.pullNumber,
        body: seed.body,
        user: seed.user ?? DEFAULT_AUTHOR,
        inReplyToId: seed.inReplyToId,
        path: seed.path ?? 'README.md',
        line: seed.line ?? 1,
        edits: [seed.body],
      });
      this.times.set(`review-comment:${seed.id}`, {
        created_at: seed.createdAt ?? created,
        updated_at: seed.createdAt ?? created,
        closed_at: null,
      });
    }
    const numbers = [...this.issues.keys(), ...this.pulls.map((p) => p.number)];
    this.nextPullNumber = numbers.length > 0 ? Math.max(...numbers) + 1 : 100;
  }

  static async start(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const emulator = new GitHubEmulator(options, server, `http://127.0.0.1:${port}`);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => emulator.handle(req, res));
    return emulator;
  }

  /**
   * The token's primary rate limit is spent until `resetInSeconds` from now: every request gets GitHub's
   * 403 (or 429) with x-ratelimit-remaining 0 and the reset time, until then.
   */
  exhaustPrimaryRateLimit(resetInSeconds: number, status: 403 | 429 = 403): void {
    this.rateLimit = { primaryResetsAt: Math.floor(Date.now() / 1000) + resetInSeconds, primaryStatus: status };
  }

  /** The next `times` requests matching the method and path hit a secondary rate limit, with retry-after. */
  secondaryRateLimit(method: string, path: RegExp, retryAfterSeconds: number, times = 1): void {
    this.injectFault({
      method,
      path,
      status: 403,
      times,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      },
    });
  }

  /** The bare repository that stands for the repository on GitHub: API commits and refs are made there. */
  attachOrigin(bareRepository: string): void {
    this.origin = bareRepository;
  }

  /** A ruleset that requires signed commits: every git push is refused with GitHub's GH013 message. */
  requireSignedCommits(): void {
    if (!this.origin) throw new Error('attachOrigin first');
    const hook = nodePath.join(this.origin, 'hooks', 'pre-receive');
    fs.mkdirSync(nodePath.dirname(hook), { recursive: true });
    fs.writeFileSync(
      hook,
      [
        '#!/bin/sh',
        'while read old new ref; do',
        '  echo "error: GH013: Repository rule violations found for $ref." >&2',
        `  echo "Review all repository rules at ${this.webUrl}/${this.owner}/${this.repo}/rules?ref=$ref" >&2`,
        '  echo "" >&2',
        '  echo "- Commits must have verified signatures." >&2',
        '  echo "  Found 1 violation:" >&2',
        '  echo "" >&2',
        '  echo "  $new" >&2',
        'done',
        'exit 1',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
  }

  /** The next matching request(s) get this response instead of the emulated one. */
  injectFault(rule: FaultRule): void {
    this.faults.push({ rule: { ...rule }, remaining: rule.times ?? 1 });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Transport

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      let reply: Reply;
      try {
        reply = this.dispatch(req, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        reply = {
          status: 500,
          body: { message: `Emulator error: ${error instanceof Error ? error.message : String(error)}` },
        };
      }
      this.send(res, reply);
    });
  }

  private send(res: http.ServerResponse, reply: Reply): void {
    this.requestCount += 1;
    const spent = this.rateLimit.primaryResetsAt !== undefined && Date.now() / 1000 < this.rateLimit.primaryResetsAt;
    const remaining = spent ? 0 : Math.max(0, RATE_LIMIT - this.requestCount);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `EMU0:${this.requestCount.toString(16).toUpperCase()}`,
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used': String(RATE_LIMIT - remaining),
      'x-ratelimit-reset': String(spent ? this.rateLimit.primaryResetsAt : this.rateLimitReset),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    };
    const payload = reply.status === 204 || reply.status === 304 ? '' : JSON.stringify(reply.body ?? null);
    headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private dispatch(req: http.IncomingMessage, raw: string): Reply {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.url);
    let path = url.pathname;
    try {
      path = decodeURI(url.pathname);
    } catch {
      // keep the raw path
    }
    let body: unknown;
    let badJson = false;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        badJson = true;
      }
    }
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    this.requests.push({ method, path, query, headers: { ...req.headers }, body, at: Date.now() });

    if (this.token !== undefined && !this.authorised(req.headers.authorization)) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };
    }
    const resetsAt = this.rateLimit.primaryResetsAt;
    if (resetsAt !== undefined && Date.now() / 1000 < resetsAt) {
      return {
        status: this.rateLimit.primaryStatus,
        body: {
          message: 'API rate limit exceeded for installation ID 4242.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
      };
    }
    const fault = this.takeFault(method, path);
    if (fault) {
      return { status: fault.status, body: fault.body ?? { message: 'Injected fault' }, headers: fault.headers ?? {} };
    }
    if (badJson) {
      return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS } };
    }
    return this.route(method, url, body);
  }

  private authorised(header: string | undefined): boolean {
    if (!header) return false;
    const match = /^(token|bearer)\s+(\S+)\s*$/i.exec(header);
    return match !== null && match[2] === this.token;
  }

  private takeFault(method: string, path: string): FaultRule | undefined {
    for (const fault of this.faults) {
      if (fault.remaining <= 0) continue;
      const ruleMethod = fault.rule.method.toUpperCase();
      if (ruleMethod !== '*' && ruleMethod !== method) continue;
      fault.rule.path.lastIndex = 0;
      if (!fault.rule.path.test(path)) continue;
      fault.remaining -= 1;
      return fault.rule;
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  private route(method: string, url: URL, body: unknown): Reply {
    const segments = url.pathname.replace(/\/+$/, '').split('/').slice(1);
    let parts: string[];
    try {
      parts = segments.map((s) => decodeURIComponent(s));
    } catch {
      return notFound();
    }
    const [root, owner, repo, ...rest] = parts;
    if (root === 'graphql' && parts.length === 1 && method === 'POST') return this.graphql(body);
    if (
      root !== 'repos' ||
      owner?.toLowerCase() !== this.owner.toLowerCase() ||
      repo?.toLowerCase() !== this.repo.toLowerCase()
    ) {
      return notFound();
    }
    const q = url.searchParams;
    const num = (s: string | undefined): number | undefined =>
      s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
    const [a, b, c, d] = rest;
    const n = num(b);
    const commentId = a === 'issues' && b === 'comments' ? num(c) : undefined;

    if (rest.length === 0 && method === 'GET') return { status: 200, body: this.repoJson() };
    if (rest.length === 3 && a === 'collaborators' && c === 'permission' && method === 'GET') {
      return this.getPermission(b ?? '');
    }
    if (a === 'issues') {
      if (commentId !== undefined) {
        if (rest.length === 3 && method === 'GET') return this.getComment(commentId);
        if (rest.length === 3 && method === 'PATCH') return this.editComment(commentId, body);
        if (rest.length === 4 && d === 'reactions' && method === 'POST') return this.react('comment', commentId, body);
      } else if (n !== undefined) {
        if (rest.length === 2 && method === 'GET') return this.getIssue(n);
        if (rest.length === 3 && c === 'comments' && method === 'POST') return this.createComment(n, body);
        if (rest.length === 3 && c === 'comments' && method === 'GET') return this.listComments(n, url);
        if (rest.length === 3 && c === 'timeline' && method === 'GET') return this.listTimeline(n, url);
        if (rest.length === 3 && c === 'reactions' && method === 'POST') return this.react('issue', n, body);
        if (rest.length === 3 && c === 'labels' && method === 'POST') return this.addLabels(n, body);
      }
    }
    if (a === 'git' && b === 'refs' && rest.length === 2 && method === 'POST') return this.createRef(body);
    if (a === 'pulls') {
      const reviewCommentId = b === 'comments' ? num(c) : undefined;
      if (reviewCommentId !== undefined) {
        if (rest.length === 4 && d === 'reactions' && method === 'POST')
          return this.react('review-comment', reviewCommentId, body);
        if (rest.length === 3 && method === 'GET') return this.getReviewComment(reviewCommentId);
        if (rest.length === 3 && method === 'PATCH') return this.editReviewComment(reviewCommentId, body);
      }
      if (n !== undefined && rest.length === 5 && c === 'comments' && rest[4] === 'replies' && method === 'POST') {
        return this.replyToReviewComment(n, num(d), body);
      }
      if (rest.length === 1 && method === 'GET') return this.listPulls(url, q);
      if (rest.length === 1 && method === 'POST') return this.createPull(body);
      if (n !== undefined) {
        if (rest.length === 2 && method === 'GET') return this.getPull(n);
        if (rest.length === 2 && method === 'PATCH') return this.updatePull(n, body);
        if (rest.length === 3 && c === 'requested_reviewers' && method === 'POST')
          return this.requestReviewers(n, body);
        if (rest.length === 3 && c === 'reviews' && method === 'POST') return this.createReview(n, body);
        if (rest.length === 3 && c === 'reviews' && method === 'GET') return this.listReviews(n, url);
        if (rest.length === 4 && c === 'reviews' && method === 'PUT' && num(d) !== undefined)
          return this.updateReview(n, Number(d), body);
      }
    }
    return notFound();
  }

  // ---------------------------------------------------------------------------------------------
  // JSON views

  private get apiRepoUrl(): string {
    return `${this.url}/repos/${this.owner}/${this.repo}`;
  }

  private get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** GitHub's simple-user: every URL it lists, for a user, a bot or (as a repository owner) an organization. */
  private userJson(user: EmulatedUser, typeOverride?: 'Organization'): Record<string, unknown> {
    const type = typeOverride ?? user.type ?? (user.login.endsWith('[bot]') ? 'Bot' : 'User');
    const htmlUrl =
      type === 'Bot' ? `${this.webUrl}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${this.webUrl}/${user.login}`;
    const api = `${this.url}/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: `${type === 'Bot' ? 'BOT' : type === 'Organization' ? 'O' : 'U'}_kgDO${user.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: htmlUrl,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** GitHub's repository object as GET /repos/{owner}/{repo} and a pull request's head and base carry it. */
  private repoJson(fullName = this.fullName, fork = false): Record<string, unknown> {
    const [owner = this.owner, name = this.repo] = fullName.split('/');
    const id = fork ? 700_000_000 + (userIdFor(fullName) % 1_000_000) : 700_000_001;
    const api = `${this.url}/repos/${fullName}`;
    const host = new URL(this.webUrl).host;
    const created = '2024-01-02T03:04:05Z';
    return {
      id,
      node_id: `R_kgDO${id}`,
      name,
      full_name: fullName,
      private: false,
      owner: this.userJson(
        { login: owner, id: userIdFor(owner) },
        owner.toLowerCase() === this.owner.toLowerCase() ? 'Organization' : undefined,
      ),
      html_url: `${this.webUrl}/${fullName}`,
      description: null,
      fork,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://${host}/${fullName}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@${host}:${fullName}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${this.webUrl}/${fullName}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: `${this.webUrl}/${fullName}`,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: this.defaultBranch,
      open_issues_count: 0,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: created,
      created_at: created,
      updated_at: created,
      allow_forking: true,
      web_commit_signoff_required: false,
      license: null,
      forks: 0,
      open_issues: 0,
      watchers: 0,
      network_count: 0,
      subscribers_count: 0,
    };
  }

  private authorAssociation(user: EmulatedUser): string {
    if (user.login.toLowerCase() === this.owner.toLowerCase()) return 'OWNER';
    const entry = this.permissions.get(user.login.toLowerCase());
    return entry && entry.role !== 'none' ? 'COLLABORATOR' : 'NONE';
  }

  private labelJson(name: string): Record<string, unknown> {
    const id = userIdFor(`label:${name}`);
    return {
      id,
      node_id: `LA_kwDO${id}`,
      url: `${this.apiRepoUrl}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      // The description says a string here (a pull request's labels); an empty one is what GitHub keeps.
      description: '',
    };
  }

  private commentJson(comment: EmulatedComment): Record<string, unknown> {
    const times = this.times.get(`comment:${comment.id}`);
    return {
      id: comment.id,
      node_id: `IC_kwDO${comment.id}`,
      url: `${this.apiRepoUrl}/issues/comments/${comment.id}`,
      html_url: comment.html_url,
      issue_url: `${this.apiRepoUrl}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: this.userJson(comment.user),
      created_at: times?.created_at,
      updated_at: times?.updated_at,
      author_association: this.authorAssociation(comment.user),
      reactions: this.reactionSummary('comment', comment.id),
    };
  }

  private reviewCommentJson(comment: EmulatedReviewComment): Record<string, unknown> {
    const times = this.times.get(`review-comment:${comment.id}`);
    const pull = this.findPull(comment.pullNumber);
    const htmlUrl = `${pull?.html_url ?? `${this.webUrl}/${this.owner}/${this.repo}/pull/${comment.pullNumber}`}#discussion_r${comment.id}`;
    return {
      url: `${this.apiRepoUrl}/pulls/comments/${comment.id}`,
      pull_request_review_id: 3_000_000_000 + (comment.id % 1_000_000),
      id: comment.id,
      node_id: `PRRC_kwDO${comment.id}`,
      diff_hunk: '@@ -1 +1 @@',
      path: comment.path,
      position: comment.line,
      original_position: comment.line,
      commit_id: fakeSha(`${this.fullName}:${pull?.head ?? ''}`),
      original_commit_id: fakeSha(`${this.fullName}:${pull?.head ?? ''}`),
      ...(comment.inReplyToId !== undefined ? { in_reply_to_id: comment.inReplyToId } : {}),
      user: this.userJson(comment.user),
      body: comment.body,
      created_at: times?.created_at,
      updated_at: times?.updated_at,
      html_url: htmlUrl,
      pull_request_url: `${this.apiRepoUrl}/pulls/${comment.pullNumber}`,
      author_association: this.authorAssociation(comment.user),
      _links: {
        self: { href: `${this.apiRepoUrl}/pulls/comments/${comment.id}` },
        html: { href: htmlUrl },
        pull_request: { href: `${this.apiRepoUrl}/pulls/${comment.pullNumber}` },
      },
      reactions: this.reactionSummary('review-comment', comment.id),
      line: comment.line,
      original_line: comment.line,
      side: 'RIGHT',
      subject_type: 'line',
    };
  }

  private reactionSummary(subject: 'comment' | 'review-comment' | 'issue', id: number): Record<string, unknown> {
    const mine = this.reactions.filter((r) => r.subject === subject && r.id === id);
    const counts: Record<string, number> = {};
    for (const content of REACTIONS) counts[content] = mine.filter((r) => r.content === content).length;
    const url =
      subject === 'issue'
        ? `${this.apiRepoUrl}/issues/${id}/reactions`
        : `${this.apiRepoUrl}/${subject === 'comment' ? 'issues' : 'pulls'}/comments/${id}/reactions`;
    return { url, total_count: mine.length, ...counts };
  }

  private pullJson(pull: EmulatedPull): Record<string, unknown> {
    const times = this.times.get(`pull:${pull.number}`);
    const headOwner = pull.headRepoFullName.split('/')[0] ?? this.owner;
    const fork = pull.headRepoFullName.toLowerCase() !== this.fullName.toLowerCase();
    const reviewers = this.requestedReviewers.get(pull.number) ?? [];
    const self = `${this.apiRepoUrl}/pulls/${pull.number}`;
    const headSha = pull.headSha ?? fakeSha(`${pull.headRepoFullName}:${pull.head}`);
    return {
      url: self,
      id: 1_500_000_000 + pull.number,
      node_id: `PR_kwDO${pull.number}`,
      html_url: pull.html_url,
      diff_url: `${pull.html_url}.diff`,
      patch_url: `${pull.html_url}.patch`,
      issue_url: `${this.apiRepoUrl}/issues/${pull.number}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.userJson(pull.user),
      body: pull.body,
      labels: (this.issueLabels.get(pull.number) ?? []).map((name) => this.labelJson(name)),
      created_at: times?.created_at,
      updated_at: times?.updated_at,
      closed_at: times?.closed_at ?? null,
      merged_at: null,
      merge_commit_sha: null,
      requested_reviewers: reviewers.map((login) => this.userJson(this.userFor(login))),
      requested_teams: [],
      head: {
        label: `${headOwner}:${pull.head}`,
        ref: pull.head,
        sha: headSha,
        user: this.userJson({ login: headOwner, id: userIdFor(headOwner) }, fork ? undefined : 'Organization'),
        repo: this.repoJson(pull.headRepoFullName, fork),
      },
      base: {
        label: `${this.owner}:${pull.base}`,
        ref: pull.base,
        sha: fakeSha(`${this.fullName}:${pull.base}`),
        user: this.userJson({ login: this.owner, id: userIdFor(this.owner) }, 'Organization'),
        repo: this.repoJson(),
      },
      author_association: this.authorAssociation(pull.user),
      draft: pull.draft,
      merged: false,
      mergeable: null,
      mergeable_state: 'unknown',
      active_lock_reason: null,
      assignee: null,
      assignees: [],
      milestone: null,
      auto_merge: null,
      commits_url: `${self}/commits`,
      review_comments_url: `${self}/comments`,
      review_comment_url: `${this.apiRepoUrl}/pulls/comments{/number}`,
      comments_url: `${this.apiRepoUrl}/issues/${pull.number}/comments`,
      statuses_url: `${this.apiRepoUrl}/statuses/${headSha}`,
      _links: {
        self: { href: self },
        html: { href: pull.html_url },
        issue: { href: `${this.apiRepoUrl}/issues/${pull.number}` },
        comments: { href: `${this.apiRepoUrl}/issues/${pull.number}/comments` },
        review_comments: { href: `${self}/comments` },
        review_comment: { href: `${this.apiRepoUrl}/pulls/comments{/number}` },
        commits: { href: `${self}/commits` },
        statuses: { href: `${this.apiRepoUrl}/statuses/${headSha}` },
      },
      merged_by: null,
      maintainer_can_modify: false,
      review_comments: this.reviewComments.filter((c) => c.pullNumber === pull.number).length,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0,
      comments: this.comments.filter((c) => c.issueNumber === pull.number).length,
    };
  }

  private userFor(login: string): EmulatedUser {
    if (login.toLowerCase() === BOT_USER.login) return BOT_USER;
    const canonical = this.permissions.get(login.toLowerCase())?.login ?? login;
    return { login: canonical, id: userIdFor(canonical), type: canonical.endsWith('[bot]') ? 'Bot' : 'User' };
  }

  private findPull(n: number): EmulatedPull | undefined {
    return this.pulls.find((p) => p.number === n);
  }

  private issueExists(n: number): boolean {
    return this.issues.has(n) || this.findPull(n) !== undefined;
  }

  private isPullRequest(n: number): boolean {
    return this.findPull(n) !== undefined || this.issues.get(n)?.isPullRequest === true;
  }

  private issueHtmlUrl(n: number): string {
    const pull = this.findPull(n);
    if (pull) return pull.html_url;
    return `${this.webUrl}/${this.owner}/${this.repo}/${this.isPullRequest(n) ? 'pull' : 'issues'}/${n}`;
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers

  private getPermission(login: string): Reply {
    const entry = this.permissions.get(login.toLowerCase());
    if (!entry) return { status: 404, body: { message: `${login} is not a user`, documentation_url: DOCS } };
    const role: EmulatedRole = entry.role;
    const user = this.userFor(login);
    const rank = ROLE_RANK[role];
    return {
      status: 200,
      body: {
        permission: LEGACY_PERMISSION[role],
        role_name: entry.roleName,
        user: {
          ...this.userJson(user),
          permissions: {
            admin: rank >= ROLE_RANK.admin,
            maintain: rank >= ROLE_RANK.maintain,
            push: rank >= ROLE_RANK.write,
            triage: rank >= ROLE_RANK.triage,
            pull: rank >= ROLE_RANK.read,
          },
          role_name: entry.roleName,
        },
      },
    };
  }

  private getIssue(n: number): Reply {
    if (!this.issueExists(n)) return notFound();
    const pull = this.findPull(n);
    const issue = this.issues.get(n);
    const times = this.times.get(pull ? `pull:${n}` : `issue:${n}`);
    const user = pull?.user ?? issue?.user ?? DEFAULT_AUTHOR;
    const htmlUrl = this.issueHtmlUrl(n);
    const json: Record<string, unknown> = {
      url: `${this.apiRepoUrl}/issues/${n}`,
      repository_url: this.apiRepoUrl,
      labels_url: `${this.apiRepoUrl}/issues/${n}/labels{/name}`,
      comments_url: `${this.apiRepoUrl}/issues/${n}/comments`,
      events_url: `${this.apiRepoUrl}/issues/${n}/events`,
      html_url: htmlUrl,
      id: 1_800_000_000 + n,
      node_id: `${this.isPullRequest(n) ? 'PR' : 'I'}_kwDO${n}`,
      number: n,
      title: pull?.title ?? issue?.title ?? '',
      user: this.userJson(user),
      labels: (this.issueLabels.get(n) ?? []).map((name) => this.labelJson(name)),
      state: pull?.state ?? 'open',
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: this.comments.filter((c) => c.issueNumber === n).length,
      created_at: times?.created_at,
      updated_at: times?.updated_at,
      closed_at: times?.closed_at ?? null,
      author_association: this.authorAssociation(user),
      body: pull?.body ?? issue?.body ?? '',
      reactions: this.reactionSummary('issue', n),
    };
    if (this.isPullRequest(n)) {
      json.draft = pull?.draft ?? false;
      json.pull_request = {
        url: `${this.apiRepoUrl}/pulls/${n}`,
        html_url: htmlUrl,
        diff_url: `${htmlUrl}.diff`,
        patch_url: `${htmlUrl}.patch`,
        merged_at: null,
      };
    }
    return { status: 200, body: json };
  }

  private checkCommentBody(body: unknown, resource = 'IssueComment'): { text: string } | Reply {
    const text = asRecord(body)?.body;
    if (typeof text !== 'string') return invalidRequest('"body" wasn\'t supplied.');
    if (text.length === 0) return validationFailed([{ resource, code: 'missing_field', field: 'body' }]);
    if (charCount(text) > BODY_LIMIT) {
      return validationFailed([
        {
          resource,
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${BODY_LIMIT} characters)`,
        },
      ]);
    }
    return { text };
  }

  private createComment(n: number, body: unknown): Reply {
    if (!this.issueExists(n)) return notFound();
    const checked = this.checkCommentBody(body);
    if (!('text' in checked)) return checked;
    const id = this.nextCommentId++;
    const comment: EmulatedComment = {
      id,
      issueNumber: n,
      body: checked.text,
      user: BOT_USER,
      html_url: `${this.issueHtmlUrl(n)}#issuecomment-${id}`,
      edits: [checked.text],
    };
    const now = timestamp();
    this.times.set(`comment:${id}`, { created_at: now, updated_at: now, closed_at: null });
    this.comments.push(comment);
    return {
      status: 201,
      body: this.commentJson(comment),
      headers: { location: `${this.apiRepoUrl}/issues/comments/${id}` },
    };
  }

  private getComment(id: number): Reply {
    const comment = this.comments.find((c) => c.id === id);
    return comment ? { status: 200, body: this.commentJson(comment) } : notFound();
  }

  private editComment(id: number, body: unknown): Reply {
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) return notFound();
    if (comment.user.login !== BOT_USER.login) return notYours();
    const checked = this.checkCommentBody(body);
    if (!('text' in checked)) return checked;
    comment.body = checked.text;
    comment.edits.push(checked.text);
    const times = this.times.get(`comment:${id}`);
    if (times) times.updated_at = timestamp();
    return { status: 200, body: this.commentJson(comment) };
  }

  private paginate<T>(items: T[], url: URL): { page: T[]; headers: Record<string, string> } {
    const perPageRaw = Number(url.searchParams.get('per_page') ?? '30');
    const pageRaw = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number.isInteger(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 100) : 30;
    const page = Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1;
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string): string => {
      const target = new URL(url.pathname + url.search, this.url);
      target.searchParams.set('per_page', String(perPage));
      target.searchParams.set('page', String(p));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return {
      page: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  }

  private listComments(n: number, url: URL): Reply {
    if (!this.issueExists(n)) return notFound();
    const all = this.comments.filter((c) => c.issueNumber === n);
    const { page, headers } = this.paginate(all, url);
    return { status: 200, body: page.map((c) => this.commentJson(c)), headers };
  }

  /**
   * Moves a pull request's head, as a push to its branch (or its fork's) does, and records it on the timeline
   * the way GitHub shows it: a plain push as a `committed` event (the commit's own dates, no `created_at`), a
   * force push as `head_ref_force_pushed` dated now by GitHub.
   */
  pushToPull(number: number, push: EmulatedHeadPush): void {
    const pull = this.findPull(number);
    if (!pull) throw new Error(`no pull request #${number} in the emulation`);
    pull.headSha = push.sha;
    const events = this.timelineEvents.get(number) ?? [];
    const actor = push.actor ?? pull.user;
    if (push.forced) {
      const id = this.nextEventId++;
      events.push({
        id,
        node_id: `HRFPE_lADO${id}`,
        url: `${this.apiRepoUrl}/issues/events/${id}`,
        actor: this.userJson(actor),
        event: 'head_ref_force_pushed',
        commit_id: push.sha,
        commit_url: `${this.url}/repos/${pull.headRepoFullName}/commits/${push.sha}`,
        created_at: timestamp(),
        performed_via_github_app: null,
      });
    } else {
      const date = push.committerDate ?? timestamp();
      const person = { name: actor.login, email: `${actor.id}+${actor.login}@users.noreply.github.com`, date };
      events.push({
        sha: push.sha,
        node_id: `C_kwDO${push.sha.slice(0, 12)}`,
        url: `${this.url}/repos/${pull.headRepoFullName}/git/commits/${push.sha}`,
        html_url: `${this.webUrl}/${pull.headRepoFullName}/commit/${push.sha}`,
        author: person,
        committer: person,
        tree: {
          sha: fakeSha(`tree:${push.sha}`),
          url: `${this.url}/repos/${pull.headRepoFullName}/git/trees/${fakeSha(`tree:${push.sha}`)}`,
        },
        message: push.message ?? 'Update',
        parents: [],
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
        event: 'committed',
      });
    }
    this.timelineEvents.set(number, events);
  }

  /** GET /issues/{n}/timeline: comments as `commented` events and the recorded head changes, oldest first. */
  private listTimeline(n: number, url: URL): Reply {
    if (!this.issueExists(n)) return notFound();
    const commented = this.comments
      .filter((c) => c.issueNumber === n)
      .map((c) => ({ ...this.commentJson(c), event: 'commented', actor: this.userJson(c.user) }));
    const when = (event: Record<string, unknown>): string =>
      String(event.created_at ?? asRecord(event.committer)?.date ?? '');
    const all = [...commented, ...(this.timelineEvents.get(n) ?? [])].sort((a, b) => when(a).localeCompare(when(b)));
    const { page, headers } = this.paginate(all, url);
    return { status: 200, body: page, headers };
  }

  private react(subject: 'comment' | 'review-comment' | 'issue', id: number, body: unknown): Reply {
    const exists =
      subject === 'comment'
        ? this.comments.some((c) => c.id === id)
        : subject === 'review-comment'
          ? this.reviewComments.some((c) => c.id === id)
          : this.issueExists(id);
    if (!exists) return notFound();
    const content = asRecord(body)?.content;
    if (typeof content !== 'string') return invalidRequest('"content" wasn\'t supplied.');
    if (!REACTIONS.has(content)) {
      return validationFailed([{ resource: 'Reaction', code: 'invalid', field: 'content', value: content }]);
    }
    const key = `${subject}:${id}:${content}`;
    const existing = this.reactionIds.get(key);
    const reactionId = existing ?? this.nextReactionId++;
    if (existing === undefined) {
      this.reactionIds.set(key, reactionId);
      this.reactions.push({ subject, id, content });
    }
    return {
      status: existing === undefined ? 201 : 200,
      body: {
        id: reactionId,
        node_id: `REA_lATO${reactionId}`,
        user: this.userJson(BOT_USER),
        content,
        created_at: timestamp(),
      },
    };
  }

  private originGit(args: string[], options: { input?: Buffer | string; env?: Record<string, string> } = {}): string {
    if (!this.origin) throw new Error('no origin attached');
    return execFileSync('git', args, {
      cwd: this.origin,
      input: options.input,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...options.env },
    }).trim();
  }

  private refSha(ref: string): string | undefined {
    try {
      return this.originGit(['rev-parse', '--verify', '-q', ref]);
    } catch {
      return undefined;
    }
  }

  private createRef(body: unknown): Reply {
    const input = asRecord(body) ?? {};
    const { ref, sha } = input;
    if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) {
      return validationFailed([
        {
          resource: 'Reference',
          code: 'invalid',
          field: 'ref',
          message: "Reference name must start with 'refs/' and have at least two slashes.",
        },
      ]);
    }
    if (typeof sha !== 'string' || this.refSha(`${sha}^{commit}`) === undefined)
      return { status: 422, body: { message: 'Object does not exist', documentation_url: DOCS } };
    if (this.refSha(ref) !== undefined)
      return { status: 422, body: { message: 'Reference already exists', documentation_url: DOCS } };
    this.originGit(['update-ref', ref, sha, '']);
    return {
      status: 201,
      body: {
        ref,
        node_id: `REF_kwDO${fakeSha(ref).slice(0, 12)}`,
        url: `${this.apiRepoUrl}/git/${ref}`,
        object: { sha, type: 'commit', url: `${this.apiRepoUrl}/git/commits/${sha}` },
      },
      headers: { location: `${this.apiRepoUrl}/git/${ref}` },
    };
  }

  /** GraphQL: only the createCommitOnBranch mutation, with GitHub's checks and error shapes. */
  private graphql(body: unknown): Reply {
    const request = asRecord(body) ?? {};
    const query = typeof request.query === 'string' ? request.query : '';
    if (!/\bcreateCommitOnBranch\b/.test(query)) {
      return { status: 200, body: { errors: [{ message: 'The emulation answers only createCommitOnBranch.' }] } };
    }
    const input = asRecord(asRecord(request.variables)?.input);
    const branch = asRecord(input?.branch);
    const message = asRecord(input?.message);
    const changes = asRecord(input?.fileChanges) ?? {};
    const failure = (type: string, text: string): Reply => ({
      status: 200,
      body: { data: { createCommitOnBranch: null }, errors: [{ type, path: ['createCommitOnBranch'], message: text }] },
    });
    if (!input || !branch || typeof input.expectedHeadOid !== 'string' || typeof message?.headline !== 'string') {
      return failure('INVALID_INPUT', 'Variable $input of type CreateCommitOnBranchInput! was provided invalid value');
    }
    if (String(branch.repositoryNameWithOwner).toLowerCase() !== this.fullName.toLowerCase())
      return failure(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${String(branch.repositoryNameWithOwner)}'.`,
      );
    const ref = `refs/heads/${String(branch.branchName)}`;
    const head = this.refSha(ref);
    if (!head) return failure('NOT_FOUND', `A ref named "${ref}" does not exist.`);
    if (head !== input.expectedHeadOid)
      return failure(
        'STALE_DATA',
        `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`,
      );
    const index = nodePath.join(os.tmpdir(), `emulator-index-${randomUUID()}`);
    // An empty work tree: some index commands refuse a bare repository, and none of them touches files here.
    const workTree = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'emulator-tree-'));
    const env = { GIT_INDEX_FILE: index, GIT_WORK_TREE: workTree };
    try {
      this.originGit(['read-tree', head], { env });
      for (const addition of Array.isArray(changes.additions) ? changes.additions : []) {
        const file = asRecord(addition);
        if (typeof file?.path !== 'string' || typeof file.contents !== 'string')
          return failure('INVALID_INPUT', 'A file addition needs path and contents.');
        const blob = this.originGit(['hash-object', '-w', '--stdin'], { input: Buffer.from(file.contents, 'base64') });
        this.originGit(['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], { env });
      }
      for (const deletion of Array.isArray(changes.deletions) ? changes.deletions : []) {
        const file = asRecord(deletion);
        if (typeof file?.path !== 'string') return failure('INVALID_INPUT', 'A file deletion needs a path.');
        this.originGit(['update-index', '--force-remove', '--', file.path], { env });
      }
      const tree = this.originGit(['write-tree'], { env });
      const text =
        typeof message.body === 'string' && message.body !== ''
          ? `${message.headline}\n\n${message.body}`
          : message.headline;
      const sha = this.originGit(['commit-tree', tree, '-p', head, '-F', '-'], {
        input: text,
        env: {
          GIT_AUTHOR_NAME: BOT_USER.login,
          GIT_AUTHOR_EMAIL: `${BOT_USER.id}+${BOT_USER.login}@users.noreply.github.com`,
          GIT_COMMITTER_NAME: 'GitHub',
          GIT_COMMITTER_EMAIL: 'noreply@github.com',
        },
      });
      this.originGit(['update-ref', ref, sha, head]);
      this.apiCommits.push({ sha, branch: String(branch.branchName), verified: true });
      return {
        status: 200,
        body: {
          data: {
            createCommitOnBranch: { commit: { oid: sha, url: `${this.webUrl}/${this.fullName}/commit/${sha}` } },
          },
        },
      };
    } finally {
      fs.rmSync(index, { force: true });
      fs.rmSync(workTree, { recursive: true, force: true });
    }
  }

  private getReviewComment(id: number): Reply {
    const comment = this.reviewComments.find((c) => c.id === id);
    return comment ? { status: 200, body: this.reviewCommentJson(comment) } : notFound();
  }

  private editReviewComment(id: number, body: unknown): Reply {
    const comment = this.reviewComments.find((c) => c.id === id);
    if (!comment) return notFound();
    if (comment.user.login !== BOT_USER.login) return notYours();
    const checked = this.checkCommentBody(body, 'PullRequestReviewComment');
    if (!('text' in checked)) return checked;
    comment.body = checked.text;
    comment.edits.push(checked.text);
    const times = this.times.get(`review-comment:${id}`);
    if (times) times.updated_at = timestamp();
    return { status: 200, body: this.reviewCommentJson(comment) };
  }

  /** A reply joins the thread of a top-level review comment; GitHub does not take replies to replies. */
  private replyToReviewComment(pullNumber: number, commentId: number | undefined, body: unknown): Reply {
    const parent = this.reviewComments.find((c) => c.id === commentId && c.pullNumber === pullNumber);
    if (!parent || !this.findPull(pullNumber)) return notFound();
    if (parent.inReplyToId !== undefined) {
      return validationFailed([
        {
          resource: 'PullRequestReviewComment',
          code: 'invalid',
          field: 'in_reply_to',
          message: 'Replies to replies are not supported.',
        },
      ]);
    }
    const checked = this.checkCommentBody(body, 'PullRequestReviewComment');
    if (!('text' in checked)) return checked;
    const id = this.nextReviewCommentId++;
    const reply: EmulatedReviewComment = {
      id,
      pullNumber,
      body: checked.text,
      user: BOT_USER,
      inReplyToId: parent.inReplyToId ?? parent.id,
      path: parent.path,
      line: parent.line,
      edits: [checked.text],
    };
    const now = timestamp();
    this.times.set(`review-comment:${id}`, { created_at: now, updated_at: now, closed_at: null });
    this.reviewComments.push(reply);
    return {
      status: 201,
      body: this.reviewCommentJson(reply),
      headers: { location: `${this.apiRepoUrl}/pulls/comments/${id}` },
    };
  }

  private addLabels(n: number, body: unknown): Reply {
    if (!this.issueExists(n)) return notFound();
    const list = Array.isArray(body) ? body : asRecord(body)?.labels;
    if (!Array.isArray(list)) return invalidRequest('"labels" wasn\'t supplied.');
    const names: string[] = [];
    for (const item of list) {
      const name = typeof item === 'string' ? item : asRecord(item)?.name;
      if (typeof name !== 'string' || name.trim() === '') {
        return validationFailed([{ resource: 'Label', code: 'invalid', field: 'name' }]);
      }
      names.push(name);
    }
    this.labels.push({ issueNumber: n, labels: names });
    const current = this.issueLabels.get(n) ?? [];
    for (const name of names) {
      if (!current.some((l) => l.toLowerCase() === name.toLowerCase())) current.push(name);
    }
    this.issueLabels.set(n, current);
    return { status: 200, body: current.map((name) => this.labelJson(name)) };
  }

  private getPull(n: number): Reply {
    const pull = this.findPull(n);
    return pull ? { status: 200, body: this.pullJson(pull) } : notFound();
  }

  private listPulls(url: URL, q: URLSearchParams): Reply {
    const state = q.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state)) {
      return validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid' }]);
    }
    let result = this.pulls.filter((p) => state === 'all' || p.state === state);
    const head = q.get('head');
    // Like GitHub, a head filter without the `owner:` prefix is ignored (returns every PR).
    if (head !== null && head.includes(':')) {
      const { owner, branch } = splitHead(head);
      result = result.filter((p) => {
        const headOwner = p.headRepoFullName.split('/')[0] ?? '';
        return headOwner.toLowerCase() === (owner ?? '').toLowerCase() && (branch === '' || p.head === branch);
      });
    }
    const base = q.get('base');
    if (base !== null && base !== '') result = result.filter((p) => p.base === base);
    const direction = q.get('direction') ?? 'desc';
    result = [...result].sort((x, y) => (direction === 'asc' ? x.number - y.number : y.number - x.number));
    const { page, headers } = this.paginate(result, url);
    return { status: 200, body: page.map((p) => this.pullJson(p)), headers };
  }

  private duplicateOf(headRepoFullName: string, head: string, base: string, except?: number): EmulatedPull | undefined {
    return this.pulls.find(
      (p) =>
        p.number !== except &&
        p.state === 'open' &&
        p.head === head &&
        p.base === base &&
        p.headRepoFullName.toLowerCase() === headRepoFullName.toLowerCase(),
    );
  }

  private duplicateReply(pull: { headRepoFullName: string; head: string }): Reply {
    const headOwner = pull.headRepoFullName.split('/')[0] ?? this.owner;
    return validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${headOwner}:${pull.head}.`,
      },
    ]);
  }

  private pullBodyTooLong(text: string): Reply | undefined {
    if (charCount(text) <= BODY_LIMIT) return undefined;
    return validationFailed([
      {
        resource: 'Issue',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${BODY_LIMIT} characters)`,
      },
    ]);
  }

  private createPull(body: unknown): Reply {
    const input = asRecord(body);
    if (!input) return invalidRequest('Request body is not a JSON object.');
    const { title, head, base } = input;
    const text = input.body ?? '';
    if (typeof head !== 'string' || head === '') {
      return validationFailed([{ resource: 'PullRequest', code: 'missing_field', field: 'head' }]);
    }
    if (typeof base !== 'string' || base === '') {
      return validationFailed([{ resource: 'PullRequest', code: 'missing_field', field: 'base' }]);
    }
    if (typeof title !== 'string' || title.trim() === '') {
      return validationFailed([{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]);
    }
    if (typeof text !== 'string') return invalidRequest("For 'properties/body', it is not a string.");
    if (input.draft !== undefined && typeof input.draft !== 'boolean') {
      return invalidRequest("For 'properties/draft', it is not a boolean.");
    }
    const { owner: headOwner, branch } = splitHead(head);
    if ((headOwner !== undefined && headOwner.toLowerCase() !== this.owner.toLowerCase()) || branch === '') {
      return validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'head' }]);
    }
    if (branch === base) {
      return validationFailed([
        { resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${branch}` },
      ]);
    }
    const tooLong = this.pullBodyTooLong(text);
    if (tooLong) return tooLong;
    const headRepoFullName = this.fullName;
    if (this.duplicateOf(headRepoFullName, branch, base))
      return this.duplicateReply({ headRepoFullName, head: branch });

    const number = this.nextPullNumber++;
    const pull: EmulatedPull = {
      number,
      title,
      body: text,
      head: branch,
      base,
      draft: input.draft === true,
      state: 'open',
      html_url: `${this.webUrl}/${this.owner}/${this.repo}/pull/${number}`,
      user: BOT_USER,
      headRepoFullName,
    };
    const now = timestamp();
    this.times.set(`pull:${number}`, { created_at: now, updated_at: now, closed_at: null });
    this.pulls.push(pull);
    return {
      status: 201,
      body: this.pullJson(pull),
      headers: { location: `${this.apiRepoUrl}/pulls/${number}` },
    };
  }

  private updatePull(n: number, body: unknown): Reply {
    const pull = this.findPull(n);
    if (!pull) return notFound();
    const input = asRecord(body) ?? {};
    const { title, state, base } = input;
    const text = input.body;
    if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) {
      return validationFailed([{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]);
    }
    if (text !== undefined && text !== null && typeof text !== 'string') {
      return invalidRequest("For 'properties/body', it is not a string.");
    }
    if (state !== undefined && state !== 'open' && state !== 'closed') {
      return validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'state' }]);
    }
    if (base !== undefined && (typeof base !== 'string' || base === '')) {
      return validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'base' }]);
    }
    if (typeof text === 'string') {
      const tooLong = this.pullBodyTooLong(text);
      if (tooLong) return tooLong;
    }
    const nextState = (state as 'open' | 'closed' | undefined) ?? pull.state;
    const nextBase = (base as string | undefined) ?? pull.base;
    if (nextState === 'open' && this.duplicateOf(pull.headRepoFullName, pull.head, nextBase, pull.number)) {
      return this.duplicateReply(pull);
    }
    const times = this.times.get(`pull:${n}`);
    const now = timestamp();
    if (typeof title === 'string') pull.title = title;
    if (typeof text === 'string' || text === null) pull.body = text ?? '';
    if (nextState !== pull.state && times) times.closed_at = nextState === 'closed' ? now : null;
    pull.state = nextState;
    pull.base = nextBase;
    if (times) times.updated_at = now;
    return { status: 200, body: this.pullJson(pull) };
  }

  // ---------------------------------------------------------------------------------------------
  // Pull request reviews

  /**
   * Tells the emulation the pull request's diff (git diff base...head), so it refuses, as GitHub does, a review
   * comment on a line the diff does not show. Without it, every line is accepted.
   */
  setPullDiff(n: number, diff: string): void {
    const files = new Map<string, Set<number>>();
    let lines: Set<number> | undefined;
    let next = 0;
    let inHunk = false;
    for (const raw of diff.split('\n')) {
      if (raw.startsWith('diff --git ')) {
        lines = undefined;
        inHunk = false;
      } else if (raw.startsWith('+++ ') && !inHunk) {
        const target = raw.slice(4).trim();
        lines = target === '/dev/null' ? undefined : new Set();
        if (lines) files.set(target.replace(/^b\//, ''), lines);
      } else if (/^@@ /.test(raw)) {
        inHunk = true;
        next = Number(/\+(\d+)/.exec(raw)?.[1] ?? 0);
      } else if (inHunk && (raw.startsWith('+') || raw.startsWith(' '))) {
        lines?.add(next++);
      } else if (inHunk && !raw.startsWith('-') && !raw.startsWith('\\')) {
        inHunk = false;
      }
    }
    this.pullDiffLines.set(n, files);
  }

  /** A review as GitHub's OpenAPI description types it (components.schemas['pull-request-review']): tsc checks the shape. */
  private reviewJson(review: EmulatedReview): PullRequestReviewJson {
    const pull = this.findPull(review.pullNumber);
    return {
      id: review.id,
      node_id: `PRR_kwDO${review.id}`,
      user: this.userJson(review.user) as PullRequestReviewJson['user'],
      body: review.body,
      state: review.state,
      html_url: review.html_url,
      pull_request_url: `${this.apiRepoUrl}/pulls/${review.pullNumber}`,
      author_association: 'CONTRIBUTOR',
      _links: {
        html: { href: review.html_url },
        pull_request: { href: `${this.apiRepoUrl}/pulls/${review.pullNumber}` },
      },
      submitted_at: review.state === 'PENDING' ? undefined : timestamp(),
      commit_id: review.commitId || (pull?.headSha ?? null),
    };
  }

  private createReview(n: number, body: unknown): Reply {
    const pull = this.findPull(n);
    if (!pull) return notFound();
    const input = asRecord(body) ?? {};
    const event = input.event;
    if (event !== undefined && event !== 'APPROVE' && event !== 'REQUEST_CHANGES' && event !== 'COMMENT') {
      return invalidRequest(`${JSON.stringify(event)} is not a member of ["APPROVE", "REQUEST_CHANGES", "COMMENT"].`);
    }
    const text = typeof input.body === 'string' ? input.body : '';
    if (charCount(text) > BODY_LIMIT)
      return validationFailed([
        {
          resource: 'PullRequestReview',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        },
      ]);
    const rawComments = Array.isArray(input.comments) ? input.comments : [];
    const comments: EmulatedReview['comments'] = [];
    const diff = this.pullDiffLines.get(n);
    for (const raw of rawComments) {
      const comment = asRecord(raw);
      if (
        !comment ||
        typeof comment.path !== 'string' ||
        typeof comment.body !== 'string' ||
        typeof comment.line !== 'number'
      ) {
        return invalidRequest('Each review comment needs "path", "body" and "line".');
      }
      const side = typeof comment.side === 'string' ? comment.side : 'RIGHT';
      const start = typeof comment.start_line === 'number' ? comment.start_line : undefined;
      if (diff && side === 'RIGHT') {
        const lines = diff.get(comment.path);
        const wanted =
          start !== undefined ? Array.from({ length: comment.line - start + 1 }, (_v, i) => start + i) : [comment.line];
        if (!lines || (start !== undefined && start >= comment.line) || wanted.some((line) => !lines.has(line))) {
          // What GitHub answers for a line that is not part of the pull request's diff.
          return {
            status: 422,
            body: {
              message: 'Unprocessable Entity',
              errors: ['Line could not be resolved'],
              documentation_url: `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
              status: '422',
            },
          };
        }
      }
      comments.push({
        path: comment.path,
        line: comment.line,
        side,
        ...(start !== undefined ? { start_line: start, start_side: String(comment.start_side ?? 'RIGHT') } : {}),
        body: comment.body,
      });
    }
    if ((event === 'COMMENT' || event === 'REQUEST_CHANGES') && !text && comments.length === 0) {
      return {
        status: 422,
        body: {
          message: 'Unprocessable Entity',
          errors: ['Review Can not request changes or comment without body'],
          documentation_url: `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
          status: '422',
        },
      };
    }
    const id = this.nextReviewId++;
    const state =
      event === 'APPROVE'
        ? 'APPROVED'
        : event === 'REQUEST_CHANGES'
          ? 'CHANGES_REQUESTED'
          : event === 'COMMENT'
            ? 'COMMENTED'
            : 'PENDING';
    const review: EmulatedReview = {
      id,
      pullNumber: n,
      body: text,
      state,
      commitId: typeof input.commit_id === 'string' ? input.commit_id : (pull.headSha ?? ''),
      user: BOT_USER,
      html_url: `${pull.html_url}#pullrequestreview-${id}`,
      comments,
      edits: [text],
    };
    this.reviews.push(review);
    return { status: 200, body: this.reviewJson(review) };
  }

  private listReviews(n: number, url: URL): Reply {
    if (!this.findPull(n)) return notFound();
    const { page, headers } = this.paginate(
      this.reviews.filter((review) => review.pullNumber === n),
      url,
    );
    return { status: 200, body: page.map((review) => this.reviewJson(review)), headers };
  }

  private updateReview(n: number, id: number, body: unknown): Reply {
    const review = this.reviews.find((r) => r.id === id && r.pullNumber === n);
    if (!review) return notFound();
    const text = asRecord(body)?.body;
    if (typeof text !== 'string') return invalidRequest('"body" wasn\'t supplied.');
    review.body = text;
    review.edits.push(text);
    return { status: 200, body: this.reviewJson(review) };
  }

  private requestReviewers(n: number, body: unknown): Reply {
    const pull = this.findPull(n);
    if (!pull) return notFound();
    const input = asRecord(body) ?? {};
    const reviewers = input.reviewers ?? [];
    const teams = input.team_reviewers ?? [];
    if (!Array.isArray(reviewers) || !reviewers.every((r) => typeof r === 'string')) {
      return invalidRequest("For 'properties/reviewers', it is not an array of strings.");
    }
    if (!Array.isArray(teams)) return invalidRequest("For 'properties/team_reviewers', it is not an array.");
    if (reviewers.length === 0 && teams.length === 0) {
      return invalidRequest('No subschema in "anyOf" matched.\n"reviewers" wasn\'t supplied.');
    }
    const logins = reviewers as string[];
    if (logins.some((login) => login.toLowerCase() === pull.user.login.toLowerCase())) {
      return {
        status: 422,
        body: { message: 'Review cannot be requested from pull request author.', documentation_url: DOCS },
      };
    }
    const outsider = logins.some((login) => {
      const entry = this.permissions.get(login.toLowerCase());
      return !entry || entry.role === 'none';
    });
    if (outsider) {
      return {
        status: 422,
        body: {
          message:
            'Reviews may only be requested from collaborators. One or more of the users or teams you specified ' +
            `is not a collaborator of the ${this.fullName} repository.`,
          documentation_url: DOCS,
        },
      };
    }
    this.reviewRequests.push({ pullNumber: n, reviewers: [...logins] });
    const current = this.requestedReviewers.get(n) ?? [];
    for (const login of logins) {
      if (!current.some((l) => l.toLowerCase() === login.toLowerCase())) current.push(login);
    }
    this.requestedReviewers.set(n, current);
    return { status: 201, body: this.pullJson(pull) };
  }
}

// ---------------------------------------------------------------------------------------------
// Setup mistakes maintainers make, answered with GitHub's own status and message.

/**
 * The repository (or its organisation) leaves "Allow GitHub Actions to create and approve pull requests" off:
 * GitHub answers POST /pulls made with the GITHUB_TOKEN with this 403.
 */
export function forbidActionsToOpenPullRequests(emulator: GitHubEmulator): void {
  emulator.injectFault({
    method: 'POST',
    path: /^\/repos\/[^/]+\/[^/]+\/pulls$/,
    status: 403,
    body: {
      message: 'GitHub Actions is not permitted to create or approve pull requests.',
      documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
      status: '403',
    },
    times: Infinity,
  });
}

/**
 * The workflow's token has no `issues: write`: every comment and reaction write on issues and pull requests
 * is refused with "Resource not accessible by integration"; reads still work.
 */
export function withoutIssuesWrite(emulator: GitHubEmulator): void {
  const forbidden = {
    message: 'Resource not accessible by integration',
    documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
    status: '403',
  };
  for (const [method, path] of [
    ['POST', /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/],
    ['PATCH', /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/],
    ['POST', /\/reactions$/],
  ] as const) {
    emulator.injectFault({ method, path, status: 403, body: forbidden, times: Infinity });
  }
}
