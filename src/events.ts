// Owns the shape of the event stream while Codex works: what codex/ emits (codex/events.ts translates Codex's raw
// messages into it) and what the listeners of report/ read (the log, the progress comment, the summary). Events
// flow one way, from Codex to the listeners. Types only: must never hold code, or import a stage.

export interface TokenUsage {
  input: number;
  cachedInput: number;
  output: number;
  total: number;
}

export type CodexEvent =
  | { type: 'session'; threadId: string; model: string }
  | { type: 'command-start'; id: string; command: string }
  | { type: 'command-end'; id: string; command: string; exitCode: number; durationMs: number; output: string }
  | { type: 'patch'; id: string; files: string[]; success: boolean }
  | { type: 'message'; text: string }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'warning'; message: string }
  | { type: 'error'; message: string }
  | { type: 'complete'; finalMessage: string };

export type CodexEventListener = (event: CodexEvent) => void;

/** The hosts Codex's managed network proxy let commands reach or refused (codex/network.ts reads them from its log). */
export interface NetworkActivity {
  /** Hosts the proxy let a command reach, in the order first seen. */
  reached: string[];
  /** Hosts it refused, with its reason in words, in the order first seen. */
  refused: Array<{ host: string; reason: string }>;
  /** Decisions about further hosts, left out of the lists. */
  omitted: number;
}
