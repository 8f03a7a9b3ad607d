// Owns the MCP face of the bridge: an McpServer offering `codex` and `codex-reply` as native
// `codex mcp-server` 0.153.4 did, each call carried out as app-server requests (`thread/start` or
// `thread/resume`, then one turn), its progress sent as `codex/event` notifications, its outcome returned
// as native's result shape: the last agent message as text plus `structuredContent {threadId, content}`,
// or `isError` with the reason. A new thread's working directory stays untrusted unless config says otherwise
// (project-trust.ts), as with native.
// Must never: write to stdout itself (the transport owns it), let a tool call end without a result, or
// change a caller's approval policy or sandbox.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { getErrorMessage } from '../../errors.js';
import path from 'node:path';
import type { AppServerClient, AppServerMessage, JsonObject, ServerRequestAnswer } from './app-server-client.js';
import { runTurn, type TurnOutcome } from './codex-turn.js';
import type { AppServerConnection } from './connection.js';
import { TurnEventTranslator, sessionConfigured, type NativeEventMsg } from './event-translation.js';
import { withoutImplicitTrust, type UserConfig } from './project-trust.js';
import { GuardedTransport } from './request-guard.js';
import { answerFromElicitation, elicitationForApproval } from './server-requests.js';
import { CODEX_REPLY_TOOL, CODEX_TOOL, type CodexReplyToolArguments, type CodexToolArguments } from './tool-schemas.js';

type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const THREAD_START_TIMEOUT_MS = 120_000;
/** How long the MCP client may take to answer a forwarded approval request before the bridge declines it. */
const APPROVAL_ANSWER_TIMEOUT_MS = 10 * 60_000;

export const BRIDGE_SERVER_NAME = 'codex-mcp-bridge';

export class BridgeServer {
  readonly mcp: McpServer;
  /** Working directory of each thread this process has started or resumed, to resolve patch paths. */
  private readonly threadCwd = new Map<string, string>();

  constructor(
    private readonly connection: AppServerConnection,
    codexVersion: string,
    /**
     * Set by the process's `--output-schema`: every turn's final message follows this JSON schema. `omitEvents`,
     * from `--omit-events`: native msg types the client never reads, neither built nor sent.
     */
    private readonly options: { outputSchema?: Record<string, unknown>; omitEvents?: ReadonlySet<string> } = {},
  ) {
    this.mcp = new McpServer({ name: BRIDGE_SERVER_NAME, title: 'Codex', version: codexVersion });
    this.mcp.registerTool(CODEX_TOOL.name, CODEX_TOOL, (args, extra) => this.codex(args, extra));
    this.mcp.registerTool(CODEX_REPLY_TOOL.name, CODEX_REPLY_TOOL, (args, extra) => this.codexReply(args, extra));
  }

  connect(transport: Transport): Promise<void> {
    return this.mcp.connect(new GuardedTransport(transport));
  }

  private async codex(args: CodexToolArguments, extra: ToolExtra): Promise<CallToolResult> {
    const client = await this.connection.client();
    if (!client.ok) return errorResult(client.error);
    const cwd = path.resolve(args.cwd ?? process.cwd());

    // User-level config only (no cwd: a checkout's own .codex/config.toml must not decide its trust).
    const userConfig = await client.value.request<{ config?: UserConfig }>(
      'config/read',
      {},
      { timeoutMs: THREAD_START_TIMEOUT_MS, signal: extra.signal },
    );
    const params = withoutImplicitTrust(
      threadStartParams(args, cwd),
      cwd,
      userConfig.ok ? (userConfig.value.config ?? {}) : {},
    );

    // Warnings about the new thread (an unknown model, say) arrive before its id does.
    const beforeStart: AppServerMessage[] = [];
    const unsubscribe = client.value.subscribe((message) => beforeStart.push(message));
    const started = await client.value.request<{ thread?: { id?: string }; model?: string }>('thread/start', params, {
      timeoutMs: THREAD_START_TIMEOUT_MS,
      signal: extra.signal,
    });
    unsubscribe();
    if (!started.ok) return errorResult(`Failed to start a Codex session: ${started.error.message}`);
    const threadId = started.value.thread?.id ?? '';
    this.threadCwd.set(threadId, cwd);

    const emit = eventSender(extra, threadId, this.options.omitEvents);
    emit('', sessionConfigured(threadId, started.value.model ?? args.model ?? '', cwd));
    const translator = new TurnEventTranslator(cwd, this.options.omitEvents);
    for (const message of beforeStart) {
      if (message.method === 'warning' && message.params.threadId === threadId)
        for (const msg of translator.translate(message)) emit('', msg);
    }
    return this.turn(client.value, threadId, args.prompt, extra);
  }

  private async codexReply(args: CodexReplyToolArguments, extra: ToolExtra): Promise<CallToolResult> {
    const threadId = args.threadId ?? args.conversationId;
    if (!threadId) return errorResult('Failed to parse thread_id: either threadId or conversationId must be provided');
    const client = await this.connection.client();
    if (!client.ok) return errorResult(client.error);
    return this.turn(client.value, threadId, args.prompt, extra);
  }

  /** Runs one turn; a thread this app-server does not have loaded (it was restarted) is resumed from disk first. */
  private async turn(
    client: AppServerClient,
    threadId: string,
    prompt: string,
    extra: ToolExtra,
  ): Promise<CallToolResult> {
    const emit = eventSender(extra, threadId, this.options.omitEvents);
    const stopNotices = this.connection.onNotice(threadId, (notice) => emit('', { type: 'warning', message: notice }));
    const stopForwarding = this.connection.onApprovalRequest(threadId, (request) =>
      this.forwardApproval(request, extra, emit),
    );
    try {
      const outputSchema = this.options.outputSchema;
      const turnRequest = () => ({
        client,
        threadId,
        prompt,
        cwd: this.threadCwd.get(threadId) ?? process.cwd(),
        signal: extra.signal,
        emit,
        outputSchema,
        omitEvents: this.options.omitEvents,
      });
      let outcome = await runTurn(turnRequest());
      if (outcome.status === 'rejected' && /^thread not found/i.test(outcome.error.message)) {
        const resumed = await client.request<{ cwd?: string }>(
          'thread/resume',
          { threadId, excludeTurns: true },
          { timeoutMs: THREAD_START_TIMEOUT_MS, signal: extra.signal },
        );
        if (!resumed.ok) return errorResult(`Session not found for thread_id: ${threadId}`, threadId);
        if (resumed.value.cwd) this.threadCwd.set(threadId, resumed.value.cwd);
        outcome = await runTurn(turnRequest());
      }
      return toolResult(outcome, threadId);
    } finally {
      stopForwarding();
      stopNotices();
    }
  }

  /**
   * Asks the MCP client about an approval request as native `codex mcp-server` does, tied to the tool call. A client
   * that declared no elicitation support is not asked (undefined: the bridge declines by itself); one that fails
   * or takes too long to answer gets the request declined.
   */
  private async forwardApproval(
    request: AppServerMessage,
    extra: ToolExtra,
    emit: (turnId: string, msg: NativeEventMsg) => void,
  ): Promise<ServerRequestAnswer | undefined> {
    if (!this.mcp.server.getClientCapabilities()?.elicitation) return undefined;
    const params = elicitationForApproval(request, extra.requestId);
    if (!params) return undefined;
    try {
      const result = await extra.sendRequest(
        { method: 'elicitation/create', params } as unknown as ServerRequest,
        ElicitResultSchema,
        {
          timeout: APPROVAL_ANSWER_TIMEOUT_MS,
          signal: extra.signal,
        },
      );
      return answerFromElicitation(request, result as { action?: unknown; decision?: unknown });
    } catch (error) {
      emit('', {
        type: 'warning',
        message: `The MCP client did not answer an approval request (${getErrorMessage(error)}); the bridge declined it.`,
      });
      return answerFromElicitation(request, { action: 'decline' });
    }
  }
}

function threadStartParams(args: CodexToolArguments, cwd: string): JsonObject {
  const config: JsonObject = { ...args.config };
  if (args['compact-prompt'] !== undefined) config.compact_prompt = args['compact-prompt'];
  return {
    cwd,
    ...(args.model !== undefined ? { model: args.model } : {}),
    ...(args['approval-policy'] !== undefined ? { approvalPolicy: args['approval-policy'] } : {}),
    ...(args.sandbox !== undefined ? { sandbox: args.sandbox } : {}),
    ...(args['base-instructions'] !== undefined ? { baseInstructions: args['base-instructions'] } : {}),
    ...(args['developer-instructions'] !== undefined ? { developerInstructions: args['developer-instructions'] } : {}),
    ...(Object.keys(config).length > 0 ? { config } : {}),
  };
}

/** Sends native `codex/event` notifications tied to the MCP request; the SDK drops them once it is cancelled. */
function eventSender(
  extra: ToolExtra,
  threadId: string,
  omit: ReadonlySet<string> = new Set(),
): (turnId: string, msg: NativeEventMsg) => void {
  return (turnId, msg) => {
    if (omit.has(msg.type)) return;
    const notification = {
      method: 'codex/event',
      params: { _meta: { requestId: extra.requestId, threadId }, id: turnId, msg },
    };
    // codex/event is not one of the SDK's typed notifications; on the wire it is what native sends.
    extra.sendNotification(notification as unknown as ServerNotification).catch(() => undefined);
  };
}

function toolResult(outcome: TurnOutcome, threadId: string): CallToolResult {
  switch (outcome.status) {
    case 'completed':
      return {
        content: [{ type: 'text', text: outcome.lastAgentMessage }],
        structuredContent: { threadId, content: outcome.lastAgentMessage },
      };
    case 'failed':
      return errorResult(outcome.error, threadId);
    case 'rejected':
      return errorResult(outcome.error.message, threadId);
    case 'cancelled':
      return errorResult('The Codex turn was cancelled by the client.', threadId);
  }
}

function errorResult(text: string, threadId?: string): CallToolResult {
  return {
    content: [{ type: 'text', text }],
    ...(threadId ? { structuredContent: { threadId, content: text } } : {}),
    isError: true,
  };
}
