// Owns the decision "does this run add a commit to the pull request it was asked on, instead of opening
// another?": yes for a review comment on a line of the pull request, and for a follow-up on a pull request the
// action itself opened (its marker in the body, its branch prefix on the head).
import type { PullRequestInfo } from '../github.js';
import { ACTION_MARKER } from '../report/markers.js';
import type { Task } from '../task/task.js';

export function continuesPullRequest(
  task: Pick<Task, 'source'>,
  pull: Pick<PullRequestInfo, 'body' | 'headRef'> | undefined,
  branchPrefix: string,
): boolean {
  if (pull === undefined) return false;
  if (task.source.kind === 'review-comment') return true;
  return pull.body.includes(ACTION_MARKER) && pull.headRef.startsWith(branchPrefix);
}
