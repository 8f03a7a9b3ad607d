// Unit tests for what `commit-signing: api` refuses (src/publish/api-commit.ts): the API carries file
// contents only, so modes, symlinks, submodules and very large files are refused, naming each.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  API_COMMIT_MAX_FILE_BYTES,
  rejectedForSignature,
  whatTheApiCannotCarry,
} from '../../src/publish/api-commit.ts';
import type { ChangedFile } from '../../src/git/git.ts';

const file = (filePath: string, mode = '100644', status: ChangedFile['status'] = 'modified'): ChangedFile => ({
  path: filePath,
  status,
  mode,
  additions: 1,
  deletions: 0,
});
const small = async () => 10;

describe('whatTheApiCannotCarry', () => {
  it('accepts plain files, additions and deletions', async () => {
    assert.equal(
      await whatTheApiCannotCarry(
        [file('a.txt'), file('b.txt', '100644', 'added'), file('run.sh', '100755', 'deleted')],
        undefined,
        small,
      ),
      undefined,
    );
  });

  it('names executables, symlinks and submodules', async () => {
    const why = await whatTheApiCannotCarry(
      [file('run.sh', '100755', 'added'), file('link', '120000', 'added'), file('vendor/lib', '160000', 'added')],
      undefined,
      small,
    );
    assert.match(why!, /`run\.sh` is an executable file; `link` is a symlink; `vendor\/lib` is a submodule/);
    assert.match(why!, /Nothing was published/);
  });

  it('names a mode change that only the patch shows', async () => {
    const patchPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'api-commit-')), 'changes.patch');
    fs.writeFileSync(patchPath, 'diff --git a/tool.sh b/tool.sh\nold mode 100755\nnew mode 100644\n');
    assert.match(
      (await whatTheApiCannotCarry([file('tool.sh')], patchPath, small))!,
      /`tool\.sh` changes its mode from 100755 to 100644/,
    );
    fs.rmSync(path.dirname(patchPath), { recursive: true, force: true });
  });

  it('names a file too large for one API commit', async () => {
    assert.match(
      (await whatTheApiCannotCarry([file('big.bin')], undefined, async () => API_COMMIT_MAX_FILE_BYTES + 1))!,
      /`big\.bin` is \d+ bytes/,
    );
  });
});

describe('rejectedForSignature', () => {
  it("recognises GitHub's rule violation for unsigned commits, and nothing else", () => {
    assert.equal(
      rejectedForSignature(
        'remote: error: GH013: Repository rule violations found for refs/heads/x. remote: - Commits must have verified signatures.',
      ),
      true,
    );
    assert.equal(rejectedForSignature('! [rejected] HEAD -> main (fetch first)'), false);
  });
});
