// Owns the list of changed files as a person reads it (tracking comment, job summary, pull request body):
// one line per file, its name inert and in a code span. Pure. Must never let a file name the agent chose
// break out of its code span, notify anyone or fetch anything.
import { inertText } from './inert-text.js';

/** A changed file as the list shows it (git/diff.ts's ChangedFile has this shape). */
export interface ListedFile {
  path: string;
  status: string;
  additions: number;
  deletions: number;
}

export function formatFileList(files: readonly ListedFile[], limit = 100): string {
  const shown = files
    .slice(0, limit)
    .map((file) => `- \`${inertFileName(file.path)}\` (${file.status}, +${file.additions} −${file.deletions})`);
  if (files.length > limit) shown.push(`- … and ${files.length - limit} more`);
  return shown.join('\n') || '_none_';
}

/** A file name the agent chose, as the inside of a one-line code span: no backtick, no line break, inert. */
function inertFileName(name: string): string {
  const visible = name
    .replace(/`/g, "'")
    // eslint-disable-next-line no-control-regex -- showing control characters visibly is the point
    .replace(/[\u0000-\u001F\u007F]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return inertText(visible);
}
