// Owns the words a person reads: the tracking comment (working, then the final state), the refusal reply,
// and the job summary's markdown. Pure: outcome in, markdown out.
import { formatFileList } from '../publish/naming.js';
import type { RunOutcome } from '../outcome.js';
import { ACTION_MARKER } from '../task/task.js';
import { formatDuration, formatUsage } from './activity.js';

export interface RenderContext {
  runUrl: string;
  requester: string;
  durationMs: number;
}

export function workingComment(ctx: Pick<RenderContext, 'runUrl' | 'requester'>): string {
  return `${ACTION_MARKER}\n👀 Working on it, @${ctx.requester}. Codex is on the task; this comment will show the result. [Follow the run](${ctx.runUrl}).`;
}

export function refusedComment(reason: string): string {
  return `${ACTION_MARKER}\n🚫 I can't run this request: ${reason}`;
}

const MAX_MESSAGE = 3000;

function quoteMessage(message: string | undefined): string | undefined {
  const text = message?.trim();
  if (!text) return undefined;
  const clipped = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  return `<details><summary>Codex's summary</summary>\n\n${clipped}\n\n</details>`;
}

export function finalComment(outcome: RunOutcome, ctx: RenderContext): string {
  const lines: string[] = [ACTION_MARKER];
  switch (outcome.conclusion) {
    case 'pull-request':
      lines.push(`✅ ${outcome.prUpdated ? 'Updated' : 'Opened'} pull request #${outcome.prNumber}: ${outcome.prUrl}`);
      break;
    case 'committed':
      lines.push(`✅ Pushed ${outcome.commitSha?.slice(0, 12)} to \`${outcome.branch}\`.`);
      break;
    case 'patch':
      lines.push(`✅ Codex's change is saved as a patch (mode \`patch\`): \`${outcome.patchPath}\` on the runner. Nothing was pushed.`);
      break;
    case 'no-changes':
      lines.push('ℹ️ Codex finished without changing any files, so there is nothing to commit.');
      break;
    case 'skipped':
      lines.push(`ℹ️ Skipped: ${outcome.reason}`);
      break;
    case 'refused':
      lines.push(`🚫 I can't run this request: ${outcome.reason}`);
      break;
    case 'failed': {
      lines.push(`❌ The task failed: ${outcome.reason ?? 'an unexpected error.'}`);
      if (outcome.hint) lines.push(`\n**What to do:** ${outcome.hint}`);
      if (outcome.patchPath) {
        const where = outcome.patchArtifact ? `in the workflow artifact \`${outcome.patchArtifact}\` of [the run](${ctx.runUrl}) and ` : '';
        lines.push(`\nCodex's change is kept: the patch is ${where}at \`${outcome.patchPath}\` on the runner${outcome.branch ? `, and the branch \`${outcome.branch}\` was pushed` : ''}.`);
      }
      break;
    }
  }
  if (outcome.changedFiles && outcome.changedFiles.length > 0 && outcome.conclusion !== 'no-changes') {
    lines.push(`\n<details><summary>${outcome.changedFiles.length} changed file(s)</summary>\n\n${formatFileList(outcome.changedFiles)}\n\n</details>`);
  }
  const message = quoteMessage(outcome.finalMessage);
  if (message) lines.push(`\n${message}`);
  const facts = [`[workflow run](${ctx.runUrl})`, `took ${formatDuration(ctx.durationMs)}`];
  if (outcome.usage) facts.push(formatUsage(outcome.usage));
  lines.push(`\n<sub>${facts.join(' · ')}</sub>`);
  return lines.join('\n');
}

export function jobSummary(outcome: RunOutcome, ctx: RenderContext & { task: string; commandsRun: number }): string {
  const rows: Array<[string, string]> = [
    ['Outcome', outcome.conclusion],
    ['Requested by', `@${ctx.requester}`],
    ['Task', ctx.task || '(the issue itself)'],
  ];
  if (outcome.prUrl) rows.push(['Pull request', outcome.prUrl]);
  if (outcome.branch) rows.push(['Branch', `\`${outcome.branch}\``]);
  if (outcome.commitSha) rows.push(['Commit', `\`${outcome.commitSha}\``]);
  if (outcome.patchPath) rows.push(['Patch', `\`${outcome.patchPath}\``]);
  if (outcome.reason) rows.push(['Reason', outcome.reason]);
  rows.push(['Commands run', String(ctx.commandsRun)]);
  rows.push(['Token usage', formatUsage(outcome.usage)]);
  rows.push(['Duration', formatDuration(ctx.durationMs)]);
  const table = ['| | |', '|---|---|', ...rows.map(([key, value]) => `| ${key} | ${tableCell(value)} |`)].join('\n');
  const parts = ['## codex-task-action', table];
  if (outcome.changedFiles?.length) parts.push(`### Changed files\n${formatFileList(outcome.changedFiles)}`);
  const message = quoteMessage(outcome.finalMessage);
  if (message) parts.push(message);
  return `${parts.join('\n\n')}\n`;
}

/** One markdown table cell: a pipe or a line break in the text must not break the table. */
function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
