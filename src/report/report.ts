// Owns telling people what happened: the eyes reaction and tracking comment at the start, the refusal reply,
// and at the end the edited tracking comment, the job summary and the step outputs.
// Every text passes the redactor before it leaves. Reporting failures are logged, never thrown:
// a broken comment API must not hide the run's real outcome.
import * as core from '@actions/core';
import { getErrorMessage } from '../errors.js';
import type { GitHubClient, ReactionTarget } from '../github.js';
import type { RunOutcome } from '../outcome.js';
import { inertLog } from './inert-log.js';
import type { Redactor } from './redact.js';
import type { Activity } from './activity.js';
import { finalComment, jobSummary, progressComment, refusedComment, workingComment } from './render.js';
import { dialsOutputs, dialsSummary } from './dials.js';
import { viewOutcome } from './view.js';

/** What the report needs of a task (task/task.ts's Task has this shape): whom to answer, where, about what. */
export interface ReportedTask {
  request: string;
  requester: { login: string };
  thread: { number: number } | undefined;
  source: { kind: 'comment' | 'review-comment'; commentId: number } | { kind: 'issue' | 'workflow' };
}

export interface ReporterOptions {
  github: Pick<GitHubClient, 'addReaction' | 'createComment' | 'updateComment'>;
  redact: Redactor;
  runUrl: string;
}

/** At most one progress edit of the tracking comment per window, so a long task does not burn the API rate limit. */
export const PROGRESS_EDIT_INTERVAL_MS = 10_000;

export class Reporter {
  private trackingCommentId: number | undefined;
  private readonly startedAt = Date.now();
  private activity: Activity | undefined;
  private lastProgressEdit = 0;
  private pendingProgress: NodeJS.Timeout | undefined;
  private progressEdit: Promise<void> = Promise.resolve();
  private finished = false;

  constructor(private readonly options: ReporterOptions) {}

  /** Eyes on the trigger, and one comment that the final result will replace. */
  async acknowledge(task: ReportedTask, otherRuns: string[] = []): Promise<void> {
    if (!task.thread) return;
    const target: ReactionTarget =
      task.source.kind === 'comment' || task.source.kind === 'review-comment'
        ? { kind: task.source.kind, id: task.source.commentId }
        : { kind: 'issue', number: task.thread.number };
    await this.attempt('add the eyes reaction', () => this.options.github.addReaction(target, 'eyes'));
    await this.attempt('post the tracking comment', async () => {
      const comment = await this.options.github.createComment(
        (task.thread as NonNullable<ReportedTask['thread']>).number,
        this.options.redact(
          workingComment({ runUrl: this.options.runUrl, requester: task.requester.login, otherRuns }),
        ),
      );
      this.trackingCommentId = comment.id;
      core.info(`Tracking comment: ${comment.url}`);
    });
  }

  /** Shows Codex's steps in the tracking comment as they happen, throttled to one edit per window. */
  trackProgress(activity: Activity, requester: string): void {
    this.activity = activity;
    activity.onChange = () => {
      if (this.trackingCommentId === undefined || this.finished || this.pendingProgress) return;
      const wait = Math.max(0, this.lastProgressEdit + PROGRESS_EDIT_INTERVAL_MS - Date.now());
      this.pendingProgress = setTimeout(() => {
        this.pendingProgress = undefined;
        if (this.finished || this.trackingCommentId === undefined) return;
        this.lastProgressEdit = Date.now();
        const body = this.options.redact(
          progressComment(activity, { runUrl: this.options.runUrl, requester, elapsedMs: Date.now() - this.startedAt }),
        );
        const id = this.trackingCommentId;
        this.progressEdit = this.attempt('show progress in the tracking comment', () =>
          this.options.github.updateComment(id, body),
        );
      }, wait);
      this.pendingProgress.unref();
    };
  }

  async refuse(task: ReportedTask, reason: string): Promise<void> {
    inertLog.info(`Refused: ${reason}`);
    if (!task.thread) return;
    const number = task.thread.number;
    await this.attempt('reply with the refusal', () =>
      this.options.github.createComment(number, this.options.redact(refusedComment(reason))),
    );
  }

  /** Edits the tracking comment to its final state, writes the job summary and sets every output. */
  async finish(outcome: RunOutcome, task: ReportedTask | undefined, commandsRun: number): Promise<void> {
    // The final edit always comes last: no progress edit may land after it.
    this.finished = true;
    clearTimeout(this.pendingProgress);
    await this.progressEdit;
    const durationMs = Date.now() - this.startedAt;
    const requester = task?.requester.login ?? 'unknown';
    const ctx = { runUrl: this.options.runUrl, requester, durationMs };
    if (task?.thread && outcome.conclusion !== 'skipped' && outcome.conclusion !== 'refused') {
      const body = this.options.redact(finalComment(outcome, ctx));
      const number = task.thread.number;
      await this.attempt('update the tracking comment', async () => {
        if (this.trackingCommentId !== undefined) await this.options.github.updateComment(this.trackingCommentId, body);
        else await this.options.github.createComment(number, body);
      });
    }
    if (outcome.conclusion !== 'skipped') {
      const { facts } = viewOutcome(outcome);
      await this.attempt('write the job summary', async () => {
        const commands = this.activity?.commands ?? [];
        await core.summary
          .addRaw(
            this.options.redact(
              [
                jobSummary(outcome, { ...ctx, task: task?.request ?? '', commandsRun, commands }),
                dialsSummary(facts.dials, facts.usage),
              ]
                .filter(Boolean)
                .join('\n\n'),
            ),
            true,
          )
          .write();
      });
    }
    this.setOutputs(outcome);
  }

  private setOutputs(outcome: RunOutcome): void {
    const view = viewOutcome(outcome);
    const outputs: Record<string, string> = {
      conclusion: outcome.conclusion,
      'pr-url': view.pullRequest?.url ?? '',
      'pr-number': view.pullRequest ? String(view.pullRequest.number) : '',
      branch: view.branch ?? '',
      'commit-sha': view.commitSha ?? '',
      'patch-path': view.patchPath ?? '',
      'changed-files': JSON.stringify((view.facts.changedFiles ?? []).map((file) => file.path)),
      'final-message': view.facts.finalMessage ?? '',
      'thread-id': view.facts.threadId ?? '',
      'review-url': view.review?.url ?? '',
      'review-comments': view.review ? String(view.review.inline.length + view.review.outsideDiff.length) : '',
      ...dialsOutputs(view.facts.dials),
    };
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, this.options.redact(value));
  }

  private async attempt(what: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      inertLog.warning(`Could not ${what}: ${getErrorMessage(error)}${this.missingIssuesWriteHint(error)}`);
    }
  }

  private toldAboutIssuesWrite = false;

  /** A 403 on a comment or reaction almost always means the workflow's token lacks issues: write; said once per run. */
  private missingIssuesWriteHint(error: unknown): string {
    if (this.toldAboutIssuesWrite || (error as { status?: unknown } | null)?.status !== 403) return '';
    if (/rate limit/i.test(getErrorMessage(error))) return '';
    this.toldAboutIssuesWrite = true;
    return (
      ". The token lacks `issues: write`, so the action cannot react or reply on the issue. Add it to the job's `permissions:` block in the workflow file " +
      '(`permissions: { contents: write, pull-requests: write, issues: write }`), or pass a `github-token` that has it.'
    );
  }
}
