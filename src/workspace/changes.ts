// Owns turning the working tree Codex left behind into facts: stage everything, save the patch (always,
// so no failure later can lose the work), and measure what the diff policy needs (sizes, secrets).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SecretScanner } from '../report/redact.js';
import type { ChangedFile, Git } from './git.js';
import type { ChangeFacts } from './policy.js';
import { addedLinesByFile } from './policy.js';

export interface CollectedChanges {
  files: ChangedFile[];
  /** Where the patch was written; undefined when nothing changed. */
  patchPath: string | undefined;
  facts: ChangeFacts;
}

export async function collectChanges(git: Git, patchPath: string, scanner: Pick<SecretScanner, 'detect'>): Promise<CollectedChanges> {
  const files = await git.stageAll();
  if (files.length === 0) return { files, patchPath: undefined, facts: { files, sizes: new Map(), patchBytes: 0, secrets: [] } };
  const patch = await git.stagedPatch();
  await fs.mkdir(path.dirname(patchPath), { recursive: true });
  await fs.writeFile(patchPath, patch);

  const sizes = new Map<string, number>();
  await Promise.all(
    files
      .filter((file) => file.status !== 'deleted')
      .map(async (file) => {
        const stat = await fs.lstat(path.join(git.dir, file.path)).catch(() => undefined);
        if (stat) sizes.set(file.path, stat.size);
      }),
  );
  const secrets: ChangeFacts['secrets'] = [];
  for (const [file, added] of addedLinesByFile(patch)) {
    const kinds = scanner.detect(added);
    if (kinds.length > 0) secrets.push({ file, kinds });
  }
  return { files, patchPath, facts: { files, sizes, patchBytes: Buffer.byteLength(patch), secrets } };
}
