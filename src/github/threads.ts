// Owns the client's calls on issue and pull request threads: comments (also replies in a review thread),
// reactions, labels, and reading a long thread's newest comments.
// Must never: post a body that has not been fitted to GitHub's limit.
import type { ClientContext } from './octokit.js';
import type { GitHubClient, ThreadComment } from './types.js';

type ThreadCalls = Pick<GitHubClient, 'addReaction' | 'createComment' | 'updateComment' | 'listComments' | 'addLabels'>;

export function threadCalls({ octokit, repo, options, fits }: ClientContext): ThreadCalls {
  /** Comments this client wrote as review-thread replies: editing them goes to the review-comment route. */
  const reviewReplies = new Set<number>();
  return {
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
    async addLabels(issueNumber, labels) {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels });
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
  };
}

function lastPageOf(link: string | undefined): number | undefined {
  const last = link?.split(',').find((part) => /rel="last"/.test(part));
  const page = last ? /[?&]page=(\d+)/.exec(last)?.[1] : undefined;
  return page ? Number(page) : undefined;
}
