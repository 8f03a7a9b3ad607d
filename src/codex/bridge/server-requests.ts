// Owns the answers to requests app-server sends to its client: approvals for commands, file changes and
// extra permissions, questions for the user, elicitations, client-side tool calls. The bridge serves
// unattended runs: no person can be asked, so every request for more power is declined at once, under
// either approval policy (`never`: app-server should not ask at all; `on-request`: it asks when the model
// wants to leave the sandbox, and the answer is no). The model learns it was declined and carries on.
// Must never: approve anything, grant a permission, or leave a request unanswered (app-server would wait forever).
import type { AppServerMessage, ServerRequestAnswer } from './app-server-client.js';

export interface ServerRequestDecision {
  answer: ServerRequestAnswer;
  /** One sentence for the event stream, or undefined when the request is routine. */
  notice: string | undefined;
}

const declined = (what: string): string => `Codex asked for approval to ${what}; the bridge declined (no one can approve in an unattended run).`;

export function decideServerRequest(request: AppServerMessage): ServerRequestDecision {
  const params = request.params;
  switch (request.method) {
    case 'item/commandExecution/requestApproval':
      return { answer: { result: { decision: 'decline' } }, notice: declined(`run \`${String(params.command ?? 'a command')}\``) };
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
      return { answer: { result: { answers: {} } }, notice: 'Codex asked the user a question; the bridge has no user to ask and sent no answers.' };
    case 'mcpServer/elicitation/request':
      return { answer: { result: { action: 'decline' } }, notice: 'An MCP server configured in Codex asked for user input; the bridge declined.' };
    case 'item/tool/call':
      return {
        answer: { result: { success: false, contentItems: [{ type: 'inputText', text: 'The MCP bridge provides no client-side tools.' }] } },
        notice: undefined,
      };
    case 'currentTime/read':
      return { answer: { result: { currentTimeAt: Math.floor(Date.now() / 1000) } }, notice: undefined };
    default:
      return { answer: { error: { code: -32601, message: `The MCP bridge does not handle ${request.method}.` } }, notice: undefined };
  }
}
