// Owns making the agent's text (its final message, the commands it ran, file names, anything quoted from it or
// from a requester) inert markdown before it goes into a comment, a pull request, a commit message or the job
// summary. Inert means: GitHub shows it as text and nothing in it acts when the page is rendered or viewed.
// - Nothing is fetched: no markdown image (inline, reference, shortcut) and no HTML at all (`<img>`, `<picture>`,
//   `<source>`, `<video>`, `<audio>`, `<iframe>`, `<object>`, `<embed>`, `<svg>`, `<image>`, `<input>`, `style`
//   urls). GitHub's image proxy fetches any URL it is given, which would carry data out of a sandbox that has
//   no network. Diagram and map code blocks (mermaid, geojson, topojson, stl) render as plain code.
// - Nothing is hidden: no HTML comment (it could forge the action's own markers) and no link reference
//   definition (`[//]: # (...)` renders as nothing).
// - Nothing closes an issue: the closing keywords followed by an issue reference are broken; the one `Closes #N`
//   the action writes for its own issue is added outside this function.
// - Nobody is notified: no @-mention.
// The means is one character, U+200B ZERO WIDTH SPACE, put where it breaks the syntax (`<\u200Bimg`, `!\u200B[`,
// `@\u200Bname`, `c\u200Bloses #7`): GitHub's markdown parser and its mention and reference filters match these
// constructs byte for byte, and none of them allows anything between those characters. It is invisible, so the
// text reads exactly as the agent wrote it, and it needs no knowledge of the markdown around it: wrapping a
// mention in backticks would instead depend on not already being inside a code span, where a backtick would
// end the span and expose what follows. Must never: drop or reorder visible text, or be skipped for any text
// the agent or a requester wrote. Pure.

const BREAK = '\u200B';

/**
 * A closing keyword right before whatever GitHub may allow between it and the reference (a colon, spaces,
 * emphasis, brackets) and the reference: `#N`, `GH-N`, `owner/repo#N` or a URL. No word boundary is required in
 * front: breaking "fixes" inside "prefixes #3" as well costs nothing visible, and misses nothing GitHub matches.
 */
const CLOSING_REFERENCE =
  /(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?=[\s:*_~`[\]()<>\u200B]{0,16}(?:#\d|gh-\d|[\w.-]+\/[\w.-]+#\d|https?:\/\/|www\.|github\.com))/gi;

/**
 * Where the text goes: `markdown` (a comment, a pull request body, the job summary) or `plain` (a pull request
 * title, a commit message), where GitHub renders no HTML or image but still links mentions and closes issues
 * (a commit message with "Fixes #7" closes #7 once it reaches the default branch).
 */
export type InertTarget = 'markdown' | 'plain';

/** The agent's (or a requester's) text as text that GitHub shows as text and that does nothing. */
export function inertText(text: string, target: InertTarget = 'markdown'): string {
  const rendered =
    target === 'plain'
      ? text
      : text
          // Every `<`: no HTML element, comment, processing instruction or autolink can start.
          .replace(/</g, `<${BREAK}`)
          // An image is `!` right before `[`.
          .replace(/!\[/g, `!${BREAK}[`)
          // A link reference definition is a line that starts (after container markers) with `[label]:`.
          .replace(/^([ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?[ \t>]*)\[(?=[^\]\n]*\]:)/gm, `$1${BREAK}[`)
          // Diagram and map blocks are rendered by GitHub from their info string.
          .replace(/(```+|~~~+)([ \t]*)(?=(?:mermaid|geojson|topojson|stl)\b)/gi, `$1$2${BREAK}`);
  return (
    rendered
      // A mention is `@` right before a login or `org/team`, not after an ASCII letter or digit (an e-mail address).
      .replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g, `@${BREAK}`)
      .replace(CLOSING_REFERENCE, (keyword: string) => `${keyword.slice(0, 1)}${BREAK}${keyword.slice(1)}`)
  );
}
