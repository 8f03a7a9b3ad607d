// End to end: the MCP bridge's lifecycle where it does better than native `codex mcp-server` 0.153.4, which these
// tests keep: a cancel stops the turn whenever it arrives (even before app-server has started the turn) and kills
// the commands it left running, and the bridge exits on its own when stdin closes, after a cancel too, leaving no
// process. Drives the built dist/mcp-server.js over codex 0.169.0 app-server with the SDK client and the scripted
// model. The bridge does not depend on the action's flavour, so the native pass skips this file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ScriptedModelServer, modelSays, type ScriptedTurn } from '../support/model-server.ts';
import { BridgeUnderTest, backgroundShell, text, untilTrue } from '../support/bridge-under-test.ts';
import { codexBinary, codexFlavour } from '../support/world.ts';

/** True when a rollout file app-server wrote under `codexHome` records an event of `type`. */
function rolloutRecords(codexHome: string, type: string): boolean {
  const sessions = path.join(codexHome, 'sessions');
  if (!fs.existsSync(sessions)) return false;
  return fs
    .readdirSync(sessions, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.jsonl'))
    .some((file) => fs.readFileSync(path.join(sessions, file), 'utf8').includes(`"type":"${type}"`));
}

describe('the bridge stops what it started', { skip: codexFlavour().name === 'native' }, () => {
  const models: ScriptedModelServer[] = [];
  const bridges: BridgeUnderTest[] = [];
  after(async () => {
    for (const bridge of bridges) await bridge.dispose();
    for (const started of models) await started.stop();
  });
  const start = async (turns: ScriptedTurn[]): Promise<{ m: ScriptedModelServer; bridge: BridgeUnderTest }> => {
    const m = await ScriptedModelServer.start({ turns });
    models.push(m);
    const bridge = await BridgeUnderTest.start(codexBinary('latest'), m.baseUrl);
    bridges.push(bridge);
    return { m, bridge };
  };

  it('stops a turn cancelled before app-server has started it', async () => {
    const { m, bridge } = await start([
      { items: [modelSays.message('Ready.')] },
      { items: [backgroundShell('echo started > started.txt; sleep 600')] },
      { hang: true },
    ]);
    const first = await bridge.codex(m);
    const { threadId } = first.structuredContent as { threadId: string };
    assert.equal(text(first), 'Ready.');

    // callTool writes the request before it returns, and the cancel follows on the same pipe at once: it reaches the
    // bridge while turn/start is on its way, so app-server answers turn/start, and only then starts the turn.
    const cancel = new AbortController();
    const call = bridge.reply({ prompt: 'Go on.', threadId }, { signal: cancel.signal });
    cancel.abort();
    await assert.rejects(call, /abort/i);

    // app-server records an interrupted turn in the thread's rollout; a turn nobody stopped would run the
    // command and then wait on the model for good.
    await untilTrue(
      () => rolloutRecords(path.join(bridge.dir, 'codex-home'), 'turn_aborted'),
      15_000,
      'app-server to record the turn as aborted',
    );
    assert.deepEqual(await bridge.settledProcessesUnder(bridge.repo), [], 'no command is left running');
  });

  it('exits on its own when stdin closes after a cancelled call, and leaves no process', async () => {
    const { m, bridge } = await start([{ items: [backgroundShell('sleep 600')] }, { hang: true }]);
    const cancel = new AbortController();
    const call = bridge.codex(m, {}, { signal: cancel.signal });
    await untilTrue(() => m.responseRequests.length >= 2, 30_000, 'the hanging model request');
    cancel.abort();
    await assert.rejects(call, /abort/i);
    const closedAt = Date.now();
    await bridge.client.close();
    // The SDK sends SIGTERM 2 s after closing stdin to a server that is still running.
    assert.ok(Date.now() - closedAt < 1900, `the bridge exited on its own (${Date.now() - closedAt} ms)`);
    assert.deepEqual(await bridge.settledProcessesUnder(), []);
  });
});

describe('the bridge process ends with its client', { skip: codexFlavour().name === 'native' }, () => {
  const models: ScriptedModelServer[] = [];
  after(async () => {
    for (const started of models) await started.stop();
  });

  for (const how of ['the client closes', 'it gets SIGTERM'] as const) {
    it(`leaves no process when ${how} in the middle of a command`, async () => {
      const m = await ScriptedModelServer.start({ turns: [{ items: [backgroundShell('sleep 600')] }, { hang: true }] });
      models.push(m);
      const bridge = await BridgeUnderTest.start(codexBinary('latest'), m.baseUrl);
      try {
        const call = bridge.codex(m).catch((error: unknown) => error);
        await untilTrue(() => m.responseRequests.length >= 2, 30_000, 'the hanging model request');
        assert.ok(bridge.processesUnder().length >= 3, 'bridge, app-server and the command run');
        const started = Date.now();
        if (how === 'it gets SIGTERM') process.kill(bridge.transport.pid!, 'SIGTERM');
        await bridge.client.close();
        // The SDK would send SIGTERM after 2 s if the bridge did not exit on its own when stdin closed.
        if (how === 'the client closes')
          assert.ok(Date.now() - started < 1900, `the bridge exited on its own (${Date.now() - started} ms)`);
        await call;
        assert.deepEqual(await bridge.settledProcessesUnder(), []);
      } finally {
        await bridge.dispose();
      }
    });
  }
});
