// Pull requests: get, list (a `head` filter only in the `owner:branch` form), create and update (422 for a
// duplicate, invalid input or a body over 65,536 characters), review requests, and review comments: edit and
// reply in a thread.
import {
  BOT_USER,
  DOCS,
  BODY_LIMIT,
  timestamp,
  asRecord,
  charCount,
  notFound,
  validationFailed,
  notYours,
  invalidRequest,
  splitHead,
} from './model.ts';
import type { EmulatedPull, EmulatedReviewComment, Reply } from './model.ts';
import { IssuesRoutes } from './issues.ts';

export class PullsRoutes extends IssuesRoutes {
  protected editReviewComment(id: number, body: unknown): Reply {
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
  protected replyToReviewComment(pullNumber: number, commentId: number | undefined, body: unknown): Reply {
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

  protected getPull(n: number): Reply {
    const pull = this.findPull(n);
    return pull ? { status: 200, body: this.pullJson(pull) } : notFound();
  }

  protected listPulls(url: URL, q: URLSearchParams): Reply {
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

  protected duplicateOf(
    headRepoFullName: string,
    head: string,
    base: string,
    except?: number,
  ): EmulatedPull | undefined {
    return this.pulls.find(
      (p) =>
        p.number !== except &&
        p.state === 'open' &&
        p.head === head &&
        p.base === base &&
        p.headRepoFullName.toLowerCase() === headRepoFullName.toLowerCase(),
    );
  }

  protected duplicateReply(pull: { headRepoFullName: string; head: string }): Reply {
    const headOwner = pull.headRepoFullName.split('/')[0] ?? this.owner;
    return validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${headOwner}:${pull.head}.`,
      },
    ]);
  }

  protected pullBodyTooLong(text: string): Reply | undefined {
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

  protected createPull(body: unknown): Reply {
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

  protected updatePull(n: number, body: unknown): Reply {
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

  protected requestReviewers(n: number, body: unknown): Reply {
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
