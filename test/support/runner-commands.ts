// Reads a step's output the way the GitHub Actions runner does, to find the lines it would take as workflow
// commands (actions/runner, ActionCommandManager.TryProcessCommand): the output is split into lines at \n, \r
// and \r\n; a line is a command when, after leading whitespace, it starts with `::name ...::`; failing that,
// when it holds the legacy `##[name ...]` anywhere. The runner compares those with .NET's culture-aware
// StartsWith/IndexOf, which may skip zero-width, control and other ignorable characters; this reader skips
// them too, so it finds every line the runner might take, and a few more.

export interface RunnerCommand {
  /** The command's name, lower case (`add-mask`, `warning`, `stop-commands`, ...). */
  name: string;
  /** The text after the command's closing `::` or `]`. */
  data: string;
  line: string;
  form: 'v2' | 'legacy';
}

const IGNORABLE = /[\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]/gu;
/** Whitespace as .NET's Char.IsWhiteSpace sees it (JavaScript's \s lacks U+0085, which is Cc and skipped above). */
const LEADING_WHITESPACE = /^\s+/u;

export function parseRunnerCommand(rawLine: string): RunnerCommand | undefined {
  const line = rawLine.replace(IGNORABLE, '');
  const trimmed = line.replace(LEADING_WHITESPACE, '');
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    if (end >= 0) {
      const info = trimmed.slice(2, end);
      const name = (info.split(' ')[0] ?? '').toLowerCase();
      if (name) return { name, data: trimmed.slice(end + 2), line: rawLine, form: 'v2' };
    }
  }
  const prefix = line.indexOf('##[');
  if (prefix >= 0) {
    const close = line.indexOf(']', prefix);
    if (close >= 0) {
      const name = (line.slice(prefix + 3, close).split(' ')[0] ?? '').toLowerCase();
      if (name) return { name, data: line.slice(close + 1), line: rawLine, form: 'legacy' };
    }
  }
  return undefined;
}

/** Every command the runner could read in a step's output. */
export function runnerCommands(output: string): RunnerCommand[] {
  return output.split(/\r\n|\r|\n/).flatMap((line) => parseRunnerCommand(line) ?? []);
}
