// Owns the shape of Codex's review answer: the JSON schema Codex is asked to answer in (app-server's
// `turn/start.outputSchema` through the bridge; the same shape as a JSON block in the final message for native
// `codex mcp-server` 0.153.4, whose `codex` tool takes no schema), and reading that answer back with zod.
// A message that does not validate is a value, never an exception: the review falls back to a plain summary.
// Must never: trust a field it did not validate.
import * as z from 'zod';
import type { ReviewComment } from '../report/review.js';

// A comment's shape is report/review.ts's, which renders it.
export type { ReviewComment } from '../report/review.js';

export type ReviewVerdict = 'comment' | 'approve' | 'request-changes';

export interface ReviewAnswer {
  summary: string;
  comments: ReviewComment[];
  /** What Codex would do with the pull request; followed only when the maintainers opt in (review-verdicts). */
  verdict: ReviewVerdict;
}

export type ParsedAnswer = { ok: true; answer: ReviewAnswer } | { ok: false; why: string };

const MAX_COMMENTS = 50;

const commentSchema = z.object({
  path: z.string().min(1).max(1000),
  line: z.number().int().positive(),
  start_line: z.number().int().positive().nullish(),
  body: z.string().min(1).max(20_000),
  suggestion: z.string().max(20_000).nullish(),
});

const answerSchema = z.object({
  summary: z.string().min(1).max(30_000),
  verdict: z.enum(['comment', 'approve', 'request-changes']).nullish(),
  comments: z.array(commentSchema).max(MAX_COMMENTS),
});

/**
 * The schema handed to app-server as `outputSchema`. Written out by hand in the strict form OpenAI's structured
 * outputs accept (every property required, no additional properties, null for "none").
 */
export const REVIEW_OUTPUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'verdict', 'comments'],
  properties: {
    verdict: {
      type: 'string',
      enum: ['comment', 'approve', 'request-changes'],
      description: 'approve, request-changes, or comment when neither fits.',
    },
    summary: {
      type: 'string',
      description: 'The overall review in Markdown: what the change does, and what matters most.',
    },
    comments: {
      type: 'array',
      maxItems: MAX_COMMENTS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'line', 'start_line', 'body', 'suggestion'],
        properties: {
          path: { type: 'string', description: 'File path relative to the repository root.' },
          line: {
            type: 'integer',
            description: "Line number in the pull request's version of the file (the last line of a range).",
          },
          start_line: { type: ['integer', 'null'], description: 'First line of a multi-line comment, or null.' },
          body: { type: 'string', description: 'The comment in Markdown.' },
          suggestion: {
            type: ['string', 'null'],
            description: 'Exact replacement text for the commented line(s), or null.',
          },
        },
      },
    },
  },
} as const;

/** How the answer is described to Codex in its instructions, for either way of asking. */
export const REVIEW_ANSWER_FORMAT = [
  'Answer with one JSON object and nothing else (no prose around it; a single ```json fenced block is also accepted):',
  '{"summary": string, "verdict": "comment" | "approve" | "request-changes", "comments": [{"path": string, "line": integer, "start_line": integer or null, "body": string, "suggestion": string or null}]}',
  "- `line` (and `start_line` for a range) are line numbers in the pull request's version of the file; comment on lines the diff adds or shows.",
  '- `suggestion` is the exact text that should replace those lines (all of them, with their indentation), or null when you propose no replacement.',
  `- At most ${MAX_COMMENTS} comments; an empty list is fine when there is nothing to point at.`,
].join('\n');

/** Reads Codex's final message: bare JSON, or the last ```json block in it. */
export function parseReviewAnswer(message: string): ParsedAnswer {
  const candidates = jsonCandidates(message);
  if (candidates.length === 0) return { ok: false, why: 'the final message holds no JSON object' };
  let why = '';
  for (const candidate of candidates) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch (error) {
      why = `the JSON does not parse (${(error as Error).message})`;
      continue;
    }
    const parsed = answerSchema.safeParse(value);
    if (!parsed.success) {
      why = `the JSON does not match the review schema (${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`)
        .join('; ')})`;
      continue;
    }
    const comments = parsed.data.comments.map((comment) => ({
      path: comment.path.replace(/^\.?\//, ''),
      line: comment.line,
      startLine: comment.start_line != null && comment.start_line < comment.line ? comment.start_line : undefined,
      body: comment.body,
      suggestion: comment.suggestion ?? undefined,
    }));
    return { ok: true, answer: { summary: parsed.data.summary, comments, verdict: parsed.data.verdict ?? 'comment' } };
  }
  return { ok: false, why };
}

function jsonCandidates(message: string): string[] {
  const trimmed = message.trim();
  const candidates: string[] = [];
  if (trimmed.startsWith('{')) candidates.push(trimmed);
  const blocks = [...trimmed.matchAll(/^(`{3,})json[^\S\n]*\n([\s\S]*?)\n\1[^\S\n]*$/gm)].map(
    (match) => match[2] as string,
  );
  candidates.push(...blocks.reverse());
  return candidates;
}
