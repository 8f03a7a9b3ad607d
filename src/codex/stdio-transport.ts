// Owns the byte stream between the action and the MCP server it starts: spawn the server in a process group
// of its own, split its stdout into JSON-RPC lines as the bytes arrive, skip the bulky `codex/event`
// notifications the action never reads without parsing them, validate and hand on the rest, write requests
// with backpressure, and on close stop the server and everything left in its process group.
// Why not the SDK's StdioClientTransport: it re-joins its whole buffer on every chunk, parses and validates
// every line (tens of thousands of output deltas per long task, over 100 MiB), and drops the connection on
// any message over 10 MiB.
// Why stdout goes through a named pipe: a stream hands over every read in a fresh buffer, and over 100 MiB of
// them wait as garbage for the collector (tens of MiB of RSS on a long task). Reading a FIFO through a socket
// with `onread` puts every read into one reused buffer instead. Where a FIFO cannot be made, stdout is an
// ordinary pipe stream, read the same way otherwise.
// Must never: add variables to the environment it is given, re-join what it holds on each chunk, drop
// anything but a notification whose method is `codex/event` and whose msg type it was told to drop, leave
// the FIFO on disk, or signal a process group other than the one of the server it started.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { killProcessGroup } from './process-tree.js';
import { childEnvironment } from '../child-env.js';

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
  /** 'fifo' (the default; falls back to 'pipe' where no FIFO can be made) or 'pipe' (an ordinary stream). */
  stdout?: 'fifo' | 'pipe';
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const DEFAULT_CLOSE_GRACE_MS = 2_000;
/** After the server exited, how long to wait for the rest of its stdout before reporting the close anyway (a grandchild may hold the pipe). */
const DRAIN_AFTER_EXIT_MS = 1_000;
/** After SIGKILL, how long close() waits to see the exit. */
const KILL_WAIT_MS = 2_000;
/** The reused read buffer of the FIFO path (the size of a pipe read). */
const READ_BUFFER_BYTES = 64 * 1024;

/** How many bytes of a line the drop decision looks at: the msg type of a `codex/event` comes within the first ~200. */
export const PEEK_BYTES = 1024;
// A JSON object's first key is at its start, so these prefixes mean the line is a `codex/event` message at the
// top level (Codex writes `jsonrpc` first; the SDK's server, which the bridge uses, writes it last).
const EVENT_PREFIXES = [
  Buffer.from('{"jsonrpc":"2.0","method":"codex/event",'),
  Buffer.from('{"method":"codex/event",'),
];
// Inside a JSON string every `"` is escaped, so this sequence can only be structure, not string content.
const MSG_TYPE = Buffer.from('"msg":{"type":"');
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * The msg type of a `codex/event` notification, read from the first bytes of its line without parsing it;
 * undefined when the line is not one, or does not show its type within `head`.
 */
export function codexEventType(head: Buffer): string | undefined {
  if (!EVENT_PREFIXES.some((prefix) => head.length >= prefix.length && head.subarray(0, prefix.length).equals(prefix)))
    return undefined;
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
  /** Each complete line that is not dropped, without its `\n` (and a `\r` before it); valid only during the call. */
  onLine: (line: Buffer) => void;
  /** A line grew past maxLineBytes; the rest of it is skipped. */
  onOversized?: (bytes: number) => void;
}

/** The unfinished-line buffer starts at this size, and is let go after a line made it grow past TAIL_KEEP_BYTES. */
const TAIL_START_BYTES = 64 * 1024;
const TAIL_KEEP_BYTES = 4 * 1024 * 1024;

/**
 * Splits a byte stream into lines as chunks arrive. Complete lines inside a chunk are handed on as views of
 * it; only the unfinished last line is copied, into one buffer that grows by doubling and is reused for the
 * next line, so a chunk's bytes are copied at most once more and nothing is re-joined per chunk. A line it
 * drops, or one that grows too long, is not held at all: the rest of it is skipped as it streams past.
 * Chunks may be a reused read buffer: nothing of a chunk is used after push() returns.
 */
export class LineReader {
  private readonly drop: ReadonlySet<string>;
  private readonly maxLineBytes: number;
  private tail = Buffer.allocUnsafe(TAIL_START_BYTES);
  private tailBytes = 0;
  /** The unfinished line's type was looked at (and it is kept). */
  private decided = false;
  /** The rest of the unfinished line is skipped: it is dropped, or too long. */
  private skipping: 'dropped' | 'oversized' | undefined;
  private skippedBytes = 0;
  /** Lines dropped by type, for tests and diagnostics. */
  readonly dropped = new Map<string, number>();

  constructor(private readonly options: LineReaderOptions) {
    this.drop = new Set(options.dropCodexEvents ?? []);
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Bytes of the unfinished line held (for tests). */
  get heldBytes(): number {
    return this.tailBytes;
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
    this.tailBytes = 0;
    if (this.tail.length > TAIL_KEEP_BYTES) this.tail = Buffer.allocUnsafe(TAIL_START_BYTES);
    this.decided = false;
    this.skipping = undefined;
    this.skippedBytes = 0;
  }

  private takePartial(piece: Buffer): void {
    if (this.skipping) {
      this.skippedBytes += piece.length;
      return;
    }
    if (this.tailBytes + piece.length > this.maxLineBytes) {
      this.skipFromHere('oversized', piece.length);
      return;
    }
    this.append(piece);
    if (!this.decided && this.tailBytes >= PEEK_BYTES) {
      this.decided = true;
      if (this.isDropped(this.tail.subarray(0, PEEK_BYTES))) this.skipFromHere('dropped', 0);
    }
  }

  private finishLine(piece: Buffer): void {
    if (this.skipping) {
      const oversized = this.skipping === 'oversized' ? this.skippedBytes + piece.length : 0;
      this.reset();
      if (oversized) this.options.onOversized?.(oversized);
      return;
    }
    let line = piece;
    if (this.tailBytes > 0) {
      if (this.tailBytes + piece.length > this.maxLineBytes) {
        const bytes = this.tailBytes + piece.length;
        this.reset();
        this.options.onOversized?.(bytes);
        return;
      }
      this.append(piece);
      line = this.tail.subarray(0, this.tailBytes);
    } else if (line.length > this.maxLineBytes) {
      this.options.onOversized?.(line.length);
      return;
    }
    const undecided = !this.decided;
    try {
      if (undecided && this.isDropped(line.subarray(0, PEEK_BYTES))) return;
      const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
      if (end > 0) this.options.onLine(end === line.length ? line : line.subarray(0, end));
    } finally {
      this.reset();
    }
  }

  private isDropped(head: Buffer): boolean {
    const type = codexEventType(head);
    if (type === undefined || !this.drop.has(type)) return false;
    this.dropped.set(type, (this.dropped.get(type) ?? 0) + 1);
    return true;
  }

  /** Copies `piece` after the unfinished line, doubling the buffer when it is full. */
  private append(piece: Buffer): void {
    const needed = this.tailBytes + piece.length;
    if (needed > this.tail.length) {
      let size = this.tail.length * 2;
      while (size < needed) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.tail.copy(grown, 0, 0, this.tailBytes);
      this.tail = grown;
    }
    piece.copy(this.tail, this.tailBytes);
    this.tailBytes = needed;
  }

  private skipFromHere(reason: 'dropped' | 'oversized', pieceBytes: number): void {
    this.skippedBytes = this.tailBytes + pieceBytes;
    this.tailBytes = 0;
    this.skipping = reason;
  }
}

/** A FIFO's two ends, opened; the FIFO itself is already gone from disk. */
interface Fifo {
  readFd: number;
  writeFd: number;
}

/** Makes a FIFO in a private temporary directory, opens both ends, and removes it; an Error when that fails. */
function openFifo(): Fifo | Error {
  if (process.platform === 'win32') return new Error('no FIFOs on Windows');
  let dir: string | undefined;
  let readFd: number | undefined;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-mcp-'));
    const fifo = path.join(dir, 'stdout');
    execFileSync('mkfifo', ['-m', '600', fifo], { stdio: 'ignore', timeout: 10_000, env: childEnvironment() });
    // The read end first and non-blocking, so opening the write end does not wait for a reader.
    readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const writeFd = fs.openSync(fifo, fs.constants.O_WRONLY);
    return { readFd, writeFd };
  } catch (error) {
    if (readFd !== undefined) fs.closeSync(readFd);
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
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
  private child: ChildProcess | undefined;
  private stdin: Writable | undefined;
  private stdout: Readable | undefined;
  private fifo = false;
  private readonly reader: LineReader;
  private exited = false;
  private stdoutEnded = false;
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
      onOversized: (bytes) =>
        this.onerror?.(
          new Error(
            `skipped a message of ${bytes} bytes from the MCP server (the limit is ${options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES} bytes)`,
          ),
        ),
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

  /** How stdout is read: 'fifo' (one reused buffer) or 'pipe' (a stream); undefined before start(). */
  get stdoutMode(): 'fifo' | 'pipe' | undefined {
    return this.child ? (this.fifo ? 'fifo' : 'pipe') : undefined;
  }

  start(): Promise<void> {
    if (this.child || this.closing) return Promise.reject(new Error('the stdio transport was already started'));
    const made = this.options.stdout === 'pipe' ? undefined : openFifo();
    if (made instanceof Error)
      this.onerror?.(
        new Error(`could not make a FIFO for the MCP server's stdout, so it is read as a stream: ${made.message}`),
      );
    const fifo = made instanceof Error ? undefined : made;
    return new Promise<void>((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(this.options.command, [...(this.options.args ?? [])], {
          env: this.options.env ?? {},
          ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
          stdio: ['pipe', fifo ? fifo.writeFd : 'pipe', 'pipe'],
          detached: true,
          shell: false,
          windowsHide: true,
        });
      } catch (error) {
        if (fifo) {
          fs.closeSync(fifo.writeFd);
          fs.closeSync(fifo.readFd);
        }
        reject(error);
        return;
      }
      this.child = child;
      this.stdin = child.stdin ?? undefined;
      // The server holds the write end now; with ours closed, the reader sees the end when the server's tree is done.
      if (fifo) fs.closeSync(fifo.writeFd);
      this.fifo = fifo !== undefined;
      const stdout = fifo ? this.readFifo(fifo.readFd) : (child.stdout as Readable);
      this.stdout = stdout;
      if (!fifo) stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
      stdout.on('end', () => this.onStdoutEnd());
      stdout.on('close', () => this.onStdoutEnd());
      stdout.on('error', (error) => this.onerror?.(error));

      let spawned = false;
      child.once('spawn', () => {
        spawned = true;
        resolve();
      });
      child.on('error', (error) => {
        if (!spawned) reject(error);
        this.onerror?.(error);
      });
      child.once('exit', () => this.onExit());
      child.once('close', () => this.onExit());
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stderr?.on('data', (chunk: Buffer) => {
        if (!this.stderr.writableEnded) this.stderr.write(chunk);
      });
      child.stderr?.on('error', () => undefined);
    });
  }

  /** A socket over the FIFO's read end that reads into one reused buffer. */
  private readFifo(readFd: number): net.Socket {
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    // `onread` is a documented option of new net.Socket() that @types/node (20) lists only for connect().
    const options = {
      fd: readFd,
      readable: true,
      writable: false,
      onread: {
        buffer,
        callback: (bytes: number): boolean => {
          this.onStdout(buffer.subarray(0, bytes));
          return true;
        },
      },
    } as net.SocketConstructorOpts;
    return new net.Socket(options);
  }

  private onStdout(chunk: Buffer): void {
    if (this.closeReported) return;
    try {
      this.reader.push(chunk);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onStdoutEnd(): void {
    if (this.stdoutEnded) return;
    this.stdoutEnded = true;
    if (this.exited) this.reportClose();
  }

  private onExit(): void {
    if (this.exited) return;
    this.exited = true;
    for (const wake of this.exitWaiters) wake();
    this.exitWaiters.clear();
    if (this.stdoutEnded) this.reportClose();
    // Normally stdout ends with the server; a grandchild still holding it must not hide the exit.
    else setTimeout(() => this.reportClose(), DRAIN_AFTER_EXIT_MS).unref();
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.stdin;
    if (!stdin || this.closing || this.closeReported || !stdin.writable)
      return Promise.reject(new Error('Not connected'));
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
          this.stdin?.end();
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
    this.stdout?.destroy();
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
      this.onerror?.(
        new Error(
          `the MCP server wrote a line of ${line.length} bytes that is not a JSON-RPC message: ${checked.error.message.slice(0, 300)}`,
        ),
      );
      return;
    }
    try {
      this.onmessage?.(checked.data);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
