// Owns the names and words the action writes into git and GitHub: the work branch, the commit message,
// the pull request title and body. Pure: built from numbers and sanitized text, never from raw event text.
import type { ChangedFile } from '../git/diff.js';
import type { Task } from '../task/task.js';
import { formatFileList } from '../report/file-list.js';
import { inertText } from '../report/inert-text.js';
import { ACTION_MARKER } from '../report/markers.js';

/** `<prefix>issue-<number>-<run id>`, or `<prefix>run-<run id>` when no issue is involved. */
export function workBranchName(
  prefix: string,
  issueNumber: number | undefined,
  runId: string,
  runAttempt: string,
): string {
  const run = `${runId.replace(/\D/g, '') || '0'}${runAttempt !== '1' ? `-${runAttempt.replace(/\D/g, '')}` : ''}`;
  return issueNumber !== undefined ? `${prefix}issue-${issueNumber}-${run}` : `${prefix}run-${run}`;
}

/** Whether `branch` is a name workBranchName gives: the prefix, then `issue-<n>-<run>` or `run-<run>`. */
export function isWorkBranchName(prefix: string, branch: string): boolean {
  return branch.startsWith(prefix) && /^(?:issue-\d+-|run-)\d+(?:-\d+)?$/.test(branch.slice(prefix.length));
}

/** One line of at most `max` characters from free text: no markdown, no control characters, no mentions. */
export function summaryLine(text: string, max = 72): string {
  const firstLine =
    text
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .split('\n')
      .find((candidate) => candidate.trim() !== '') ?? '';
  const line = firstLine
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g, ' ')
    .replace(/[`*_#>[\]]/g, '')
    .replace(/@(?=\w)/g, '');
  const collapsed = line.replace(/\s+/g, ' ').trim();
  if (collapsed.length <= max) return collapsed;
  // Cut between code points, never inside a surrogate pair, so an emoji is never split in half.
  let cut = '';
  for (const character of collapsed) {
    if (cut.length + character.length > max - 1) break;
    cut += character;
  }
  return `${cut.trimEnd()}…`;
}

/** The pull request title and the commit's subject: from the request or the issue title, so inert plain text (no closing reference). */
export function taskTitle(task: Task): string {
  const fromRequest = summaryLine(task.request);
  if (fromRequest) return inertText(fromRequest, 'plain');
  if (task.thread) return inertText(summaryLine(task.thread.title), 'plain') || `Resolve #${task.thread.number}`;
  return 'Codex task';
}

export function commitMessage(task: Task, runUrl: string): string {
  const lines = [taskTitle(task), ''];
  lines.push(
    task.thread
      ? `Requested by @${task.requester.login} in #${task.thread.number}.`
      : `Requested by @${task.requester.login}.`,
  );
  lines.push(`Made by Codex in ${runUrl}`);
  const trailer = coAuthorTrailer(task);
  if (trailer) lines.push('', trailer);
  return `${lines.join('\n')}\n`;
}

function coAuthorTrailer(task: Task): string | undefined {
  const { login, id } = task.requester;
  if (task.requester.type === 'Bot' || login.endsWith('[bot]')) return undefined;
  const email = id !== undefined ? `${id}+${login}@users.noreply.github.com` : `${login}@users.noreply.github.com`;
  return `Co-authored-by: ${login} <${email}>`;
}

export interface PullRequestBodyInput {
  task: Task;
  finalMessage: string;
  files: ChangedFile[];
  runUrl: string;
}

export function pullRequestBody({ task, finalMessage, files, runUrl }: PullRequestBodyInput): string {
  const parts = [ACTION_MARKER];
  // The agent's words go through inertText; the one closing keyword below is the action's own.
  parts.push(inertText(finalMessage.trim()) || '_Codex did not describe its change._');
  parts.push(`### Changed files\n${formatFileList(files)}`);
  const footer: string[] = [];
  if (task.thread && !task.thread.isPullRequest) footer.push(`Closes #${task.thread.number}`);
  else if (task.thread) footer.push(`Follows up on #${task.thread.number}`);
  footer.push(`Requested by @${task.requester.login} · [workflow run](${runUrl}) · made with codex-task-action`);
  parts.push(footer.join('\n\n'));
  return parts.join('\n\n');
}
