// Owns where a review comment may sit: reads the pull request's base…head unified diff into the lines of each
// file GitHub accepts review comments on (the right side: added and context lines of a hunk), and splits
// Codex's comments into those on the diff and those outside it. Pure: text in, values out.
// Must never: drop a comment; one that cannot be placed is returned as outside the diff.
import type { ReviewComment } from './answer.js';

/** For each file, its hunks as ranges of right-side line numbers GitHub will take comments on. */
export type DiffIndex = Map<string, Array<{ lines: Set<number> }>>;

export function indexDiff(diff: string): DiffIndex {
  const index: DiffIndex = new Map();
  let hunks: Array<{ lines: Set<number> }> | undefined;
  let current: Set<number> | undefined;
  let nextLine = 0;
  for (const raw of diff.split('\n')) {
    if (raw.startsWith('diff --git ')) {
      hunks = undefined;
      current = undefined;
      continue;
    }
    if (raw.startsWith('+++ ') && current === undefined) {
      const target = raw.slice(4).trim();
      const file = target === '/dev/null' ? undefined : unquote(target).replace(/^b\//, '');
      hunks = file === undefined ? undefined : (index.get(file) ?? []);
      if (file !== undefined && hunks) index.set(file, hunks);
      continue;
    }
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (header) {
      current = new Set();
      hunks?.push({ lines: current });
      nextLine = Number(header[1]);
      continue;
    }
    if (!current) continue;
    if (raw.startsWith('+') || raw.startsWith(' ')) current.add(nextLine++);
    else if (raw.startsWith('-') || raw.startsWith('\\')) continue;
    else current = undefined;
  }
  return index;
}

export interface PlacedComments {
  inline: ReviewComment[];
  outsideDiff: ReviewComment[];
}

/** A comment goes inline when all its lines are in one hunk of its file; otherwise into the summary. */
export function placeComments(comments: readonly ReviewComment[], index: DiffIndex): PlacedComments {
  const placed: PlacedComments = { inline: [], outsideDiff: [] };
  for (const comment of comments) {
    const hunks = index.get(comment.path) ?? [];
    const first = comment.startLine ?? comment.line;
    const fits = hunks.some((hunk) => {
      for (let line = first; line <= comment.line; line++) if (!hunk.lines.has(line)) return false;
      return true;
    });
    (fits ? placed.inline : placed.outsideDiff).push(comment);
  }
  return placed;
}

/** git quotes unusual paths C-style ("b/caf\303\251.txt"); undo that. */
function unquote(target: string): string {
  if (!target.startsWith('"') || !target.endsWith('"')) return target;
  const bytes: number[] = [];
  const inner = target.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(inner.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(escapes[inner[i + 1] as string] ?? 92);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
