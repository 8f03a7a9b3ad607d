// The emulation's vocabulary: the records it keeps (users, comments, pull requests, reviews, faults), the options
// a test seeds it with, GitHub's limits and error replies, and small helpers every resource module uses.
import type { components } from '@octokit/openapi-types';
import { createHash } from 'node:crypto';

export type PullRequestReviewJson = components['schemas']['pull-request-review'];

export interface EmulatedUser {
  login: string;
  id: number;
  type?: 'User' | 'Bot';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface EmulatedComment {
  id: number;
  issueNumber: number;
  body: string;
  user: EmulatedUser;
  html_url: string;
  /** Every body the comment ever had, in order (the first entry is the body it was created with). */
  edits: string[];
}

export interface EmulatedPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  html_url: string;
  user: EmulatedUser;
  headRepoFullName: string;
  /** The head commit GET /pulls reports; a stable fake sha unless a test sets it (a real commit of origin). */
  headSha?: string;
}

/** A submitted pull request review, with the inline comments it was created with. */
export interface EmulatedReview {
  id: number;
  pullNumber: number;
  body: string;
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'PENDING';
  commitId: string;
  user: EmulatedUser;
  html_url: string;
  comments: Array<{ path: string; line: number; side: string; start_line?: number; start_side?: string; body: string }>;
  /** Every body the review had, in order. */
  edits: string[];
}

/** A push to a pull request's head as the timeline shows it, recorded by GitHubEmulator.pushToPull. */
export interface EmulatedHeadPush {
  sha: string;
  /** A force push shows as `head_ref_force_pushed` (dated by GitHub); a plain push as one `committed` event. */
  forced?: boolean;
  /** The commit's own committer date (which its author chose); default now. */
  committerDate?: string;
  message?: string;
  actor?: EmulatedUser;
}

export interface FaultRule {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Default 1; Infinity for always. */
  times?: number;
}

export type EmulatedRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
/** A custom repository role: its own name, and the base role it inherits (which `permission` reports). */
export interface CustomRole {
  roleName: string;
  base: EmulatedRole;
}

export interface EmulatedReviewComment {
  id: number;
  pullNumber: number;
  body: string;
  user: EmulatedUser;
  /** The thread's first comment, for a reply. */
  inReplyToId: number | undefined;
  path: string;
  line: number | null;
  edits: string[];
}

export interface GitHubEmulatorOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  token?: string;
  /** Collaborators; anyone not listed is no collaborator (404 from the permission endpoint). */
  permissions?: Record<string, EmulatedRole | CustomRole>;
  pulls?: Array<Partial<EmulatedPull> & { number: number; head: string; base?: string }>;
  issues?: Array<{ number: number; title?: string; body?: string; isPullRequest?: boolean }>;
  /** Comments that exist before the run, such as the one that triggers it. */
  comments?: Array<{
    id: number;
    issueNumber: number;
    body: string;
    user?: EmulatedUser;
    createdAt?: string;
    updatedAt?: string;
  }>;
  /** Review comments on pull requests that exist before the run. */
  reviewComments?: Array<{
    id: number;
    pullNumber: number;
    body: string;
    user?: EmulatedUser;
    path?: string;
    line?: number;
    inReplyToId?: number;
    createdAt?: string;
  }>;
  webUrl?: string;
}

export type Json = unknown;

export interface Reply {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  isPullRequest: boolean;
  user: EmulatedUser;
}

export interface Timestamps {
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export const BOT_USER: EmulatedUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const DEFAULT_AUTHOR: EmulatedUser = { login: 'octocat', id: 583231, type: 'User' };
export const DOCS = 'https://docs.github.com/rest';
export const BODY_LIMIT = 65536;
export const RATE_LIMIT = 5000;
export const REACTIONS = new Set(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']);
export const LEGACY_PERMISSION: Record<EmulatedRole, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};
export const ROLE_RANK: Record<EmulatedRole, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** Stable pseudo user id for a login (FNV-1a), so the same login always gets the same id. */
export function userIdFor(login: string): number {
  let hash = 0x811c9dc5;
  for (const ch of login.toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 1_000_000 + (hash % 90_000_000);
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function charCount(text: string): number {
  return Array.from(text).length;
}

export function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
}

export function validationFailed(errors: Array<Record<string, unknown>>): Reply {
  return { status: 422, body: { message: 'Validation Failed', errors, documentation_url: DOCS } };
}

/** What GitHub answers when the token edits a comment that someone else wrote. */
export function notYours(): Reply {
  return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
}

export function invalidRequest(message: string): Reply {
  return { status: 422, body: { message: `Invalid request.\n\n${message}`, documentation_url: DOCS } };
}

export function splitHead(head: string): { owner: string | undefined; branch: string } {
  const colon = head.indexOf(':');
  return colon === -1
    ? { owner: undefined, branch: head }
    : { owner: head.slice(0, colon), branch: head.slice(colon + 1) };
}

export interface StoredFault {
  rule: FaultRule;
  remaining: number;
}
