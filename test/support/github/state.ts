// The emulated repository's state, seeded from GitHubEmulatorOptions: collaborators, issues, pull requests,
// comments, reviews, reactions, labels and timelines, with the id sequences GitHub keeps, and the lookups and
// pagination every resource uses. It never serves a request itself; the resource modules do.
import { BOT_USER, DEFAULT_AUTHOR, timestamp, userIdFor, splitHead } from './model.ts';
import type {
  EmulatedUser,
  RecordedRequest,
  EmulatedComment,
  EmulatedPull,
  EmulatedReview,
  EmulatedRole,
  EmulatedReviewComment,
  GitHubEmulatorOptions,
  IssueRecord,
  Timestamps,
} from './model.ts';

export class EmulatorState {
  readonly url: string;

  readonly requests: RecordedRequest[] = [];

  readonly comments: EmulatedComment[] = [];

  readonly pulls: EmulatedPull[] = [];

  readonly reviews: EmulatedReview[] = [];

  /** Right-side lines GitHub takes review comments on, per pull request and file (setPullDiff). */
  protected readonly pullDiffLines: Map<number, Map<string, Set<number>>> = new Map();

  protected nextReviewId = 80_000_001;

  readonly reactions: Array<{ subject: 'comment' | 'review-comment' | 'issue'; id: number; content: string }> = [];

  readonly labels: Array<{ issueNumber: number; labels: string[] }> = [];

  readonly reviewRequests: Array<{ pullNumber: number; reviewers: string[] }> = [];

  readonly reviewComments: EmulatedReviewComment[] = [];

  /** Commits GitHub's API made, which GitHub signs (shown as Verified). */
  readonly apiCommits: Array<{ sha: string; branch: string; verified: true }> = [];

  protected origin: string | undefined;

  protected readonly owner: string;

  protected readonly repo: string;

  protected readonly defaultBranch: string;

  protected readonly token: string | undefined;

  protected readonly webUrl: string;

  protected readonly permissions: Map<string, { login: string; role: EmulatedRole; roleName: string }> = new Map();

  protected readonly issues: Map<number, IssueRecord> = new Map();

  protected readonly times: Map<string, Timestamps> = new Map();

  protected readonly issueLabels: Map<number, string[]> = new Map();

  protected readonly requestedReviewers: Map<number, string[]> = new Map();

  protected readonly reactionIds: Map<string, number> = new Map();

  /** Timeline events other than comments, per issue or pull request number, as GitHub returns them. */
  protected readonly timelineEvents: Map<number, Array<Record<string, unknown>>> = new Map();

  protected nextEventId = 12_000_000_001;

  // Like GitHub's: two sequences far apart, so a review comment written later can have a much smaller id.
  protected nextCommentId = 2_512_000_001;

  protected nextReviewCommentId = 1_876_000_001;

  protected nextPullNumber: number;

  protected nextReactionId = 90_000_001;

  protected constructor(options: GitHubEmulatorOptions, url: string) {
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

  protected get apiRepoUrl(): string {
    return `${this.url}/repos/${this.owner}/${this.repo}`;
  }

  protected get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  protected userFor(login: string): EmulatedUser {
    if (login.toLowerCase() === BOT_USER.login) return BOT_USER;
    const canonical = this.permissions.get(login.toLowerCase())?.login ?? login;
    return { login: canonical, id: userIdFor(canonical), type: canonical.endsWith('[bot]') ? 'Bot' : 'User' };
  }

  protected findPull(n: number): EmulatedPull | undefined {
    return this.pulls.find((p) => p.number === n);
  }

  protected issueExists(n: number): boolean {
    return this.issues.has(n) || this.findPull(n) !== undefined;
  }

  protected isPullRequest(n: number): boolean {
    return this.findPull(n) !== undefined || this.issues.get(n)?.isPullRequest === true;
  }

  protected issueHtmlUrl(n: number): string {
    const pull = this.findPull(n);
    if (pull) return pull.html_url;
    return `${this.webUrl}/${this.owner}/${this.repo}/${this.isPullRequest(n) ? 'pull' : 'issues'}/${n}`;
  }

  protected paginate<T>(items: T[], url: URL): { page: T[]; headers: Record<string, string> } {
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
}
