// Owns the last line of defence against a hung run: whatever stage is stuck, when the whole run's budget
// is spent the watchdog stops Codex, lets the report stage write its final word (briefly), and exits.
import * as core from '@actions/core';

/** Time the action gives itself beyond Codex's own timeout for install, git, the API and reporting. */
export const WATCHDOG_MARGIN_MS = 10 * 60_000;

export interface Watchdog {
  stop(): void;
}

/** `finalReportMs` bounds `onExpire`: a hung report must not keep a hung run alive. */
export function startWatchdog(budgetMs: number, onExpire: () => Promise<void>, finalReportMs = 30_000): Watchdog {
  const timer = setTimeout(() => {
    core.error(
      `The action did not finish within ${Math.round(budgetMs / 60_000)} minutes; its watchdog is stopping it.`,
    );
    const last = Promise.race([
      onExpire().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, finalReportMs)),
    ]);
    void last.finally(() => process.exit(1));
  }, budgetMs);
  // The watchdog never keeps the process alive by itself.
  timer.unref();
  return { stop: () => clearTimeout(timer) };
}
