// Owns the translation of app-server notifications for one turn into the `msg` objects that native
// `codex mcp-server` (0.153.4) sends in its `codex/event` notifications: session_configured, task_started,
// exec_command_begin/output_delta/end, patch_apply_begin/end, turn_diff, agent_message, agent_reasoning,
// token_count, stream_error, error, warning, task_complete, turn_aborted. Field names are the native
// snake_case ones that clients (our src/codex/events.ts among them) already read.
// A client can opt out of msg types it never reads (`--omit-events`): those are not built at all, and the
// app-server notifications that only feed them are not even asked for (APP_SERVER_METHOD_OF).
// Must never: invent data app-server did not send (missing numbers stay absent or use the native sentinel),
// emit anything for a notification it does not understand, or emit a msg type its client opted out of.
import path from 'node:path';
import type { AppServerMessage, JsonObject } from './app-server-client.js';

export type NativeEventMsg = { type: string } & JsonObject;

/** Every native msg type this translator can produce (the names `--omit-events` may list). */
export const BRIDGE_EVENT_TYPES: readonly string[] = [
  'session_configured',
  'task_started',
  'exec_command_begin',
  'exec_command_output_delta',
  'exec_command_end',
  'patch_apply_begin',
  'patch_apply_end',
  'turn_diff',
  'agent_message',
  'agent_reasoning',
  'token_count',
  'stream_error',
  'error',
  'warning',
  'task_complete',
  'turn_aborted',
];

/**
 * The app-server notification whose only use is one native msg type: a client that opts out of the type lets
 * the bridge opt out of the notification (initialize's `optOutNotificationMethods`), so app-server does not
 * even send it. The two carry the bulk of a long task: every output chunk of every command, and the turn's
 * whole diff again after each change.
 */
export const APP_SERVER_METHOD_OF: Readonly<Record<string, string>> = {
  exec_command_output_delta: 'item/commandExecution/outputDelta',
  turn_diff: 'turn/diff/updated',
};

/** The app-server notifications the bridge need not receive when its client omits `omitted`. */
export function appServerOptOuts(omitted: Iterable<string>): string[] {
  return [...omitted].flatMap((type) => (APP_SERVER_METHOD_OF[type] ? [APP_SERVER_METHOD_OF[type]] : []));
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const obj = (value: unknown): JsonObject =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};

/** The native session_configured message for a thread app-server has just started. */
export function sessionConfigured(threadId: string, model: string, cwd: string): NativeEventMsg {
  return { type: 'session_configured', session_id: threadId, thread_id: threadId, model, cwd };
}

/**
 * Splits a POSIX shell command line into words (single quotes, double quotes, backslashes), the inverse of
 * how app-server joins a command's argv into one string. Falls back to the line as one word when it does not parse.
 * Not shell-quote's parse (1.12.0): it expands `$HOME` to '' without an environment, reads `a#b` as a word and a
 * comment, and returns globs and operators as objects; undoing a join needs quotes and backslashes only.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return [line];
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (char === '"') {
      inWord = true;
      let closed = false;
      for (i++; i < line.length; i++) {
        const inner = line[i] as string;
        if (inner === '"') {
          closed = true;
          break;
        }
        if (inner === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1] as string)) {
          word += line[++i];
        } else {
          word += inner;
        }
      }
      if (!closed) return [line];
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words.length > 0 ? words : [line];
}

function duration(ms: unknown): { secs: number; nanos: number } | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return undefined;
  return { secs: Math.floor(ms / 1000), nanos: Math.round((ms % 1000) * 1e6) };
}

function tokenUsage(breakdown: unknown): JsonObject {
  const usage = obj(breakdown);
  return {
    input_tokens: usage.inputTokens,
    cached_input_tokens: usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
    reasoning_output_tokens: usage.reasoningOutputTokens,
    total_tokens: usage.totalTokens,
  };
}

/** Translates the notifications of one turn; keeps what the result needs (last agent message, the failure). */
export class TurnEventTranslator {
  lastAgentMessage: string | undefined;
  /** The message of the last non-retried error, which becomes the tool's error text. */
  failure: string | undefined;
  private errorEmitted = false;

  constructor(
    private readonly cwd: string,
    /** Msg types the client opted out of: never built, so nothing is spent on them (base64 of every output chunk). */
    private readonly omit: ReadonlySet<string> = new Set(),
  ) {}

  translate(message: AppServerMessage): NativeEventMsg[] {
    const msgs = this.translateAll(message);
    return this.omit.size === 0 ? msgs : msgs.filter((msg) => !this.omit.has(msg.type));
  }

  private translateAll(message: AppServerMessage): NativeEventMsg[] {
    const params = message.params;
    const turnId = str(params.turnId) || str(obj(params.turn).id);
    const withTurn = (msg: NativeEventMsg): NativeEventMsg => (turnId ? { ...msg, turn_id: turnId } : msg);
    switch (message.method) {
      case 'turn/started':
        return [withTurn({ type: 'task_started' })];
      case 'item/started':
        return this.itemStarted(obj(params.item)).map(withTurn);
      case 'item/completed':
        return this.itemCompleted(obj(params.item)).map(withTurn);
      case 'item/commandExecution/outputDelta':
        if (this.omit.has('exec_command_output_delta')) return [];
        return [
          withTurn({
            type: 'exec_command_output_delta',
            call_id: str(params.itemId),
            stream: 'stdout',
            chunk: Buffer.from(str(params.delta)).toString('base64'),
          }),
        ];
      case 'turn/diff/updated':
        if (this.omit.has('turn_diff')) return [];
        return [withTurn({ type: 'turn_diff', unified_diff: str(params.diff) })];
      case 'thread/tokenUsage/updated': {
        const usage = obj(params.tokenUsage);
        return [
          withTurn({
            type: 'token_count',
            info: {
              total_token_usage: tokenUsage(usage.total),
              last_token_usage: tokenUsage(usage.last),
              model_context_window: usage.modelContextWindow ?? null,
            },
          }),
        ];
      }
      case 'error': {
        const error = obj(params.error);
        const text = str(error.message) || 'Codex reported an error.';
        if (params.willRetry === true)
          return [
            withTurn({ type: 'stream_error', message: text, additional_details: error.additionalDetails ?? null }),
          ];
        this.failure = text;
        this.errorEmitted = true;
        return [withTurn({ type: 'error', message: text })];
      }
      case 'warning':
        return [withTurn({ type: 'warning', message: str(params.message) })];
      case 'deprecationNotice':
        return [
          withTurn({ type: 'warning', message: [str(params.summary), str(params.details)].filter(Boolean).join(' ') }),
        ];
      case 'turn/completed':
        return this.turnCompleted(obj(params.turn)).map(withTurn);
      default:
        return [];
    }
  }

  private itemStarted(item: JsonObject): NativeEventMsg[] {
    if (item.type === 'commandExecution') {
      return [
        {
          type: 'exec_command_begin',
          call_id: str(item.id),
          command: splitShellWords(str(item.command)),
          cwd: str(item.cwd) || this.cwd,
        },
      ];
    }
    if (item.type === 'fileChange') {
      return [
        {
          type: 'patch_apply_begin',
          call_id: str(item.id),
          auto_approved: true,
          changes: this.patchChanges(item.changes),
        },
      ];
    }
    return [];
  }

  private itemCompleted(item: JsonObject): NativeEventMsg[] {
    switch (item.type) {
      case 'commandExecution': {
        const output = str(item.aggregatedOutput);
        const exitCode = typeof item.exitCode === 'number' ? item.exitCode : -1;
        return [
          {
            type: 'exec_command_end',
            call_id: str(item.id),
            command: splitShellWords(str(item.command)),
            cwd: str(item.cwd) || this.cwd,
            exit_code: exitCode,
            ...(duration(item.durationMs) ? { duration: duration(item.durationMs) } : {}),
            // Native sends a command's merged output (it runs under a pty) as stdout, and stderr empty.
            stdout: output,
            stderr: '',
            aggregated_output: output,
            status: str(item.status),
          },
        ];
      }
      case 'fileChange':
        return [
          {
            type: 'patch_apply_end',
            call_id: str(item.id),
            success: item.status === 'completed',
            changes: this.patchChanges(item.changes),
            status: str(item.status),
          },
        ];
      case 'agentMessage':
        this.lastAgentMessage = str(item.text);
        return [{ type: 'agent_message', message: this.lastAgentMessage, phase: item.phase ?? null }];
      case 'reasoning': {
        const summary = (Array.isArray(item.summary) ? item.summary : [])
          .filter((part): part is string => typeof part === 'string')
          .join('\n');
        return summary ? [{ type: 'agent_reasoning', text: summary }] : [];
      }
      default:
        return [];
    }
  }

  private turnCompleted(turn: JsonObject): NativeEventMsg[] {
    const status = str(turn.status);
    if (status === 'completed') return [{ type: 'task_complete', last_agent_message: this.lastAgentMessage ?? null }];
    if (status === 'interrupted') return [{ type: 'turn_aborted', reason: 'interrupted' }];
    const message =
      str(obj(turn.error).message) || this.failure || `the turn ended with status '${status || 'unknown'}'`;
    this.failure ??= message;
    if (this.errorEmitted) return [];
    this.errorEmitted = true;
    return [{ type: 'error', message }];
  }

  /** app-server's list of changes as native's map keyed by absolute path. */
  private patchChanges(changes: unknown): JsonObject {
    const byPath: JsonObject = {};
    for (const change of Array.isArray(changes) ? changes : []) {
      const { path: file, kind, diff } = obj(change);
      const kindType = str(obj(kind).type);
      const absolute = path.resolve(this.cwd, str(file));
      if (kindType === 'update')
        byPath[absolute] = { type: 'update', unified_diff: str(diff), move_path: obj(kind).move_path ?? null };
      else byPath[absolute] = { type: kindType || 'update', content: str(diff) };
    }
    return byPath;
  }
}
