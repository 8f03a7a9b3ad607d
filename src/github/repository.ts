// Owns the client's calls on the repository itself: who may ask (permission), its default branch, and the
// branch and commit the action makes through the API (a commit GitHub signs).
// Must never: read a failed permission lookup other than 404 as "no permission": an outage is an error.
import type { PermissionLevel } from '../settings.js';
import { PERMISSION_LEVELS } from '../settings.js';
import type { ClientContext } from './octokit.js';
import { statusOf } from './octokit.js';
import type { GitHubClient } from './types.js';

type RepositoryCalls = Pick<
  GitHubClient,
  'getPermission' | 'getDefaultBranch' | 'createBranch' | 'createCommitOnBranch'
>;

export function repositoryCalls({ octokit, repo, options }: ClientContext): RepositoryCalls {
  return {
    async getPermission(username) {
      let data: { permission: string; role_name?: string };
      try {
        ({ data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username }));
      } catch (error) {
        // GitHub answers 404 for someone who is no collaborator: no permission, not an outage.
        if (statusOf(error) === 404) return 'none';
        throw error;
      }
      return permissionFrom(data);
    },
    async getDefaultBranch() {
      const { data } = await octokit.rest.repos.get(repo);
      return data.default_branch;
    },
    async createBranch(branch, sha) {
      await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    },
    async createCommitOnBranch(commit) {
      const input = {
        branch: { repositoryNameWithOwner: `${options.owner}/${options.repo}`, branchName: commit.branch },
        expectedHeadOid: commit.expectedHeadSha,
        message: { headline: commit.headline, body: commit.body },
        fileChanges: {
          additions: commit.additions.map((file) => ({ path: file.path, contents: file.contents.toString('base64') })),
          deletions: commit.deletions.map((path) => ({ path })),
        },
      };
      const result = await octokit.graphql<{ createCommitOnBranch: { commit: { oid: string; url: string } } }>(
        'mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid url } } }',
        { input },
      );
      return { sha: result.createCommitOnBranch.commit.oid, url: result.createCommitOnBranch.commit.url };
    },
  };
}

/** The legacy `permission` folds maintain and triage into write and read; `role_name` keeps them, unless it names a custom role. */
export function permissionFrom(data: { permission: string; role_name?: string | null }): PermissionLevel {
  const levels = PERMISSION_LEVELS as readonly string[];
  // A custom repository role ('release-manager') inherits a base level, which `permission` reports.
  const role = data.role_name && levels.includes(data.role_name) ? data.role_name : data.permission;
  return levels.includes(role) ? (role as PermissionLevel) : 'none';
}
