// Pull request reviews: create (inline comments only on lines of the diff a test sets with setPullDiff),
// list, and update a review's body.
import {
  BOT_USER,
  DOCS,
  BODY_LIMIT,
  timestamp,
  asRecord,
  charCount,
  notFound,
  validationFailed,
  invalidRequest,
} from './model.ts';
import type { PullRequestReviewJson, EmulatedReview, Reply } from './model.ts';
import { PullsRoutes } from './pulls.ts';

export class ReviewsRoutes extends PullsRoutes {
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
  protected reviewJson(review: EmulatedReview): PullRequestReviewJson {
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

  protected createReview(n: number, body: unknown): Reply {
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

  protected listReviews(n: number, url: URL): Reply {
    if (!this.findPull(n)) return notFound();
    const { page, headers } = this.paginate(
      this.reviews.filter((review) => review.pullNumber === n),
      url,
    );
    return { status: 200, body: page.map((review) => this.reviewJson(review)), headers };
  }

  protected updateReview(n: number, id: number, body: unknown): Reply {
    const review = this.reviews.find((r) => r.id === id && r.pullNumber === n);
    if (!review) return notFound();
    const text = asRecord(body)?.body;
    if (typeof text !== 'string') return invalidRequest('"body" wasn\'t supplied.');
    review.body = text;
    review.edits.push(text);
    return { status: 200, body: this.reviewJson(review) };
  }
}
