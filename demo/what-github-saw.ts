// The closing summary of `npm run demo` and `npm run local-action`: what the emulated GitHub saw during the run
// (requests, reactions, the reply on the issue, the pull request), the same lines for both, so a newcomer reads
// one format whichever way they ran the action. Reads the emulation's records; changes nothing.
import type { World } from '../test/support/world.ts';

export function whatGitHubSaw(world: World, issueNumber: number): string[] {
  const { github } = world;
  const lines = ['━━━ What the emulated GitHub saw'];
  const writes = github.requests
    .filter((request) => request.method !== 'GET')
    .map((request) => `${request.method} ${request.path}`);
  lines.push(`${github.requests.length} REST requests, ${writes.length} of them writes:`);
  for (const write of writes) lines.push(`  ${write}`);
  lines.push(
    `Reactions: ${github.reactions.length === 0 ? 'none' : github.reactions.map((reaction) => `${reaction.content} on ${reaction.subject} ${reaction.id}`).join(', ')}`,
  );
  const reply = world.actionComments()[0];
  lines.push(`Reply on issue #${issueNumber}:`, `  ${(reply?.body ?? '(none)').split('\n').join('\n  ')}`);
  const pull = github.pulls[0];
  lines.push(
    pull ? `Pull request #${pull.number}: ${pull.head} → ${pull.base}, "${pull.title}"` : 'Pull request: none',
  );
  return lines;
}
