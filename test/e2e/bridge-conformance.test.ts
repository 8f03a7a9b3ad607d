// End to end: the MCP bridge (the built dist/mcp-server.js over codex 0.169.0 app-server) answers malformed and
// out-of-order MCP requests as the protocol asks: bad `initialize` or `tools/call` params get -32602 with a short
// message naming the field (the SDK alone would send -32603 and zod's dump), a second `initialize` gets native
// 0.153.4's own answer, `resources/list` gets an answer (native never answers it), stdout carries nothing but
// JSON-RPC up to the bridge's exit, and a bad command line names the argument and what is accepted. The messages
// go through the SDK's stdio client transport, which sends whatever it is given. The native pass skips this file:
// it does not depend on the action's flavour.
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BRIDGE } from '../support/bridge-under-test.ts';
import { codexBinary, codexFlavour } from '../support/world.ts';

const skip = codexFlavour().name === 'native';
const INITIALIZE_PARAMS = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'conformance', version: '1' },
};

interface JsonRpcAnswer {
  id: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** A raw JSON-RPC conversation with an MCP server over the SDK's stdio transport. */
class RawSession {
  private readonly answers = new Map<number, (answer: JsonRpcAnswer) => void>();
  private nextId = 1;
  readonly errors: Error[] = [];

  private constructor(readonly transport: StdioClientTransport) {
    transport.onmessage = (message) => {
      const answer = message as JsonRpcAnswer;
      if (typeof answer.id === 'number') this.answers.get(answer.id)?.(answer);
    };
    transport.onerror = (error) => this.errors.push(error);
  }

  static async start(command: string, args: string[], home: string): Promise<RawSession> {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', CODEX_HOME: home };
    const session = new RawSession(new StdioClientTransport({ command, args, env, stderr: 'pipe' }));
    await session.transport.start();
    return session;
  }

  /** Sends a request and waits up to `ms` for its answer; undefined when none came. */
  async request(method: string, params: unknown, ms = 10_000): Promise<JsonRpcAnswer | undefined> {
    const id = this.nextId++;
    const answered = new Promise<JsonRpcAnswer>((resolve) => this.answers.set(id, resolve));
    await this.transport.send({ jsonrpc: '2.0', id, method, params } as JSONRPCMessage);
    let timer: NodeJS.Timeout | undefined;
    const answer = await Promise.race([
      answered,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
    ]);
    clearTimeout(timer);
    return answer;
  }

  async initialize(): Promise<void> {
    const answer = await this.request('initialize', INITIALIZE_PARAMS);
    assert.ok(answer?.result, `initialize succeeds (${JSON.stringify(answer)})`);
    await this.transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }
}

describe('the bridge answers malformed MCP requests as the protocol asks', { skip }, () => {
  let home: string;
  let bridge: RawSession;
  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-conformance-'));
    bridge = await RawSession.start(process.execPath, [BRIDGE, '--codex', codexBinary('latest')], home);
  });
  after(async () => {
    await bridge.transport.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('answers bad initialize params with -32602 and a short message naming the fields', async () => {
    const answer = await bridge.request('initialize', { protocolVersion: 5, clientInfo: { name: 'x' } });
    assert.equal(answer?.error?.code, -32602, JSON.stringify(answer));
    assert.equal(
      answer.error.message,
      'Invalid initialize params: params.protocolVersion: expected string, received number; ' +
        'params.capabilities: expected object, received undefined; ' +
        'params.clientInfo.version: expected string, received undefined',
    );
  });

  it("rejects a second initialize with native 0.153.4 codex mcp-server's own answer", async () => {
    const native = await RawSession.start(codexBinary('mcp'), ['mcp-server'], home);
    try {
      await native.initialize();
      await bridge.initialize();
      const nativeAnswer = await native.request('initialize', INITIALIZE_PARAMS);
      const bridgeAnswer = await bridge.request('initialize', INITIALIZE_PARAMS);
      assert.deepEqual(nativeAnswer?.error, { code: -32600, message: 'initialize called more than once' });
      assert.deepEqual(bridgeAnswer?.error, nativeAnswer.error);
      const tools = await bridge.request('tools/list', {});
      assert.ok(tools?.result?.tools, 'the session goes on as the first initialize set it up');
    } finally {
      await native.transport.close();
    }
  });

  it('answers bad tools/call or tools/list params with -32602 naming the field, and bad tool arguments with an error result', async () => {
    const badParams = await bridge.request('tools/call', { name: 5, arguments: {} });
    assert.deepEqual(badParams?.error, {
      code: -32602,
      message: 'Invalid tools/call params: params.name: expected string, received number',
    });
    const badCursor = await bridge.request('tools/list', { cursor: 5 });
    assert.deepEqual(badCursor?.error, {
      code: -32602,
      message: 'Invalid tools/list params: params.cursor: expected string, received number',
    });
    const badArguments = await bridge.request('tools/call', { name: 'codex', arguments: { prompt: 5 } });
    assert.equal(badArguments?.result?.isError, true, JSON.stringify(badArguments));
    assert.match(JSON.stringify(badArguments.result.content), /expected string, received number at prompt/);
  });

  it('answers resources/list at once, where native never answers', async () => {
    const answer = await bridge.request('resources/list', {}, 3000);
    assert.deepEqual(answer?.error, { code: -32601, message: 'Method not found' });
  });

  it('writes nothing but JSON-RPC to stdout, up to its exit', () => {
    // The bridge's whole life, started without the action around it (no run marker in its environment).
    const run = spawnSync(process.execPath, [BRIDGE, '--codex', codexBinary('latest')], {
      input: `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: INITIALIZE_PARAMS })}\n`,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CODEX_HOME: home },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    assert.ok(lines.length >= 1, 'the initialize answer');
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not JSON-RPC on stdout: ${line}`);
    assert.deepEqual(bridge.errors, [], 'the transport read nothing but JSON-RPC either');
  });
});

describe('the bridge refuses a bad command line, naming the argument and what is accepted', { skip }, () => {
  const ACCEPTED = /accepted: --codex <path>, --output-schema <file>, --omit-events <types>, --help/;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BRIDGE, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      encoding: 'utf8',
      timeout: 10_000,
    });

  for (const [args, why] of [
    [['--codec', '/usr/bin/codex'], /unknown argument '--codec'/],
    [['-x'], /unknown argument '-x'/],
    [['--codex'], /'--codex' needs a value/],
    [['--codex', '--output-schema', 'schema.json'], /'--codex' needs a value/],
    [['--codex', '/a', 'serve'], /unexpected argument 'serve'/],
    [['--codex', '/a', '--codex', '/b'], /'--codex' is given more than once/],
    [['--help=yes'], /'--help' takes no value, got 'yes'/],
  ] as const) {
    it(`exits 2 on ${args.join(' ')}`, () => {
      const result = run([...args]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, why);
      assert.match(result.stderr, ACCEPTED);
      assert.equal(result.stdout, '', 'stdout stays MCP only');
    });
  }

  it('names an output schema file it cannot read', () => {
    const missing = path.join(os.tmpdir(), 'cta-no-such-schema.json');
    const result = run(['--codex', codexBinary('latest'), '--output-schema', missing]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`--output-schema ${missing}: ENOENT`));
  });

  it('prints its usage on --help and exits 0', () => {
    const result = run(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /^Usage: node mcp-server\.js \[--codex <path to the codex binary>\]/);
  });
});
