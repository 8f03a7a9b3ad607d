import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  inertText
} from "./chunk-T5LBMU7D.js";

// src/report/review.ts
var REVIEW_MARKER = "<!-- codex-task-action:review -->";
var MAX_BODY = 6e4;
function makeReviewTextInert(text) {
  return inertText(text.replace(/\r\n?/g, "\n").replace(/^(\s*)(`{3,}|~{3,})\s*suggestion\b/gim, "$1$2text"));
}
function fenceFor(content, info) {
  const longest = (content.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}
${content.replace(/\n$/, "")}
${fence}`;
}
function inlineCommentBody(comment, redact) {
  const parts = [makeReviewTextInert(redact(comment.body)).trim()];
  if (comment.suggestion !== void 0) parts.push(fenceFor(redact(comment.suggestion), "suggestion"));
  return parts.join("\n\n").slice(0, MAX_BODY);
}
function where(comment) {
  const lines = comment.startLine !== void 0 ? `lines ${comment.startLine}-${comment.line}` : `line ${comment.line}`;
  return `\`${comment.path.replace(/`/g, "'")}\` ${lines}`;
}
function reviewBody(input, redact) {
  const lines = [
    REVIEW_MARKER,
    `### Codex review of ${input.headSha.slice(0, 12)}`,
    "",
    makeReviewTextInert(redact(input.answer.summary)).trim() || "(no summary)"
  ];
  if (input.unstructured)
    lines.push(
      "",
      `<sub>Codex's answer was not in the review format (${input.unstructured}), so this is its plain message and there are no inline comments.</sub>`
    );
  if (input.outsideDiff.length > 0) {
    lines.push("", `#### On lines outside the diff (${input.outsideDiff.length})`);
    for (const comment of input.outsideDiff) {
      lines.push("", `**${where(comment)}**`, "", makeReviewTextInert(redact(comment.body)).trim());
      if (comment.suggestion !== void 0)
        lines.push("", "Proposed replacement:", "", fenceFor(redact(comment.suggestion), ""));
    }
  }
  lines.push(
    "",
    `<sub>[workflow run](${input.runUrl}) \xB7 an earlier review by this action is collapsed when a new one is posted</sub>`
  );
  const body = lines.join("\n");
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}

[... truncated]` : body;
}
function supersededReviewBody(newReviewUrl) {
  return `${REVIEW_MARKER}
<sub>This review is out of date: see the [newer review](${newReviewUrl}). Its inline comments are left as they are.</sub>`;
}
function reviewCommentList(inline, outsideDiff) {
  const line = (comment) => `- ${where(comment)}: ${firstLine(comment.body)}${comment.suggestion !== void 0 ? " (suggestion)" : ""}`;
  const parts = [];
  if (inline.length > 0) parts.push(`### Inline comments (${inline.length})`, ...inline.map(line));
  if (outsideDiff.length > 0)
    parts.push(`### Comments outside the diff, in the summary (${outsideDiff.length})`, ...outsideDiff.map(line));
  return parts.join("\n");
}
function firstLine(text) {
  const line = makeReviewTextInert(text).split("\n").find((part) => part.trim()) ?? "";
  const clipped = line.trim().replace(/^[#>*\-\s]+/, "");
  return clipped.length > 120 ? `${clipped.slice(0, 120)}\u2026` : clipped;
}

export {
  REVIEW_MARKER,
  makeReviewTextInert,
  inlineCommentBody,
  reviewBody,
  supersededReviewBody,
  reviewCommentList
};
