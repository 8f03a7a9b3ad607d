// End to end: the MCP bridge (dist/mcp-server.js over `codex app-server`) keeps native `codex mcp-server`'s
// contract: tools equal to 0.153.4's own as JSON values, the same result shape, the `codex/event` types our
// src/codex/events.ts reads, codex-reply on the same thread, errors as isError results, and a cancelled call that
// stops promptly and leaves no process behind; where it does better than native (a client without elicitation
// support is not left waiting), the test keeps it. Runs against the real 0.169.0 binary and 0.153.4's app-server,
// offline, with the scripted model. Protocol errors: bridge-conformance.test.ts; cancel and exit: bridge-lifecycle.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { translateCodexMessage } from '../../src/codex/events.ts';
import { PROVIDER_ID } from '../../src/codex/home.ts';
import { ScriptedModelServer, addFilesPatch, modelSays, type ScriptedTurn } from '../support/model-server.ts';
import {
  BRIDGE,
  BridgeUnderTest,
  CALL_TIMEOUT,
  backgroundShell,
  text,
  untilTrue,
} from '../support/bridge-under-test.ts';
import { codexBinary, git } from '../support/world.ts';

describe('the bridge advertises native codex mcp-server tools', () => {
  it("lists tools equal as JSON values to 0.153.4's, plus the SDK's `execution` entry", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-native-'));
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', CODEX_HOME: home };
    const native = new Client({ name: 'contract', version: '1' });
    const bridge = new Client({ name: 'contract', version: '1' });
    try {
      await native.connect(
        new StdioClientTransport({ command: codexBinary('mcp'), args: ['mcp-server'], env, stderr: 'pipe' }),
      );
      await bridge.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [BRIDGE, '--codex', codexBinary('latest')],
          env,
          stderr: 'pipe',
        }),
      );
      // The tools as parsed from the wire. deepEqual ignores key order, which differs (so the bytes do too).
      const nativeTools = (await native.listTools()).tools as Array<Record<string, unknown>>;
      const bridgeTools = (await bridge.listTools()).tools as Array<Record<string, unknown>>;
      assert.deepEqual(
        nativeTools.map((tool) => tool.name),
        ['codex', 'codex-reply'],
      );
      assert.deepEqual(
        bridgeTools.map(({ execution, ...tool }) => {
          assert.deepEqual(execution, { taskSupport: 'forbidden' }, 'the SDK says the tools run no MCP tasks');
          return tool;
        }),
        nativeTools,
        "apart from `execution`, every key and value of every tool is native's",
      );
      assert.match(
        bridge.getServerVersion()?.version ?? '',
        /^0\.169\.0$/,
        'the bridge reports the Codex release as its version',
      );
    } finally {
      await native.close();
      await bridge.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

for (const release of ['latest', 'mcp'] as const) {
  describe(`the bridge over codex ${release === 'latest' ? '0.169.0' : '0.153.4'} app-server`, () => {
    let bridge: BridgeUnderTest;
    const models: ScriptedModelServer[] = [];
    const model = async (turns: ScriptedTurn[]): Promise<ScriptedModelServer> => {
      const started = await ScriptedModelServer.start({ turns });
      models.push(started);
      return started;
    };

    before(async () => {
      // The base URL in config.toml is only a default: every call points the provider at its own scripted model.
      bridge = await BridgeUnderTest.start(codexBinary(release), 'http://127.0.0.1:9/v1');
    });
    after(async () => {
      await bridge.dispose();
      for (const started of models) await started.stop();
    });

    it('runs a task that patches and runs a command, streams native events and returns the last message', async () => {
      const m = await model([
        { items: [modelSays.patch(addFilesPatch({ 'src/added.txt': 'added by patch\n' }))] },
        { items: [modelSays.shell('printf "from shell\\n" > shell.txt && cat shell.txt')] },
        { items: [modelSays.message('Patched and ran.')] },
      ]);
      const result = await bridge.codex(m);
      assert.equal(result.isError, undefined, text(result));
      assert.deepEqual(result.content, [{ type: 'text', text: 'Patched and ran.' }]);
      const { threadId, content } = result.structuredContent as { threadId: string; content: string };
      assert.equal(content, 'Patched and ran.');
      assert.match(threadId, /^[0-9a-f-]{36}$/);
      assert.equal(fs.readFileSync(path.join(bridge.repo, 'src/added.txt'), 'utf8'), 'added by patch\n');
      assert.equal(fs.readFileSync(path.join(bridge.repo, 'shell.txt'), 'utf8'), 'from shell\n');
      // The action's config.toml (codex/home.ts): none of Codex's bundled skills written, no sub-agents, no goals.
      const home = path.join(bridge.dir, 'codex-home');
      assert.equal(fs.existsSync(path.join(home, 'skills/.system')), false, 'no bundled skills');
      const offered = (m.responseRequests[0]?.body.tools as Array<{ type: string; name?: string }>).map(
        (tool) => tool.name ?? tool.type,
      );
      for (const tool of ['tool_search', 'get_goal', 'create_goal', 'update_goal'])
        assert.ok(!offered.includes(tool), `${tool} is not offered (offered: ${offered.join(', ')})`);

      const events = bridge.events.filter((event) => event._meta.threadId === threadId);
      assert.ok(
        events.every((event) => event._meta.requestId !== undefined && typeof event.id === 'string'),
        'each event has _meta.requestId and an id',
      );
      const byType = (type: string) => events.map((event) => event.msg).filter((msg) => msg.type === type);
      const types = new Set(events.map((event) => event.msg.type));
      for (const type of [
        'session_configured',
        'exec_command_begin',
        'exec_command_end',
        'patch_apply_end',
        'agent_message',
        'token_count',
        'task_complete',
      ]) {
        assert.ok(types.has(type), `a ${type} event (got ${[...types].join(', ')})`);
      }
      assert.equal(events[0]?.msg.type, 'session_configured', 'session_configured comes first');
      assert.equal(events.at(-1)?.msg.type, 'task_complete', 'task_complete comes last');
      assert.deepEqual(byType('session_configured')[0], {
        type: 'session_configured',
        session_id: threadId,
        thread_id: threadId,
        model: 'gpt-5.5',
        cwd: bridge.repo,
      });
      assert.deepEqual(byType('patch_apply_end')[0]?.changes, {
        [path.join(bridge.repo, 'src/added.txt')]: { type: 'add', content: 'added by patch\n' },
      });
      const end = byType('exec_command_end')[0]!;
      assert.equal(end.exit_code, 0);
      // Under load app-server can end the item before the output reached its aggregate (it then went out only as
      // deltas, which the bridge forwards as they come); the file proves the command ran.
      if (end.aggregated_output) assert.match(String(end.aggregated_output), /from shell/);
      // As native: the output in stdout too (native runs commands under a pty, so stderr is merged into it).
      assert.equal(end.stdout, end.aggregated_output);
      assert.equal(end.stderr, '');
      assert.deepEqual(Object.keys(end.duration as object).sort(), ['nanos', 'secs']);
      assert.equal(byType('task_complete')[0]?.last_agent_message, 'Patched and ran.');

      // What the action makes of them.
      const translated = events
        .map((event) => translateCodexMessage(event.msg, bridge.repo))
        .filter((event) => event !== undefined);
      assert.deepEqual(
        translated.filter((event) => event.type === 'command-end').map((event) => [event.command, event.exitCode]),
        [['printf "from shell\\n" > shell.txt && cat shell.txt', 0]],
      );
      assert.deepEqual(
        translated.filter((event) => event.type === 'patch').map((event) => event.files),
        [['src/added.txt']],
      );
      const usage = translated.filter((event) => event.type === 'usage').at(-1);
      assert.ok(usage && usage.type === 'usage' && usage.usage.total > 0, 'token usage');
      assert.deepEqual(
        translated.filter((event) => event.type === 'session').map((event) => event.threadId),
        [threadId],
      );

      // codex-reply continues the same thread, and the model sees the first turn.
      m.requests.length = 0;
      const reply = await bridge.reply({ prompt: 'One more thing.', threadId });
      assert.deepEqual(reply.structuredContent, { threadId, content: 'Done.' });
      const history = JSON.stringify(m.responseRequests[0]?.body.input);
      for (const earlier of ['Do the task.', 'Patched and ran.', 'One more thing.', 'from shell'])
        assert.ok(history.includes(earlier), `the second turn's request holds '${earlier}'`);
      // The deprecated alias works too.
      const alias = await bridge.reply({ prompt: 'And again.', conversationId: threadId });
      assert.equal(alias.isError, undefined, text(alias));
    });

    it('answers an unknown or missing thread id with an error result', async () => {
      const unknownId = '0199a0a0-0000-7000-8000-000000000000';
      const unknown = await bridge.reply({ prompt: 'Hello?', threadId: unknownId });
      assert.equal(unknown.isError, true);
      assert.equal(text(unknown), `Session not found for thread_id: ${unknownId}`);
      const missing = await bridge.reply({ prompt: 'Hello?' });
      assert.equal(missing.isError, true);
      assert.match(text(missing), /either threadId or conversationId must be provided/);
    });

    it('rejects fields native does not know, and reports a failing model as an error result with an error event', async () => {
      const rejected = await bridge.client.callTool(
        { name: 'codex', arguments: { prompt: 'x', profile: 'fast' } },
        CallToolResultSchema,
        CALL_TIMEOUT,
      );
      assert.equal(rejected.isError, true);
      assert.match(text(rejected as CallToolResult), /profile/);

      const m = await model(Array.from({ length: 3 }, () => ({ status: 500 })));
      const failed = await bridge.codex(m, {
        model: 'no-such-model-for-the-bridge-test',
        config: {
          [`model_providers.${PROVIDER_ID}.base_url`]: m.baseUrl,
          [`model_providers.${PROVIDER_ID}.request_max_retries`]: 0,
          [`model_providers.${PROVIDER_ID}.stream_max_retries`]: 0,
        },
      });
      assert.equal(failed.isError, true);
      const { threadId } = failed.structuredContent as { threadId: string };
      const types = bridge.eventsOf(threadId).map((msg) => msg.type);
      assert.ok(types.includes('error'), `an error event (got ${types.join(', ')})`);
      assert.ok(types.includes('warning'), `a warning about the unknown model (got ${types.join(', ')})`);
      assert.equal(text(failed), bridge.eventsOf(threadId).find((msg) => msg.type === 'error')?.message);
    });

    it("keeps a checkout's own .codex/config.toml out and trusts no directory on its own, as native does", async () => {
      const checkout = fs.mkdtempSync(path.join(bridge.dir, 'checkout-'));
      git(checkout, 'init', '-q');
      fs.mkdirSync(path.join(checkout, '.codex'));
      fs.writeFileSync(
        path.join(checkout, '.codex/config.toml'),
        '[shell_environment_policy]\nset = { PLANTED = "yes" }\n',
      );
      const m = await model([
        { items: [modelSays.shell('echo "planted=${PLANTED:-no}" > probe.txt')] },
        { items: [modelSays.message('Probed.')] },
      ]);
      const result = await bridge.codex(m, { cwd: checkout });
      assert.equal(text(result), 'Probed.');
      assert.equal(fs.readFileSync(path.join(checkout, 'probe.txt'), 'utf8'), 'planted=no\n');
      assert.doesNotMatch(
        fs.readFileSync(path.join(bridge.dir, 'codex-home/config.toml'), 'utf8'),
        /\[projects/,
        'no trust entry was written',
      );
    });

    it('does not hang a client without elicitation support: declines what Codex asks to approve, and the turn goes on', async () => {
      const escalated = {
        type: 'function_call',
        call_id: `esc_${randomUUID()}`,
        name: 'exec_command',
        arguments: JSON.stringify({
          cmd: 'touch escalated.txt',
          sandbox_permissions: 'require_escalated',
          justification: 'test',
        }),
      };
      const m = await model([
        { items: [modelSays.patch(addFilesPatch({ 'declined.txt': 'no\n' }))] },
        { items: [escalated] },
        { items: [modelSays.message('Carried on.')] },
      ]);
      const result = await bridge.codex(m, { 'approval-policy': 'on-request', sandbox: 'read-only' });
      assert.equal(text(result), 'Carried on.');
      const msgs = bridge.eventsOf((result.structuredContent as { threadId: string }).threadId);
      assert.deepEqual(
        msgs.filter((msg) => msg.type === 'patch_apply_end').map((msg) => [msg.success, msg.status]),
        [[false, 'declined']],
      );
      assert.deepEqual(
        msgs.filter((msg) => msg.type === 'exec_command_end').map((msg) => msg.status),
        ['declined'],
      );
      assert.equal(
        msgs.filter((msg) => msg.type === 'warning' && /the bridge declined/.test(String(msg.message))).length,
        2,
      );
      assert.ok(
        !fs.existsSync(path.join(bridge.repo, 'declined.txt')) &&
          !fs.existsSync(path.join(bridge.repo, 'escalated.txt')),
      );
    });

    it('stops a cancelled call promptly while a command runs and the model hangs, and leaves no command behind', async () => {
      const m = await model([{ items: [backgroundShell('echo started > started.txt; sleep 600')] }, { hang: true }]);
      const cancel = new AbortController();
      const call = bridge.codex(m, {}, { signal: cancel.signal });
      await untilTrue(() => m.responseRequests.length >= 2, 30_000, 'the hanging model request');
      assert.ok(
        bridge.processesUnder(bridge.repo).some((line) => line.includes('sleep 600')),
        'the command runs',
      );
      const cancelledAt = Date.now();
      cancel.abort();
      await assert.rejects(call, /abort/i);
      assert.ok(Date.now() - cancelledAt < 2000, 'the call ends at once');
      assert.deepEqual(await bridge.settledProcessesUnder(bridge.repo), [], 'no command is left running');
      const threadId = bridge.events.at(-1)?._meta.threadId ?? '';
      // The bridge goes on serving: the same thread takes another turn.
      m.requests.length = 0;
      const after = await bridge.reply({ prompt: 'Still there?', threadId });
      assert.equal(after.isError, undefined, text(after));
    });
  });
}
