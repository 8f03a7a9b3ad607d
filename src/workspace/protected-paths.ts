// Owns what a `protected-paths` pattern matches: a glob over repository paths, gitignore-like, matched by
// picomatch. `**` spans directories, `*` and `?` stay within one name, a trailing `/` means everything below,
// a pattern without a slash matches that name at any depth (so `CODEOWNERS` also covers `docs/CODEOWNERS`),
// a leading `/` anchors at the root and a leading `./` is dropped. Dotfiles are matched like any name, case is ignored (a runner on
// macOS or Windows sees `.GitHub/` as `.github/`), and a leading `!` is a literal character: a protection
// rule can only add protection, never turn into "everything except".
// Must never: let a pattern match less than the README promises.
import picomatch from 'picomatch';

const OPTIONS: picomatch.PicomatchOptions = { dot: true, nocase: true, nonegate: true, strictSlashes: true };

/** The pattern as picomatch reads it: anchored at the root, with the gitignore-like shorthands spelled out. */
function normalize(pattern: string): string {
  let glob = pattern.trim().replace(/^\.\//, '');
  if (glob.endsWith('/')) glob += '**';
  const anchored = glob.includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  return anchored ? glob : `**/${glob}`;
}

/** Escapes the characters picomatch would read as glob syntax of its own beyond the README's. */
const escape = (glob: string, characters: RegExp): string => glob.replace(characters, '\\$&');

/**
 * Whether a repository path (forward slashes, no leading `/`) is protected by any of the patterns. Parentheses,
 * `|` and `\` are always literal (picomatch would read them as groups, and `file (1).txt` is a real name); `[...]`
 * and `{a,b}` match both as a glob and literally, so a pattern never protects less than its plain reading.
 */
export function protectedPathMatcher(patterns: readonly string[]): (file: string) => boolean {
  const globs = patterns
    .filter((pattern) => pattern.trim() !== '')
    .map((pattern) => escape(normalize(pattern), /[()|\\]/g));
  if (globs.length === 0) return () => false;
  const literalBrackets = globs.map((glob) => escape(glob, /[[\]{}]/g));
  return picomatch([...globs, ...literalBrackets], OPTIONS);
}
