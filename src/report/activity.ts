// Owns what the action remembers and prints of Codex's work while it happens: one readable log line per
// command, patch, message and warning; the ordered steps the progress comment shows; and the counts the
// final report needs. Output and memory are bounded: a long-running task cannot flood the log.
import * as core from '@actions/core';
import { groupDigits } from '../digits.js';
import type { CodexEvent, TokenUsage } from '../events.js';
import { inertLogText } from './inert-log.js';
import { createSecretScanner } from './redact.js';

const redactTokenShapes = createSecretScanner([]).redact;

export interface CommandRecord {
  command: string;
  exitCode: number;
  durationMs: number;
}

/** One line of the progress checklist. */
export type Step =
  | {
      kind: 'command';
      id: string;
      command: string;
      state: 'running' | 'ok' | 'failed';
      exitCode?: number;
      durationMs?: number;
    }
  | { kind: 'edit'; files: string[]; ok: boolean };

/** Steps kept for the progress comment; older ones are counted, not kept. */
const MAX_STEPS = 50;

const MAX_LOGGED_OUTPUT_LINES = 12;
const MAX_LINE = 300;

export class Activity {
  readonly commands: CommandRecord[] = [];
  readonly steps: Step[] = [];
  droppedSteps = 0;
  /** Called after every event that changes what the progress comment shows. */
  onChange: (() => void) | undefined;
  readonly patchedFiles = new Set<string>();
  usage: TokenUsage | undefined;

  /** Scrubs secrets from every log line; the runner masks only the values it was told about. */
  redact: (text: string) => string = redactTokenShapes;

  constructor(private readonly write: (line: string) => void = core.info) {}

  private log(line: string): void {
    // Every line here quotes the agent: its messages, its commands and their output.
    this.write(inertLogText(this.redact(line)));
  }

  readonly listener = (event: CodexEvent): void => {
    switch (event.type) {
      case 'session':
        this.log(`Codex session ${event.threadId}${event.model ? ` (model ${event.model})` : ''}`);
        break;
      case 'command-start':
        this.log(`$ ${clip(event.command)}`);
        this.addStep({ kind: 'command', id: event.id, command: event.command, state: 'running' });
        break;
      case 'command-end': {
        this.commands.push({ command: event.command, exitCode: event.exitCode, durationMs: event.durationMs });
        const running = this.steps.find(
          (step) => step.kind === 'command' && step.id === event.id && step.state === 'running',
        );
        if (running?.kind === 'command')
          Object.assign(running, {
            state: event.exitCode === 0 ? 'ok' : 'failed',
            exitCode: event.exitCode,
            durationMs: event.durationMs,
          });
        else
          this.addStep({
            kind: 'command',
            id: event.id,
            command: event.command,
            state: event.exitCode === 0 ? 'ok' : 'failed',
            exitCode: event.exitCode,
            durationMs: event.durationMs,
          });
        this.onChange?.();
        this.log(`  exit ${event.exitCode} in ${formatDuration(event.durationMs)}`);
        if (event.exitCode !== 0) {
          const lines = event.output.trimEnd().split('\n').filter(Boolean);
          for (const line of lines.slice(-MAX_LOGGED_OUTPUT_LINES)) this.log(`  | ${clip(line)}`);
        }
        break;
      }
      case 'patch':
        for (const file of event.files) this.patchedFiles.add(file);
        this.log(`${event.success ? 'patched' : 'patch FAILED on'} ${event.files.join(', ')}`);
        this.addStep({ kind: 'edit', files: event.files, ok: event.success });
        break;
      case 'message':
        this.log(`Codex: ${event.text}`);
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'warning':
        this.log(`warning: ${clip(event.message)}`);
        break;
      case 'error':
        this.log(`error: ${clip(event.message)}`);
        break;
      case 'complete':
        break;
    }
  };

  private addStep(step: Step): void {
    this.steps.push(step);
    if (this.steps.length > MAX_STEPS) {
      this.steps.shift();
      this.droppedSteps++;
    }
    this.onChange?.();
  }
}

function clip(text: string): string {
  const line = text.replace(/\s*[\r\n]\s*/g, ' ⏎ ');
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function formatUsage(usage: TokenUsage | undefined): string {
  if (!usage) return 'not reported';
  return `${groupDigits(usage.total)} tokens (${groupDigits(usage.input)} in, ${groupDigits(usage.output)} out)`;
}
