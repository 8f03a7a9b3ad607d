// Owns "may this person make the action spend money and write to the repository?". Runs before any
// reaction, comment or model call. Bots are refused unless listed exactly; humans need at least the
// required repository permission, read from the API. Any doubt (an API error) refuses: it fails closed.
import type { GitHubClient } from './github.js';
import { getErrorMessage } from './errors.js';
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
    return { allowed: false, reason: `the permission of @${actor.login} could not be checked (${getErrorMessage(error)}), so the request is refused.` };
  }
  if (!permissionAtLeast(permission, settings.requiredPermission)) {
    return {
      allowed: false,
      reason: `@${actor.login} has '${permission}' permission on this repository; '${settings.requiredPermission}' or higher is required.`,
    };
  }
  return { allowed: true, why: `@${actor.login} has '${permission}' permission` };
}
