// Owns the environment of every child process the action starts (git, npm, `codex --version`, the sandbox
// probe, Codex itself through codex/home.ts): an allowlist, never the action's own environment, which holds
// INPUT_GITHUB-TOKEN, INPUT_OPENAI-API-KEY, ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_* and whatever
// secrets the workflow mapped into the step. Also owns the run marker: a variable set on every child so the
// action (at the end of the run) and its post step (after a kill) can find each process the run started.
// Must never: pass a variable that is not on an allowlist below, or log the environment it builds.
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';

/** Set on every child; its value names this run attempt (see runMarker). */
export const RUN_MARKER_ENV = 'CODEX_TASK_ACTION_RUN';
/** The state the post step reads the run marker from. */
export const RUN_MARKER_STATE = 'run-marker';

/**
 * What any program needs to start and behave: where programs are, the user's home (git reads its global
 * configuration and safe.directory from there), locale and time zone, the temporary directory.
 * RUNNER_TRACKING_ID is the runner's own marker: it kills processes carrying it when the job ends, so a child
 * that kept it stays findable by the runner too. It is an identifier, not a credential.
 */
export const BASE_VARIABLES = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'LC_MESSAGES',
  'TZ',
  'TMPDIR',
  'RUNNER_TRACKING_ID',
] as const;

/** What a program that talks to the network honours on a runner behind a proxy or with its own CA. */
const NETWORK_VARIABLES = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
];

export type ChildKind = 'plain' | 'git' | 'npm';

/**
 * The environment for a child of the given kind: BASE_VARIABLES, plus for git the proxy and CA settings (a
 * fetch or push goes through them; no GIT_* variable, those redirect git), plus for npm the same and the
 * maintainer's npm_config_* settings (registry, proxy, cache: how npm is told where to get packages on this
 * runner; a private registry's token there is npm's own credential, and npm runs no package script here).
 * Every kind carries the run marker.
 */
export function childEnvironment(
  kind: ChildKind = 'plain',
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  const pass = (name: string): void => {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  };
  BASE_VARIABLES.forEach(pass);
  if (kind !== 'plain') NETWORK_VARIABLES.forEach(pass);
  if (kind === 'npm') for (const name of Object.keys(from)) if (/^npm_config_/i.test(name)) pass(name);
  env[RUN_MARKER_ENV] = runMarker(from);
  return env;
}

let marker: string | undefined;

/**
 * This run attempt's marker: run id, attempt and a random part (two jobs of one run may share a machine).
 * Made on first use and saved for the post step right then, before the first child that carries it starts,
 * so a kill at any later moment leaves the post step able to find every child. A process that is itself a
 * child of the run (the MCP bridge) keeps the marker it was given and saves nothing. Saved only into the
 * runner's state file: without GITHUB_STATE (a bridge started by hand) there is no post step to read it, and
 * `core.saveState` would print it to stdout, which for the bridge is MCP's channel.
 */
export function runMarker(from: NodeJS.ProcessEnv = process.env): string {
  if (marker === undefined) {
    const inherited = process.env[RUN_MARKER_ENV];
    if (inherited) {
      marker = inherited;
    } else {
      marker = `${from.GITHUB_RUN_ID ?? '0'}-${from.GITHUB_RUN_ATTEMPT ?? '1'}-${randomBytes(6).toString('hex')}`;
      if (process.env.GITHUB_STATE) core.saveState(RUN_MARKER_STATE, marker);
    }
  }
  return marker;
}

/** The marker when this process has made one (it started a child), else undefined. */
export function existingRunMarker(): string | undefined {
  return marker;
}
