// Owns the MCP client transport over the stdio of a server it spawns: spawn the server in a process group
// of its own, hand its stdout to the line reader (line-reader.ts) through a FIFO (fifo.ts) or a pipe,
// validate and hand on each JSON-RPC message, write requests with backpressure, and on close stop the server
// and everything it started (process-tree.ts).
// Why not the SDK's StdioClientTransport: it re-joins its whole buffer on every chunk, parses and validates
// every line (tens of thousands of output deltas per long task, over 100 MiB), and drops the connection on
// any message over 10 MiB.
// Must never: add variables to the environment it is given, or signal a process group other than the one of
// the server it started.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { closeFifo, openFifo, readFifo } from './fifo.js';
import { DEFAULT_MAX_LINE_BYTES, LineReader } from './line-reader.js';
import { stopProcessTree, type StoppableProcess } from './process-tree.js';

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

const DEFAULT_CLOSE_GRACE_MS = 2_000;
/** After the server exited, how long to wait for the rest of its stdout before reporting the close anyway (a grandchild may hold the pipe). */
const DRAIN_AFTER_EXIT_MS = 1_000;

/**
 * An MCP client transport over the stdio of a server it spawns (see the file comment). The server gets a
 * process group of its own (`detached`), so close() can kill it together with whatever it started.
 */
export class CodexStdioTransport implements Transport, StoppableProcess {
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
  private markExited: () => void = () => undefined;
  /** Settles when the server has exited. */
  readonly exitSeen = new Promise<void>((resolve) => (this.markExited = resolve));

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
        if (fifo) closeFifo(fifo);
        reject(error);
        return;
      }
      this.child = child;
      this.stdin = child.stdin ?? undefined;
      // The server holds the write end now; with ours closed, the reader sees the end when the server's tree is done.
      if (fifo) fs.closeSync(fifo.writeFd);
      this.fifo = fifo !== undefined;
      const stdout = fifo ? readFifo(fifo.readFd, (chunk) => this.onStdout(chunk)) : (child.stdout as Readable);
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
    this.markExited();
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

  hasExited(): boolean {
    return this.exited;
  }

  private async shutDown(): Promise<void> {
    if (this.child?.pid !== undefined)
      await stopProcessTree(this, {
        askToExit: () => this.stdin?.end(),
        graceMs: this.options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS,
        ownGroup: true,
      });
    this.reportClose();
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
