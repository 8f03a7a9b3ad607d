// Owns the decision "does this run add a commit to the pull request it was asked on, instead of opening
// another?": yes for a review comment on a line of the pull request, and for a follow-up on a pull request the
// action itself opened. Must never: take the action's hidden marker as proof of authorship (anyone can paste
// it into a body); the head branch must be one the action names.
import type { PullRequestInfo } from '../github.js';
import { ACTION_MARKER } from '../report/markers.js';
import type { Task } from '../task/task.js';
import { isWorkBranchName } from './naming.js';

export function continuesPullRequest(
  task: Pick<Task, 'source'>,
  pull: Pick<PullRequestInfo, 'body' | 'headRef'> | undefined,
  branchPrefix: string,
): boolean {
  if (pull === undefined) return false;
  if (task.source.kind === 'review-comment') return true;
  return pull.body.includes(ACTION_MARKER) && isWorkBranchName(branchPrefix, pull.headRef);
}
