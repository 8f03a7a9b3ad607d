// Owns turning the working tree Codex left behind into facts: stage everything, save the patch (always,
// so no failure later can lose the work), and measure what the diff policy needs (sizes, secrets).
// The working tree is the agent's: nothing in it is followed (a link where the patch goes is replaced, not
// written through), and the secret scan covers what the patch does not show as text (binary files, names).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SecretScanner } from '../report/redact.js';
import type { ChangedFile } from '../git/diff.js';
import type { Git } from '../git/git.js';
import type { ChangeFacts } from './policy.js';
import { addedLinesByFile, binaryFilesIn, pathOfDiffHeader } from '../git/diff.js';

export interface CollectedChanges {
  files: ChangedFile[];
  /** Where the patch was written; undefined when nothing changed. */
  patchPath: string | undefined;
  facts: ChangeFacts;
}

/**
 * `git` works on Codex's copy of the checkout, whose repository ignores the entries linked in from the checkout
 * (workspace/copy.ts): they are never part of the change.
 */
export async function collectChanges(git: Git, patchPath: string, scanner: SecretScanner): Promise<CollectedChanges> {
  // A repository Codex made inside the copy (git lists it as `dir/` and never enters it) is not staged: it would
  // become a gitlink, and its own configuration could run commands for any git that enters it. It is reported.
  const nestedRepositories = (await git.untracked({ withIgnored: false, collapse: false })).filter((entry) =>
    entry.endsWith('/'),
  );
  const { files, patch } = await git.stageAll(nestedRepositories);
  if (files.length === 0)
    return {
      files,
      patchPath: undefined,
      facts: { files, sizes: new Map(), patchBytes: 0, secrets: [], nestedRepositories },
    };
  await writeWithoutFollowingLinks(patchPath, patch, git.dir);

  const sizes = new Map<string, number>();
  await Promise.all(
    files
      .filter((file) => file.status !== 'deleted')
      .map(async (file) => {
        const stat = await fs.lstat(path.join(git.dir, file.path)).catch(() => undefined);
        if (stat) sizes.set(file.path, stat.size);
      }),
  );
  const found = new Map<string, Set<string>>();
  const note = (file: string, kinds: string[]): void => {
    for (const kind of kinds) found.set(file, (found.get(file) ?? new Set()).add(kind));
  };
  for (const [file, added] of addedLinesByFile(patch)) note(file, scanner.detect(added));
  // A binary file's content is not on any '+' line of the patch, so its bytes are scanned from the disk.
  for (const file of binaryFilesIn(patch)) note(file, await detectInFile(path.join(git.dir, file), scanner));
  // File names are published too: in the commit, and in the file lists of the pull request and comments.
  for (const file of files) note(file.path, scanner.detect(file.path));
  const secrets = [...found].map(([file, kinds]) => ({ file, kinds: [...kinds] }));
  // The kept patch is handed on (a later step may upload it as an artifact): it must not carry the secret either.
  if (secrets.length > 0)
    await writeWithoutFollowingLinks(patchPath, redactPatch(patch, new Set(found.keys()), scanner.redact), git.dir);
  return {
    files,
    patchPath,
    facts: { files, sizes, patchBytes: Buffer.byteLength(patch), secrets, nestedRepositories },
  };
}

/**
 * The patch with every secret replaced by ***, and without the data of binary files that hold one (their
 * bytes are compressed, so they cannot be redacted in place). A note above the first file says so; git apply
 * skips text before the first `diff --git`.
 */
function redactPatch(patch: string, secretFiles: Set<string>, redact: SecretScanner['redact']): string {
  const sections = patch.split(/^(?=diff --git )/m);
  const dropped: string[] = [];
  const kept = sections.filter((section) => {
    const file = pathOfDiffHeader(section.slice(0, section.indexOf('\n')));
    const binary = /^(GIT binary patch|Binary files )/m.test(section);
    if (binary && (file === undefined || secretFiles.has(file))) {
      dropped.push(file ?? '(a file of the change)');
      return false;
    }
    return true;
  });
  const note = [
    '# codex-task-action: this change holds secrets, so it was not published and they are replaced by *** here.',
    ...(dropped.length > 0 ? [`# Left out, binary files that hold a secret: ${dropped.join(', ')}`] : []),
    '',
  ].join('\n');
  return note + redact(kept.join(''));
}

const CHUNK_BYTES = 4 * 1024 * 1024;
/** Longer than any token shape, so a secret across a chunk boundary is still seen whole. */
const CHUNK_OVERLAP = 4096;

/** Secrets in a regular file's bytes, read as Latin-1 and as UTF-16 text, a chunk at a time. */
async function detectInFile(file: string, scanner: Pick<SecretScanner, 'detect'>): Promise<string[]> {
  const stat = await fs.lstat(file).catch(() => undefined);
  if (!stat?.isFile()) return [];
  const kinds = new Set<string>();
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES + CHUNK_OVERLAP);
    let carried = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, carried + bytesRead);
      for (const text of [chunk.toString('latin1'), chunk.toString('utf16le'), chunk.subarray(1).toString('utf16le')]) {
        for (const kind of scanner.detect(text)) kinds.add(kind);
      }
      carried = Math.min(CHUNK_OVERLAP, chunk.length);
      chunk.copy(buffer, 0, chunk.length - carried);
    }
  } finally {
    await handle.close();
  }
  return [...kinds];
}

/**
 * Writes the patch where it belongs without following a symbolic link the agent left on the way. Codex can
 * write the workspace (and /tmp), so a link at a `patch-path` inside the workspace, or at a directory leading
 * to it, would make the action write into a file the agent chose, such as $GITHUB_ENV. Such links are
 * removed first: they are already in the staged change and the kept patch, and the symlinks rule refuses them.
 */
async function writeWithoutFollowingLinks(file: string, content: string, workspace: string): Promise<void> {
  const inside = path.relative(workspace, path.dirname(file));
  if (inside && !inside.startsWith('..') && !path.isAbsolute(inside)) {
    let dir = workspace;
    for (const part of inside.split(path.sep)) {
      dir = path.join(dir, part);
      if ((await fs.lstat(dir).catch(() => undefined))?.isSymbolicLink()) await fs.unlink(dir);
    }
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Removing first and creating with O_EXCL never follows a link at the file itself.
  await fs.rm(file, { force: true });
  await fs.writeFile(file, content, { flag: 'wx' });
}
