// In-process emulation of the slice of GitHub's REST API that the action uses, for the end-to-end and in-process
// tests. This module owns: an HTTP server on 127.0.0.1 (node:http only, random port) that the action reaches
// through GITHUB_API_URL; the route table (every route the action's client calls, and no other); the log of every
// request it received (including faulted, unauthorised and 404 ones); one-shot or permanent fault injection; and
// primary and secondary rate limits with GitHub's headers. Each resource's behaviour lives in its own module
// under test/support/github/ (state, views, repos, issues, pulls, reviews, git), which this class stacks up.
// Behaviour follows GitHub where it matters to callers: legacy permission values next to role_name, 404 for
// someone who is no collaborator, 422 bodies for duplicate pull requests, invalid input and bodies over 65,536
// characters, 404 for unknown issues and routes, Link headers on lists (per_page at most 100), separate id
// sequences for issue and review comments, review-thread replies, and 403 for editing someone else's comment.
// It never writes to stdout or stderr.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DOCS, RATE_LIMIT, notFound } from './github/model.ts';
import type { FaultRule, GitHubEmulatorOptions, Reply, StoredFault } from './github/model.ts';
import { GitRoutes } from './github/git.ts';

export type {
  EmulatedUser,
  RecordedRequest,
  EmulatedComment,
  EmulatedPull,
  EmulatedReview,
  EmulatedHeadPush,
  FaultRule,
  EmulatedRole,
  CustomRole,
  EmulatedReviewComment,
  GitHubEmulatorOptions,
} from './github/model.ts';

export class GitHubEmulator extends GitRoutes {
  private readonly server: http.Server;

  /**
   * Every request and the answer it got, as they crossed the wire (raw path, bodies parsed as JSON): what
   * test/unit/emulator-openapi.test.ts holds to GitHub's OpenAPI description.
   */
  readonly exchanges: Array<{
    method: string;
    path: string;
    requestBody: unknown;
    status: number;
    responseBody: unknown;
  }> = [];

  private readonly faults: StoredFault[] = [];

  private rateLimit: { primaryResetsAt: number | undefined; primaryStatus: 403 | 429 } = {
    primaryResetsAt: undefined,
    primaryStatus: 403,
  };

  private requestCount = 0;

  private readonly rateLimitReset = Math.floor(Date.now() / 1000) + 3600;

  private constructor(options: GitHubEmulatorOptions, server: http.Server, url: string) {
    super(options, url);
    this.server = server;
  }

  static async start(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
    const server = http.createServer();
    // Idle connections stay open until stop(): with Node's 5 s default, a client that reuses a connection just
    // as the server drops it sees the request fail ("fetch failed"), which a loaded machine makes likely.
    server.keepAliveTimeout = 0;
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
      const raw = Buffer.concat(chunks).toString('utf8');
      const payload = this.send(res, reply);
      this.exchanges.push({
        method: (req.method ?? 'GET').toUpperCase(),
        path: new URL(req.url ?? '/', this.url).pathname,
        requestBody: raw === '' ? undefined : parsedOrText(raw),
        status: reply.status,
        responseBody: payload === '' ? undefined : (JSON.parse(payload) as unknown),
      });
    });
  }

  /** Answers, and returns the body it sent. */
  private send(res: http.ServerResponse, reply: Reply): string {
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
    return payload;
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
        if (rest.length === 3 && method === 'PATCH') return this.editComment(commentId, body);
        if (rest.length === 4 && d === 'reactions' && method === 'POST') return this.react('comment', commentId, body);
      } else if (n !== undefined) {
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

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
