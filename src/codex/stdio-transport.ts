// Owns the byte stream between the action and the MCP server it starts: spawn the server in a process group
// of its own, split its stdout into JSON-RPC lines as the chunks arrive, skip the bulky `codex/event`
// notifications the action never reads without parsing them, validate and hand on the rest, write requests
// with backpressure, and on close stop the server and everything left in its process group.
// Why not the SDK's StdioClientTransport: it re-joins its whole buffer on every chunk, parses and validates
// every line (tens of thousands of output deltas per long task, over 100 MiB), and drops the connection on
// any message over 10 MiB.
// Must never: add variables to the environment it is given, re-copy the unfinished tail it holds on each
// chunk, drop anything but a notification whose method is `codex/event` and whose msg type it was told to
// drop, or signal a process group other than the one of the server it started.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { killProcessGroup } from './process-tree.js';

export interface StdioTransportOptions {
  command: string;
  args?: readonly string[];
  /** The server's whole environment: nothing from this process is added. */
  env?: Record<string, string>;
  cwd?: string;
  /** `codex/event` msg types to skip unparsed (see LineReader). */
  dropCodexEvents?: Iterable<string>;
  /** A longer line is skipped and reported through onerror; default 64 MiB. */
  maxLineBytes?: number;
  /** How long close() waits for the server to exit after its stdin closed before it kills it; default 2 s. */
  closeGraceMs?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const DEFAULT_CLOSE_GRACE_MS = 2_000;
/** After the server exited, how long to wait for the rest of its stdout before reporting the close anyway (a grandchild may hold the pipe). */
const DRAIN_AFTER_EXIT_MS = 1_000;
/** After SIGKILL, how long close() waits to see the exit. */
const KILL_WAIT_MS = 2_000;

/** How many bytes of a line the drop decision looks at: the msg type of a `codex/event` comes within the first ~200. */
export const PEEK_BYTES = 1024;
// A JSON object's first key is at its start, so these prefixes mean the line is a `codex/event` message at the
// top level (Codex writes `jsonrpc` first; the SDK's server, which the bridge uses, writes it last).
const EVENT_PREFIXES = [Buffer.from('{"jsonrpc":"2.0","method":"codex/event",'), Buffer.from('{"method":"codex/event",')];
// Inside a JSON string every `"` is escaped, so this sequence can only be structure, not string content.
const MSG_TYPE = Buffer.from('"msg":{"type":"');
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * The msg type of a `codex/event` notification, read from the first bytes of its line without parsing it;
 * undefined when the line is not one, or does not show its type within `head`.
 */
export function codexEventType(head: Buffer): string | undefined {
  if (!EVENT_PREFIXES.some((prefix) => head.length >= prefix.length && head.subarray(0, prefix.length).equals(prefix))) return undefined;
  const at = head.indexOf(MSG_TYPE);
  if (at < 0) return undefined;
  const start = at + MSG_TYPE.length;
  const end = head.indexOf(QUOTE, start);
  return end < 0 ? undefined : head.toString('latin1', start, end);
}

export interface LineReaderOptions {
  /** `codex/event` msg types whose lines are skipped unparsed. */
  dropCodexEvents?: Iterable<string>;
  maxLineBytes?: number;
  /** Each complete line that is not dropped, without its `\n` (and a `\r` before it). */
  onLine: (line: Buffer) => void;
  /** A line grew past maxLineBytes; the rest of it is skipped. */
  onOversized?: (bytes: number) => void;
}

/**
 * Splits a byte stream into lines as chunks arrive. It holds only the unfinished last line (as the chunk
 * pieces it came in, joined once when its newline arrives), and a line it drops, or one that grows too long,
 * is not held at all: the rest of it is skipped as it streams past.
 */
export class LineReader {
  private readonly drop: ReadonlySet<string>;
  private readonly maxLineBytes: number;
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  /** The unfinished line was looked at (kept) or is being skipped. */
  private decided = false;
  private skipping = false;
  private skippedBytes = 0;
  /** Lines dropped by type, for tests and diagnostics. */
  readonly dropped = new Map<string, number>();

  constructor(private readonly options: LineReaderOptions) {
    this.drop = new Set(options.dropCodexEvents ?? []);
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline < 0) {
        this.takePartial(chunk.subarray(start));
        return;
      }
      this.finishLine(chunk.subarray(start, newline));
      start = newline + 1;
    }
  }

  /** Forgets the unfinished line (the stream ended or was closed). */
  reset(): void {
    this.pieces = [];
    this.pendingBytes = 0;
    this.decided = false;
    this.skipping = false;
    this.skippedBytes = 0;
  }

  private takePartial(piece: Buffer): void {
    if (this.skipping) {
      this.skippedBytes += piece.length;
      return;
    }
    this.pieces.push(piece);
    this.pendingBytes += piece.length;
    if (!this.decided && this.pendingBytes >= PEEK_BYTES) {
      this.decided = true;
      const type = codexEventType(this.head());
      if (type !== undefined && this.drop.has(type)) {
        this.count(type);
        this.skipFromHere();
        return;
      }
    }
    if (this.pendingBytes > this.maxLineBytes) {
      this.options.onOversized?.(this.pendingBytes);
      this.skipFromHere();
    }
  }

  private finishLine(piece: Buffer): void {
    if (this.skipping) {
      const total = this.skippedBytes + piece.length;
      this.reset();
      if (total > this.maxLineBytes) this.options.onOversized?.(total);
      return;
    }
    const line = this.pieces.length === 0 ? piece : Buffer.concat([...this.pieces, piece], this.pendingBytes + piece.length);
    const undecided = !this.decided;
    this.reset();
    if (line.length > this.maxLineBytes) {
      this.options.onOversized?.(line.length);
      return;
    }
    if (undecided) {
      const type = codexEventType(line.subarray(0, PEEK_BYTES));
      if (type !== undefined && this.drop.has(type)) {
        this.count(type);
        return;
      }
    }
    const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
    if (end === 0) return;
    this.options.onLine(end === line.length ? line : line.subarray(0, end));
  }

  /** The first PEEK_BYTES of the unfinished line (it has at least that many). */
  private head(): Buffer {
    const first = this.pieces[0] as Buffer;
    if (first.length >= PEEK_BYTES) return first.subarray(0, PEEK_BYTES);
    return Buffer.concat(this.pieces, this.pendingBytes).subarray(0, PEEK_BYTES);
  }

  private skipFromHere(): void {
    this.skippedBytes = this.pendingBytes;
    this.pieces = [];
    this.pendingBytes = 0;
    this.skipping = true;
  }

  private count(type: string): void {
    this.dropped.set(type, (this.dropped.get(type) ?? 0) + 1);
  }
}

/**
 * An MCP client transport over the stdio of a server it spawns (see the file comment). The server gets a
 * process group of its own (`detached`), so close() can kill it together with whatever it started.
 */
export class CodexStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  /** The server's stderr; it exists (and flows) from construction on, so no early line is lost or blocks the server. */
  readonly stderr = new PassThrough();
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly reader: LineReader;
  private exited = false;
  private closeReported = false;
  private closing: Promise<void> | undefined;
  private readonly exitWaiters = new Set<() => void>();

  constructor(private readonly options: StdioTransportOptions) {
    this.stderr.resume();
    this.stderr.on('error', () => undefined);
    this.reader = new LineReader({
      dropCodexEvents: options.dropCodexEvents ?? [],
      maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      onLine: (line) => this.deliver(line),
      onOversized: (bytes) => this.onerror?.(new Error(`skipped a message of ${bytes} bytes from the MCP server (the limit is ${options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES} bytes)`)),
    });
  }

  /** The server's process id, once spawned. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Lines skipped unparsed, by `codex/event` msg type. */
  get dropped(): ReadonlyMap<string, number> {
    return this.reader.dropped;
  }

  start(): Promise<void> {
    if (this.child || this.closing) return Promise.reject(new Error('the stdio transport was already started'));
    return new Promise<void>((resolve, reject) => {
      const child = spawn(this.options.command, [...(this.options.args ?? [])], {
        env: this.options.env ?? {},
        ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        shell: false,
        windowsHide: true,
      });
      this.child = child;
      let spawned = false;
      child.once('spawn', () => {
        spawned = true;
        resolve();
      });
      child.on('error', (error) => {
        if (!spawned) reject(error);
        this.onerror?.(error);
      });
      child.once('exit', () => {
        this.exited = true;
        for (const wake of this.exitWaiters) wake();
        this.exitWaiters.clear();
        // Normally 'close' follows once stdout has ended; a grandchild holding the pipe must not hide the exit.
        setTimeout(() => this.reportClose(), DRAIN_AFTER_EXIT_MS).unref();
      });
      child.once('close', () => {
        this.exited = true;
        this.reportClose();
      });
      child.stdout.on('data', (chunk: Buffer) => {
        if (this.closeReported) return;
        try {
          this.reader.push(chunk);
        } catch (error) {
          this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        }
      });
      child.stdout.on('error', (error) => this.onerror?.(error));
      child.stdin.on('error', (error) => this.onerror?.(error));
      child.stderr.on('data', (chunk: Buffer) => {
        if (!this.stderr.writableEnded) this.stderr.write(chunk);
      });
      child.stderr.on('error', () => undefined);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closing || this.closeReported || !stdin.writable) return Promise.reject(new Error('Not connected'));
    if (stdin.write(`${JSON.stringify(message)}\n`)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        stdin.off('drain', onDrain);
        stdin.off('error', onError);
        stdin.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = (): void => done();
      const onError = (error: Error): void => done(error);
      const onClose = (): void => done(new Error('Not connected: the MCP server closed its input'));
      stdin.on('drain', onDrain);
      stdin.on('error', onError);
      stdin.on('close', onClose);
    });
  }

  /**
   * Closes the server's stdin, gives it closeGraceMs to exit, then kills its process group (the server and
   * what it started that is still in the group, even when the server itself is already gone). Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const child = this.child;
    if (child?.pid !== undefined) {
      if (!this.exited) {
        try {
          child.stdin.end();
        } catch {
          // A broken pipe: the kill below still runs.
        }
        await this.waitForExit(this.options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
      }
      killProcessGroup(child.pid);
      if (!this.exited) {
        try {
          child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
        await this.waitForExit(KILL_WAIT_MS);
      }
    }
    this.reportClose();
  }

  private waitForExit(ms: number): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.exitWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.exitWaiters.add(wake);
    });
  }

  private reportClose(): void {
    if (this.closeReported) return;
    this.closeReported = true;
    this.reader.reset();
    this.stderr.end();
    this.onclose?.();
  }

  private deliver(line: Buffer): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.toString('utf8'));
    } catch {
      this.onerror?.(new Error(`the MCP server wrote a line of ${line.length} bytes that is not JSON`));
      return;
    }
    const checked = JSONRPCMessageSchema.safeParse(parsed);
    if (!checked.success) {
      this.onerror?.(new Error(`the MCP server wrote a line of ${line.length} bytes that is not a JSON-RPC message: ${checked.error.message.slice(0, 300)}`));
      return;
    }
    try {
      this.onmessage?.(checked.data);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
