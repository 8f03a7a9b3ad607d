// Owns the fetch() the GitHub client makes its calls with (Octokit's request.fetch): the same answer fetch
// gives (a global Response with status, headers, url and body) and the same redirects, sent by request.ts
// with node:http, so no process compiles undici's WebAssembly parser and the runner's proxy is used.
// Building a Response or Headers loads only undici's JavaScript, never that parser.
// Must never: send the Authorization header to another origin than the one it was given for, follow
// redirects without bound, or leave a call without its deadline.
import { headerOf } from './headers.js';
import { readAll, send, type Reply } from './request.js';

export type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** fetch's own limit. */
export const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Answers that have no body, whatever the server sends (fetch's null body statuses). */
const NULL_BODY = new Set([204, 205, 304]);
/** Dropped with the body when a redirect turns the request into a GET, as fetch drops them. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
/** Dropped when a redirect leaves the origin, as fetch drops them. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** A fetch whose every call is aborted after `deadlineMs` (with a TimeoutError, as AbortSignal.timeout does), or by the caller's signal. */
export function fetchWithDeadline(deadlineMs: number): Fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(deadlineMs);
    return httpFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  };
}

/** fetch(input, init) over node:http; the body must be a string or bytes (what Octokit sends). */
export async function httpFetch(
  input: string | URL,
  init: RequestInit = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Response> {
  let url = new URL(String(input));
  let method = (init.method ?? 'GET').toUpperCase();
  let body = bytesOf(init.body);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  const signal = init.signal ?? undefined;
  for (let redirects = 0; ; redirects++) {
    const reply = await send(url, { method, headers, body, signal, env });
    const location = headerOf(reply.headers, 'location');
    if (!REDIRECTS.has(reply.status) || location === undefined || init.redirect === 'manual')
      return responseOf(reply, url, method, redirects > 0);
    reply.body.resume();
    if (init.redirect === 'error') throw new TypeError(`${method} ${url.href} was redirected (redirect: 'error')`);
    if (redirects >= MAX_REDIRECTS) throw new TypeError(`${method} ${url.href}: more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      throw new TypeError(`${method} ${url.href} was redirected to a ${next.protocol} URL`);
    // 303 asks for a GET; 301 and 302 turn a POST into one (what browsers did, and fetch does).
    if (
      (reply.status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ([301, 302].includes(reply.status) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
      for (const name of BODY_HEADERS) delete headers[name];
    }
    if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
    url = next;
  }
}

async function responseOf(reply: Reply, url: URL, method: string, redirected: boolean): Promise<Response> {
  let data: Buffer | null = null;
  if (NULL_BODY.has(reply.status) || method === 'HEAD') reply.body.resume();
  else data = await readAll(reply.body);
  const response = new Response(data, { status: reply.status, statusText: reply.statusText, headers: reply.headers });
  // A constructed Response has an empty url; Octokit reads the final one.
  Object.defineProperties(response, { url: { value: url.href }, redirected: { value: redirected } });
  return response;
}

function bytesOf(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('this fetch sends only a string or bytes as a body');
}
