// Owns sending one HTTP request of the action's own (the GitHub API, the model endpoint) with node:http and
// node:https: through the runner's proxy when it has one (proxy.ts), abortable, with the answer's body as a
// node stream, decoded when the server compressed it anyway. Why not fetch(): the first fetch() of a process
// makes V8 compile undici's WebAssembly HTTP parser, ~0.12 CPU-s per run, and fetch ignores the runner's proxy.
// Must never: follow a redirect (fetch.ts decides that), send the request's headers to the proxy outside the
// tunnel or the forwarded request, or keep the process alive once every request is done.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { headerOf } from './headers.js';
import { clientFor, endpointOf, proxyAuthorization, proxyFor, tunnelAgent } from './proxy.js';

export interface SendOptions {
  method: string;
  /** Lower-case names. accept-encoding defaults to identity; content-length is set from the body. */
  headers: Record<string, string>;
  body?: Buffer;
  /** Aborting destroys the request and the answer's body; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read. */
  env?: NodeJS.ProcessEnv;
}

export interface Reply {
  status: number;
  statusText: string;
  /** Each header as received, in order (a repeated one, such as set-cookie, several times), lower-case names. */
  headers: [string, string][];
  /** The body, decoded: content-encoding and content-length are gone from `headers` when it was. */
  body: Readable;
}

// Kept-alive connections, as fetch keeps them: a run makes its GitHub calls one after another to one host.
// Node lets an idle kept-alive socket go (unref), so they never hold the process open.
const direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const directAgent = (url: URL): http.Agent => (url.protocol === 'https:' ? direct.https : direct.http);

/** Sends one request; resolves when the answer's status and headers are in. */
export function send(url: URL, options: SendOptions): Promise<Reply> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  // Not asked for: GitHub's answers are small and the model's events are sent as they come, so compression
  // would only cost zlib's CPU here; a server that compresses anyway is decoded below.
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...options.headers };
  if (options.body) headers['content-length'] = String(options.body.length);
  else if (!['GET', 'HEAD'].includes(options.method)) headers['content-length'] = '0';
  const request = outgoing(url, options.method, headers, options.env ?? process.env);
  return new Promise<Reply>((resolve, reject) => {
    const onAbort = (): void => {
      request.destroy(signal?.reason as Error);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => signal?.removeEventListener('abort', onAbort);
    request.on('error', (error) => {
      settle();
      reject(error);
    });
    request.once('response', (response) => {
      const received: [string, string][] = [];
      for (let i = 0; i < response.rawHeaders.length; i += 2)
        received.push([String(response.rawHeaders[i]).toLowerCase(), String(response.rawHeaders[i + 1])]);
      const body = decoded(response, received);
      // The body stays abortable until it is read to the end or dropped.
      signal?.removeEventListener('abort', onAbort);
      if (signal) {
        const abortBody = (): void => {
          request.destroy(signal.reason as Error);
          body.destroy(signal.reason as Error);
        };
        signal.addEventListener('abort', abortBody, { once: true });
        body.once('close', () => signal.removeEventListener('abort', abortBody));
      }
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: received,
        body,
      });
    });
    request.end(options.body);
  });
}

/** The request: direct, forwarded whole by an HTTP_PROXY (an http:// URL), or tunnelled through an HTTPS_PROXY. */
function outgoing(url: URL, method: string, headers: Record<string, string>, env: NodeJS.ProcessEnv) {
  const proxy = proxyFor(url, env);
  if (!proxy) return clientFor(url).request(url, { method, headers, agent: directAgent(url) });
  if (url.protocol === 'https:') return https.request(url, { method, headers, agent: tunnelAgent(proxy) });
  // Plain HTTP through a proxy: the absolute URL as the request target, to the proxy's own connection.
  return clientFor(proxy).request({
    ...endpointOf(proxy),
    method,
    path: url.href,
    headers: { host: url.host, ...headers, ...proxyAuthorization(proxy) },
    agent: directAgent(proxy),
  });
}

/** The body as the server meant it: gzip, deflate and br are decoded, as fetch decodes them; others pass as they are. */
function decoded(response: http.IncomingMessage, headers: [string, string][]): Readable {
  const encoding = headerOf(headers, 'content-encoding')?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return response;
  for (let i = headers.length - 1; i >= 0; i--)
    if (headers[i]![0] === 'content-encoding' || headers[i]![0] === 'content-length') headers.splice(i, 1);
  response.once('error', (error) => decoder.destroy(error));
  decoder.once('close', () => {
    if (!response.complete) response.destroy();
  });
  return response.pipe(decoder);
}

/** The whole body as one buffer. */
export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
