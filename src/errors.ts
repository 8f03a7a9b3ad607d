// Error helpers shared by every stage: one way to turn an unknown throw into a sentence,
// and a Result type for failures that are expected (refusals, rejected pushes) rather than exceptional.

export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E = string>(error: E): Result<never, E> => ({ ok: false, error });

/**
 * A failure a person can act on: `message` says what failed and why, `hint` what to change.
 * Thrown where the pipeline cannot go on; main.ts reports it on the issue and in the log.
 */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}
