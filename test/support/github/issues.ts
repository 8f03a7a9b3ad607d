// Issues and their comments: create, edit (403 for someone else's), list with Link headers, reactions on issues,
// comments and review comments, labels, and the timeline (`commented` events and the head pushes a test records).
import {
  BOT_USER,
  BODY_LIMIT,
  REACTIONS,
  timestamp,
  fakeSha,
  asRecord,
  charCount,
  notFound,
  validationFailed,
  notYours,
  invalidRequest,
} from './model.ts';
import type { EmulatedComment, EmulatedHeadPush, Reply } from './model.ts';
import { ReposRoutes } from './repos.ts';

export class IssuesRoutes extends ReposRoutes {
  protected checkCommentBody(body: unknown, resource = 'IssueComment'): { text: string } | Reply {
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

  protected createComment(n: number, body: unknown): Reply {
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

  protected editComment(id: number, body: unknown): Reply {
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

  protected listComments(n: number, url: URL): Reply {
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
  protected listTimeline(n: number, url: URL): Reply {
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

  protected react(subject: 'comment' | 'review-comment' | 'issue', id: number, body: unknown): Reply {
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

  protected addLabels(n: number, body: unknown): Reply {
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
}
