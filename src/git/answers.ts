// Owns reading what git prints in answer to the action's own commands, other than diffs (diff.ts): rev-parse's
// lines, the summary line of `git commit`, a failed push's message. Pure.
// Must never: take a value from a line it cannot read with certainty (the caller asks git again instead).
import type { RepositoryDirs } from './config-files.js';

/** Where HEAD is: its commit, and its branch (undefined when detached). */
export interface Head {
  sha: string;
  branch: string | undefined;
}

/** A Head from rev-parse's lines for `HEAD` and `--abbrev-ref HEAD` (which names no branch when detached). */
export function headOf(shaLine: string, nameLine: string): Head {
  const name = nameLine.trim();
  return { sha: shaLine.trim(), branch: name === 'HEAD' ? undefined : name };
}

/** One rev-parse for where a checkout's repository files are and where its HEAD is; locationOf reads it. */
export const LOCATE_WITH_HEAD = [
  'rev-parse',
  '--path-format=absolute',
  '--git-dir',
  '--git-common-dir',
  'HEAD',
  '--abbrev-ref',
  'HEAD',
];

/** rev-parse answers each argument on its own line, in order; --abbrev-ref applies to the arguments after it. */
export function locationOf(output: string): { dirs: RepositoryDirs | undefined; head: Head } {
  const [gitDir = '', commonDir = '', sha = '', name = ''] = output.split('\n').map((line) => line.trim());
  return { dirs: gitDir && commonDir ? { gitDir, commonDir } : undefined, head: headOf(sha, name) };
}

/** The `-c` that makes `git commit` print the full id of the commit it made (git 2.31 or newer). */
export const FULL_IDS = ['-c', 'core.abbrev=no'];

/**
 * The commit `git commit` (run with FULL_IDS) says it made, from its summary line: `[<branch> <id>] <subject>`,
 * `[<branch> (root-commit) <id>] ...` or `[detached HEAD <id>] ...`. A branch name holds no space, so the first
 * ` <id>] ` on the line is the id; anything else (an older git, another format) is undefined.
 */
export function commitIdOf(output: string): string | undefined {
  const line = output.split('\n').find((candidate) => candidate.startsWith('['));
  return line ? / ([0-9a-f]{40}|[0-9a-f]{64})\] /.exec(line)?.[1] : undefined;
}

/** The lines of a failed git command that say why, for a person: rule violations first, then the last lines. */
export function summarizeGitError(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('hint:'));
  // A rule violation (GitHub's GH0xx, with the rule on a '- ' line) says why; the last lines only say that it failed.
  const tail = lines.slice(-4);
  const rules = lines.filter((line) => /\bGH0\d\d\b|^remote: - /.test(line) && !tail.includes(line));
  return [...rules, ...tail].join(' ');
}
