// End to end: the bridge forwards app-server's approval requests to its MCP client as `elicitation/create`
// requests in native `codex mcp-server`'s shape (codex_elicitation, codex_command, …) when the client declared
// elicitation support, and carries the client's answer back: the client, not the bridge, decides. (A client
// without elicitation support gets every request declined by the bridge: bridge-contract.test.ts.)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import * as z from 'zod';
import { MODEL_KEY_ENV, renderCodexConfig } from '../../src/codex/home.ts';
import { ScriptedModelServer, modelSays } from '../support/model-server.ts';
import { PROJECT_ROOT, codexBinary, codexFlavour, git } from '../support/world.ts';

const BRIDGE = path.join(PROJECT_ROOT, 'dist/mcp-server.js');
const ElicitWithCodexFields = z.object({
  method: z.literal('elicitation/create'),
  params: z.looseObject({ message: z.string() }),
});

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Runs one `codex` call on the bridge with a client that answers every elicitation with `answer`. */
async function callWithElicitingClient(
  answer: Record<string, unknown>,
  cmd: string,
): Promise<{ result: CallToolResult; asked: Array<Record<string, unknown>>; repo: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-bridge-approvals-'));
  const repo = path.join(dir, 'repo');
  const home = path.join(dir, 'codex-home');
  fs.mkdirSync(repo);
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(dir, 'tmp'));
  git(repo, 'init', '-q');
  const escalated = {
    ...modelSays.shell(cmd),
    arguments: JSON.stringify({ cmd, sandbox_permissions: 'require_escalated', justification: 'test' }),
  };
  const model = await ScriptedModelServer.start({
    turns: [{ items: [escalated] }, { items: [modelSays.message('Carried on.')] }],
  });
  fs.writeFileSync(
    path.join(home, 'config.toml'),
    renderCodexConfig({
      baseUrl: model.baseUrl,
      model: 'gpt-5.5',
      sandbox: 'workspace-write',
      networkAccess: false,
      approvalPolicy: 'on-request',
      copy: { workTree: repo, gitDir: path.join(repo, '.git'), tmpDir: path.join(dir, 'tmp') },
    }),
  );
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    CODEX_HOME: home,
    [MODEL_KEY_ENV]: 'test-model-key',
  };
  const client = new Client({ name: 'eliciting-client', version: '1' }, { capabilities: { elicitation: {} } });
  const asked: Array<Record<string, unknown>> = [];
  client.setRequestHandler(ElicitWithCodexFields, (request) => {
    asked.push(request.params);
    return { action: answer.decision === 'approved' ? 'accept' : 'decline', ...answer };
  });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BRIDGE, '--codex', codexBinary('latest')],
      env,
      cwd: dir,
      stderr: 'pipe',
    }),
  );
  cleanups.push(async () => {
    await client.close().catch(() => undefined);
    await model.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const result = (await client.callTool(
    {
      name: 'codex',
      arguments: { prompt: 'Do it.', cwd: repo, 'approval-policy': 'on-request', sandbox: 'workspace-write' },
    },
    CallToolResultSchema,
    { timeout: 60_000 },
  )) as CallToolResult;
  return { result, asked, repo };
}

// The bridge is the same whichever flavour the suite runs; once is enough.
describe(
  'the bridge forwards approval requests to a client that can answer them',
  { skip: codexFlavour().name !== 'bridge' },
  () => {
    it("asks the client in native's shape and follows its approval", async () => {
      const { result, asked, repo } = await callWithElicitingClient(
        { decision: 'approved' },
        'echo approved > approved.txt',
      );
      assert.equal(asked.length, 1);
      assert.equal(asked[0]?.codex_elicitation, 'exec-approval');
      assert.deepEqual((asked[0]?.codex_command as string[]).slice(-1), ['echo approved > approved.txt']);
      assert.equal(typeof asked[0]?.codex_call_id, 'string');
      assert.equal(result.isError, undefined);
      // The client approved, so the command ran.
      assert.equal(fs.readFileSync(path.join(repo, 'approved.txt'), 'utf8'), 'approved\n');
    });

    it("follows the client's refusal (native's {denied: {rejection}} form) and the turn goes on", async () => {
      const { result, asked, repo } = await callWithElicitingClient(
        { decision: { denied: { rejection: 'no' } } },
        'echo refused > refused.txt',
      );
      assert.equal(asked.length, 1);
      assert.equal((result.content[0] as { text?: string }).text, 'Carried on.');
      assert.ok(!fs.existsSync(path.join(repo, 'refused.txt')));
    });
  },
);
