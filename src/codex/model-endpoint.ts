// Owns reading the model endpoint's answers: the wait a 429 asks for, the message of a failed answer, which
// failures are setup mistakes (and which input to check), and the response headers safe to pass on. Pure.
// Must never: put more than a short excerpt of an answer into a message (it may echo what was sent).
import { headerOf } from '../http/headers.js';

export interface UpstreamFailure {
  /** The endpoint's HTTP status; undefined when it could not be reached or the connection broke. */
  status: number | undefined;
  message: string;
}

// Hop-by-hop, or set again by the proxy's own answer: the body may be decoded (src/http/request.ts drops
// content-encoding when it decodes one) and is sent on chunked, so the upstream length may not be its length.
const DROPPED_RESPONSE_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Reads a header by its lower-case name: a global Headers, or an answer of src/http/request.ts (headerReader). */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * One line for a failure the endpoint answered, naming the likely cause and the input to check when the
 * status says it is a setup mistake (401 a bad key, 403 a key without access, 404 a wrong base URL or an
 * unknown model); undefined for other failures, which the caller reports as they are.
 */
export function describeSetupFailure(failure: UpstreamFailure): string | undefined {
  const said = failure.message ? ` ("${failure.message}")` : '';
  switch (failure.status) {
    case 401:
      return `the model endpoint rejected the API key (HTTP 401${said}): check the 'openai-api-key' input and the secret it reads (empty, revoked, or a key of another provider).`;
    case 403:
      return `the model endpoint refused the API key (HTTP 403${said}): the key's project or organisation may lack access to this model or endpoint; check 'openai-api-key', and 'model' or 'openai-base-url'.`;
    case 404:
      // OpenAI answers an unknown model with code model_not_found and a message naming the model.
      return /model/i.test(failure.message)
        ? `the model endpoint does not know the model (HTTP 404${said}): check the 'model' input.`
        : `the model endpoint answered HTTP 404${said}: check the 'openai-base-url' input (it should end in /v1, as https://api.openai.com/v1 does) and the 'model' input.`;
    default:
      return undefined;
  }
}

/** retry-after-ms, then retry-after (seconds or an HTTP date), else an exponential backoff. */
export function retryDelayMs(headers: HeaderReader, attempt: number, now = Date.now()): number {
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const after = headers.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return Math.min(30_000, 1000 * 2 ** attempt);
}

/** The answer's headers to pass on, from its [name, value] pairs: a repeated one is passed on as received. */
export function responseHeaders(headers: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of headers) if (!DROPPED_RESPONSE_HEADERS.has(name)) (out[name] ??= []).push(value);
  return Object.fromEntries(
    Object.entries(out).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]),
  );
}

/** The first value of a header among [name, value] pairs with lower-case names. */
export function headerReader(headers: [string, string][]): HeaderReader {
  return { get: (name) => headerOf(headers, name) };
}

export function errorMessageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // Not JSON; use the text itself.
  }
  return text.slice(0, 300);
}
