// Owns every call the action makes to the GitHub REST API, behind the GitHubClient interface: this module
// assembles the client from src/github/ (octokit.ts builds Octokit with retries, throttling and write spacing;
// threads.ts, pulls.ts and repository.ts hold the calls by resource; body.ts fits bodies to GitHub's limit).
// Tests point it at the REST emulation through GITHUB_API_URL; nothing here knows about tests.
// Must never: let a caller reach Octokit itself; everything goes through GitHubClient.
import { fitBody } from './github/body.js';
import { createOctokit } from './github/octokit.js';
import { pullCalls } from './github/pulls.js';
import { repositoryCalls } from './github/repository.js';
import { threadCalls } from './github/threads.js';
import type { GitHubClient, GitHubClientOptions } from './github/types.js';

export type * from './github/types.js';
export { GITHUB_BODY_LIMIT, fitBody } from './github/body.js';
export { permissionFrom } from './github/repository.js';

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const context = {
    octokit: createOctokit(options),
    repo: { owner: options.owner, repo: options.repo },
    options,
    fits: (body: string): string => fitBody(body, options.runUrl),
  };
  return { ...repositoryCalls(context), ...threadCalls(context), ...pullCalls(context) };
}
