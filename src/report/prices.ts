// Owns the one table of model prices the action uses to estimate what a run cost. Estimates only: the bill is
// the provider's. A model not listed here gets no estimate, never a guess.
// Must never: be read as a budget (budgets are tokens and requests, enforced by codex/model-proxy.ts).

/**
 * When the table was last checked. On that day the gpt-5 and gpt-5-mini rates agreed with two public copies of
 * OpenAI's API pricing page (https://openai.com/api/pricing); the other rows are the same tiers of that family
 * and were not checked one by one. Check them again before relying on an estimate.
 */
export const PRICES_DATE = '2026-12-06';

export interface ModelPrice {
  /** US dollars per million tokens. */
  input: number;
  cachedInput: number;
  output: number;
}

const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-codex': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5.1': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5.1-codex': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5.1-codex-max': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5.1-codex-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
};

export function priceOf(model: string | undefined): ModelPrice | undefined {
  return model ? MODEL_PRICES[model.toLowerCase()] : undefined;
}

/** Estimated cost in US dollars; cached input is part of input and billed at its own rate. */
export function estimateCost(price: ModelPrice, usage: { input: number; cachedInput: number; output: number }): number {
  const cached = Math.min(usage.cachedInput, usage.input);
  return ((usage.input - cached) * price.input + cached * price.cachedInput + usage.output * price.output) / 1_000_000;
}
