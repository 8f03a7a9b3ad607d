// End to end: without codex-path the action installs @openai/codex@<codex-version> with npm into the
// runner's tool directory, and a second run in the same tool directory skips the install. The version is
// the suite's Codex flavour (0.153.4 native, or 0.169.0 through the bridge).
// npm is told to prefer its cache: `npm ci` already downloaded this exact version for the dev dependency.
// The first run proves the installed Codex does a task. The second stops once it has Codex: it asks for a host
// list under the read-only sandbox, which the action refuses after getting Codex (and running its --version)
// and before starting it, so reuse is proven without a second Codex session.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { World, codexFlavour } from '../support/world.ts';

describe('getting Codex', () => {
  let w: World;
  after(async () => w?.dispose());

  it('installs the pinned release into the tool directory once and reuses it', async () => {
    const { version } = codexFlavour();
    const escaped = version.replace(/\./g, '\\.');
    w = await World.create({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 3, title: 'Docs', body: '' },
          body: '/codex write docs',
          sender: users.maintainer,
        }),
      },
      inputs: { 'codex-path': '', 'codex-version': version },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.message('Nothing to do.')] }],
    });
    const npmEnv = { npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
    const first = await w.run({ env: npmEnv });
    assert.equal(first.exitCode, 0, first.log);
    assert.match(first.log, new RegExp(`Installing @openai/codex@${escaped} with npm into .*tool-cache`));
    assert.match(first.log, /The Actions cache is not available here/);
    assert.match(first.log, new RegExp(`Codex ${escaped} \\(npm\\)`));
    assert.equal(first.outputs.conclusion, 'no-changes');

    const second = await w.run({
      env: { ...npmEnv, 'INPUT_NETWORK-ACCESS': 'example.com', INPUT_SANDBOX: 'read-only' },
    });
    assert.doesNotMatch(second.log, /Installing @openai\/codex/);
    assert.match(second.log, new RegExp(`Codex ${escaped} \\(tool-dir\\)`));
    assert.match(
      second.log,
      /a host list is enforced only inside Codex's workspace-write sandbox.*Codex was not started/,
    );
    assert.equal(second.outputs.conclusion, 'failed', second.log);
  });
});
