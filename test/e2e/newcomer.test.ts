// End to end: a newcomer's first hour, where it takes the real Codex: a wrong model key or URL, and the bridge
// started by hand. Each checks that the action answers precisely: which setting, which value, what to do.
// The setup mistakes the action answers before Codex (an input typo, a missing checkout step, a token without a
// permission, a label's capitals) are proved in-process: test/integration/report.test.ts and tasks.test.ts.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { type ScriptedTurn } from '../support/model-server.ts';
import {
  CANARY,
  PROJECT_ROOT,
  codexBinary,
  type RunResult,
  type World,
  sameOnEveryServer,
  worldsOfThisFile,
} from '../support/world.ts';

const world = worldsOfThisFile(after);

const issue = { number: 42, title: 'Report needs JSON', body: 'The report command only prints text.' };
const comment = (sender = users.maintainer) => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body: '/codex add a --json flag', sender }),
});

function assertNoLeak(w: World, result: RunResult): void {
  const text = w.publishedText(result);
  for (const [name, value] of Object.entries(CANARY)) assert.ok(!text.includes(value), `canary ${name} leaked`);
  assert.deepEqual(w.leftoverProcesses(), []);
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe('a model endpoint that refuses the setup', () => {
  const refusing = (status: number, message: string, code: string | null): ScriptedTurn[] =>
    Array.from({ length: 8 }, () => ({
      status,
      body: { error: { message, type: 'invalid_request_error', param: null, code } },
    }));

  const cases = [
    {
      status: 401,
      message:
        'Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.',
      code: 'invalid_api_key',
      input: 'openai-api-key',
    },
    {
      status: 403,
      message: 'Project proj_abc does not have access to model gpt-5.5',
      code: 'model_not_found',
      input: 'openai-api-key',
    },
    {
      status: 404,
      message: 'The model `gpt-5.5` does not exist or you do not have access to it.',
      code: 'model_not_found',
      input: 'model',
    },
    { status: 404, message: 'Invalid URL (POST /v1/v1/responses)', code: null, input: 'openai-base-url' },
  ];
  for (const { status, message, code, input } of cases) {
    it(`HTTP ${status} (${message.slice(0, 30)}…) is one line naming '${input}', the endpoint's words once`, async () => {
      const w = await world({
        event: comment(),
        github: { permissions: { mona: 'write' } },
        modelTurns: refusing(status, message, code),
      });
      const result = await w.run();
      assert.equal(result.exitCode, 1, result.log);
      const body = w.actionComments()[0]!.body;
      const failure = body.split('\n').find((line) => line.includes('The task failed')) ?? '';
      assert.match(failure, new RegExp(`HTTP ${status}`));
      assert.ok(failure.includes(`'${input}'`), `names the input '${input}': ${failure}`);
      assert.equal(occurrences(body, message.slice(0, 25)), 1, `the endpoint's message once:\n${body}`);
      assert.deepEqual(w.remoteBranches(), ['main']);
      assertNoLeak(w, result);
    });
  }
});

describe('node dist/mcp-server.js', () => {
  it(
    'uses `codex` from PATH when no binary is given',
    sameOnEveryServer('it starts dist/mcp-server.js over Codex 0.169.0 itself, whatever the flavour'),
    async () => {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-path-'));
      fs.symlinkSync(codexBinary('latest'), path.join(bin, 'codex'));
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-home-'));
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [path.join(PROJECT_ROOT, 'dist/mcp-server.js')],
        env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home, CODEX_HOME: home },
        cwd: home,
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const client = new Client({ name: 'newcomer-test', version: '1' });
      try {
        await client.connect(transport);
        const tools = await client.listTools();
        assert.deepEqual(tools.tools.map((tool) => tool.name).sort(), ['codex', 'codex-reply']);
        assert.ok(stderr.includes(path.join(bin, 'codex')), `the bridge says which codex it uses:\n${stderr}`);
      } finally {
        await client.close();
        fs.rmSync(bin, { recursive: true, force: true });
        fs.rmSync(home, { recursive: true, force: true });
      }
    },
  );
});
