// Owns the OpenAI key during a run. A loopback HTTP proxy in the action's own process holds the key and
// forwards Codex's model requests to the real endpoint (through the runner's proxy if it has one: src/http/),
// so the Codex process and every command it runs never have the key: Codex gets only the proxy's address and a
// random per-run token that the proxy checks.
// It also absorbs short rate limits: a 429 is retried after the wait the endpoint asks for, a bounded
// number of times, before Codex ever sees it (Codex 0.153.4 does not retry 429 at all).
// It also enforces the run's budgets (max-model-requests, max-tokens): it counts every model request and reads
// the token usage each response reports, and once a budget is spent it answers further requests with an error
// Codex does not retry, so the turn ends and the run stops cleanly.
// Must never: log or return the key, listen beyond 127.0.0.1, forward a request without the run's token, or
// forward a model request once a budget is spent.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getErrorMessage } from '../errors.js';
import { headerOf } from '../http/headers.js';
import { readAll, send } from '../http/request.js';
import type { UpstreamFailure } from './model-endpoint.js';
import { errorMessageOf, headerReader, responseHeaders, retryDelayMs } from './model-endpoint.js';
import { UsageReader } from './model-usage.js';

export type { UpstreamFailure } from './model-endpoint.js';
export { describeSetupFailure, retryDelayMs } from './model-endpoint.js';

export interface ModelProxyOptions {
  /** The real endpoint, such as https://api.openai.com/v1; requests go to `${upstream}${path}`. */
  upstream: string;
  apiKey: string;
  /** How many times one request is retried after a 429. */
  maxRateLimitRetries?: number;
  /** The longest single wait for a 429 before giving up on it. */
  maxRetryWaitMs?: number;
  log?: (line: string) => void;
  /** The most model requests (POST …/responses) the run may make; undefined for no limit. */
  maxModelRequests?: number;
  /** The most tokens (input + output, as the endpoint reports them) the run may use; undefined for no limit. */
  maxTokens?: number;
}

export type BudgetName = 'max-model-requests' | 'max-tokens';

export interface BudgetExceeded {
  budget: BudgetName;
  limit: number;
}

export interface ModelProxy {
  /** What Codex uses as its provider base_url. */
  readonly baseUrl: string;
  /** What Codex sends as its bearer token; worthless anywhere but this proxy. */
  readonly token: string;
  readonly requests: number;
  /** Requests for a model response (POST …/responses) that were forwarded: what max-model-requests counts. */
  readonly modelRequests: number;
  /** Input + output tokens the endpoint reported for the responses so far: what max-tokens counts. */
  readonly tokensUsed: number;
  /** Set once a request was refused because a budget was spent. */
  readonly budgetExceeded: BudgetExceeded | undefined;
  readonly rateLimitRetries: number;
  /** The last error status the real endpoint answered, for the report. */
  readonly lastFailure: UpstreamFailure | undefined;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'host',
  'authorization',
  'content-length',
  // Not asked for: the events go on as they come and the usage reader reads them as text (src/http/request.ts).
  'accept-encoding',
]);
export async function startModelProxy(options: ModelProxyOptions): Promise<ModelProxy> {
  const token = randomBytes(24).toString('hex');
  const expected = Buffer.from(`Bearer ${token}`);
  const upstream = options.upstream.replace(/\/+$/, '');
  const maxRetries = options.maxRateLimitRetries ?? 3;
  const maxWaitMs = options.maxRetryWaitMs ?? 60_000;
  const log = options.log ?? (() => undefined);
  const state = {
    requests: 0,
    modelRequests: 0,
    tokensUsed: 0,
    budgetExceeded: undefined as BudgetExceeded | undefined,
    rateLimitRetries: 0,
    lastFailure: undefined as UpstreamFailure | undefined,
  };

  /** The budget a new model request would go beyond, if any. Checked before forwarding, so no request is sent past it. */
  function spentBudget(): BudgetExceeded | undefined {
    if (options.maxModelRequests !== undefined && state.modelRequests >= options.maxModelRequests)
      return { budget: 'max-model-requests', limit: options.maxModelRequests };
    if (options.maxTokens !== undefined && state.tokensUsed >= options.maxTokens)
      return { budget: 'max-tokens', limit: options.maxTokens };
    return undefined;
  }
  const active = new Set<AbortController>();

  const server = http.createServer((req, res) => {
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":{"message":"not a request of this run"}}');
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void forward(req, res, Buffer.concat(chunks));
    });
  });

  async function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    state.requests++;
    const isModelRequest = req.method === 'POST' && /\/responses(\?|$)/.test(req.url ?? '');
    if (isModelRequest) {
      const spent = spentBudget();
      if (spent) {
        state.budgetExceeded ??= spent;
        log(`The ${spent.budget} budget (${spent.limit}) is spent; the model proxy refuses further model requests.`);
        // 400 is not retried by Codex: the turn fails at once and the run stops.
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: {
              message: `the run's ${spent.budget} budget of ${spent.limit} is spent`,
              type: 'invalid_request_error',
              code: 'budget_exceeded',
            },
          }),
        );
        return;
      }
      state.modelRequests++;
    }
    const abort = new AbortController();
    active.add(abort);
    res.on('close', () => abort.abort());
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
    }
    headers.authorization = `Bearer ${options.apiKey}`;
    const target = new URL(`${upstream}${req.url ?? ''}`);
    try {
      for (let attempt = 0; ; attempt++) {
        const reply = await send(target, {
          method: req.method ?? 'GET',
          headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
          signal: abort.signal,
        });
        if (reply.status === 429 && attempt < maxRetries) {
          const waitMs = retryDelayMs(headerReader(reply.headers), attempt);
          if (waitMs <= maxWaitMs) {
            reply.body.destroy();
            state.rateLimitRetries++;
            log(
              `The model endpoint is rate limiting (HTTP 429); retrying in ${(waitMs / 1000).toFixed(1)} s (${attempt + 1} of ${maxRetries}).`,
            );
            await sleep(waitMs, abort.signal);
            continue;
          }
        }
        if (reply.status >= 400) {
          const text = (await readAll(reply.body)).toString('utf8');
          state.lastFailure = { status: reply.status, message: errorMessageOf(text) };
          res.writeHead(reply.status, responseHeaders(reply.headers)).end(text);
          return;
        }
        res.writeHead(reply.status, responseHeaders(reply.headers));
        // Stream the server-sent events through as they arrive, reading the usage each response reports on the way.
        const usage = new UsageReader(
          /event-stream/i.test(headerOf(reply.headers, 'content-type') ?? ''),
          (tokens) => (state.tokensUsed += tokens),
        );
        reply.body
          .on('error', () => res.destroy())
          .on('data', (chunk: Buffer) => usage.push(chunk))
          .on('end', () => usage.end())
          .pipe(res);
        return;
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      state.lastFailure = {
        status: undefined,
        message: `the model endpoint could not be reached or broke the connection (${getErrorMessage(error)})`,
      };
      // Codex sees a gateway error, retries within its own bounds, and then fails with it.
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: state.lastFailure.message } }));
    } finally {
      active.delete(abort);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The counters are read live: the proxy is the state object itself, typed read-only for callers.
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    async close() {
      for (const abort of active) abort.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
