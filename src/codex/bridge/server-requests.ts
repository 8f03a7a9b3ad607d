// Owns the answers to requests app-server sends to its client: approvals for commands, file changes and
// extra permissions, questions for the user, elicitations, client-side tool calls. Approval requests are
// forwarded to the bridge's MCP client as `elicitation/create` requests shaped like native `codex mcp-server`'s
// (`codex_elicitation`, `codex_command`, …; see elicitationForApproval) when that client declared elicitation
// support, and its answer is carried back. Otherwise, and for everything else, the bridge answers at once by
// itself: every request for more power is declined. The model learns it was declined and carries on.
// Must never: approve anything by itself, grant a permission the client did not accept, or leave a request
// unanswered (app-server would wait forever).
import type { AppServerMessage, JsonObject, ServerRequestAnswer } from './app-server-client.js';

export interface ServerRequestDecision {
  answer: ServerRequestAnswer;
  /** One sentence for the event stream, or undefined when the request is routine. */
  notice: string | undefined;
}

const declined = (what: string): string =>
  `Codex asked for approval to ${what}; the bridge declined (no one can approve in an unattended run).`;

export function decideServerRequest(request: AppServerMessage): ServerRequestDecision {
  const params = request.params;
  switch (request.method) {
    case 'item/commandExecution/requestApproval':
      return {
        answer: { result: { decision: 'decline' } },
        notice: declined(`run \`${String(params.command ?? 'a command')}\``),
      };
    case 'item/fileChange/requestApproval':
      return { answer: { result: { decision: 'decline' } }, notice: declined('change files') };
    case 'item/permissions/requestApproval':
      return { answer: { result: { permissions: {}, scope: 'turn' } }, notice: declined('get extra permissions') };
    // The v1 forms, still in the schema.
    case 'execCommandApproval':
      return { answer: { result: { decision: 'denied' } }, notice: declined('run a command') };
    case 'applyPatchApproval':
      return { answer: { result: { decision: 'denied' } }, notice: declined('apply a patch') };
    case 'item/tool/requestUserInput':
      return {
        answer: { result: { answers: {} } },
        notice: 'Codex asked the user a question; the bridge has no user to ask and sent no answers.',
      };
    case 'mcpServer/elicitation/request':
      return {
        answer: { result: { action: 'decline' } },
        notice: 'An MCP server configured in Codex asked for user input; the bridge declined.',
      };
    case 'item/tool/call':
      return {
        answer: {
          result: {
            success: false,
            contentItems: [{ type: 'inputText', text: 'The MCP bridge provides no client-side tools.' }],
          },
        },
        notice: undefined,
      };
    case 'currentTime/read':
      return { answer: { result: { currentTimeAt: Math.floor(Date.now() / 1000) } }, notice: undefined };
    default:
      return {
        answer: { error: { code: -32601, message: `The MCP bridge does not handle ${request.method}.` } },
        notice: undefined,
      };
  }
}

/** The approval requests the bridge forwards to its MCP client. */
const FORWARDED = new Set([
  'item/commandExecution/requestApproval',
  'item/fileChange/requestApproval',
  'item/permissions/requestApproval',
]);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The `elicitation/create` params for an app-server approval request, in native `codex mcp-server`'s shape, or
 * undefined for a request the bridge does not forward. A network approval (managed network proxy) carries the
 * host in `codex_network_host`, which native 0.153.4 never sent.
 */
export function elicitationForApproval(
  request: AppServerMessage,
  mcpToolCallId: string | number,
): JsonObject | undefined {
  if (!FORWARDED.has(request.method)) return undefined;
  const params = request.params;
  const common = {
    requestedSchema: { type: 'object', properties: {} },
    codex_mcp_tool_call_id: String(mcpToolCallId),
    codex_event_id: text(params.turnId),
    codex_call_id: text(params.itemId),
  };
  switch (request.method) {
    case 'item/commandExecution/requestApproval': {
      const command = text(params.command);
      const network = params.networkApprovalContext as { host?: unknown; protocol?: unknown } | null | undefined;
      const host = text(network?.host);
      return {
        ...common,
        message: host
          ? `Allow Codex to reach ${host}?`
          : `Allow Codex to run \`${command}\`${text(params.reason) ? ` (${text(params.reason)})` : ''}?`,
        codex_elicitation: 'exec-approval',
        codex_command: commandArgv(command),
        codex_cwd: text(params.cwd),
        ...(host ? { codex_network_host: host, codex_network_protocol: text(network?.protocol) } : {}),
      };
    }
    case 'item/fileChange/requestApproval':
      return {
        ...common,
        message: `Allow Codex to apply changes${text(params.grantRoot) ? ` under ${text(params.grantRoot)}` : ''}?`,
        codex_elicitation: 'patch-approval',
        codex_reason: text(params.reason),
        codex_grant_root: text(params.grantRoot),
      };
    default:
      return {
        ...common,
        message: 'Allow Codex extra sandbox permissions?',
        codex_elicitation: 'permissions-approval',
        codex_reason: text(params.reason),
      };
  }
}

/**
 * app-server's answer to a forwarded request, from the MCP client's: native's `decision` ("approved",
 * "approved_for_session", "denied" or `{denied: {…}}`, "abort"), else the MCP `action`. Anything unclear is a decline.
 */
export function answerFromElicitation(
  request: AppServerMessage,
  result: { action?: unknown; decision?: unknown },
): ServerRequestAnswer {
  const accepted =
    result.decision === 'approved' ||
    result.decision === 'approved_for_session' ||
    (result.decision === undefined && result.action === 'accept');
  if (request.method === 'item/permissions/requestApproval') {
    return { result: { permissions: accepted ? (request.params.permissions ?? {}) : {}, scope: 'turn' } };
  }
  if (!accepted)
    return { result: { decision: result.decision === 'abort' || result.action === 'cancel' ? 'cancel' : 'decline' } };
  return { result: { decision: result.decision === 'approved_for_session' ? 'acceptForSession' : 'accept' } };
}

/** app-server shows a command as one string (`/bin/bash -lc 'script'`); native sends the argv, which this recovers. */
export function commandArgv(command: string): string[] {
  const shell = /^(\S*sh) (-lc|-c) '((?:[^']|'\\'')*)'$/s.exec(command);
  if (shell) return [shell[1] as string, shell[2] as string, (shell[3] as string).replace(/'\\''/g, "'")];
  return command ? [command] : [];
}
