// Owns the seams of the pipeline: the edges of the world (GitHub, git, Codex) that tests of run() can swap, their
// real implementations loaded lazily, and the one place the GitHub client and the run's redactor are made.
// Must never: load Octokit, git or the MCP SDK before there is a task (a skipped run parses none of them).
import type { CodexSessionFactory } from './codex/session.js';
import type { GitHubClient, GitHubClientOptions } from './github.js';
import type { SecretScanner } from './report/redact.js';
import { createSecretScanner } from './report/redact.js';
import type { RunnerContext } from './runner.js';
import type { InputErrorAudience } from './settings.js';
import type { GitFactory } from './git/git.js';

/** The edges of the world: GitHub, git and Codex. Tests of run() can swap them. */
export interface Dependencies {
  createGitHub: (options: GitHubClientOptions) => GitHubClient;
  createGit: GitFactory;
  startCodex: CodexSessionFactory;
}

/**
 * The real edges, loaded only once there is a task: a skipped run never parses Octokit, git or the MCP SDK.
 * The GitHub client comes first; git and the Codex session load in the background while the gate's request is out.
 */
export async function loadDefaultDependencies(): Promise<Dependencies> {
  const { createGitHubClient } = await import('./github.js');
  const later = Promise.all([import('./git/git.js'), import('./codex/session.js')]);
  later.catch(() => undefined);
  return {
    createGitHub: createGitHubClient,
    createGit: async (dir, location) => (await later)[0].createGit(dir, location),
    startCodex: async (options) => (await later)[1].startMcpSession(options),
  };
}

/** The GitHub client and the redactor that keeps the run's two secrets out of everything it writes. */
export function connect(
  settings: InputErrorAudience,
  runner: RunnerContext,
  deps: Dependencies,
  reviewThread?: GitHubClientOptions['reviewThread'],
): { github: GitHubClient; scanner: SecretScanner } {
  const github = deps.createGitHub({
    token: settings.githubToken,
    apiUrl: runner.apiUrl,
    owner: runner.owner,
    repo: runner.repo,
    runUrl: runner.runUrl,
    reviewThread,
  });
  const scanner = createSecretScanner([
    { name: 'the GitHub token', value: settings.githubToken },
    { name: 'the OpenAI key', value: settings.openaiApiKey },
  ]);
  return { github, scanner };
}
