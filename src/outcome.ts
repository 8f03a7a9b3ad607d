// Owns the shape of a run's result: one variant per conclusion, each with only the fields that conclusion has,
// so the report stage reads a pull request's URL only from a pull request, a review only from a review.
// Must never: hold a value no stage produced (no defaults standing in for facts).
import type { TokenUsage } from './events.js';
import type { ReviewComment } from './review/answer.js';
import type { DialsRecord } from './report/dials.js';
import type { ChangedFile } from './git/diff.js';

/** What Codex's run left, whatever became of it. */
export interface CodexFacts {
  finalMessage?: string;
  threadId?: string;
  usage?: TokenUsage;
  commandsRun?: number;
  changedFiles?: ChangedFile[];
  /** Budgets used, approval requests answered and the network Codex's commands had. */
  dials?: DialsRecord;
}

/** Where Codex's change was saved as a patch on the runner, and the workflow artifact holding it, when uploaded. */
export interface KeptPatch {
  patchPath: string;
  patchArtifact?: string;
}

export interface PullRequestOutcome extends CodexFacts, KeptPatch {
  conclusion: 'pull-request';
  /** The pull request opened or updated: the same shape a follow-up's commit carries (CommittedOutcome). */
  pullRequest: { url: string; number: number };
  /** True when an existing pull request was updated rather than a new one opened. */
  prUpdated: boolean;
  branch: string;
  commitSha: string;
}

export interface CommittedOutcome extends CodexFacts, KeptPatch {
  conclusion: 'committed';
  branch: string;
  commitSha: string;
  /** The pull request the commit went to, for a follow-up on a pull request the action opened. */
  pullRequest?: { url: string; number: number };
}

export interface PatchOutcome extends CodexFacts, KeptPatch {
  conclusion: 'patch';
}

export interface NoChangesOutcome extends CodexFacts {
  conclusion: 'no-changes';
}

export interface ReviewedOutcome extends CodexFacts {
  conclusion: 'reviewed';
  review: ReviewFacts;
}

/** No task in the event: nothing ran. */
export interface SkippedOutcome {
  conclusion: 'skipped';
  /** Why, in one sentence. */
  reason: string;
}

/** The gate said no: nothing ran. */
export interface RefusedOutcome {
  conclusion: 'refused';
  /** Why, in one sentence. */
  reason: string;
}

export interface FailedOutcome extends CodexFacts, Partial<KeptPatch> {
  conclusion: 'failed';
  /** Why, in one sentence. */
  reason: string;
  /** What the maintainer can change. */
  hint?: string;
  /** Set when the change got as far as a pushed branch or a commit before the failure. */
  branch?: string;
  commitSha?: string;
}

export type RunOutcome =
  | PullRequestOutcome
  | CommittedOutcome
  | PatchOutcome
  | NoChangesOutcome
  | ReviewedOutcome
  | SkippedOutcome
  | RefusedOutcome
  | FailedOutcome;

export type Conclusion = RunOutcome['conclusion'];

export interface ReviewFacts {
  url: string;
  /** Comments placed on lines of the diff. */
  inline: ReviewComment[];
  /** Comments on lines outside the diff, carried in the summary instead. */
  outsideDiff: ReviewComment[];
  /** False when Codex's answer did not validate and the review is its plain message. */
  structured: boolean;
}
