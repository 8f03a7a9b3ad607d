import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);

// src/codex/events.ts
import path from "node:path";
var str = (value) => typeof value === "string" ? value : "";
var num = (value) => typeof value === "number" && Number.isFinite(value) ? value : 0;
function displayCommand(command) {
  if (typeof command === "string") return command;
  if (!Array.isArray(command)) return "";
  const parts = command.map(String);
  const shellFlag = parts.findIndex((part) => part === "-lc" || part === "-c");
  if (shellFlag >= 0 && shellFlag === parts.length - 2 && /(^|\/)(ba|z)?sh$/.test(parts[0] ?? ""))
    return parts[shellFlag + 1];
  return parts.join(" ");
}
function translateCodexMessage(msg, cwd) {
  switch (msg.type) {
    case "session_configured":
      return { type: "session", threadId: str(msg.thread_id) || str(msg.session_id), model: str(msg.model) };
    case "exec_command_begin":
      return { type: "command-start", id: str(msg.call_id), command: displayCommand(msg.command) };
    case "exec_command_end": {
      const duration = msg.duration ?? {};
      return {
        type: "command-end",
        id: str(msg.call_id),
        command: displayCommand(msg.command),
        exitCode: num(msg.exit_code),
        durationMs: Math.round(num(duration.secs) * 1e3 + num(duration.nanos) / 1e6),
        output: str(msg.aggregated_output) || str(msg.stdout) + str(msg.stderr)
      };
    }
    case "patch_apply_end": {
      const changes = msg.changes ?? {};
      const files = Object.keys(changes).map(
        (file) => path.isAbsolute(file) ? path.relative(cwd, file) || file : file
      );
      return { type: "patch", id: str(msg.call_id), files, success: msg.success === true };
    }
    case "agent_message":
      return { type: "message", text: str(msg.message) };
    case "token_count": {
      const total = msg.info?.total_token_usage ?? void 0;
      if (!total) return void 0;
      return {
        type: "usage",
        usage: {
          input: num(total.input_tokens),
          cachedInput: num(total.cached_input_tokens),
          output: num(total.output_tokens),
          total: num(total.total_tokens)
        }
      };
    }
    case "warning":
    case "stream_error":
      return { type: "warning", message: str(msg.message) };
    case "error":
      return { type: "error", message: str(msg.message) };
    case "turn_aborted":
      return { type: "error", message: `the turn was aborted (${str(msg.reason) || "no reason given"})` };
    case "task_complete":
      return { type: "complete", finalMessage: str(msg.last_agent_message) };
    default:
      return void 0;
  }
}

// src/codex/approvals.ts
var str2 = (value) => typeof value === "string" ? value : "";
function approvalRequestFromElicitation(params) {
  const kind = str2(params.codex_elicitation);
  const command = displayCommand(params.codex_command);
  const host = str2(params.codex_network_host);
  if (kind === "exec-approval" && host)
    return { kind: "network", summary: `reach ${host} (for \`${command}\`)`, host: host.toLowerCase() };
  if (kind === "exec-approval")
    return { kind: "command", summary: `run \`${command || "a command"}\` outside the sandbox` };
  if (kind === "patch-approval") {
    const root = str2(params.codex_grant_root);
    return { kind: "file-change", summary: root ? `write under ${root}` : "apply a patch the sandbox does not allow" };
  }
  if (kind === "permissions-approval") return { kind: "permissions", summary: "get extra sandbox permissions" };
  return { kind: "other", summary: str2(params.message).slice(0, 200) || "something the action does not know" };
}
function hostAllowed(host, hosts) {
  const name = host.toLowerCase().replace(/\.$/, "");
  return hosts.some(
    (entry) => entry.startsWith("*.") ? name.endsWith(entry.slice(1)) && name.length > entry.length - 1 : name === entry
  );
}
function decideApproval(request, networkHosts) {
  switch (request.kind) {
    case "network":
      return request.host && hostAllowed(request.host, networkHosts) ? { decision: "approved", why: "the host is listed in network-access" } : { decision: "declined", why: "the host is not listed in network-access" };
    case "command":
      return {
        decision: "declined",
        why: "running outside the sandbox is never approved: it would run with the runner's environment"
      };
    case "file-change":
      return { decision: "declined", why: "writing outside the sandbox is never approved" };
    case "permissions":
      return { decision: "declined", why: "extra permissions are never granted; the dials are set in the workflow" };
    case "other":
      return { decision: "declined", why: "the action approves only what its dials allow" };
  }
}
function elicitationResult(answer) {
  return answer.decision === "approved" ? { action: "accept", decision: "approved" } : { action: "decline", decision: { denied: { rejection: `The action declined this request: ${answer.why}.` } } };
}

export {
  translateCodexMessage,
  approvalRequestFromElicitation,
  decideApproval,
  elicitationResult
};
