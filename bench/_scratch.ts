import { issueCommentEvent, users } from '../test/support/events.ts';
import { addFilesPatch, modelSays } from '../test/support/model-server.ts';
import { World } from '../test/support/world.ts';
const w = await World.create({
  event: { name: 'issue_comment', payload: issueCommentEvent({ issue: { number: 42, title: 'T', body: 'b' }, body: '/codex add three files', sender: users.maintainer }) },
  github: { permissions: { mona: 'write' }, issues: [{ number: 42, title: 'T' }] },
  modelTurns: [
    { items: [modelSays.patch(addFilesPatch({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' }))] },
    { items: [modelSays.message('Added three files.')] },
  ],
});
const r = await w.run({ env: { RUNNER_DEBUG: '1' } });
console.log(r.exitCode, r.durationMs);
console.log(r.log);
console.log(w.github.requests.map((q) => `${q.method} ${q.path}`).join('\n'));
await w.dispose();
