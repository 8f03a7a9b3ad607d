// The bridge's pure parts: app-server command lines back into argv, turn notifications into native
// event messages, the answers to app-server's requests (never an approval), and the trust a new thread's
// working directory gets (none unless someone decided).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TurnEventTranslator, appServerOptOuts, splitShellWords } from '../../src/codex/bridge/event-translation.ts';
import { withoutImplicitTrust } from '../../src/codex/bridge/project-trust.ts';
import { decideServerRequest } from '../../src/codex/bridge/server-requests.ts';

describe('splitShellWords', () => {
  it('undoes POSIX quoting the way a shell would', () => {
    assert.deepEqual(splitShellWords("/bin/bash -lc 'printf hi > hello.txt'"), [
      '/bin/bash',
      '-lc',
      'printf hi > hello.txt',
    ]);
    assert.deepEqual(splitShellWords(`/bin/bash -lc 'echo '"'"'it'"'"' "a b"'`), [
      '/bin/bash',
      '-lc',
      `echo 'it' "a b"`,
    ]);
    assert.deepEqual(splitShellWords(String.raw`a\ b "c \"d\" \$e" '' f`), ['a b', 'c "d" $e', '', 'f']);
    assert.deepEqual(splitShellWords("bash -lc 'cat <<EOF\nline\nEOF'"), ['bash', '-lc', 'cat <<EOF\nline\nEOF']);
  });

  it('keeps a line it cannot parse as one word', () => {
    assert.deepEqual(splitShellWords("echo 'unterminated"), ["echo 'unterminated"]);
  });
});

describe('TurnEventTranslator', () => {
  const cwd = '/repo';
  const turn = { threadId: 't1', turnId: 'u1' };

  it('turns a command item into begin and end messages with an argv, exit code and duration', () => {
    const translator = new TurnEventTranslator(cwd);
    const item = {
      type: 'commandExecution',
      id: 'call_1',
      command: "/bin/bash -lc 'ls -a'",
      cwd,
      status: 'inProgress',
    };
    assert.deepEqual(translator.translate({ method: 'item/started', params: { ...turn, item } }), [
      { type: 'exec_command_begin', call_id: 'call_1', command: ['/bin/bash', '-lc', 'ls -a'], cwd, turn_id: 'u1' },
    ]);
    const [end] = translator.translate({
      method: 'item/completed',
      params: { ...turn, item: { ...item, status: 'failed', exitCode: 2, durationMs: 1500, aggregatedOutput: 'no\n' } },
    });
    assert.deepEqual(end, {
      type: 'exec_command_end',
      call_id: 'call_1',
      command: ['/bin/bash', '-lc', 'ls -a'],
      cwd,
      exit_code: 2,
      duration: { secs: 1, nanos: 500_000_000 },
      stdout: 'no\n',
      stderr: '',
      aggregated_output: 'no\n',
      status: 'failed',
      turn_id: 'u1',
    });
  });

  it('keys file changes by absolute path, as native does', () => {
    const translator = new TurnEventTranslator(cwd);
    const item = {
      type: 'fileChange',
      id: 'call_2',
      status: 'completed',
      changes: [
        { path: 'a.txt', kind: { type: 'add' }, diff: 'A\n' },
        { path: '/repo/b.txt', kind: { type: 'update', move_path: null }, diff: '@@ -1 +1 @@' },
      ],
    };
    const [end] = translator.translate({ method: 'item/completed', params: { ...turn, item } });
    assert.deepEqual(end?.changes, {
      '/repo/a.txt': { type: 'add', content: 'A\n' },
      '/repo/b.txt': { type: 'update', unified_diff: '@@ -1 +1 @@', move_path: null },
    });
    assert.equal(end?.success, true);
  });

  it('reports a retried error as stream_error, and a failed turn with one error and its message', () => {
    const translator = new TurnEventTranslator(cwd);
    assert.equal(
      translator.translate({
        method: 'error',
        params: { ...turn, willRetry: true, error: { message: 'Reconnecting... 1/2' } },
      })[0]?.type,
      'stream_error',
    );
    assert.equal(translator.failure, undefined);
    assert.equal(
      translator.translate({
        method: 'error',
        params: { ...turn, willRetry: false, error: { message: 'high demand' } },
      })[0]?.type,
      'error',
    );
    assert.deepEqual(
      translator.translate({
        method: 'turn/completed',
        params: { threadId: 't1', turn: { id: 'u1', status: 'failed', error: { message: 'high demand' } } },
      }),
      [],
      'no second error event',
    );
    assert.equal(translator.failure, 'high demand');
  });

  it('ends a completed turn with the last agent message, an interrupted one with turn_aborted', () => {
    const translator = new TurnEventTranslator(cwd);
    translator.translate({
      method: 'item/completed',
      params: { ...turn, item: { type: 'agentMessage', id: 'm', text: 'First.' } },
    });
    translator.translate({
      method: 'item/completed',
      params: { ...turn, item: { type: 'agentMessage', id: 'm2', text: 'Final.' } },
    });
    assert.deepEqual(
      translator.translate({
        method: 'turn/completed',
        params: { threadId: 't1', turn: { id: 'u1', status: 'completed' } },
      }),
      [{ type: 'task_complete', last_agent_message: 'Final.', turn_id: 'u1' }],
    );
    assert.deepEqual(
      new TurnEventTranslator(cwd).translate({
        method: 'turn/completed',
        params: { threadId: 't1', turn: { id: 'u1', status: 'interrupted' } },
      }),
      [{ type: 'turn_aborted', reason: 'interrupted', turn_id: 'u1' }],
    );
  });

  it('maps cumulative token usage to native token_count', () => {
    const usage = { totalTokens: 3, inputTokens: 2, cachedInputTokens: 0, outputTokens: 1, reasoningOutputTokens: 0 };
    const [msg] = new TurnEventTranslator(cwd).translate({
      method: 'thread/tokenUsage/updated',
      params: { ...turn, tokenUsage: { total: usage, last: usage, modelContextWindow: 1000 } },
    });
    assert.deepEqual((msg?.info as { total_token_usage: unknown }).total_token_usage, {
      input_tokens: 2,
      cached_input_tokens: 0,
      output_tokens: 1,
      reasoning_output_tokens: 0,
      total_tokens: 3,
    });
  });
});

describe('decideServerRequest', () => {
  it('declines every approval and grants no permission', () => {
    assert.deepEqual(
      decideServerRequest({
        method: 'item/commandExecution/requestApproval',
        params: { threadId: 't', command: 'rm -rf /' },
      }).answer,
      { result: { decision: 'decline' } },
    );
    assert.deepEqual(decideServerRequest({ method: 'item/fileChange/requestApproval', params: {} }).answer, {
      result: { decision: 'decline' },
    });
    assert.deepEqual(decideServerRequest({ method: 'execCommandApproval', params: {} }).answer, {
      result: { decision: 'denied' },
    });
    assert.deepEqual(decideServerRequest({ method: 'applyPatchApproval', params: {} }).answer, {
      result: { decision: 'denied' },
    });
    assert.deepEqual(decideServerRequest({ method: 'item/permissions/requestApproval', params: {} }).answer, {
      result: { permissions: {}, scope: 'turn' },
    });
    assert.match(
      decideServerRequest({ method: 'item/commandExecution/requestApproval', params: { command: 'make' } }).notice ??
        '',
      /`make`.*declined/,
    );
  });

  it('answers a request it does not know with an error instead of leaving it pending', () => {
    assert.deepEqual(decideServerRequest({ method: 'account/chatgptAuthTokens/refresh', params: {} }).answer, {
      error: { code: -32601, message: 'The MCP bridge does not handle account/chatgptAuthTokens/refresh.' },
    });
  });
});

describe('withoutImplicitTrust', () => {
  const cwd = '/work/repo';

  it('marks a directory nobody decided about untrusted for the thread, keeping the defaults native used', () => {
    assert.deepEqual(withoutImplicitTrust({ cwd }, cwd, {}), {
      cwd,
      approvalPolicy: 'on-request',
      sandbox: 'read-only',
      config: { projects: { [cwd]: { trust_level: 'untrusted' } } },
    });
  });

  it("keeps the caller's and config.toml's approval policy and sandbox, and the caller's other config", () => {
    const params = { cwd, sandbox: 'workspace-write', config: { model_reasoning_effort: 'high' } };
    assert.deepEqual(
      withoutImplicitTrust(params, cwd, { approval_policy: 'never', sandbox_mode: 'danger-full-access' }),
      {
        cwd,
        sandbox: 'workspace-write',
        approvalPolicy: 'never',
        config: { model_reasoning_effort: 'high', projects: { [cwd]: { trust_level: 'untrusted' } } },
      },
    );
  });

  it('leaves a trust decision in config.toml (for the directory or above it) or in the call alone', () => {
    assert.deepEqual(withoutImplicitTrust({ cwd }, cwd, { projects: { '/work': { trust_level: 'trusted' } } }), {
      cwd,
    });
    assert.deepEqual(withoutImplicitTrust({ cwd }, cwd, { projects: { [cwd]: { trust_level: 'untrusted' } } }), {
      cwd,
    });
    assert.deepEqual(withoutImplicitTrust({ cwd, config: { [`projects.${cwd}.trust_level`]: 'trusted' } }, cwd, {}), {
      cwd,
      config: { [`projects.${cwd}.trust_level`]: 'trusted' },
    });
    assert.notDeepEqual(
      withoutImplicitTrust({ cwd }, cwd, { projects: { '/work/repo-other': { trust_level: 'trusted' } } }),
      { cwd },
      'a sibling with a common prefix is not an ancestor',
    );
  });
});

describe('TurnEventTranslator with msg types omitted', () => {
  const delta = {
    method: 'item/commandExecution/outputDelta',
    params: { threadId: 't1', turnId: 'u1', itemId: 'call_1', delta: 'hello\n' },
  };
  const diff = { method: 'turn/diff/updated', params: { threadId: 't1', turnId: 'u1', diff: 'diff --git a/x b/x\n' } };
  const agentMessage = {
    method: 'item/completed',
    params: { threadId: 't1', turnId: 'u1', item: { type: 'agentMessage', id: 'm1', text: 'Done.' } },
  };

  it('builds none of the omitted types and everything else as before', () => {
    const lean = new TurnEventTranslator('/repo', new Set(['exec_command_output_delta', 'turn_diff', 'agent_message']));
    assert.deepEqual(lean.translate(delta), []);
    assert.deepEqual(lean.translate(diff), []);
    assert.deepEqual(lean.translate(agentMessage), []);
    // An omitted message still counts for the tool's result.
    assert.equal(lean.lastAgentMessage, 'Done.');

    const full = new TurnEventTranslator('/repo');
    assert.deepEqual(
      full.translate(delta).map((msg) => [msg.type, msg.chunk]),
      [['exec_command_output_delta', Buffer.from('hello\n').toString('base64')]],
    );
    assert.deepEqual(
      full.translate(diff).map((msg) => msg.type),
      ['turn_diff'],
    );
  });

  it('asks app-server to leave out only the notifications that feed nothing else', () => {
    assert.deepEqual(appServerOptOuts(['exec_command_output_delta', 'turn_diff', 'agent_message']), [
      'item/commandExecution/outputDelta',
      'turn/diff/updated',
    ]);
    assert.deepEqual(appServerOptOuts([]), []);
  });
});
