// Owns building the Octokit instance: retries (the retry plugin backs off on 5xx), rate limits (the throttling
// plugin honours primary and secondary limits and retry-after, and spaces writes), a deadline on every call,
// and errors that name the API host and the call. Callers never retry. Calls go through the runner's proxy, if any.
// Must never: retry a request GitHub refused for good (4xx), or wait out a primary rate limit for long.
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { fetchWithDeadline } from '../http/fetch.js';
import type { GitHubClientOptions } from './types.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** A primary rate limit that resets later than this fails the run instead of waiting (the watchdog would end it). */
export const LONGEST_RATE_LIMIT_WAIT_S = 60;

/**
 * Write spacing, as a token bucket: the first WRITE_BURST writes of a client go out at once, and after that
 * one more each WRITE_REFILL_MS. GitHub asks for at least a second between writes when a client makes many,
 * and refuses more than 80 content-creating requests in a minute (a secondary rate limit). A normal run makes
 * about five writes (reaction, tracking comment, its edits, pull request, labels), which the throttling
 * plugin's default (every write a second or more apart, and notifying writes 3 s apart) made wait about 3 s
 * in all; with the burst they do not wait. Safe because: any 60 s hold at most WRITE_BURST + 60 writes (70,
 * under 80); past the burst, writes are a second apart as asked; the hourly cap (500) is out of reach of a
 * run, whose progress edits come at most every 10 s (report.ts); and a secondary limit GitHub still reports
 * is waited out below (onSecondaryRateLimit).
 */
export const WRITE_BURST = 10;
export const WRITE_REFILL_MS = 1_000;
/** Writes that notify people (comments, pull requests, reviews): a smaller burst, then the plugin's 3 s pace. */
const NOTIFYING_BURST = 5;
const NOTIFYING_REFILL_MS = 3_000;

/** A Bottleneck group whose limiters each let `burst` jobs through at once, then one more every `refillMs`. */
function tokenBucket(burst: number, refillMs: number): Bottleneck.Group {
  return new Bottleneck.Group({
    maxConcurrent: 1,
    minTime: 0,
    reservoir: burst,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: refillMs,
    reservoirIncreaseMaximum: burst,
  });
}

const API_CALL_TIMEOUT_MS = 60_000;

/** What every resource module of the client works with. */
export interface ClientContext {
  octokit: Octokit;
  repo: { owner: string; repo: string };
  options: GitHubClientOptions;
  /** The body, clipped to GitHub's limit (body.ts). */
  fits: (body: string) => string;
}

export function createOctokit(options: GitHubClientOptions): Octokit {
  const retries = options.retries ?? 2;
  const apiHost = hostOf(options.apiUrl);
  const octokit = getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl,
      // Not request.retries: that makes the retry plugin repeat every error, 404 and 422 included.
      // 429 is the throttling plugin's (a rate limit, with its own wait), so the retry plugin leaves it alone.
      retry: {
        retries,
        retryAfterBaseValue: options.retryBaseMs ?? 1000,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      // No API call may hang the run: each attempt gets a deadline of its own. node:http, not fetch (src/http/).
      request: { fetch: fetchWithDeadline(API_CALL_TIMEOUT_MS) },
      throttle: {
        // See WRITE_BURST for why this spacing is safe.
        write: tokenBucket(WRITE_BURST, WRITE_REFILL_MS),
        notifications: tokenBucket(NOTIFYING_BURST, NOTIFYING_REFILL_MS),
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          // Waiting out an hour-long primary limit only ends in the watchdog; the error says when it resets.
          if (retryAfter > LONGEST_RATE_LIMIT_WAIT_S) return false;
          core.warning(`GitHub rate limit hit for ${request.method} ${request.url}; retrying in ${retryAfter} s.`);
          return retryCount < retries;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          core.warning(
            `GitHub secondary rate limit hit for ${request.method} ${request.url}; retrying in ${retryAfter} s.`,
          );
          return retryCount < retries;
        },
      },
    },
    retry,
    throttling,
  );
  // Both plugins keep their retry count on options.request, which Octokit shares between all calls made
  // with the client's defaults: each call gets its own copy, so its retries start from zero.
  octokit.hook.before('request', (requestOptions) => {
    requestOptions.request = { ...requestOptions.request, retryCount: 0 };
  });
  octokit.hook.error('request', (error) => {
    throw explainRequestError(error, apiHost);
  });
  return octokit;
}

function hostOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

interface OctokitError extends Error {
  status?: number;
  response?: { headers?: Record<string, string | undefined> };
  request?: { method?: string; url?: string };
}

/**
 * Errors name the API host and the call, so a log shows which GitHub failed; a spent primary rate limit
 * says when it resets. The error keeps its status for callers that branch on it.
 */
export function explainRequestError(error: unknown, apiHost: string): unknown {
  if (!(error instanceof Error)) return error;
  const failed = error as OctokitError;
  const headers = failed.response?.headers ?? {};
  const call =
    failed.request?.method && failed.request.url
      ? `${failed.request.method} ${failed.request.url.replace(/^https?:\/\/[^/]+/, '')}`
      : 'a request';
  const status = failed.status ? `HTTP ${failed.status}` : 'no answer';
  let message = `${failed.message} (GitHub API at ${apiHost}, ${call}: ${status})`;
  if (
    (failed.status === 403 || failed.status === 429) &&
    headers['x-ratelimit-remaining'] === '0' &&
    headers['x-ratelimit-reset']
  ) {
    const reset = new Date(Number(headers['x-ratelimit-reset']) * 1000);
    const minutes = Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 60_000));
    message = `GitHub's API rate limit for this token is used up until ${reset.toISOString().replace(/\.\d{3}Z$/, 'Z')} (in about ${minutes} min); the run stops instead of waiting. (GitHub API at ${apiHost}, ${call}: ${status})`;
  }
  failed.message = message;
  return failed;
}
