// End to end: a client of the bridge (dist/mcp-server.js) can opt out of the codex/event msg types it never
// reads (`--omit-events`, which the action sets). A client that opts out of the command output deltas and turn
// diffs receives none, and app-server is not even asked to send their notifications (a tap on its stdout shows
// none); a client that does not opt out still receives both, as from native. A name the bridge does not send
// is refused, naming it. And the action (dist/index.js) does opt out when it starts the bridge, and still shows
// a failed command's output. Runs against the real 0.169.0 binary with the scripted model, offline.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { MODEL_KEY_ENV, PROVIDER_ID, renderCodexConfig } from '../../src/codex/home.ts';
import { issueCommentEvent, users } from '../support/events.ts';
import { ScriptedModelServer, addFilesPatch, modelSays } from '../support/model-server.ts';
import { PROJECT_ROOT, World, codexBinary, git } from '../support/world.ts';

const BRIDGE = path.join(PROJECT_ROOT, 'dist/mcp-server.js');
const OMITTED = 'exec_command_output_delta,turn_diff';
/** Prints 30 flushed lines 20 ms apart: app-server streams them as output deltas. */
const STREAMING_COMMAND = `for i in $(seq 1 30); do echo "line $i of the streamed output"; sleep 0.02; done`;

interface RunOutcome {
  result: CallToolResult;
  eventTypes: string[];
  aggregatedOutput: string;
  /** The notification methods app-server sent the bridge (from a tap on its stdout). */
  appServerMethods: string[];
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A Codex binary for the bridge that copies app-server's stdout to `tap` on its way. */
function tapWrapper(dir: string, tap: string): string {
  const wrapper = path.join(dir, 'codex-tap.sh');
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\nif [ "$1" = "app-server" ]; then\n  "${codexBinary('latest')}" "$@" | tee "${tap}"\nelse\n  exec "${codexBinary('latest')}" "$@"\nfi\n`,
    { mode: 0o755 },
  );
  return wrapper;
}

const methodsIn = (tap: string): string[] =>
  fs
    .readFileSync(tap, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { method?: string }).method ?? '(answer)');

/** Starts the bridge with `bridgeArgs`, runs one task that streams a command's output and patches a file. */
async function runTask(bridgeArgs: string[]): Promise<RunOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-bridge-omit-'));
  dirs.push(dir);
  const repo = path.join(dir, 'repo');
  const home = path.join(dir, 'codex-home');
  const tap = path.join(dir, 'app-server-stdout.jsonl');
  fs.mkdirSync(repo);
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(dir, 'tmp'));
  git(repo, 'init', '-q');
  fs.writeFileSync(
    path.join(home, 'config.toml'),
    renderCodexConfig({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'gpt-5.5',
      sandbox: 'workspace-write',
      networkAccess: false,
      copy: { workTree: repo, gitDir: path.join(repo, '.git'), tmpDir: path.join(dir, 'tmp') },
    }),
  );
  const wrapper = tapWrapper(dir, tap);
  const model = await ScriptedModelServer.start({
    turns: [
      { items: [modelSays.shell(STREAMING_COMMAND)] },
      { items: [modelSays.patch(addFilesPatch({ 'patched.txt': 'patched\n' }))] },
      { items: [modelSays.message('Streamed and patched.')] },
    ],
  });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BRIDGE, '--codex', wrapper, ...bridgeArgs],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, CODEX_HOME: home, [MODEL_KEY_ENV]: 'test-key' },
    cwd: dir,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'bridge-opt-out-test', version: '1' });
  const msgs: Array<{ type: string } & Record<string, unknown>> = [];
  client.fallbackNotificationHandler = async (notification) => {
    if (notification.method === 'codex/event')
      msgs.push((notification.params as { msg: { type: string } & Record<string, unknown> }).msg);
  };
  try {
    await client.connect(transport);
    const result = (await client.callTool(
      {
        name: 'codex',
        arguments: {
          prompt: 'Stream and patch.',
          cwd: repo,
          'approval-policy': 'never',
          sandbox: 'workspace-write',
          config: { [`model_providers.${PROVIDER_ID}.base_url`]: model.baseUrl },
        },
      },
      CallToolResultSchema,
      { timeout: 90_000 },
    )) as CallToolResult;
    const end = msgs.find((msg) => msg.type === 'exec_command_end');
    return {
      result,
      eventTypes: msgs.map((msg) => msg.type),
      aggregatedOutput: String(end?.aggregated_output ?? ''),
      appServerMethods: methodsIn(tap),
    };
  } finally {
    await client.close().catch(() => undefined);
    await model.stop();
  }
}

const count = (list: string[], value: string): number => list.filter((item) => item === value).length;

describe('the bridge leaves out the events its client opts out of', () => {
  it('a client that omits output deltas and turn diffs gets none, and app-server sends none', async () => {
    const run = await runTask(['--omit-events', OMITTED]);
    assert.equal(run.result.isError, undefined, JSON.stringify(run.result.content));
    assert.equal(count(run.eventTypes, 'exec_command_output_delta'), 0, run.eventTypes.join(', '));
    assert.equal(count(run.eventTypes, 'turn_diff'), 0, run.eventTypes.join(', '));
    assert.equal(count(run.appServerMethods, 'item/commandExecution/outputDelta'), 0);
    assert.equal(count(run.appServerMethods, 'turn/diff/updated'), 0);
    // What the action reads is all there: the command, its output, the patch, the end of the task.
    for (const type of ['exec_command_begin', 'exec_command_end', 'patch_apply_end', 'task_complete'])
      assert.ok(run.eventTypes.includes(type), `a ${type} event (got ${run.eventTypes.join(', ')})`);
    assert.match(run.aggregatedOutput, /line 30 of the streamed output/);
  });

  it('a client that does not opt out still gets every event, as from native', async () => {
    const run = await runTask([]);
    assert.equal(run.result.isError, undefined, JSON.stringify(run.result.content));
    assert.ok(count(run.eventTypes, 'exec_command_output_delta') > 0, run.eventTypes.join(', '));
    assert.ok(count(run.eventTypes, 'turn_diff') > 0, run.eventTypes.join(', '));
    assert.ok(count(run.appServerMethods, 'item/commandExecution/outputDelta') > 0);
  });

  it('refuses a msg type it does not send, naming it and the accepted ones', () => {
    const run = spawnSync(
      process.execPath,
      [BRIDGE, '--codex', codexBinary('latest'), '--omit-events', 'exec_command_output_delta,no_such_event'],
      { encoding: 'utf8', timeout: 30_000, input: '' },
    );
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--omit-events: 'no_such_event' is not a msg type the bridge sends/);
    assert.match(run.stderr, /it sends session_configured, .*exec_command_output_delta/);
  });

  it('the action starts the bridge opted out, and still reports a failed command with its output', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-action-omit-'));
    dirs.push(dir);
    const tap = path.join(dir, 'app-server-stdout.jsonl');
    const world = await World.create({
      inputs: { 'codex-path': tapWrapper(dir, tap), 'codex-server': 'auto' },
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 7, title: 'Stream', body: '' },
          body: '/codex run the streaming check',
          sender: users.maintainer,
        }),
      },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.shell(`${STREAMING_COMMAND}; exit 4`)] },
        { items: [modelSays.patch(addFilesPatch({ 'patched.txt': 'patched\n' }))] },
        { items: [modelSays.message('Streamed and patched.')] },
      ],
    });
    try {
      const result = await world.run();
      assert.equal(result.exitCode, 0, result.log);
      assert.match(result.log, /MCP server: the action's bridge/);
      const methods = methodsIn(tap);
      assert.ok(methods.includes('item/completed'), 'the tap saw the turn');
      assert.equal(count(methods, 'item/commandExecution/outputDelta'), 0, 'app-server sent no output deltas');
      assert.equal(count(methods, 'turn/diff/updated'), 0, 'app-server sent no turn diffs');
      // The failed command's last lines reach the log from exec_command_end, which the action still gets.
      assert.match(result.log, /line 30 of the streamed output/);
    } finally {
      await world.dispose();
    }
  });
});
