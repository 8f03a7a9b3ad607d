// Owns the conversation with Codex over MCP: start the MCP server run.ts chose (`codex mcp-server`, or the
// bridge dist/mcp-server.js over `codex app-server`) as a child process over the action's own stdio
// transport (stdio-transport.ts, which skips the bulky events this file never reads unparsed), check
// it offers the `codex` tool, call it with locked-down settings, turn its `codex/event` notifications into
// CodexEvents, bound the call by a deadline, and stop the server and every process it started, whatever
// happened.
// Must never: pass GitHub or runner credentials to the child (its environment comes from codex/home.ts),
// or leave a Codex process running after close().
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { ActionError, getErrorMessage } from '../errors.js';
import type { SandboxMode } from '../settings.js';
import type { ApprovalAnswer, ApprovalRequest } from './approvals.js';
import { approvalRequestFromElicitation, elicitationResult } from './approvals.js';
import type { CodexEventListener, TokenUsage } from './events.js';
import { translateCodexMessage } from './events.js';
import { sweepRunProcesses } from './process-tree.js';
import { existingRunMarker } from '../child-env.js';
import { CodexStdioTransport } from './stdio-transport.js';

export interface CodexTaskRequest {
  prompt: string;
  cwd: string;
  model: string | undefined;
  sandbox: SandboxMode;
  timeoutMs: number;
  /** Trusted instructions (the action's rules, the maintainer's, AGENTS.md of the base branch). */
  developerInstructions: string | undefined;
  /** `never`, or `on-request`: Codex may ask to go beyond its dials and `answerApproval` answers. */
  approvalPolicy?: 'never' | 'on-request';
}

export type CodexTaskStatus = 'completed' | 'failed' | 'timed-out';

export interface CodexTaskResult {
  status: CodexTaskStatus;
  threadId: string | undefined;
  finalMessage: string;
  /** Why the task failed or timed out, in one sentence. */
  error: string | undefined;
  usage: TokenUsage | undefined;
}

export interface CodexSession {
  readonly serverName: string;
  runTask(request: CodexTaskRequest, onEvent: CodexEventListener): Promise<CodexTaskResult>;
  /** Stops the server and its children; safe to call more than once. */
  close(): Promise<void>;
}

export interface CodexSessionOptions {
  /** The MCP server to start: `codex mcp-server`, or the bridge (`node dist/mcp-server.js --codex <binary>`). */
  command: string;
  args: string[];
  version: string;
  env: Record<string, string>;
  cwd: string;
  /** Called with Codex's stderr lines (warnings, deprecation notices), and with the MCP client's own notices (a skipped message). */
  onStderr?: (line: string) => void;
  /** Answers Codex's approval requests (MCP elicitations) at once; without it every request is declined. */
  answerApproval?: (request: ApprovalRequest) => ApprovalAnswer;
}

export type CodexSessionFactory = (options: CodexSessionOptions) => Promise<CodexSession>;

const START_TIMEOUT_MS = 60_000;

/**
 * `codex/event` msg types that translateCodexMessage (events.ts) ignores and that are large or come by the
 * thousand; the transport skips their lines without parsing them. A long task sends tens of thousands of
 * output deltas, and each command's whole output twice more (item_completed, next to exec_command_end which
 * events.ts reads). test/unit/stdio-transport.test.ts checks that events.ts still ignores each of them.
 */
export const UNREAD_CODEX_EVENTS: readonly string[] = [
  'exec_command_output_delta',
  'item_started',
  'item_completed',
  'raw_response_item',
  'turn_diff',
  'agent_message_delta',
  'agent_message_content_delta',
  'agent_reasoning_delta',
  'agent_reasoning_raw_content_delta',
  'reasoning_content_delta',
  'reasoning_raw_content_delta',
];

export const startMcpSession: CodexSessionFactory = async (options) => {
  const transport = new CodexStdioTransport({
    command: options.command,
    args: options.args,
    env: options.env,
    cwd: options.cwd,
    dropCodexEvents: UNREAD_CODEX_EVENTS,
  });
  const stderrTail = new TailBuffer(4000);
  transport.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stderrTail.push(text);
    for (const line of text.split('\n')) if (line.trim()) options.onStderr?.(line);
  });

  // The action answers Codex's approval requests itself, from the dials (approvals.ts): a client that declared no
  // elicitation support would leave native `codex mcp-server` waiting forever.
  const client = new Client({ name: 'codex-task-action', version: '1' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(CodexElicitRequestSchema, (request) => {
    const approval = approvalRequestFromElicitation(request.params as Record<string, unknown>);
    const answer = options.answerApproval?.(approval) ?? { decision: 'declined', why: 'no approval policy was given' };
    return elicitationResult(answer);
  });
  client.onerror = (error) => options.onStderr?.(`(MCP client) ${getErrorMessage(error)}`);
  const session = new McpCodexSession(client, transport, stderrTail);
  try {
    await client.connect(transport, { timeout: START_TIMEOUT_MS });
    const { tools } = await client.listTools(undefined, { timeout: START_TIMEOUT_MS });
    if (!tools.some((tool) => tool.name === 'codex')) {
      throw new ActionError(
        `Codex ${options.version} started as an MCP server but offers no 'codex' tool (it offers: ${tools.map((tool) => tool.name).join(', ') || 'nothing'}).`,
        "Use a Codex release that ships `codex mcp-server` with the codex tool, such as 0.153.4, or set codex-server to 'bridge'.",
      );
    }
  } catch (error) {
    await session.close();
    if (error instanceof ActionError) throw error;
    throw new ActionError(
      `Codex ${options.version} could not be started as an MCP server: ${getErrorMessage(error)}${stderrTail.text() ? ` (stderr: ${stderrTail.text().trim().slice(-500)})` : ''}`,
      "Check codex-version, codex-path and codex-server; `codex mcp-server` exists up to 0.153.4, newer releases need codex-server 'auto' or 'bridge'.",
    );
  }
  return session;
};

/** An MCP elicitation request that keeps Codex's own `codex_*` fields (the SDK's schema drops them). */
const CodexElicitRequestSchema = z.object({
  method: z.literal('elicitation/create'),
  params: z.looseObject({ message: z.string() }),
});

/** Every session not yet closed, so the watchdog can stop Codex even when the stage that started it is stuck. */
const openSessions = new Set<CodexSession>();

export async function closeAllSessions(): Promise<void> {
  await Promise.all([...openSessions].map((session) => session.close()));
}

class McpCodexSession implements CodexSession {
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly transport: CodexStdioTransport,
    private readonly stderrTail: TailBuffer,
  ) {
    openSessions.add(this);
  }

  get serverName(): string {
    const info = this.client.getServerVersion();
    return info ? `${info.name} ${info.version}` : 'codex mcp-server';
  }

  async runTask(request: CodexTaskRequest, onEvent: CodexEventListener): Promise<CodexTaskResult> {
    let threadId: string | undefined;
    let usage: TokenUsage | undefined;
    let lastError: string | undefined;
    this.client.fallbackNotificationHandler = async (notification) => {
      if (notification.method !== 'codex/event') return;
      const msg = (notification.params as { msg?: Record<string, unknown> } | undefined)?.msg;
      if (!msg) return;
      const event = translateCodexMessage(msg, request.cwd);
      if (!event) return;
      if (event.type === 'session') threadId = event.threadId;
      if (event.type === 'usage') usage = event.usage;
      if (event.type === 'error') lastError = event.message;
      onEvent(event);
    };

    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, request.timeoutMs);
    try {
      const result = await this.client.callTool(
        {
          name: 'codex',
          arguments: {
            prompt: request.prompt,
            cwd: request.cwd,
            'approval-policy': request.approvalPolicy ?? 'never',
            sandbox: request.sandbox,
            ...(request.model ? { model: request.model } : {}),
            ...(request.developerInstructions ? { 'developer-instructions': request.developerInstructions } : {}),
          },
        },
        CallToolResultSchema,
        // Codex sends no MCP progress notifications, so the SDK's 60 s default would end every real task.
        { signal: deadline.signal, timeout: request.timeoutMs + 60_000, maxTotalTimeout: request.timeoutMs + 60_000 },
      );
      const structured = result.structuredContent as { threadId?: unknown; content?: unknown } | undefined;
      if (typeof structured?.threadId === 'string') threadId = structured.threadId;
      const content = (Array.isArray(result.content) ? result.content : []) as Array<{ type: string; text?: string }>;
      const text = content
        .map((part) => (part.type === 'text' ? (part.text ?? '') : ''))
        .join('\n')
        .trim();
      if (result.isError) {
        return {
          status: 'failed',
          threadId,
          finalMessage: '',
          error: text || lastError || 'Codex reported an error.',
          usage,
        };
      }
      return { status: 'completed', threadId, finalMessage: text, error: undefined, usage };
    } catch (error) {
      if (timedOut) {
        return {
          status: 'timed-out',
          threadId,
          finalMessage: '',
          error: `Codex did not finish within ${Math.round(request.timeoutMs / 60_000)} minute(s).`,
          usage,
        };
      }
      const stderr = this.stderrTail.text().trim();
      return {
        status: 'failed',
        threadId,
        finalMessage: '',
        error: `${lastError ?? `the Codex MCP server stopped answering: ${getErrorMessage(error)}`}${stderr && !lastError ? ` (stderr: ${stderr.slice(-300)})` : ''}`,
        usage,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    openSessions.delete(this);
    // Codex does not exit when its client goes away mid-task, and its commands run in children of their own:
    // closing the transport stops the server's tree (stdio-transport.ts notes it while the server still runs,
    // then kills its group and the tree). The client's close closes the same transport; the transport's own
    // close, idempotent, is awaited as well, in case the client's threw first. Commands that detached (setsid,
    // nohup, a double fork) left the tree, and the sweep finds them by the run's marker.
    try {
      await this.client.close();
    } catch {
      // A broken pipe or a dead connection: the transport's close below still stops the tree.
    }
    await this.transport.close();
    sweepRunProcesses({ marker: existingRunMarker() });
  }
}

/** Keeps the last `limit` characters of a stream, for error messages. */
class TailBuffer {
  private buffer = '';
  constructor(private readonly limit: number) {}
  push(text: string): void {
    this.buffer = (this.buffer + text).slice(-this.limit);
  }
  text(): string {
    return this.buffer;
  }
}
