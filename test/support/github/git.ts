// What GitHub does to the repository itself, on the test's bare origin: POST /git/refs, the GraphQL
// createCommitOnBranch (with its expectedHeadOid check; GitHub signs such commits), and a branch rule that
// refuses every git push as unsigned, with GitHub's GH013 message (a pre-receive hook).
import fs from 'node:fs';
import nodePath from 'node:path';
import { BOT_USER, DOCS, fakeSha, asRecord, validationFailed } from './model.ts';
import type { Reply } from './model.ts';
import { launchGit } from '../git-launcher.ts';
import { fastImportCommit } from '../repositories.ts';
import { ReviewsRoutes } from './reviews.ts';

export class GitRoutes extends ReviewsRoutes {
  /** The bare repository that stands for the repository on GitHub: API commits and refs are made there. */
  attachOrigin(bareRepository: string): void {
    this.origin = bareRepository;
  }

  /** A ruleset that requires signed commits: every git push is refused with GitHub's GH013 message. */
  requireSignedCommits(): void {
    if (!this.origin) throw new Error('attachOrigin first');
    const hook = nodePath.join(this.origin, 'hooks', 'pre-receive');
    fs.mkdirSync(nodePath.dirname(hook), { recursive: true });
    fs.writeFileSync(
      hook,
      [
        '#!/bin/sh',
        'while read old new ref; do',
        '  echo "error: GH013: Repository rule violations found for $ref." >&2',
        `  echo "Review all repository rules at ${this.webUrl}/${this.owner}/${this.repo}/rules?ref=$ref" >&2`,
        '  echo "" >&2',
        '  echo "- Commits must have verified signatures." >&2',
        '  echo "  Found 1 violation:" >&2',
        '  echo "" >&2',
        '  echo "  $new" >&2',
        'done',
        'exit 1',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
  }

  protected originGit(args: string[], options: { input?: Buffer | string; env?: Record<string, string> } = {}): string {
    if (!this.origin) throw new Error('no origin attached');
    const input = typeof options.input === 'string' ? Buffer.from(options.input) : options.input;
    return launchGit(this.origin, args, { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...options.env }, input)
      .toString('utf8')
      .trim();
  }

  protected refSha(ref: string): string | undefined {
    try {
      return this.originGit(['rev-parse', '--verify', '-q', ref]);
    } catch {
      return undefined;
    }
  }

  protected createRef(body: unknown): Reply {
    const input = asRecord(body) ?? {};
    const { ref, sha } = input;
    if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) {
      return validationFailed([
        {
          resource: 'Reference',
          code: 'invalid',
          field: 'ref',
          message: "Reference name must start with 'refs/' and have at least two slashes.",
        },
      ]);
    }
    if (typeof sha !== 'string' || this.refSha(`${sha}^{commit}`) === undefined)
      return { status: 422, body: { message: 'Object does not exist', documentation_url: DOCS } };
    if (this.refSha(ref) !== undefined)
      return { status: 422, body: { message: 'Reference already exists', documentation_url: DOCS } };
    this.originGit(['update-ref', ref, sha, '']);
    return {
      status: 201,
      body: {
        ref,
        node_id: `REF_kwDO${fakeSha(ref).slice(0, 12)}`,
        url: `${this.apiRepoUrl}/git/${ref}`,
        object: { sha, type: 'commit', url: `${this.apiRepoUrl}/git/commits/${sha}` },
      },
      headers: { location: `${this.apiRepoUrl}/git/${ref}` },
    };
  }

  /** GraphQL: only the createCommitOnBranch mutation, with GitHub's checks and error shapes. */
  protected graphql(body: unknown): Reply {
    const request = asRecord(body) ?? {};
    const query = typeof request.query === 'string' ? request.query : '';
    if (!/\bcreateCommitOnBranch\b/.test(query)) {
      return { status: 200, body: { errors: [{ message: 'The emulation answers only createCommitOnBranch.' }] } };
    }
    const input = asRecord(asRecord(request.variables)?.input);
    const branch = asRecord(input?.branch);
    const message = asRecord(input?.message);
    const changes = asRecord(input?.fileChanges) ?? {};
    const failure = (type: string, text: string): Reply => ({
      status: 200,
      body: { data: { createCommitOnBranch: null }, errors: [{ type, path: ['createCommitOnBranch'], message: text }] },
    });
    if (!input || !branch || typeof input.expectedHeadOid !== 'string' || typeof message?.headline !== 'string') {
      return failure('INVALID_INPUT', 'Variable $input of type CreateCommitOnBranchInput! was provided invalid value');
    }
    if (String(branch.repositoryNameWithOwner).toLowerCase() !== this.fullName.toLowerCase())
      return failure(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${String(branch.repositoryNameWithOwner)}'.`,
      );
    const ref = `refs/heads/${String(branch.branchName)}`;
    const head = this.refSha(ref);
    if (!head) return failure('NOT_FOUND', `A ref named "${ref}" does not exist.`);
    if (head !== input.expectedHeadOid)
      return failure(
        'STALE_DATA',
        `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`,
      );
    const additions: Array<{ path: string; contents: Buffer }> = [];
    for (const addition of Array.isArray(changes.additions) ? changes.additions : []) {
      const file = asRecord(addition);
      if (typeof file?.path !== 'string' || typeof file.contents !== 'string')
        return failure('INVALID_INPUT', 'A file addition needs path and contents.');
      additions.push({ path: file.path, contents: Buffer.from(file.contents, 'base64') });
    }
    const deletions: string[] = [];
    for (const deletion of Array.isArray(changes.deletions) ? changes.deletions : []) {
      const file = asRecord(deletion);
      if (typeof file?.path !== 'string') return failure('INVALID_INPUT', 'A file deletion needs a path.');
      deletions.push(file.path);
    }
    const text =
      typeof message.body === 'string' && message.body !== ''
        ? `${message.headline}\n\n${message.body}`
        : message.headline;
    // One git fast-import writes the blobs, the tree and the commit on the head and moves the branch (a
    // fast-forward, checked against the head read above): what read-tree, hash-object and update-index for
    // each file, write-tree, commit-tree and update-ref did, in one process instead of 5 + 2 a file.
    const stream = fastImportCommit({
      ref,
      author: `${BOT_USER.login} <${BOT_USER.id}+${BOT_USER.login}@users.noreply.github.com> now`,
      committer: 'GitHub <noreply@github.com> now',
      message: text,
      from: head,
      files: additions.map((file) => [file.path, file.contents]),
      deletions,
    });
    const sha = this.originGit(['fast-import', '--quiet', '--date-format=now'], { input: stream });
    this.apiCommits.push({ sha, branch: String(branch.branchName), verified: true });
    return {
      status: 200,
      body: {
        data: {
          createCommitOnBranch: { commit: { oid: sha, url: `${this.webUrl}/${this.fullName}/commit/${sha}` } },
        },
      },
    };
  }
}
