// Owns the shape of a run's result: what every stage adds to and what the report stage reads.
import type { TokenUsage } from './codex/events.js';
import type { ReviewComment } from './review/answer.js';
import type { DialsRecord } from './report/dials.js';
import type { ChangedFile } from './workspace/git.js';

export type Conclusion =
  'pull-request' | 'committed' | 'patch' | 'no-changes' | 'reviewed' | 'skipped' | 'refused' | 'failed';

export interface RunOutcome {
  conclusion: Conclusion;
  /** For skipped, refused and failed: why, in one sentence. */
  reason?: string;
  /** For failed: what the maintainer can change. */
  hint?: string;
  prUrl?: string;
  prNumber?: number;
  /** True when an existing pull request was updated rather than a new one opened. */
  prUpdated?: boolean;
  branch?: string;
  compareUrl?: string;
  commitSha?: string;
  patchPath?: string;
  /** Name of the workflow artifact holding the patch, when it was uploaded. */
  patchArtifact?: string;
  changedFiles?: ChangedFile[];
  finalMessage?: string;
  threadId?: string;
  usage?: TokenUsage;
  commandsRun?: number;
  /** For reviewed: the posted pull request review and what it said where. */
  review?: ReviewFacts;
  /** Budgets used, approval requests answered and the network Codex's commands had. */
  dials?: DialsRecord;
}

export interface ReviewFacts {
  url: string;
  /** Comments placed on lines of the diff. */
  inline: ReviewComment[];
  /** Comments on lines outside the diff, carried in the summary instead. */
  outsideDiff: ReviewComment[];
  /** False when Codex's answer did not validate and the review is its plain message. */
  structured: boolean;
}
