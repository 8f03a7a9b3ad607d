import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);

// src/codex/bridge/event-translation.ts
import path from "node:path";
var BRIDGE_EVENT_TYPES = [
  "session_configured",
  "task_started",
  "exec_command_begin",
  "exec_command_output_delta",
  "exec_command_end",
  "patch_apply_begin",
  "patch_apply_end",
  "turn_diff",
  "agent_message",
  "agent_reasoning",
  "token_count",
  "stream_error",
  "error",
  "warning",
  "task_complete",
  "turn_aborted"
];
var APP_SERVER_METHOD_OF = {
  exec_command_output_delta: "item/commandExecution/outputDelta",
  turn_diff: "turn/diff/updated"
};
function appServerOptOuts(omitted) {
  return [...omitted].flatMap((type) => APP_SERVER_METHOD_OF[type] ? [APP_SERVER_METHOD_OF[type]] : []);
}
var str = (value) => typeof value === "string" ? value : "";
var obj = (value) => value && typeof value === "object" && !Array.isArray(value) ? value : {};
function sessionConfigured(threadId, model, cwd) {
  return { type: "session_configured", session_id: threadId, thread_id: threadId, model, cwd };
}
function splitShellWords(line) {
  const words = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
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
        const inner = line[i];
        if (inner === '"') {
          closed = true;
          break;
        }
        if (inner === "\\" && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          word += line[++i];
        } else {
          word += inner;
        }
      }
      if (!closed) return [line];
    } else if (char === "\\" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words.length > 0 ? words : [line];
}
function duration(ms) {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) return void 0;
  return { secs: Math.floor(ms / 1e3), nanos: Math.round(ms % 1e3 * 1e6) };
}
function tokenUsage(breakdown) {
  const usage = obj(breakdown);
  return {
    input_tokens: usage.inputTokens,
    cached_input_tokens: usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
    reasoning_output_tokens: usage.reasoningOutputTokens,
    total_tokens: usage.totalTokens
  };
}
var TurnEventTranslator = class {
  constructor(cwd, omit = /* @__PURE__ */ new Set()) {
    this.cwd = cwd;
    this.omit = omit;
  }
  cwd;
  omit;
  lastAgentMessage;
  /** The message of the last non-retried error, which becomes the tool's error text. */
  failure;
  errorEmitted = false;
  translate(message) {
    const msgs = this.translateAll(message);
    return this.omit.size === 0 ? msgs : msgs.filter((msg) => !this.omit.has(msg.type));
  }
  translateAll(message) {
    const params = message.params;
    const turnId = str(params.turnId) || str(obj(params.turn).id);
    const withTurn = (msg) => turnId ? { ...msg, turn_id: turnId } : msg;
    switch (message.method) {
      case "turn/started":
        return [withTurn({ type: "task_started" })];
      case "item/started":
        return this.itemStarted(obj(params.item)).map(withTurn);
      case "item/completed":
        return this.itemCompleted(obj(params.item)).map(withTurn);
      case "item/commandExecution/outputDelta":
        if (this.omit.has("exec_command_output_delta")) return [];
        return [
          withTurn({
            type: "exec_command_output_delta",
            call_id: str(params.itemId),
            stream: "stdout",
            chunk: Buffer.from(str(params.delta)).toString("base64")
          })
        ];
      case "turn/diff/updated":
        if (this.omit.has("turn_diff")) return [];
        return [withTurn({ type: "turn_diff", unified_diff: str(params.diff) })];
      case "thread/tokenUsage/updated": {
        const usage = obj(params.tokenUsage);
        return [
          withTurn({
            type: "token_count",
            info: {
              total_token_usage: tokenUsage(usage.total),
              last_token_usage: tokenUsage(usage.last),
              model_context_window: usage.modelContextWindow ?? null
            }
          })
        ];
      }
      case "error": {
        const error = obj(params.error);
        const text = str(error.message) || "Codex reported an error.";
        if (params.willRetry === true)
          return [
            withTurn({ type: "stream_error", message: text, additional_details: error.additionalDetails ?? null })
          ];
        this.failure = text;
        this.errorEmitted = true;
        return [withTurn({ type: "error", message: text })];
      }
      case "warning":
        return [withTurn({ type: "warning", message: str(params.message) })];
      case "deprecationNotice":
        return [
          withTurn({ type: "warning", message: [str(params.summary), str(params.details)].filter(Boolean).join(" ") })
        ];
      case "turn/completed":
        return this.turnCompleted(obj(params.turn)).map(withTurn);
      default:
        return [];
    }
  }
  itemStarted(item) {
    if (item.type === "commandExecution") {
      return [
        {
          type: "exec_command_begin",
          call_id: str(item.id),
          command: splitShellWords(str(item.command)),
          cwd: str(item.cwd) || this.cwd
        }
      ];
    }
    if (item.type === "fileChange") {
      return [
        {
          type: "patch_apply_begin",
          call_id: str(item.id),
          auto_approved: true,
          changes: this.patchChanges(item.changes)
        }
      ];
    }
    return [];
  }
  itemCompleted(item) {
    switch (item.type) {
      case "commandExecution": {
        const output = str(item.aggregatedOutput);
        const exitCode = typeof item.exitCode === "number" ? item.exitCode : -1;
        return [
          {
            type: "exec_command_end",
            call_id: str(item.id),
            command: splitShellWords(str(item.command)),
            cwd: str(item.cwd) || this.cwd,
            exit_code: exitCode,
            ...duration(item.durationMs) ? { duration: duration(item.durationMs) } : {},
            // Native sends a command's merged output (it runs under a pty) as stdout, and stderr empty.
            stdout: output,
            stderr: "",
            aggregated_output: output,
            status: str(item.status)
          }
        ];
      }
      case "fileChange":
        return [
          {
            type: "patch_apply_end",
            call_id: str(item.id),
            success: item.status === "completed",
            changes: this.patchChanges(item.changes),
            status: str(item.status)
          }
        ];
      case "agentMessage":
        this.lastAgentMessage = str(item.text);
        return [{ type: "agent_message", message: this.lastAgentMessage, phase: item.phase ?? null }];
      case "reasoning": {
        const summary = (Array.isArray(item.summary) ? item.summary : []).filter((part) => typeof part === "string").join("\n");
        return summary ? [{ type: "agent_reasoning", text: summary }] : [];
      }
      default:
        return [];
    }
  }
  turnCompleted(turn) {
    const status = str(turn.status);
    if (status === "completed") return [{ type: "task_complete", last_agent_message: this.lastAgentMessage ?? null }];
    if (status === "interrupted") return [{ type: "turn_aborted", reason: "interrupted" }];
    const message = str(obj(turn.error).message) || this.failure || `the turn ended with status '${status || "unknown"}'`;
    this.failure ??= message;
    if (this.errorEmitted) return [];
    this.errorEmitted = true;
    return [{ type: "error", message }];
  }
  /** app-server's list of changes as native's map keyed by absolute path. */
  patchChanges(changes) {
    const byPath = {};
    for (const change of Array.isArray(changes) ? changes : []) {
      const { path: file, kind, diff } = obj(change);
      const kindType = str(obj(kind).type);
      const absolute = path.resolve(this.cwd, str(file));
      if (kindType === "update")
        byPath[absolute] = { type: "update", unified_diff: str(diff), move_path: obj(kind).move_path ?? null };
      else byPath[absolute] = { type: kindType || "update", content: str(diff) };
    }
    return byPath;
  }
};

export {
  BRIDGE_EVENT_TYPES,
  appServerOptOuts,
  sessionConfigured,
  TurnEventTranslator
};
