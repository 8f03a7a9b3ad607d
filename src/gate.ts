// Owns "may this person make the action spend money and write to the repository?". Runs before any
// reaction, comment or model call. Bots are refused unless listed exactly; humans need at least the
// required repository permission, read from the API. When the permission cannot be read (an outage, a
// spent rate limit) the run fails: no model call and no refusal, since nobody was refused anything.
// For a fork's pull request, it also decides which head commit the requester asked about.
// Must never: turn an API failure into a refusal.
import type { GitHubClient, PullRequestInfo } from './github.js';
import { ActionError, getErrorMessage } from './errors.js';
import type { RunnerContext } from './runner.js';
import type { Settings } from './settings.js';
import { permissionAtLeast } from './settings.js';
import type { Actor, Task } from './task/task.js';

export type GateDecision = { allowed: true; why: string } | { allowed: false; reason: string };

/** A task that passed the gate, with the pull request it was asked on (if any) and whether that is a fork's. */
export type GatePassed = { allowed: true; why: string; pull: PullRequestInfo | undefined; isFork: boolean };

/**
 * The whole gate for a task: the requester, then the pull request it was asked on (open, a fork only when
 * allowed) and, for a fork, the head the requester saw. A review is read-only and pushes nothing, so
 * `allow-forks: review` is enough for a fork's pull request.
 */
export async function gateTask(
  task: Task,
  settings: Pick<Settings, 'requiredPermission' | 'allowedBots' | 'allowForks' | 'allowForkReviews'>,
  runner: Pick<RunnerContext, 'owner' | 'repo'>,
  github: Pick<GitHubClient, 'getPermission' | 'getPullRequest' | 'listHeadEvents'>,
): Promise<GatePassed | { allowed: false; reason: string }> {
  const actor = await checkActor(task.requester, settings, github);
  if (!actor.allowed) return actor;
  if (!task.thread?.isPullRequest) return { ...actor, pull: undefined, isFork: false };
  const pull = await github.getPullRequest(task.thread.number);
  const isFork = isForkOf(pull, runner.owner, runner.repo);
  const open = checkPullRequest(pull, isFork, {
    allowForks: task.review ? settings.allowForkReviews : settings.allowForks,
  });
  const head = isFork && open.allowed ? await checkForkHead(task, pull, github) : open;
  if (!head.allowed) return head;
  return { ...actor, pull, isFork };
}

export function isBot(actor: Actor): boolean {
  return actor.type === 'Bot' || actor.login.toLowerCase().endsWith('[bot]');
}

export async function checkActor(
  actor: Actor,
  settings: Pick<Settings, 'requiredPermission' | 'allowedBots'>,
  github: Pick<GitHubClient, 'getPermission'>,
): Promise<GateDecision> {
  if (isBot(actor)) {
    if (settings.allowedBots.includes(actor.login))
      return { allowed: true, why: `@${actor.login} is listed in 'allowed-bots'` };
    return { allowed: false, reason: `@${actor.login} is a bot account and is not listed in 'allowed-bots'.` };
  }
  let permission;
  try {
    permission = await github.getPermission(actor.login);
  } catch (error) {
    throw new ActionError(
      `the permission of @${actor.login} could not be checked, so the task did not start: ${getErrorMessage(error)}`,
      'This is GitHub failing, not a refusal: ask again once the API answers.',
    );
  }
  if (!permissionAtLeast(permission, settings.requiredPermission)) {
    return {
      allowed: false,
      reason: `@${actor.login} has '${permission}' permission on this repository; '${settings.requiredPermission}' or higher is required.`,
    };
  }
  return { allowed: true, why: `@${actor.login} has '${permission}' permission` };
}

/** Whether a pull request's head comes from another repository. */
export function isForkOf(pull: PullRequestInfo, owner: string, repo: string): boolean {
  return pull.headRepo?.toLowerCase() !== `${owner}/${repo}`.toLowerCase();
}

/** Pull requests the action may work on: open ones, and from forks only when 'allow-forks' says so. */
export function checkPullRequest(
  pull: PullRequestInfo,
  isFork: boolean,
  settings: Pick<Settings, 'allowForks'>,
): GateDecision {
  if (pull.state !== 'open') return { allowed: false, reason: `pull request #${pull.number} is ${pull.state}.` };
  if (isFork && !settings.allowForks) {
    return {
      allowed: false,
      reason: `pull request #${pull.number} comes from the fork ${pull.headRepo ?? '(a deleted repository)'}, and 'allow-forks' is off; ask on an issue, or push the branch to this repository.`,
    };
  }
  return { allowed: true, why: isFork ? 'fork allowed by allow-forks' : 'same repository' };
}

/**
 * With allow-forks, the head Codex works on must be the head the requester saw when they asked: a commit the
 * fork's author pushes after the request must not ride along into this repository. What the head was at the
 * trigger is known from, most trustworthy first:
 * - a pull_request_* event: the payload's `pull_request.head.sha`, recorded by GitHub when the event happened;
 * - an issue comment (no head in its payload): the head the API reports now, accepted only when the pull
 *   request's timeline shows no head change since the comment: no force push, restore or deletion recorded
 *   after it (GitHub's own `created_at`), and no commit dated after it. A commit's date is written by the fork's
 *   author and can be back-dated, so this last check catches an ordinary push, not a deliberate one in the
 *   seconds between the comment and this read; SECURITY.md says so, and a review comment has no such gap.
 * Without either, the head the requester saw cannot be known, and the request is refused. The head accepted
 * here is `pull.headSha`; prepareWorkspace refuses a fetched `refs/pull/N/head` that is any other commit.
 */
export async function checkForkHead(
  task: Pick<Task, 'thread' | 'source'>,
  pull: PullRequestInfo,
  github: Pick<GitHubClient, 'listHeadEvents'>,
): Promise<GateDecision> {
  const ask = 'Look at the new commits, then ask again.';
  const recorded = task.thread?.headShaAtTrigger;
  if (recorded) {
    if (recorded === pull.headSha)
      return { allowed: true, why: `the fork's head is ${short(recorded)}, as when the request was made` };
    return {
      allowed: false,
      reason: `the head of pull request #${pull.number} moved from ${short(recorded)} to ${short(pull.headSha)} after the request was made, so the action will not work on commits the requester has not seen. ${ask}`,
    };
  }
  const askedAt =
    task.source.kind === 'comment' || task.source.kind === 'review-comment' ? task.source.createdAt : undefined;
  if (!askedAt || Number.isNaN(Date.parse(askedAt))) {
    return {
      allowed: false,
      reason: `the event does not say which head of pull request #${pull.number} the request was made on, so the action will not work on a fork's commits.`,
    };
  }
  const since = Date.parse(askedAt);
  const changes = (await github.listHeadEvents(pull.number)).filter((event) => {
    const when = event.event === 'committed' ? event.committerDate : event.createdAt;
    // An event without a readable time cannot be placed before the request: it counts as after.
    return when === undefined || Number.isNaN(Date.parse(when)) || Date.parse(when) >= since;
  });
  if (changes.length > 0) {
    const what = changes.map((change) =>
      change.event === 'committed'
        ? `commit ${short(change.sha)}`
        : `${change.event.replace(/_/g, ' ')}${change.sha ? ` to ${short(change.sha)}` : ''}`,
    );
    return {
      allowed: false,
      reason: `the head of pull request #${pull.number} changed after the request was made (${what.join(', ')}), so the action will not work on commits the requester has not seen. ${ask}`,
    };
  }
  return { allowed: true, why: `the fork's head ${short(pull.headSha)} has not changed since the request` };
}

const short = (sha: string | undefined): string => (sha ? sha.slice(0, 12) : 'an unknown commit');
