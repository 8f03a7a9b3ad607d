// Owns the typed event stream the rest of the action sees while Codex works. Codex's raw `codex/event`
// messages (dozens of types, some huge) are translated into the few events a person cares about:
// commands run, files patched, messages, token usage, warnings and errors. Unknown types are dropped.
// The events' shape is src/events.ts, shared with their listeners in report/.
import path from 'node:path';
import type { CodexEvent } from '../events.js';

export type { CodexEvent, CodexEventListener, TokenUsage } from '../events.js';

type RawMessage = Record<string, unknown> & { type?: unknown };

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Shows `bash -lc '<script>'` as the script itself, the way the model wrote it. */
export function displayCommand(command: unknown): string {
  if (typeof command === 'string') return command;
  if (!Array.isArray(command)) return '';
  const parts = command.map(String);
  const shellFlag = parts.findIndex((part) => part === '-lc' || part === '-c');
  if (shellFlag >= 0 && shellFlag === parts.length - 2 && /(^|\/)(ba|z)?sh$/.test(parts[0] ?? ''))
    return parts[shellFlag + 1] as string;
  return parts.join(' ');
}

/** Translates one `codex/event` message (the `msg` of its params) into zero or one CodexEvent. */
export function translateCodexMessage(msg: RawMessage, cwd: string): CodexEvent | undefined {
  switch (msg.type) {
    case 'session_configured':
      return { type: 'session', threadId: str(msg.thread_id) || str(msg.session_id), model: str(msg.model) };
    case 'exec_command_begin':
      return { type: 'command-start', id: str(msg.call_id), command: displayCommand(msg.command) };
    case 'exec_command_end': {
      const duration = (msg.duration ?? {}) as { secs?: unknown; nanos?: unknown };
      return {
        type: 'command-end',
        id: str(msg.call_id),
        command: displayCommand(msg.command),
        exitCode: num(msg.exit_code),
        durationMs: Math.round(num(duration.secs) * 1000 + num(duration.nanos) / 1e6),
        output: str(msg.aggregated_output) || str(msg.stdout) + str(msg.stderr),
      };
    }
    case 'patch_apply_end': {
      const changes = (msg.changes ?? {}) as Record<string, unknown>;
      const files = Object.keys(changes).map((file) =>
        path.isAbsolute(file) ? path.relative(cwd, file) || file : file,
      );
      return { type: 'patch', id: str(msg.call_id), files, success: msg.success === true };
    }
    case 'agent_message':
      return { type: 'message', text: str(msg.message) };
    case 'token_count': {
      const total = ((msg.info as Record<string, unknown> | null)?.total_token_usage ?? undefined) as
        Record<string, unknown> | undefined;
      if (!total) return undefined;
      return {
        type: 'usage',
        usage: {
          input: num(total.input_tokens),
          cachedInput: num(total.cached_input_tokens),
          output: num(total.output_tokens),
          total: num(total.total_tokens),
        },
      };
    }
    case 'warning':
    case 'stream_error':
      return { type: 'warning', message: str(msg.message) };
    case 'error':
      return { type: 'error', message: str(msg.message) };
    case 'turn_aborted':
      return { type: 'error', message: `the turn was aborted (${str(msg.reason) || 'no reason given'})` };
    case 'task_complete':
      return { type: 'complete', finalMessage: str(msg.last_agent_message) };
    default:
      return undefined;
  }
}
