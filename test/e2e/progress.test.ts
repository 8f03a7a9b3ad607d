// End to end: the tracking comment shows Codex's progress while it works, edited at most once per
// throttle window, and the final edit always comes last.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { World } from '../support/world.ts';

const WINDOW_MS = 10_000;

describe('live progress in the tracking comment', () => {
  let w: World;
  after(async () => w?.dispose());

  it('edits at most once per 10 s window while Codex works, then once more with the result', async () => {
    w = await World.create({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 5, title: 'Slow task', body: '' },
          body: '/codex run the slow checks',
          sender: users.maintainer,
        }),
      },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        ...Array.from({ length: 5 }, (_, i) => ({ items: [modelSays.shell(`sleep 4; echo step${i} >> steps.txt`)] })),
        { items: [modelSays.shell('exit 3')] },
        { items: [modelSays.message('Ran the slow checks.')] },
      ],
    });
    const result = await w.run();
    assert.equal(result.exitCode, 0, result.log);
    const tracking = w.actionComments()[0]!;
    const edits = w.github.requests.filter(
      (request) => request.method === 'PATCH' && request.path.endsWith(`/issues/comments/${tracking.id}`),
    );
    const progress = edits.slice(0, -1);
    const final = edits.at(-1)!;

    assert.ok(progress.length >= 1, 'at least one progress edit during a 20 s task');
    assert.ok(
      progress.length <= Math.floor(result.durationMs / WINDOW_MS) + 1,
      `${progress.length} progress edits in ${result.durationMs} ms`,
    );
    for (let i = 1; i < progress.length; i++) {
      const gap = progress[i]!.at - progress[i - 1]!.at;
      assert.ok(gap >= WINDOW_MS - 250, `progress edits ${gap} ms apart`);
    }
    const progressBodies = progress.map((edit) => (edit.body as { body: string }).body);
    assert.ok(progressBodies.every((body) => body.includes('⏳ Working on it, @mona')));
    // `sleep 4` takes at least 4 s; on a loaded machine it may be reported a second or two later.
    const step0 = progressBodies
      .map((body) => /- \[x\] `sleep 4; echo step0 >> steps.txt` \(exit 0, (\d+\.\d) s\)/.exec(body)?.[1])
      .find(Boolean);
    assert.ok(step0 !== undefined && Number(step0) >= 4 && Number(step0) < 60, progressBodies.join('\n---\n'));
    assert.match((final.body as { body: string }).body, /✅ Opened pull request/);
    assert.ok(final.at >= progress.at(-1)!.at, 'the final edit is the last one');
    assert.match(result.summary, /6 command\(s\) Codex ran/);
    assert.match(result.summary, /`exit 3`: exit 3/);
  });
});
