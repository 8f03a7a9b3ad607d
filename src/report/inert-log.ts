// Owns making text that someone else wrote (Codex's messages, the commands it runs and their output, its
// stderr, the requester's task, error messages that quote any of these) safe to print in the runner's log.
// The runner reads every line of the step's stdout and stderr for workflow commands: a line whose text after
// leading whitespace starts with `::` (`::add-mask::`, `::stop-commands::`, `::warning::`, ...), and the legacy
// form `##[command ...]` anywhere in a line. Such a line from the agent could mask or hide the log, stop the
// action's own commands, or forge annotations and outputs. Every log call that carries outside text goes
// through `inertLog` here. Must never: drop text, or change a line the runner would not read as a command.
import * as core from '@actions/core';

/** Line breaks as the runner's reader sees them (.NET StreamReader.ReadLine: \n, \r and \r\n). */
const LINE_BREAK = /(\r\n|\r|\n)/;

/**
 * Characters a culture-aware .NET string comparison may skip as if absent (controls, format characters such as
 * zero-width spaces and joiners, combining marks, other default-ignorables). The runner matches `::` and `##[`
 * with `StartsWith` and `IndexOf`, which compare by culture, so `\u200B::add-mask::` may count as `::add-mask::`.
 * A superset is safe: it only makes the escape below apply to a few more lines.
 */
const IGNORABLE = String.raw`[\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]`;

/** `::` at a line start, after whatever .NET's TrimStart() removes and whatever the comparison skips. */
const COMMAND_AT_LINE_START = new RegExp(String.raw`^(?:\s|${IGNORABLE})*:${IGNORABLE}*:`, 'u');

/** The legacy command opener, `##[`, anywhere, with skippable characters in between. */
const LEGACY_COMMAND = new RegExp(String.raw`#${IGNORABLE}*#${IGNORABLE}*\[`, 'gu');

/**
 * The text with every line the runner could read as a workflow command made plain text, by a visible backslash:
 * `\::add-mask::x` (the line no longer starts with `::`) and `##\[set-output]` (no `##[` is left). A backslash
 * is ASCII punctuation that no comparison skips, and reads as "escaped" to whoever looks at the log.
 */
export function inertLogText(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((part, index) => {
      if (index % 2 === 1) return part;
      const line = part.replace(LEGACY_COMMAND, '##\\[');
      return COMMAND_AT_LINE_START.test(line) ? `\\${line}` : line;
    })
    .join('');
}

/**
 * The runner log, for text the action did not write itself. `info` is the one that needs it most: @actions/core
 * writes it raw. `warning`, `error` and `debug` escape line breaks (so their text stays inside one command),
 * and pass through here too, so that one rule covers every line and nobody has to remember which call escapes.
 */
export const inertLog = {
  info: (text: string): void => core.info(inertLogText(text)),
  warning: (text: string): void => core.warning(inertLogText(text)),
  error: (text: string): void => core.error(inertLogText(text)),
  debug: (text: string): void => core.debug(inertLogText(text)),
};
