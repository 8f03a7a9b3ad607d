// Owns `commit-signing: api`: the staged change, already through the diff policy, becomes a commit that
// GitHub makes (GraphQL createCommitOnBranch) and signs, so rules that require signed commits accept it.
// The API carries file contents only: a change it cannot carry whole (a file mode, a symlink, a submodule,
// a very large file) is refused with the reason, never published in part.
// Must never: move a branch that moved meanwhile (expectedHeadOid), or drop any part of the change.
import fs from 'node:fs/promises';
import { getErrorMessage, fail, ok } from '../errors.js';
import type { Result } from '../errors.js';
import type { GitHubClient } from '../github.js';
import type { ChangedFile, Git } from '../git/git.js';

/** Larger files are refused: the whole change travels base64-encoded in one GraphQL request. */
export const API_COMMIT_MAX_FILE_BYTES = 10 * 1024 * 1024;

const PLAIN_FILE = '100644';

/** Why the API cannot carry this change, or undefined when it can. */
export async function whatTheApiCannotCarry(
  files: ChangedFile[],
  patchPath: string | undefined,
  blobSize: (file: string) => Promise<number>,
): Promise<string | undefined> {
  const problems: string[] = [];
  const special = files.filter((file) => file.status !== 'deleted' && file.mode !== PLAIN_FILE);
  for (const file of special) {
    const kind =
      file.mode === '120000'
        ? 'a symlink'
        : file.mode === '160000'
          ? 'a submodule'
          : file.mode === '100755'
            ? 'an executable file'
            : `file mode ${file.mode}`;
    problems.push(`\`${file.path}\` is ${kind}`);
  }
  // A mode change on a file that stays a plain file (say, an executable bit removed) shows only in the patch.
  const patch = patchPath ? await fs.readFile(patchPath, 'utf8').catch(() => '') : '';
  for (const match of patch.matchAll(/^diff --git a\/(.+) b\/.+\nold mode (\d+)\nnew mode (\d+)$/gm)) {
    if (!special.some((file) => file.path === match[1]))
      problems.push(`\`${match[1]}\` changes its mode from ${match[2]} to ${match[3]}`);
  }
  for (const file of files.filter((candidate) => candidate.status !== 'deleted' && candidate.mode === PLAIN_FILE)) {
    const size = await blobSize(file.path);
    if (size > API_COMMIT_MAX_FILE_BYTES)
      problems.push(
        `\`${file.path}\` is ${size} bytes, over the ${API_COMMIT_MAX_FILE_BYTES} bytes an API commit carries per file`,
      );
  }
  if (problems.length === 0) return undefined;
  return `with 'commit-signing: api' the commit is made through GitHub's API, which carries file contents only, and this change has more: ${problems.join('; ')}. Nothing was published, so no part of the change is lost.`;
}

export interface ApiCommitInput {
  git: Pick<Git, 'headSha' | 'stagedBlob'>;
  github: Pick<GitHubClient, 'createBranch' | 'createCommitOnBranch'>;
  branch: string;
  /** True when the branch does not exist on GitHub yet: it is created at HEAD first. */
  newBranch: boolean;
  message: string;
  files: ChangedFile[];
  patchPath: string | undefined;
}

/** The commit's sha, or why it was not made. */
export async function commitThroughApi(input: ApiCommitInput): Promise<Result<string>> {
  const blobs = new Map<string, Buffer>();
  const blob = async (file: string): Promise<Buffer> => {
    const cached = blobs.get(file) ?? (await input.git.stagedBlob(file));
    blobs.set(file, cached);
    return cached;
  };
  const refusal = await whatTheApiCannotCarry(input.files, input.patchPath, async (file) => (await blob(file)).length);
  if (refusal) return fail(refusal);

  const head = await input.git.headSha();
  const [headline = '', ...rest] = input.message.split('\n');
  const additions = [];
  for (const file of input.files.filter((candidate) => candidate.status !== 'deleted'))
    additions.push({ path: file.path, contents: await blob(file.path) });
  try {
    if (input.newBranch) await input.github.createBranch(input.branch, head);
    const commit = await input.github.createCommitOnBranch({
      branch: input.branch,
      expectedHeadSha: head,
      headline,
      body: rest.join('\n').trim(),
      additions,
      deletions: input.files.filter((file) => file.status === 'deleted').map((file) => file.path),
    });
    return ok(commit.sha);
  } catch (error) {
    return fail(`GitHub's API did not make the commit on '${input.branch}': ${getErrorMessage(error)}`);
  }
}

/** A push refused by a rule that wants signed commits (GitHub's GH013 rule violation). */
export function rejectedForSignature(pushError: string): boolean {
  return /GH013|verified signature|signed commits/i.test(pushError);
}

export const SIGNING_HINT =
  "This repository's rules require verified (signed) commits: set `commit-signing: api` so GitHub's API makes and signs the commit. Apply the kept patch by hand meanwhile.";
