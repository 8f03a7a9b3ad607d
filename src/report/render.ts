// Owns the words a person reads: the tracking comment (working, then the final state), the refusal reply,
// and the job summary's markdown. Pure: outcome in, markdown out.
import type { RunOutcome } from '../outcome.js';
import { formatFileList } from './file-list.js';
import { ACTION_MARKER, WORKING_MARKER } from './markers.js';
import type { CommandRecord, Step } from './activity.js';
import { formatDuration, formatUsage } from './activity.js';
import { inertText } from './inert-text.js';
import { reviewCommentList } from './review.js';
import { viewOutcome } from './view.js';

export interface RenderContext {
  runUrl: string;
  requester: string;
  durationMs: number;
}

/** Marks a tracking comment as belonging to a run that is still working, and names that run. */
const working = (runUrl: string): string => `${WORKING_MARKER} ${runUrl} -->`;

export function workingComment(ctx: Pick<RenderContext, 'runUrl' | 'requester'> & { otherRuns?: string[] }): string {
  const others = ctx.otherRuns?.length
    ? `\n\nℹ️ ${ctx.otherRuns.length === 1 ? 'Another run is' : `${ctx.otherRuns.length} other runs are`} still working on this thread (${ctx.otherRuns.map((url, index) => `[run ${index + 1}](${url})`).join(', ')}). This run works on its own branch and publishes separately; nothing is overwritten.`
    : '';
  return `${ACTION_MARKER}\n${working(ctx.runUrl)}\n👀 Working on it, @${ctx.requester}. Codex is on the task; this comment will show the result. [Follow the run](${ctx.runUrl}).${others}`;
}

const PROGRESS_STEPS_SHOWN = 12;

/** The tracking comment while Codex works: what it did and is doing, as a short checklist. */
export function progressComment(
  progress: { steps: readonly Step[]; droppedSteps: number },
  ctx: Pick<RenderContext, 'runUrl' | 'requester'> & { elapsedMs: number },
): string {
  const lines = [
    ACTION_MARKER,
    working(ctx.runUrl),
    `⏳ Working on it, @${ctx.requester}: ${formatDuration(ctx.elapsedMs)} so far. [Follow the run](${ctx.runUrl}).`,
    '',
  ];
  const hidden = progress.droppedSteps + Math.max(0, progress.steps.length - PROGRESS_STEPS_SHOWN);
  if (hidden > 0) lines.push(`- … ${hidden} earlier step(s)`);
  for (const step of progress.steps.slice(-PROGRESS_STEPS_SHOWN)) lines.push(renderStep(step));
  if (progress.steps.length === 0) lines.push('- [ ] reading the task');
  return lines.join('\n');
}

function renderStep(step: Step): string {
  if (step.kind === 'edit')
    return `- [${step.ok ? 'x' : ' '}] ${step.ok ? 'edited' : 'could not edit'} ${step.files.map(code).join(', ')}`;
  if (step.state === 'running') return `- [ ] ${code(step.command)} ← running`;
  const timing = step.durationMs !== undefined ? `, ${formatDuration(step.durationMs)}` : '';
  return `- [x] ${code(step.command)} (${step.state === 'ok' ? 'exit 0' : `❌ exit ${step.exitCode}`}${timing})`;
}

/** The agent's command or file name as inline code that survives any content: inert, one line, bounded, fenced with enough backticks. */
function code(text: string): string {
  const line = text.replace(/\s*[\r\n]\s*/g, ' ⏎ ');
  const clipped = inertText(line.length > 100 ? `${line.slice(0, 100)}…` : line);
  const fence = '`'.repeat((clipped.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0) + 1);
  return `${fence}${fence.length > 1 ? ' ' : ''}${clipped}${fence.length > 1 ? ' ' : ''}${fence}`;
}

export function refusedComment(reason: string): string {
  // The gate's reason is the action's own sentence, built from GitHub names (a login, a repository): it may mention the requester.
  return `${ACTION_MARKER}\n🚫 I can't run this request: ${reason}`;
}

const MAX_MESSAGE = 3000;

function quoteMessage(message: string | undefined): string | undefined {
  const text = message?.trim();
  if (!text) return undefined;
  const clipped = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  return `<details><summary>Codex's summary</summary>\n\n${inertText(clipped)}\n\n</details>`;
}

export function finalComment(fullOutcome: RunOutcome, ctx: RenderContext): string {
  const outcome = inertOutcome(fullOutcome);
  const lines: string[] = [ACTION_MARKER];
  switch (outcome.conclusion) {
    case 'pull-request':
      lines.push(
        `✅ ${outcome.prUpdated ? 'Updated' : 'Opened'} pull request #${outcome.pullRequest.number}: ${outcome.pullRequest.url}`,
      );
      break;
    case 'committed':
      lines.push(
        `✅ Pushed ${outcome.commitSha.slice(0, 12)} to \`${outcome.branch}\`${outcome.pullRequest ? ` (pull request #${outcome.pullRequest.number})` : ''}.`,
      );
      break;
    case 'patch':
      lines.push(
        `✅ Codex's change is saved as a patch (mode \`patch\`): \`${outcome.patchPath}\` on the runner. Nothing was pushed.`,
      );
      break;
    case 'no-changes':
      lines.push('ℹ️ Codex finished without changing any files, so there is nothing to commit.');
      break;
    case 'reviewed': {
      const review = outcome.review;
      const outside = review.outsideDiff.length;
      const counts = `: ${review.inline.length} inline comment(s)${outside > 0 ? `, ${outside} on lines outside the diff (in the summary)` : ''}`;
      lines.push(`✅ Reviewed the pull request${counts}. [Read the review](${review.url}).`);
      if (!review.structured)
        lines.push("\nCodex's answer was not in the review format, so the review is its plain message.");
      break;
    }
    case 'skipped':
      lines.push(`ℹ️ Skipped: ${outcome.reason}`);
      break;
    case 'refused':
      lines.push(`🚫 I can't run this request: ${outcome.reason}`);
      break;
    case 'failed': {
      lines.push(`❌ The task failed: ${outcome.reason || 'an unexpected error.'}`);
      if (outcome.hint) lines.push(`\n**What to do:** ${outcome.hint}`);
      if (outcome.patchPath) {
        const where = outcome.patchArtifact
          ? `in the workflow artifact \`${outcome.patchArtifact}\` of [the run](${ctx.runUrl}) and `
          : '';
        lines.push(
          `\nCodex's change is kept: the patch is ${where}at \`${outcome.patchPath}\` on the runner${outcome.branch ? `, and the branch \`${outcome.branch}\` was pushed` : ''}.`,
        );
      }
      break;
    }
  }
  const { facts } = viewOutcome(outcome);
  const files = facts.changedFiles ?? [];
  if (files.length > 0 && outcome.conclusion !== 'no-changes') {
    lines.push(
      `\n<details><summary>${files.length} changed file(s)</summary>\n\n${formatFileList(files)}\n\n</details>`,
    );
  }
  const message = quoteMessage(facts.finalMessage);
  if (message) lines.push(`\n${message}`);
  const footer = [`[workflow run](${ctx.runUrl})`, `took ${formatDuration(ctx.durationMs)}`];
  if (facts.usage) footer.push(formatUsage(facts.usage));
  lines.push(`\n<sub>${footer.join(' · ')}</sub>`);
  return lines.join('\n');
}

export function jobSummary(
  fullOutcome: RunOutcome,
  ctx: RenderContext & { task: string; commandsRun: number; commands?: readonly CommandRecord[] },
): string {
  const outcome = inertOutcome(fullOutcome);
  const view = viewOutcome(outcome);
  const rows: Array<[string, string]> = [
    ['Outcome', outcome.conclusion],
    ['Requested by', `@${ctx.requester}`],
    ['Task', inertText(ctx.task) || '(the issue itself)'],
  ];
  if (view.pullRequest) rows.push(['Pull request', view.pullRequest.url]);
  if (view.branch) rows.push(['Branch', `\`${view.branch}\``]);
  if (view.commitSha) rows.push(['Commit', `\`${view.commitSha}\``]);
  if (view.patchPath) rows.push(['Patch', `\`${view.patchPath}\``]);
  if (view.review) rows.push(['Review', view.review.url]);
  if (view.reason) rows.push(['Reason', view.reason]);
  rows.push(['Commands run', String(ctx.commandsRun)]);
  rows.push(['Token usage', formatUsage(view.facts.usage)]);
  rows.push(['Duration', formatDuration(ctx.durationMs)]);
  const table = ['| | |', '|---|---|', ...rows.map(([key, value]) => `| ${key} | ${tableCell(value)} |`)].join('\n');
  const parts = ['## codex-task-action', table];
  if (view.facts.changedFiles?.length) parts.push(`### Changed files\n${formatFileList(view.facts.changedFiles)}`);
  if (view.review)
    parts.push(reviewCommentList(view.review.inline, view.review.outsideDiff) || 'The review has no line comments.');
  if (ctx.commands && ctx.commands.length > 0) {
    const shown = ctx.commands
      .slice(0, 50)
      .map((command) => `- ${code(command.command)}: exit ${command.exitCode}, ${formatDuration(command.durationMs)}`);
    if (ctx.commands.length > 50) shown.push(`- … and ${ctx.commands.length - 50} more`);
    parts.push(
      `<details><summary>${ctx.commands.length} command(s) Codex ran</summary>\n\n${shown.join('\n')}\n\n</details>`,
    );
  }
  const message = quoteMessage(view.facts.finalMessage);
  if (message) parts.push(message);
  return `${parts.join('\n\n')}\n`;
}

/**
 * The outcome's free text made inert: a reason or hint can quote the agent (file names in a policy refusal,
 * Codex's own error) or a requester, and a branch can be named by whoever pushed it. The final message and
 * the file names are made inert where they are rendered (quoteMessage, formatFileList).
 */
function inertOutcome(outcome: RunOutcome): RunOutcome {
  const inert = (text: string | undefined): string | undefined => (text === undefined ? undefined : inertText(text));
  switch (outcome.conclusion) {
    case 'skipped':
    case 'refused':
      return { ...outcome, reason: inertText(outcome.reason) };
    case 'failed':
      return {
        ...outcome,
        reason: inertText(outcome.reason),
        hint: inert(outcome.hint),
        branch: inert(outcome.branch),
      };
    case 'pull-request':
    case 'committed':
      return { ...outcome, branch: inertText(outcome.branch) };
    default:
      return outcome;
  }
}

/** One markdown table cell: a pipe or a line break in the text must not break the table. */
function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
