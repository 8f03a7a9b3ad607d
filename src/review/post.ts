// Owns posting the review on GitHub: one submitted review, event COMMENT unless the maintainers opted in to verdicts, inline comments on lines of the
// diff, the rest in its summary; then the action's earlier review summaries of the same pull request are
// collapsed to a link to this one (their inline threads are left as they are), so reviews do not pile up.
// Must never: approve or request changes unless the maintainers opted in (review-verdicts, never for a fork), drop a comment, or edit a review the action did not write.
import * as core from '@actions/core';
import { getErrorMessage } from '../errors.js';
import type { GitHubClient, NewReview } from '../github.js';
import { REVIEW_MARKER, inlineCommentBody, reviewBody, supersededReviewBody } from '../report/review.js';
import type { ReviewAnswer, ReviewComment } from './answer.js';

export interface PostReviewInput {
  github: Pick<GitHubClient, 'createReview' | 'listReviews' | 'updateReview'>;
  pullNumber: number;
  headSha: string;
  answer: ReviewAnswer;
  inline: ReviewComment[];
  outsideDiff: ReviewComment[];
  runUrl: string;
  redact: (text: string) => string;
  unstructured?: string;
  /** The maintainers opted in (review-verdicts) and the pull request is not from a fork: Codex's verdict is followed. */
  followVerdict: boolean;
}

export interface PostedReviewFacts {
  url: string;
  event: NewReview['event'];
  inline: ReviewComment[];
  outsideDiff: ReviewComment[];
}

export async function postReview(input: PostReviewInput): Promise<PostedReviewFacts> {
  const event = reviewEvent(input.followVerdict ? input.answer.verdict : 'comment');
  const attempt = (
    inline: ReviewComment[],
    outsideDiff: ReviewComment[],
  ): Promise<{ url: string; author: string; id: number }> => {
    const review: NewReview = {
      commitId: input.headSha,
      event,
      body: reviewBody(
        {
          answer: input.answer,
          outsideDiff,
          headSha: input.headSha,
          runUrl: input.runUrl,
          unstructured: input.unstructured,
        },
        input.redact,
      ),
      comments: inline.map((comment) => ({
        path: comment.path,
        line: comment.line,
        side: 'RIGHT',
        ...(comment.startLine !== undefined ? { start_line: comment.startLine, start_side: 'RIGHT' as const } : {}),
        body: inlineCommentBody(comment, input.redact),
      })),
    };
    return input.github.createReview(input.pullNumber, review);
  };
  let inline = input.inline;
  let outsideDiff = input.outsideDiff;
  let posted;
  try {
    posted = await attempt(inline, outsideDiff);
  } catch (error) {
    // GitHub refuses the whole review when one comment is not on its diff (422). Ours is computed from the same
    // commits, but GitHub's diff can differ (a base that moved, a file too large to diff): keep every comment,
    // in the summary.
    if ((error as { status?: number }).status !== 422 || inline.length === 0) throw error;
    core.warning(
      `GitHub did not accept the inline comments (${getErrorMessage(error)}); they go into the review's summary.`,
    );
    outsideDiff = [...inline, ...outsideDiff];
    inline = [];
    posted = await attempt(inline, outsideDiff);
  }
  await collapseEarlierReviews(input, posted);
  return { url: posted.url, event, inline, outsideDiff };
}

function reviewEvent(verdict: ReviewAnswer['verdict']): NewReview['event'] {
  if (verdict === 'approve') return 'APPROVE';
  if (verdict === 'request-changes') return 'REQUEST_CHANGES';
  return 'COMMENT';
}

async function collapseEarlierReviews(
  input: PostReviewInput,
  posted: { id: number; url: string; author: string },
): Promise<void> {
  try {
    const earlier = (await input.github.listReviews(input.pullNumber)).filter(
      (review) =>
        review.id !== posted.id &&
        review.author === posted.author &&
        review.body.includes(REVIEW_MARKER) &&
        !review.body.includes('This review is out of date'),
    );
    for (const review of earlier)
      await input.github.updateReview(input.pullNumber, review.id, supersededReviewBody(posted.url));
  } catch (error) {
    core.warning(`The earlier reviews of this action could not be collapsed: ${getErrorMessage(error)}`);
  }
}
