// Owns reading a run's outcome for the report: each field taken from the conclusions that have it, by narrowing,
// so no output, comment or summary line can show a field its outcome does not carry. Pure.
import type { CodexFacts, RunOutcome } from '../outcome.js';
import type { ReviewComment } from './review.js';

export interface OutcomeView {
  /** What Codex's run left; none for a run that never reached Codex (skipped, refused). */
  facts: CodexFacts;
  pullRequest?: { url: string; number: number };
  branch?: string;
  commitSha?: string;
  patchPath?: string;
  patchArtifact?: string;
  review?: { url: string; inline: ReviewComment[]; outsideDiff: ReviewComment[]; structured: boolean };
  reason?: string;
  hint?: string;
}

export function viewOutcome(outcome: RunOutcome): OutcomeView {
  switch (outcome.conclusion) {
    case 'pull-request':
      return {
        facts: outcome,
        pullRequest: outcome.pullRequest,
        branch: outcome.branch,
        commitSha: outcome.commitSha,
        patchPath: outcome.patchPath,
        patchArtifact: outcome.patchArtifact,
      };
    case 'committed':
      return {
        facts: outcome,
        pullRequest: outcome.pullRequest,
        branch: outcome.branch,
        commitSha: outcome.commitSha,
        patchPath: outcome.patchPath,
        patchArtifact: outcome.patchArtifact,
      };
    case 'patch':
      return { facts: outcome, patchPath: outcome.patchPath, patchArtifact: outcome.patchArtifact };
    case 'no-changes':
      return { facts: outcome };
    case 'reviewed':
      return { facts: outcome, review: outcome.review };
    case 'skipped':
    case 'refused':
      return { facts: {}, reason: outcome.reason };
    case 'failed':
      return {
        facts: outcome,
        branch: outcome.branch,
        commitSha: outcome.commitSha,
        patchPath: outcome.patchPath,
        patchArtifact: outcome.patchArtifact,
        reason: outcome.reason,
        hint: outcome.hint,
      };
  }
}
