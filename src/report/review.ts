// Owns the words of a pull request review: the summary body (with the comments that could not sit on a line
// of the diff), each inline comment with its GitHub suggestion block, the note an older review is collapsed to,
// and the hidden marker that finds the action's earlier reviews. All of Codex's text passes
// makeReviewTextInert, the one place that neutralizes agent text in a review. Pure: values in, markdown out.
// Must never: let agent text fetch an image, hide text, close an issue or notify anyone.
import { inertText } from './inert-text.js';

/** A comment of Codex's review (review/answer.ts reads it from Codex's answer). */
export interface ReviewComment {
  path: string;
  /** Line of the file at the pull request's head (the right side of the diff); the last line of a range. */
  line: number;
  /** First line of a multi-line comment, or undefined. */
  startLine: number | undefined;
  body: string;
  /** Replacement text for lines startLine..line (or line), proposed as a GitHub suggestion. */
  suggestion: string | undefined;
}

/** Marks a review body as written by this action, so a later review can find and collapse it. */
export const REVIEW_MARKER = '<!-- codex-task-action:review -->';

const MAX_BODY = 60_000;

/**
 * Agent text made inert for GitHub's renderer: no hidden HTML comments, no fetched images (Markdown or HTML),
 * no notifying @-mentions (team mentions too), no closing keywords that act on an issue, and no suggestion block
 * of its own (suggestions come only from the structured `suggestion` field). Meant to be replaced by the shared
 * helper of src/report/ once it exists; every review text goes through this one function.
 */
export function makeReviewTextInert(text: string): string {
  // The agent's own suggestion blocks would apply with one click: only the action's (from the structured answer,
  // fenced by inlineCommentBody) are suggestions. Everything else is the shared rule for agent text.
  return inertText(text.replace(/\r\n?/g, '\n').replace(/^(\s*)(`{3,}|~{3,})\s*suggestion\b/gim, '$1$2text'));
}

/** A fenced block longer than any backtick run inside, so the content cannot close it. */
function fenceFor(content: string, info: string): string {
  const longest = (content.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${content.replace(/\n$/, '')}\n${fence}`;
}

export function inlineCommentBody(comment: ReviewComment, redact: (text: string) => string): string {
  const parts = [makeReviewTextInert(redact(comment.body)).trim()];
  if (comment.suggestion !== undefined) parts.push(fenceFor(redact(comment.suggestion), 'suggestion'));
  return parts.join('\n\n').slice(0, MAX_BODY);
}

function where(comment: ReviewComment): string {
  const lines = comment.startLine !== undefined ? `lines ${comment.startLine}-${comment.line}` : `line ${comment.line}`;
  return `\`${comment.path.replace(/`/g, "'")}\` ${lines}`;
}

export interface ReviewBodyInput {
  answer: { summary: string };
  outsideDiff: readonly ReviewComment[];
  headSha: string;
  runUrl: string;
  /** Why the answer was not structured, when it was not: the summary is Codex's plain message. */
  unstructured?: string;
}

export function reviewBody(input: ReviewBodyInput, redact: (text: string) => string): string {
  const lines = [
    REVIEW_MARKER,
    `### Codex review of ${input.headSha.slice(0, 12)}`,
    '',
    makeReviewTextInert(redact(input.answer.summary)).trim() || '(no summary)',
  ];
  if (input.unstructured)
    lines.push(
      '',
      `<sub>Codex's answer was not in the review format (${input.unstructured}), so this is its plain message and there are no inline comments.</sub>`,
    );
  if (input.outsideDiff.length > 0) {
    lines.push('', `#### On lines outside the diff (${input.outsideDiff.length})`);
    for (const comment of input.outsideDiff) {
      lines.push('', `**${where(comment)}**`, '', makeReviewTextInert(redact(comment.body)).trim());
      if (comment.suggestion !== undefined)
        lines.push('', 'Proposed replacement:', '', fenceFor(redact(comment.suggestion), ''));
    }
  }
  lines.push(
    '',
    `<sub>[workflow run](${input.runUrl}) · an earlier review by this action is collapsed when a new one is posted</sub>`,
  );
  const body = lines.join('\n');
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n\n[... truncated]` : body;
}

/** What an older review's body becomes once a newer one is posted: its inline threads stay as they are. */
export function supersededReviewBody(newReviewUrl: string): string {
  return `${REVIEW_MARKER}\n<sub>This review is out of date: see the [newer review](${newReviewUrl}). Its inline comments are left as they are.</sub>`;
}

/** The job summary's list of the review's comments. */
export function reviewCommentList(inline: readonly ReviewComment[], outsideDiff: readonly ReviewComment[]): string {
  const line = (comment: ReviewComment): string =>
    `- ${where(comment)}: ${firstLine(comment.body)}${comment.suggestion !== undefined ? ' (suggestion)' : ''}`;
  const parts: string[] = [];
  if (inline.length > 0) parts.push(`### Inline comments (${inline.length})`, ...inline.map(line));
  if (outsideDiff.length > 0)
    parts.push(`### Comments outside the diff, in the summary (${outsideDiff.length})`, ...outsideDiff.map(line));
  return parts.join('\n');
}

/** One line of agent text for a list: inert, without Markdown structure, bounded. */
export function firstLine(text: string): string {
  const line =
    makeReviewTextInert(text)
      .split('\n')
      .find((part) => part.trim()) ?? '';
  const clipped = line.trim().replace(/^[#>*\-\s]+/, '');
  return clipped.length > 120 ? `${clipped.slice(0, 120)}…` : clipped;
}
