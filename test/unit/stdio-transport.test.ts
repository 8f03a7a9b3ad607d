// Unit tests for the action's stdio MCP transport (src/codex/stdio-transport.ts) and the session over it
// (src/codex/session.ts), against a tiny fake server (test/fixtures/fake-mcp-server.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CodexEvent } from '../../src/codex/events.ts';
import { translateCodexMessage } from '../../src/codex/events.ts';
import { startMcpSession, UNREAD_CODEX_EVENTS } from '../../src/codex/session.ts';
import { LineReader, PEEK_BYTES, codexEventType } from '../../src/codex/line-reader.ts';
import { CodexStdioTransport } from '../../src/codex/stdio-transport.ts';

const SERVER = fileURLToPath(new URL('../fixtures/fake-mcp-server.mjs', import.meta.url));
const MiB = 1024 * 1024;

/** Alive means running: gone, or a zombie nobody reaped yet, is dead. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    if (fs.existsSync('/proc/self/stat')) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

// Should a test fail half-way, its servers and their children are killed here; a pid is signalled only while
// it is still one of them (its command line names the fake server), never a process that reused the number.
const stray: number[] = [];
after(() => {
  for (const pid of stray) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('fake-mcp-server')) continue;
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
});

type Message = JSONRPCMessage & {
  id?: number;
  method?: string;
  result?: Record<string, unknown>;
  params?: { msg?: Record<string, unknown> };
};

/** A started transport to the fake server that records what it delivers and answers requests by id. */
async function connect(flags: string[] = [], options: { closeGraceMs?: number; stdout?: 'fifo' | 'pipe' } = {}) {
  const transport = new CodexStdioTransport({
    command: process.execPath,
    args: [SERVER, ...flags],
    env: { PATH: process.env.PATH ?? '' },
    dropCodexEvents: UNREAD_CODEX_EVENTS,
    ...options,
  });
  const messages: Message[] = [];
  const errors: Error[] = [];
  const waiting = new Map<number, (message: Message) => void>();
  let closes = 0;
  let onEach: ((message: Message) => void) | undefined;
  transport.onmessage = (message) => {
    const m = message as Message;
    onEach?.(m);
    messages.push(m);
    if (m.id !== undefined && 'result' in m) waiting.get(m.id)?.(m);
  };
  transport.onerror = (error) => errors.push(error);
  transport.onclose = () => closes++;
  await transport.start();
  if (transport.pid) stray.push(transport.pid);
  assert.equal(transport.stdoutMode, options.stdout ?? 'fifo');
  let nextId = 1;
  const request = async (method: string, params: Record<string, unknown> = {}): Promise<Message> => {
    const id = nextId++;
    const answered = new Promise<Message>((resolve) => waiting.set(id, resolve));
    await transport.send({ jsonrpc: '2.0', id, method, params });
    return answered;
  };
  return {
    transport,
    messages,
    errors,
    request,
    closes: () => closes,
    onEach: (fn: (message: Message) => void) => (onEach = fn),
    kept: () => messages.filter((m) => m.method === 'codex/event').map((m) => m.params?.msg as Record<string, unknown>),
  };
}

describe('codexEventType', () => {
  it('reads the msg type of a native and of a bridge codex/event line', () => {
    const native = Buffer.from(
      '{"jsonrpc":"2.0","method":"codex/event","params":{"_meta":{"requestId":2,"threadId":"t"},"msg":{"type":"exec_command_output_delta","chunk":"AA=="},"id":""}}',
    );
    const bridge = Buffer.from(
      '{"method":"codex/event","params":{"_meta":{"requestId":2,"threadId":"t"},"id":"turn","msg":{"type":"turn_diff"}},"jsonrpc":"2.0"}',
    );
    assert.equal(codexEventType(native), 'exec_command_output_delta');
    assert.equal(codexEventType(bridge), 'turn_diff');
  });

  it('sees no event type in responses, other methods, or type text inside strings', () => {
    for (const line of [
      '{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"\\"msg\\":{\\"type\\":\\"exec_command_output_delta\\"}"}]}}',
      '{"jsonrpc":"2.0","method":"notifications/message","params":{"msg":{"type":"exec_command_output_delta"}}}',
      '{"jsonrpc":"2.0","method":"codex/event","params":{"msg":{"chunk":"x","type":"exec_command_output_delta"}}}',
      '{"jsonrpc":"2.0","method":"codex/event","params":{"note":"\\"msg\\":{\\"type\\":\\"exec_command_output_delta\\"","msg":{"id":1}}}',
      '{"jsonrpc":"2.0","method":"codex/event","params":{"msg":{"type":"exec_comm',
    ]) {
      assert.notEqual(codexEventType(Buffer.from(line)), 'exec_command_output_delta', line);
    }
  });

  it('the event types dropped unparsed are ones events.ts ignores', () => {
    assert.ok(UNREAD_CODEX_EVENTS.includes('exec_command_output_delta'));
    for (const type of UNREAD_CODEX_EVENTS)
      assert.equal(
        translateCodexMessage({ type, call_id: 'c', chunk: 'AA==', item: {}, unified_diff: 'x', delta: 'x' }, '/repo'),
        undefined,
        type,
      );
  });
});

describe('LineReader', () => {
  const stream = [
    '{"a":1}',
    '{"jsonrpc":"2.0","method":"codex/event","params":{"_meta":{"requestId":2},"msg":{"type":"exec_command_output_delta","chunk":"' +
      'Q'.repeat(5000) +
      '"}}}',
    '{"b":"naïve ✓ déjà"}\r',
    '',
    '{"jsonrpc":"2.0","method":"codex/event","params":{"_meta":{"requestId":2},"msg":{"type":"agent_message","message":"' +
      'm'.repeat(3000) +
      '"}}}',
    '{"jsonrpc":"2.0","method":"codex/event","params":{"_meta":{"requestId":2},"msg":{"type":"turn_diff"}}}',
    '{"c":3}',
  ].join('\n');
  const bytes = Buffer.from(`${stream}\n`);
  const expected = ['{"a":1}', '{"b":"naïve ✓ déjà"}', stream.split('\n')[4], '{"c":3}'];

  function read(chunkSizes: (index: number) => number): { lines: string[]; reader: LineReader } {
    const lines: string[] = [];
    const reader = new LineReader({
      dropCodexEvents: ['exec_command_output_delta', 'turn_diff'],
      onLine: (line) => lines.push(line.toString('utf8')),
    });
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const size = Math.max(1, chunkSizes(i));
      reader.push(bytes.subarray(at, at + size));
      at += size;
    }
    return { lines, reader };
  }

  it('gives the same lines however the stream is cut, multi-byte characters and line ends included', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const sizes of [
      () => bytes.length,
      () => 1,
      () => 7,
      () => PEEK_BYTES - 1,
      () => 4096,
      () => Math.floor(random() * 2000),
    ]) {
      const { lines, reader } = read(sizes);
      assert.deepEqual(lines, expected);
      assert.deepEqual(Object.fromEntries(reader.dropped), { exec_command_output_delta: 1, turn_diff: 1 });
    }
  });

  it('copies what it keeps of a chunk, so the read buffer can be reused at once', () => {
    const lines: string[] = [];
    const reader = new LineReader({
      dropCodexEvents: ['exec_command_output_delta', 'turn_diff'],
      onLine: (line) => lines.push(line.toString('utf8')),
    });
    const reused = Buffer.alloc(300);
    for (let at = 0; at < bytes.length; at += 300) {
      const size = bytes.copy(reused, 0, at, Math.min(bytes.length, at + 300));
      reader.push(reused.subarray(0, size));
      reused.fill(0x23); // what a next read would overwrite
    }
    assert.deepEqual(lines, expected);
  });

  it('holds only the unfinished tail, and nothing of a line it drops', () => {
    const reader = new LineReader({ dropCodexEvents: ['exec_command_output_delta'], onLine: () => undefined });
    const held = (): number => reader.heldBytes;
    reader.push(Buffer.from('{"a":1}\n{"b":'));
    assert.equal(held(), 5);
    reader.push(Buffer.from('2}\n'));
    assert.equal(held(), 0);
    reader.push(
      Buffer.from(
        '{"jsonrpc":"2.0","method":"codex/event","params":{"msg":{"type":"exec_command_output_delta","chunk":"'.padEnd(
          PEEK_BYTES + 10,
          'A',
        ),
      ),
    );
    assert.equal(held(), 0, 'a dropped line is skipped as it streams past');
    reader.push(Buffer.alloc(PEEK_BYTES * 4, 0x41));
    assert.equal(held(), 0);
    reader.push(Buffer.from('"}}}\n{"c":'));
    assert.equal(held(), 5);
    assert.equal(reader.dropped.get('exec_command_output_delta'), 1);
  });

  it('skips a line longer than the limit and reports it, then goes on', () => {
    const lines: string[] = [];
    const oversized: number[] = [];
    const reader = new LineReader({
      maxLineBytes: 1000,
      onLine: (line) => lines.push(line.toString()),
      onOversized: (n) => oversized.push(n),
    });
    reader.push(Buffer.from(`{"x":"${'y'.repeat(600)}`));
    reader.push(Buffer.from(`${'y'.repeat(600)}"}\n{"ok":1}\n`));
    assert.deepEqual(lines, ['{"ok":1}']);
    assert.deepEqual(oversized, [1208]);
    // Longer still: skipped as it streams past (nothing held), reported once with its whole length.
    reader.push(Buffer.from(`{"x":"${'y'.repeat(900)}`));
    reader.push(Buffer.from('y'.repeat(900)));
    assert.equal(reader.heldBytes, 0);
    reader.push(Buffer.from('y'.repeat(900)));
    reader.push(Buffer.from('"}\n{"ok":2}\n'));
    assert.deepEqual(lines, ['{"ok":1}', '{"ok":2}']);
    assert.deepEqual(oversized, [1208, 2708]);
  });
});

for (const stdout of ['fifo', 'pipe'] as const) {
  describe(`CodexStdioTransport (stdout read as a ${stdout})`, () => {
    it('delivers requests, answers and kept events in order, never a dropped type, and reassembles split lines', async () => {
      const c = await connect([], { stdout });
      const first = await c.request('echo', { n: 1 });
      assert.deepEqual(first.result, { n: 1 });
      const burst = await c.request('burst', { deltas: 2000, deltaBytes: 300, keptEvery: 100, split: true });
      const second = await c.request('echo', { n: 2 });
      assert.deepEqual(second.result, { n: 2 });

      const kept = c.kept();
      assert.equal(kept.length, 22);
      assert.deepEqual(
        kept.map((msg) => msg.seq),
        Array.from({ length: 22 }, (_, i) => i),
        'kept events arrive in the order written',
      );
      assert.equal(kept.at(-1)?.message, 'naïve ✓ déjà', 'a line split inside a multi-byte character is whole');
      assert.ok(
        kept.every((msg) => !UNREAD_CODEX_EVENTS.includes(msg.type as string)),
        'no dropped type is delivered',
      );
      assert.equal(c.transport.dropped.get('exec_command_output_delta'), 2001);
      // The answer to each request comes after what the server wrote before it.
      const order = c.messages.map((m) => (m.method === 'codex/event' ? 'event' : `answer ${m.id}`));
      assert.equal(order[0], 'answer 1');
      assert.deepEqual(order.slice(-2), ['answer 2', 'answer 3']);
      assert.deepEqual(burst.result, { kept: 22 });
      assert.deepEqual(c.errors, []);
      await c.transport.close();
      assert.equal(c.closes(), 1);
    });

    it('takes lines over 10 MiB: a dropped one streams past, a kept one is delivered whole', async () => {
      const c = await connect([], { stdout });
      await c.request('burst', { bigDeltaBytes: 12 * MiB, bigKeptBytes: 11 * MiB });
      const big = c.kept().find((msg) => msg.type === 'exec_command_end');
      assert.equal((big?.aggregated_output as string | undefined)?.length, 11 * MiB);
      assert.equal(c.transport.dropped.get('exec_command_output_delta'), 1);
      assert.deepEqual(c.errors, []);
      await c.transport.close();
    });

    it('keeps memory flat while 50,000 deltas (about 100 MiB) pass', async () => {
      const c = await connect([], { stdout });
      await c.request('echo');
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sample = (): void => {
        peak = Math.max(peak, process.memoryUsage().rss);
      };
      const sampler = setInterval(sample, 5);
      c.onEach(sample);
      const started = Date.now();
      await c.request('burst', { deltas: 50_000, deltaBytes: 1500, keptEvery: 1000 });
      clearInterval(sampler);
      sample();
      const wireBytes = 50_000 * (Math.ceil(1500 / 3) * 4 + 150);
      assert.ok(wireBytes > 100 * MiB);
      assert.equal(c.transport.dropped.get('exec_command_output_delta'), 50_000);
      assert.equal(c.kept().length, 50);
      const growthMiB = (peak - before) / MiB;
      assert.ok(growthMiB < 100, `RSS grew by ${growthMiB.toFixed(0)} MiB`);
      await c.transport.close();
      // For the log: how flat, how fast.
      process.stdout.write(
        `# ${stdout}: 50,000 deltas: RSS +${growthMiB.toFixed(1)} MiB, ${Date.now() - started} ms\n`,
      );
    });

    it('fires onclose once when the server exits by itself, and close() after that is harmless', async () => {
      const c = await connect([], { stdout });
      const pid = c.transport.pid as number;
      await c.request('exit', { code: 0 });
      assert.ok(await waitUntil(() => c.closes() === 1, 3000), 'onclose fired');
      await c.transport.close();
      await c.transport.close();
      assert.equal(c.closes(), 1);
      assert.equal(alive(pid), false);
      await assert.rejects(c.transport.send({ jsonrpc: '2.0', id: 9, method: 'echo' }), /Not connected/);
    });

    it('close() kills a server that ignores its stdin closing, and the child it started', async () => {
      const c = await connect(['--ignore-stdin-close', '--child'], { closeGraceMs: 200, stdout });
      const server = c.transport.pid as number;
      const [child] = (await c.request('children')).result?.pids as number[];
      stray.push(child as number);
      assert.ok(alive(server) && alive(child as number));
      const started = Date.now();
      await Promise.all([c.transport.close(), c.transport.close()]);
      assert.ok(Date.now() - started < 2000, `close took ${Date.now() - started} ms`);
      assert.equal(c.closes(), 1);
      assert.equal(alive(server), false, 'the server is gone');
      assert.ok(await waitUntil(() => !alive(child as number), 2000), 'its child is gone');
    });

    it('close() also kills a child that left the process group of the server', async () => {
      const c = await connect(['--ignore-stdin-close', '--escaped-child'], { closeGraceMs: 200, stdout });
      const [child] = (await c.request('children')).result?.pids as number[];
      stray.push(child as number);
      assert.ok(alive(child as number));
      await c.transport.close();
      assert.ok(await waitUntil(() => !alive(child as number), 2000), 'the escaped child is gone');
    });

    it('leaves nothing on disk', async () => {
      // A temporary directory of this case's own: the suite's other processes start Codex beside it, and their
      // FIFOs come and go in the shared one.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-fifo-case-'));
      const savedTmpdir = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      try {
        const fifos = (): string[] => fs.readdirSync(tmp).filter((name) => name.startsWith('codex-mcp-'));
        const c = await connect([], { stdout });
        assert.deepEqual(fifos(), [], 'the FIFO is gone once both its ends are open');
        await c.transport.close();
        assert.deepEqual(fifos(), []);
      } finally {
        if (savedTmpdir === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = savedTmpdir;
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('reports a server that cannot be started', async () => {
      const transport = new CodexStdioTransport({
        command: '/nonexistent/codex',
        args: ['mcp-server'],
        env: {},
        stdout,
      });
      const errors: Error[] = [];
      let closes = 0;
      transport.onerror = (error) => errors.push(error);
      transport.onclose = () => closes++;
      await assert.rejects(transport.start(), /ENOENT/);
      await transport.close();
      assert.equal(errors.length, 1);
      assert.equal(closes, 1);
    });
  });
}

describe('startMcpSession over the transport', () => {
  const options = (flags: string[] = []) => ({
    command: process.execPath,
    args: [SERVER, ...flags],
    version: 'fake',
    env: { PATH: process.env.PATH ?? '' },
    cwd: process.cwd(),
  });
  const request = (prompt: string, timeoutMs = 30_000) => ({
    prompt,
    cwd: '/repo',
    model: undefined,
    sandbox: 'workspace-write' as const,
    timeoutMs,
    developerInstructions: undefined,
  });

  it('runs a task: events come through, deltas do not, and close leaves no process behind', async () => {
    const session = await startMcpSession(options(['--child', '--escaped-child']));
    const pid = (session as unknown as { transport: CodexStdioTransport }).transport.pid as number;
    stray.push(pid);
    const events: CodexEvent[] = [];
    const result = await session.runTask(request('task'), (event) => events.push(event));
    assert.equal(result.status, 'completed');
    assert.equal(result.finalMessage, 'Done.');
    assert.equal(result.threadId, '01a21007-db6a-77c1-bb3c-621b1d87edcd');
    assert.deepEqual(
      events.map((event) => event.type),
      ['session', 'command-start', 'command-end', 'message', 'complete'],
    );
    const transport = (session as unknown as { transport: CodexStdioTransport }).transport;
    assert.equal(transport.dropped.get('exec_command_output_delta'), 500);
    assert.equal(transport.dropped.get('item_completed'), 1);
    const children = fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((name) => {
        try {
          return fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid);
        } catch {
          return false;
        }
      })
      .map(Number);
    assert.equal(children.length, 2, 'the server started its two children');
    stray.push(...children);
    await session.close();
    assert.equal(alive(pid), false);
    for (const child of children) assert.ok(await waitUntil(() => !alive(child), 2000), `child ${child} is gone`);
  });

  it('notices at once when the server dies mid-task, with its stderr in the error', async () => {
    const session = await startMcpSession(options());
    const started = Date.now();
    const result = await session.runTask(request('die'), () => undefined);
    await session.close();
    assert.equal(result.status, 'failed');
    assert.match(result.error ?? '', /stopped answering.*Connection closed.*out of memory, giving up/s);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  it('times out a task that never ends', async () => {
    const session = await startMcpSession(options());
    const result = await session.runTask(request('hang', 300), () => undefined);
    await session.close();
    assert.equal(result.status, 'timed-out');
  });
});
