// Owns reading what git prints about a change: `git diff --raw --numstat -z` as a list of changed files (alone, or
// ahead of the staged patch in one output), and a unified diff's file headers and added lines (for the secret
// scan); and the diff options every such command runs with. Pure.
// Must never: let a file name it cannot read hide an added line from the secret scan.

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'type-changed';

export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** Git's file mode in the index after the change ('120000' is a symlink, '160000' a submodule). */
  mode: string;
  additions: number;
  deletions: number;
}

/**
 * The options of every `git diff` the action runs: no rename detection (a change is the files it touches), and no
 * external diff or textconv program, which a repository's configuration or attributes could name.
 */
export const DIFF_WITHOUT_PROGRAMS = ['--no-renames', '--no-ext-diff', '--no-textconv'];

/**
 * The arguments of the `git diff` that parseRawDiff reads, for `revisions` (such as `--cached HEAD`), which may
 * start with more options (stagedChangeListing's `--binary`).
 */
export function changeListing(...revisions: string[]): string[] {
  return ['diff', ...DIFF_WITHOUT_PROGRAMS, '--raw', '--numstat', '-z', ...revisions, '--'];
}

/** What is staged: the changed files, and the binary-safe patch that `git apply` takes back. */
export interface StagedChange {
  files: ChangedFile[];
  patch: string;
}

/**
 * The arguments of the one `git diff` that StagedChange is read from: the listing of changeListing and the
 * `--binary` patch, in one process.
 */
export function stagedChangeListing(): string[] {
  return changeListing('--binary', '--cached', 'HEAD');
}

/**
 * Splits the output of stagedChangeListing(). Git prints the -z listing (every field ends in a NUL, and none is
 * empty: no path, record or count is), then one NUL as a separator, then the patch exactly as `git diff --cached
 * --binary` alone prints it. So the first empty field, the first two NULs in a row, is where the patch starts.
 */
export function parseStagedChange(output: string): StagedChange {
  const end = output.indexOf('\0\0');
  if (end < 0) return { files: parseRawDiff(output), patch: '' };
  return { files: parseRawDiff(output.slice(0, end + 1)), patch: output.slice(end + 2) };
}

/**
 * The files of one `git diff --raw --numstat -z` (no renames), with their line counts. Git prints every file's
 * raw record first (a field that starts with ':', then the path as a field of its own), then every file's counts
 * (`added<TAB>deleted<TAB>path`, one field, never starting with ':'). The path after a record is taken by
 * position, so no file name can pass for a record or for counts.
 */
export function parseRawDiff(output: string): ChangedFile[] {
  const counts = new Map<string, { additions: number; deletions: number }>();
  const records: Array<{ path: string; meta: string }> = [];
  const fields = output.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (field.startsWith(':')) {
      if (i + 1 < fields.length) records.push({ meta: field, path: fields[++i] as string });
      continue;
    }
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(field);
    if (match) counts.set(match[3] as string, { additions: Number(match[1]) || 0, deletions: Number(match[2]) || 0 });
  }
  const files: ChangedFile[] = [];
  for (const { meta, path: filePath } of records) {
    const match = /^:(\d+) (\d+) \S+ \S+ ([AMDT])/.exec(meta);
    if (!match) continue;
    const letter = match[3] as 'A' | 'M' | 'D' | 'T';
    const status: ChangeStatus =
      letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : letter === 'T' ? 'type-changed' : 'modified';
    const mode = letter === 'D' ? (match[1] as string) : (match[2] as string);
    files.push({ path: filePath, status, mode, ...(counts.get(filePath) ?? { additions: 0, deletions: 0 }) });
  }
  return files;
}

/**
 * Splits a unified diff into the lines each file adds, for the secret scan. Every added line counts, even one
 * whose file header could not be read, so an unusual file name cannot hide a secret from the scan.
 */
export function addedLinesByFile(patch: string): Map<string, string> {
  const added = new Map<string, string>();
  let current = '(a file of the change)';
  // Inside a hunk every '+' line is content, even one that reads like a '+++ b/...' header.
  let inHunk = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = pathOfDiffHeader(line) ?? '(a file of the change)';
      inHunk = false;
    } else if (line.startsWith('@@')) inHunk = true;
    else if (inHunk && line.startsWith('+')) added.set(current, `${added.get(current) ?? ''}${line.slice(1)}\n`);
  }
  return added;
}

/**
 * The files a `git diff --binary` shows as binary (a NUL byte, or a `-diff` attribute from the repository):
 * their content is not on any '+' line, so the secret scan has to read the files themselves.
 */
export function binaryFilesIn(patch: string): string[] {
  const files: string[] = [];
  let current: string | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) current = pathOfDiffHeader(line);
    else if (current !== undefined && (line === 'GIT binary patch' || line.startsWith('Binary files '))) {
      files.push(current);
      current = undefined;
    }
  }
  return files;
}

/**
 * The path in `diff --git a/<path> b/<path>`. Without renames both paths are the same, so the split is by
 * length, which copes with spaces and with " b/" inside a name. Git quotes a name holding special or
 * non-ASCII characters as a C string ("a/t\303\266k.txt"); such a name is unquoted.
 */
export function pathOfDiffHeader(line: string): string | undefined {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const end = closingQuote(rest, 0);
    const name = end === undefined ? undefined : unquoteC(rest.slice(1, end));
    return name?.startsWith('a/') ? name.slice(2) : undefined;
  }
  if (!rest.startsWith('a/') || (rest.length - 5) % 2 !== 0) return undefined;
  const length = (rest.length - 5) / 2;
  const name = rest.slice(2, 2 + length);
  return rest.slice(2 + length) === ` b/${name}` ? name : undefined;
}

function closingQuote(text: string, open: number): number | undefined {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return undefined;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting, undone: octal escapes are UTF-8 bytes. */
function unquoteC(quoted: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < quoted.length; i++) {
    const char = quoted[i] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = quoted[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
