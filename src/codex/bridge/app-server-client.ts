// Owns one `codex app-server` child process and the JSON-RPC conversation with it: newline-delimited JSON
// over stdio (the server writes no `jsonrpc` field), requests with deadlines, notifications to subscribers,
// server-to-client requests answered at once by the given handler, and the handshake.
// Must never: let a request wait without a deadline, leave a server-to-client request unanswered, or leave
// the child or anything it started running after close().
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import { fail, getErrorMessage, ok, type Result } from '../../errors.js';
import { killTreeNow, stopProcessTree } from '../process-tree.js';

export type JsonObject = Record<string, unknown>;

/** A notification, or a request from the server to us, as it arrived. */
export interface AppServerMessage {
  method: string;
  params: JsonObject;
}

export interface RpcError {
  /** The JSON-RPC error code; undefined when the failure is ours (timeout, exit, abort). */
  code: number | undefined;
  message: string;
}

export type ServerRequestAnswer = { result: unknown } | { error: { code: number; message: string } };

export interface AppServerOptions {
  codexPath: string;
  /** Arguments after `app-server`, e.g. `--disable plugins`. */
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Answers a request the server sends us (approvals, user input); called once per request, synchronously. */
  /** May take its time (the bridge asks its MCP client); every request still gets exactly one answer. */
  answerServerRequest: (request: AppServerMessage) => ServerRequestAnswer | Promise<ServerRequestAnswer>;
  onStderrLine?: (line: string) => void;
}

export interface AppServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it could not start or what it said last, for error messages. */
  reason: string;
}

export interface RequestOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

interface PendingRequest {
  resolve: (outcome: Result<unknown, RpcError>) => void;
}

const STDERR_TAIL_CHARS = 2000;
const HANDSHAKE_TIMEOUT_MS = 60_000;

export class AppServerClient {
  private readonly pending = new Map<number, PendingRequest>();
  private readonly subscribers = new Set<(message: AppServerMessage) => void>();
  private nextRequestId = 1;
  private stderrTail = '';
  private exitInfo: AppServerExit | undefined;
  /** Resolves when the child has exited (or could not be started). */
  readonly exited: Promise<AppServerExit>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly options: AppServerOptions,
  ) {
    this.exited = new Promise((resolve) => {
      const finish = (exit: AppServerExit): void => {
        if (this.exitInfo) return;
        this.exitInfo = exit;
        for (const [id, request] of this.pending) {
          this.pending.delete(id);
          request.resolve(fail({ code: undefined, message: `codex app-server exited: ${exit.reason}` }));
        }
        resolve(exit);
      };
      child.on('error', (error) =>
        finish({ code: null, signal: null, reason: `could not run ${options.codexPath}: ${error.message}` }),
      );
      child.on('exit', (code, signal) => {
        const tail = this.stderrTail.trim().split('\n').slice(-3).join(' ').slice(-500);
        finish({
          code,
          signal,
          reason: `${signal ? `killed by ${signal}` : `exit code ${code}`}${tail ? ` (stderr: ${tail})` : ''}`,
        });
      });
    });
    // Writing to a child that has just died fails asynchronously; the exit handler reports it.
    child.stdin.on('error', () => undefined);
    readline.createInterface({ input: child.stdout }).on('line', (line) => this.receive(line));
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      this.stderrTail = `${this.stderrTail}${line}\n`.slice(-STDERR_TAIL_CHARS);
      if (line.trim()) options.onStderrLine?.(line);
    });
  }

  static spawn(options: AppServerOptions): AppServerClient {
    const child = spawn(options.codexPath, ['app-server', ...options.args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new AppServerClient(child, options);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** Sends a request and waits for its answer, the deadline, the signal or the child's exit, whichever comes first. */
  request<T = JsonObject>(method: string, params: JsonObject, options: RequestOptions): Promise<Result<T, RpcError>> {
    if (this.exitInfo)
      return Promise.resolve(fail({ code: undefined, message: `codex app-server exited: ${this.exitInfo.reason}` }));
    if (options.signal?.aborted) return Promise.resolve(fail({ code: undefined, message: `${method} was cancelled` }));
    const id = this.nextRequestId++;
    return new Promise((resolve) => {
      const settle = (outcome: Result<unknown, RpcError>): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
        resolve(outcome as Result<T, RpcError>);
      };
      const onAbort = (): void => settle(fail({ code: undefined, message: `${method} was cancelled` }));
      const timer = setTimeout(
        () =>
          settle(
            fail({
              code: undefined,
              message: `codex app-server did not answer ${method} within ${Math.round(options.timeoutMs / 1000)} s`,
            }),
          ),
        options.timeoutMs,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { resolve: settle });
      this.write({ id, method, params });
    });
  }

  notify(method: string, params?: JsonObject): void {
    this.write(params ? { method, params } : { method });
  }

  /** Calls `listener` with every notification until the returned function is called. */
  subscribe(listener: (message: AppServerMessage) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /**
   * The handshake: `initialize` (with the experimental API, needed for thread/backgroundTerminals/clean), then
   * `initialized`. Returns the Codex release from the user agent app-server reports, or 'unknown'.
   * `optOutNotificationMethods`: notifications app-server is not to send at all (the bridge's client omits them).
   */
  async initialize(
    clientInfo: { name: string; title: string; version: string },
    optOutNotificationMethods: readonly string[] = [],
  ): Promise<Result<{ codexVersion: string }>> {
    const initialized = await this.request<{ userAgent?: string }>(
      'initialize',
      {
        clientInfo,
        capabilities: {
          experimentalApi: true,
          ...(optOutNotificationMethods.length > 0
            ? { optOutNotificationMethods: [...optOutNotificationMethods] }
            : {}),
        },
      },
      { timeoutMs: HANDSHAKE_TIMEOUT_MS },
    );
    if (!initialized.ok) return fail(`codex app-server did not start: ${initialized.error.message}`);
    this.notify('initialized');
    return ok({ codexVersion: /\/(\d+\.\d+\.\d+[^\s)]*)/.exec(initialized.value.userAgent ?? '')?.[1] ?? 'unknown' });
  }

  /** Closes stdin (app-server exits on its own within milliseconds), then kills whatever of its tree is left. */
  async close(graceMs = 1500): Promise<void> {
    const child = { pid: this.child.pid, hasExited: () => this.exitInfo !== undefined, exitSeen: this.exited };
    await stopProcessTree(child, { askToExit: () => this.child.stdin.end(), graceMs });
  }

  /** Last resort for a bridge that is exiting right now: kill the child and its tree synchronously. */
  killNow(): void {
    const pid = this.child.pid;
    if (!pid || this.exitInfo) return;
    killTreeNow(pid);
  }

  private write(message: JsonObject): void {
    if (this.exitInfo || !this.child.stdin.writable) return;
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private receive(line: string): void {
    if (!line.trim()) return;
    let message: JsonObject;
    try {
      message = JSON.parse(line) as JsonObject;
    } catch {
      this.options.onStderrLine?.(`(not JSON on app-server stdout) ${line.slice(0, 200)}`);
      return;
    }
    const method = typeof message.method === 'string' ? message.method : undefined;
    const params = (message.params && typeof message.params === 'object' ? message.params : {}) as JsonObject;
    if (method && message.id !== undefined) {
      void this.answer(message.id, { method, params });
    } else if (method) {
      for (const subscriber of [...this.subscribers]) subscriber({ method, params });
    } else if (typeof message.id === 'number') {
      const error = message.error as { code?: unknown; message?: unknown } | undefined;
      this.pending.get(message.id)?.resolve(
        error
          ? fail({
              code: typeof error.code === 'number' ? error.code : undefined,
              message: String(error.message ?? 'unknown error'),
            })
          : ok(message.result),
      );
    }
  }

  private async answer(id: unknown, request: AppServerMessage): Promise<void> {
    let answer: ServerRequestAnswer;
    try {
      answer = await this.options.answerServerRequest(request);
    } catch (error) {
      answer = { error: { code: -32603, message: getErrorMessage(error) } };
    }
    this.write({ id, ...answer });
  }
}
