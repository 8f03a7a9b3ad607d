// Owns the action's answer to every approval request Codex makes, in the shape native `codex mcp-server` sends
// them (an MCP `elicitation/create` request with `codex_*` fields; the bridge forwards app-server's requests in
// the same shape). The answer comes from the dials alone, at once: no person is asked, nothing waits.
// Must never: approve running a command outside the sandbox (that is code execution with the runner's
// environment), a write outside the workspace, extra permissions, or a host that is not listed.
import { displayCommand } from './events.js';

export type ApprovalKind = 'command' | 'network' | 'file-change' | 'permissions' | 'other';

export interface ApprovalRequest {
  kind: ApprovalKind;
  /** What Codex asked for, for the summary: hostile text, shown in code spans only. */
  summary: string;
  /** For a network request: the host Codex's command wants to reach. */
  host?: string;
}

export interface ApprovalAnswer {
  decision: 'approved' | 'declined';
  why: string;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads an elicitation request's params (native's, or the bridge's forwarded ones) into what the policy looks at. */
export function approvalRequestFromElicitation(params: Record<string, unknown>): ApprovalRequest {
  const kind = str(params.codex_elicitation);
  const command = displayCommand(params.codex_command);
  const host = str(params.codex_network_host);
  if (kind === 'exec-approval' && host)
    return { kind: 'network', summary: `reach ${host} (for \`${command}\`)`, host: host.toLowerCase() };
  if (kind === 'exec-approval')
    return { kind: 'command', summary: `run \`${command || 'a command'}\` outside the sandbox` };
  if (kind === 'patch-approval') {
    const root = str(params.codex_grant_root);
    return { kind: 'file-change', summary: root ? `write under ${root}` : 'apply a patch the sandbox does not allow' };
  }
  if (kind === 'permissions-approval') return { kind: 'permissions', summary: 'get extra sandbox permissions' };
  return { kind: 'other', summary: str(params.message).slice(0, 200) || 'something the action does not know' };
}

/** True when `host` is one of `hosts`, or under a `*.domain` entry of it. */
export function hostAllowed(host: string, hosts: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return hosts.some((entry) =>
    entry.startsWith('*.') ? name.endsWith(entry.slice(1)) && name.length > entry.length - 1 : name === entry,
  );
}

export function decideApproval(request: ApprovalRequest, networkHosts: readonly string[]): ApprovalAnswer {
  switch (request.kind) {
    case 'network':
      return request.host && hostAllowed(request.host, networkHosts)
        ? { decision: 'approved', why: 'the host is listed in network-access' }
        : { decision: 'declined', why: 'the host is not listed in network-access' };
    case 'command':
      return {
        decision: 'declined',
        why: "running outside the sandbox is never approved: it would run with the runner's environment",
      };
    case 'file-change':
      return { decision: 'declined', why: 'writing outside the sandbox is never approved' };
    case 'permissions':
      return { decision: 'declined', why: 'extra permissions are never granted; the dials are set in the workflow' };
    case 'other':
      return { decision: 'declined', why: 'the action approves only what its dials allow' };
  }
}

/**
 * The reply native `codex mcp-server` reads (`decision`: "approved", or `{denied: {rejection}}` whose text the model
 * sees), with the MCP `action` the SDK requires. The bridge reads the same shape.
 */
export function elicitationResult(answer: ApprovalAnswer): {
  action: 'accept' | 'decline';
  decision: 'approved' | { denied: { rejection: string } };
} {
  return answer.decision === 'approved'
    ? { action: 'accept', decision: 'approved' }
    : { action: 'decline', decision: { denied: { rejection: `The action declined this request: ${answer.why}.` } } };
}
