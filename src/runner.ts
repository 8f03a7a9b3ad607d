// Owns what the runner tells the action about where it runs: the workspace, temp and tool directories,
// the repository, the run and its URL. Read from the environment once, like the inputs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActionError } from './errors.js';

export interface RunnerContext {
  workspace: string;
  runnerTemp: string;
  toolCache: string;
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: string;
  runUrl: string;
  eventName: string;
  eventPath: string | undefined;
  /** Who started the workflow run; used when the event payload names no sender (schedule). */
  actor: string | undefined;
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) {
    throw new ActionError(
      `GITHUB_REPOSITORY is '${repository}'; expected 'owner/repo'.`,
      'Run the action from a GitHub Actions workflow.',
    );
  }
  const workspace = env.GITHUB_WORKSPACE;
  if (!workspace)
    throw new ActionError(
      'GITHUB_WORKSPACE is not set.',
      'Run the action from a GitHub Actions workflow after actions/checkout.',
    );
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID ?? '0';
  const runAttempt = env.GITHUB_RUN_ATTEMPT ?? '1';
  const runnerTemp = env.RUNNER_TEMP || os.tmpdir();
  return {
    workspace: path.resolve(workspace),
    runnerTemp,
    toolCache: env.RUNNER_TOOL_CACHE || path.join(runnerTemp, 'tool-cache'),
    owner,
    repo,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    runId,
    runAttempt,
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}${runAttempt !== '1' ? `/attempts/${runAttempt}` : ''}`,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    eventPath: env.GITHUB_EVENT_PATH,
    actor: env.GITHUB_ACTOR,
  };
}

/**
 * The webhook payload of the triggering event, read the way @actions/github's context reads it
 * (GITHUB_EVENT_PATH), without loading Octokit before the action knows whether there is anything to do.
 */
export function readEventPayload(eventPath: string | undefined): Record<string, unknown> {
  if (!eventPath || !fs.existsSync(eventPath)) return {};
  return JSON.parse(fs.readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
}
