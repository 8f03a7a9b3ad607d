// Owns reading the model endpoint's answers: the wait a 429 asks for, the message of a failed answer, which
// failures are setup mistakes (and which input to check), and the response headers safe to pass on. Pure.
// Must never: put more than a short excerpt of an answer into a message (it may echo what was sent).
export interface UpstreamFailure {
  /** The endpoint's HTTP status; undefined when it could not be reached or the connection broke. */
  status: number | undefined;
  message: string;
}

// fetch decodes compressed bodies, so these response headers would lie about what is sent on.
const DROPPED_RESPONSE_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

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
export function retryDelayMs(headers: Headers, attempt: number, now = Date.now()): number {
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

export function responseHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) out[name] = value;
  });
  return out;
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
