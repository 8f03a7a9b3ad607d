// Owns the earlier conversation on the issue or pull request that Codex gets as context: the comments
// written before the trigger and not edited since (the text as it was when the task was asked), without
// the action's own replies, bounded in size, keeping the newest when something has to go; and which other runs
// are still working, read only from the action's own tracking comments (a marker anyone else types counts for nothing).
import type { GitHubClient, ThreadComment } from '../github.js';
import { ACTION_MARKER, WORKING_MARKER } from '../report/markers.js';
import { ACTIONS_BOT } from './task.js';
import type { Task } from './task.js';

const MAX_COMMENTS_READ = 100;
export const MAX_CONVERSATION_CHARS = 12_000;

export interface Conversation {
  comments: ThreadComment[];
  /** How many earlier comments were left out to stay within the bound. */
  omitted: number;
  /** Runs of this action still working on the same thread (their run URLs), from their tracking comments. */
  otherRuns: string[];
}

/** A tracking comment older than this is a run that died without its final edit, not one still working. */
const STALE_AFTER_MS = 6 * 60 * 60_000;

export async function loadConversation(
  github: Pick<GitHubClient, 'listComments'>,
  task: Task,
  ownRunUrl: string,
): Promise<Conversation> {
  if (!task.thread) return { comments: [], omitted: 0, otherRuns: [] };
  const all = await github.listComments(task.thread.number, MAX_COMMENTS_READ);
  return selectConversation(all, task, ownRunUrl);
}

/**
 * The run a tracking comment says is working, if the comment is the action's own and names a run of this
 * repository. The marker is plain text anyone can type, so it counts only in a comment written by the
 * action's identity: `github-actions[bot]`, whom GitHub names as the author of every comment made with the
 * default GITHUB_TOKEN (the emulation does the same). With another token (a PAT or an App's), its comments
 * carry that account's name and are not recognised: the action then shows no "another run" notice, which is
 * only ever a courtesy. And the link must be `<server>/<owner>/<repo>/actions/runs/<id>[/attempts/<n>]` of
 * this repository (the prefix of the run's own URL), so a forged one can never put a foreign link in the
 * action's words.
 */
export function workingRunOf(comment: ThreadComment, ownRunUrl: string): string | undefined {
  if (comment.author !== ACTIONS_BOT) return undefined;
  const runs = /^(.*\/actions\/runs\/)\d+(?:\/attempts\/\d+)?$/.exec(ownRunUrl)?.[1];
  if (!runs) return undefined;
  const url = new RegExp(`${escapeRegExp(WORKING_MARKER)} (\\S+) -->`).exec(comment.body)?.[1];
  return url !== undefined && url.startsWith(runs) && /^\d+(?:\/attempts\/\d+)?$/.test(url.slice(runs.length))
    ? url
    : undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a comment was written before the trigger. By time: issue comments and review comments are
 * numbered from separate sequences, so an id says nothing across them. Ids break a tie within a second
 * only when both are issue comments.
 */
function writtenBefore(comment: ThreadComment, trigger: Extract<Task['source'], { commentId: number }>): boolean {
  const sameSequence = trigger.kind === 'comment';
  if (trigger.createdAt === undefined) return sameSequence ? comment.id < trigger.commentId : true;
  const written = Date.parse(comment.createdAt);
  const asked = Date.parse(trigger.createdAt);
  if (written !== asked) return written < asked;
  return sameSequence ? comment.id < trigger.commentId : true;
}

export function selectConversation(
  all: ThreadComment[],
  task: Task,
  ownRunUrl: string,
  now = Date.now(),
): Conversation {
  const otherRuns = all
    .filter((comment) => now - Date.parse(comment.updatedAt) < STALE_AFTER_MS)
    .map((comment) => workingRunOf(comment, ownRunUrl))
    .filter((url): url is string => url !== undefined && url !== ownRunUrl);
  const trigger = task.source.kind === 'comment' || task.source.kind === 'review-comment' ? task.source : undefined;
  const cutoff = trigger?.createdAt;
  const earlier = all.filter(
    (comment) =>
      comment.id !== trigger?.commentId &&
      (trigger === undefined || writtenBefore(comment, trigger)) &&
      (cutoff === undefined || comment.updatedAt <= cutoff) &&
      comment.author !== ACTIONS_BOT &&
      !comment.body.includes(ACTION_MARKER),
  );
  const kept: ThreadComment[] = [];
  let size = 0;
  for (const comment of [...earlier].reverse()) {
    size += comment.body.length;
    if (size > MAX_CONVERSATION_CHARS && kept.length > 0) break;
    kept.unshift(comment);
  }
  return { comments: kept, omitted: earlier.length - kept.length, otherRuns: [...new Set(otherRuns)] };
}
