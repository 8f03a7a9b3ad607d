// Owns the bridge's one `codex app-server` process over its lifetime: starts it with plugins disabled (so it
// tries no network at startup), starts a new one when the last has died, answers its requests for approval
// through server-requests.ts (forwarding approvals to whoever runs a turn on that thread, when it can ask its
// MCP client) and passes the notice to whoever runs a turn on that thread, and stops it.
// Must never: run two app-servers at once, or outlive close().
import { fail, ok, type Result } from '../../errors.js';
import { AppServerClient, type AppServerMessage, type ServerRequestAnswer } from './app-server-client.js';
import { decideServerRequest } from './server-requests.js';

export interface ConnectionOptions {
  codexPath: string;
  /** app-server inherits this environment unchanged (the action already hands the bridge a minimal one). */
  env: NodeJS.ProcessEnv;
  clientVersion: string;
  log: (line: string) => void;
  /** Notifications app-server need not send: nothing the bridge's client wants is made of them. */
  optOutNotificationMethods?: readonly string[];
}

/** Flags for every app-server the bridge starts. */
export const APP_SERVER_ARGS = ['--disable', 'plugins'];

/** Asks the MCP client about an approval request; undefined when it cannot be asked or the request is not forwarded. */
export type ApprovalForwarder = (request: AppServerMessage) => Promise<ServerRequestAnswer | undefined>;

interface Started {
  client: AppServerClient;
  ready: Promise<Result<{ codexVersion: string }>>;
}

export class AppServerConnection {
  private current: Started | undefined;
  private closed = false;
  private readonly noticeListeners = new Map<string, (notice: string) => void>();
  private readonly forwarders = new Map<string, ApprovalForwarder>();

  constructor(private readonly options: ConnectionOptions) {}

  /** Starts app-server (again, if the last one died) and waits for its handshake; returns the Codex version. */
  async start(): Promise<Result<{ codexVersion: string }>> {
    if (this.closed) return fail('the bridge is shutting down');
    if (!this.current || this.current.client.hasExited) {
      const client = AppServerClient.spawn({
        codexPath: this.options.codexPath,
        args: APP_SERVER_ARGS,
        env: this.options.env,
        answerServerRequest: (request) => this.answer(request),
        onStderrLine: (line) => this.options.log(`codex: ${line}`),
      });
      const ready = client
        .initialize(
          { name: 'codex-mcp-bridge', title: 'Codex MCP bridge', version: this.options.clientVersion },
          this.options.optOutNotificationMethods,
        )
        .then(async (handshake) => {
          if (!handshake.ok) await client.close();
          return handshake;
        });
      this.current = { client, ready };
    }
    return this.current.ready;
  }

  /** The running, initialized app-server. */
  async client(): Promise<Result<AppServerClient>> {
    const started = await this.start();
    if (!started.ok) return started;
    return this.current ? ok(this.current.client) : fail('the bridge is shutting down');
  }

  /** Routes notices about declined requests on `threadId` to `listener` until the returned function is called. */
  onNotice(threadId: string, listener: (notice: string) => void): () => void {
    this.noticeListeners.set(threadId, listener);
    return () => {
      if (this.noticeListeners.get(threadId) === listener) this.noticeListeners.delete(threadId);
    };
  }

  /**
   * Routes approval requests on `threadId` to `forwarder` until the returned function is called. A forwarder that
   * returns undefined (its client cannot be asked) leaves the request to the bridge, which declines it.
   */
  onApprovalRequest(threadId: string, forwarder: ApprovalForwarder): () => void {
    this.forwarders.set(threadId, forwarder);
    return () => {
      if (this.forwarders.get(threadId) === forwarder) this.forwarders.delete(threadId);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current?.client.close();
  }

  /** Synchronous last resort while the process exits. */
  killNow(): void {
    this.current?.client.killNow();
  }

  private async answer(request: AppServerMessage): Promise<ServerRequestAnswer> {
    const threadId = typeof request.params.threadId === 'string' ? request.params.threadId : '';
    const forwarded = await this.forwarders.get(threadId)?.(request);
    if (forwarded) return forwarded;
    const decision = decideServerRequest(request);
    if (decision.notice) {
      this.options.log(decision.notice);
      this.noticeListeners.get(threadId)?.(decision.notice);
    }
    return decision.answer;
  }
}
