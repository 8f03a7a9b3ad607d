// Owns "may this person make the action spend money and write to the repository?". Runs before any
// reaction, comment or model call. Bots are refused unless listed exactly; humans need at least the
// required repository permission, read from the API. When the permission cannot be read (an outage, a
// spent rate limit) the run fails: no model call and no refusal, since nobody was refused anything.
import type { GitHubClient, PullRequestInfo } from './github.js';
import { ActionError, getErrorMessage } from './errors.js';
import type { Settings } from './settings.js';
import { permissionAtLeast } from './settings.js';
import type { Actor } from './task/task.js';

export type GateDecision = { allowed: true; why: string } | { allowed: false; reason: string };

export function isBot(actor: Actor): boolean {
  return actor.type === 'Bot' || actor.login.toLowerCase().endsWith('[bot]');
}

export async function checkActor(
  actor: Actor,
  settings: Pick<Settings, 'requiredPermission' | 'allowedBots'>,
  github: Pick<GitHubClient, 'getPermission'>,
): Promise<GateDecision> {
  if (isBot(actor)) {
    if (settings.allowedBots.includes(actor.login)) return { allowed: true, why: `@${actor.login} is listed in 'allowed-bots'` };
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
export function checkPullRequest(pull: PullRequestInfo, isFork: boolean, settings: Pick<Settings, 'allowForks'>): GateDecision {
  if (pull.state !== 'open') return { allowed: false, reason: `pull request #${pull.number} is ${pull.state}.` };
  if (isFork && !settings.allowForks) {
    return {
      allowed: false,
      reason: `pull request #${pull.number} comes from the fork ${pull.headRepo ?? '(a deleted repository)'}, and 'allow-forks' is off; ask on an issue, or push the branch to this repository.`,
    };
  }
  return { allowed: true, why: isFork ? 'fork allowed by allow-forks' : 'same repository' };
}
