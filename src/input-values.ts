// Owns reading one input value against its rule: the typed readers (one of a list, boolean, required, whole
// number in a range, word list, line list) and the format checks settings.ts applies (branch prefix, URL,
// identity, the fork setting). Every problem it records names the input, the value and what is accepted.
// Must never: accept an invalid value silently; each one is recorded and replaced by the safest choice.
import type { InputName } from './inputs.js';

export interface Identity {
  name: string;
  email: string;
}

/** The readers of one parse: each records its problems in the list it was given. */
export function inputValues(read: (name: InputName) => string, problems: string[]) {
  const text = (name: InputName): string => read(name).trim();
  const optional = (name: InputName): string | undefined => text(name) || undefined;

  /** An invalid value is reported and replaced by `fallback`, the safest choice. */
  const oneOf = <T extends string>(name: InputName, allowed: readonly T[], fallback: T = allowed[0] as T): T => {
    const value = text(name);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`Input '${name}' is '${value}'; accepted values: ${allowed.join(', ')}.`);
    return fallback;
  };
  const bool = (name: InputName): boolean => {
    const value = text(name).toLowerCase();
    if (value === 'true') return true;
    if (value === 'false') return false;
    problems.push(`Input '${name}' is '${text(name)}'; accepted values: true, false.`);
    return false;
  };
  const required = (name: InputName, why: string): string => {
    const value = text(name);
    if (!value) problems.push(`Input '${name}' is required: ${why}`);
    return value;
  };

  const list = (name: InputName): string[] =>
    text(name)
      .split(/[\s,]+/)
      .filter(Boolean);
  const count = (name: InputName, min: number, max: number): number => {
    const value = Number(text(name));
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`Input '${name}' is '${text(name)}'; give a whole number from ${min} to ${max}.`);
    return min;
  };

  /** One entry per line or comma, trimmed (patterns and labels may contain spaces). */
  const lines = (name: InputName): string[] =>
    text(name)
      .split(/[\n,]+/)
      .map((entry) => entry.trim())
      .filter(Boolean);
  return { text, optional, oneOf, bool, required, list, lines, count };
}

/** The rules of git check-ref-format that a branch prefix can break, checked before anything is spent. */
export function isBranchPrefix(prefix: string): boolean {
  const badComponent = prefix
    .split('/')
    .slice(0, -1)
    .some((part) => part === '' || part.startsWith('.') || part.endsWith('.lock'));
  return /^[A-Za-z0-9._/-]*$/.test(prefix) && !prefix.includes('..') && !prefix.startsWith('/') && !badComponent;
}

/** `allow-forks`: `false`, `true` (work and review), or `review` (review only: read-only, nothing pushed). */
export function forkSettings(value: string, problems: string[]): { allowForks: boolean; allowForkReviews: boolean } {
  const lower = value.toLowerCase();
  if (lower === 'true') return { allowForks: true, allowForkReviews: true };
  if (lower === 'review') return { allowForks: false, allowForkReviews: true };
  if (lower !== 'false') problems.push(`Input 'allow-forks' is '${value}'; accepted values: true, false, review.`);
  return { allowForks: false, allowForkReviews: false };
}

export function parseIdentity(value: string): Identity | undefined {
  const match = /^([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(value.trim());
  if (!match) return undefined;
  return { name: match[1] as string, email: match[2] as string };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
