// Owns GitHub's limit on what the action posts: every body goes out clipped to GitHub's 65,536 characters,
// with its leading markers kept and a note saying where the full text is (the run log).
// Must never: cut a body without saying so, or let the full text act on the runner (workflow commands).
import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { groupDigits } from '../digits.js';

/** GitHub rejects an issue, pull request or comment body longer than this (422 "body is too long"). */
export const GITHUB_BODY_LIMIT = 65_536;

const CLIPPED_NOTE = (runUrl: string | undefined): string =>
  `✂️ *This text was cut here to fit GitHub's limit of ${groupDigits(GITHUB_BODY_LIMIT)} characters. The full text is in the log of ${runUrl ? `[the workflow run](${runUrl})` : 'the workflow run'}.*`;

/**
 * A body that fits GitHub's limit. A longer one keeps its start (the action's markers lead every body),
 * closes a code fence or <details> it cut open, and ends with a note saying where the full text is;
 * the full text goes to the run log, with workflow commands switched off so none of it can act.
 */
export function fitBody(body: string, runUrl?: string): string {
  const characters = Array.from(body);
  if (characters.length <= GITHUB_BODY_LIMIT) return body;
  const note = CLIPPED_NOTE(runUrl);
  // Room for the note and for the closers added below.
  const room = GITHUB_BODY_LIMIT - Array.from(note).length - 64;
  let kept = characters.slice(0, room).join('');
  const trailingMarker = /<!--[^>]*-->\s*$/.exec(body)?.[0];
  if (trailingMarker && trailingMarker.length < 500)
    kept = Array.from(kept)
      .slice(0, room - trailingMarker.length)
      .join('');
  const closers: string[] = [];
  if ((kept.match(/^\s*```/gm) ?? []).length % 2 === 1) closers.push('```');
  const openDetails = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  for (let index = 0; index < openDetails && index < 4; index++) closers.push('</details>');
  logFullText(body);
  return `${kept}\n${closers.map((closer) => `${closer}\n`).join('')}\n${note}${trailingMarker ? `\n${trailingMarker.trim()}` : ''}`;
}

function logFullText(body: string): void {
  const token = `codex-task-action-${randomUUID()}`;
  core.startGroup('A body longer than GitHub accepts, in full');
  core.info(`::stop-commands::${token}`);
  core.info(body);
  core.info(`::${token}::`);
  core.endGroup();
}
