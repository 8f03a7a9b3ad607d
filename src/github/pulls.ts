// Owns the client's calls on pull requests: reading one and its head's timeline, finding, opening and
// updating the action's own, requesting reviewers, and its reviews.
// Must never: post a body that has not been fitted to GitHub's limit.
import type { ClientContext } from './octokit.js';
import type { GitHubClient, HeadEvent } from './types.js';

type PullCalls = Pick<
  GitHubClient,
  | 'getPullRequest'
  | 'findOpenPullRequest'
  | 'createPullRequest'
  | 'updatePullRequest'
  | 'requestReviewers'
  | 'listHeadEvents'
  | 'createReview'
  | 'listReviews'
  | 'updateReview'
>;

const HEAD_EVENTS = new Set(['committed', 'head_ref_force_pushed', 'head_ref_restored', 'head_ref_deleted']);

export function pullCalls({ octokit, repo, options, fits }: ClientContext): PullCalls {
  return {
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
    async requestReviewers(pullNumber, reviewers) {
      await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pullNumber, reviewers });
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
