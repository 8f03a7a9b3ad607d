import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  BRIDGE_EVENT_TYPES,
  TurnEventTranslator,
  appServerOptOuts,
  sessionConfigured
} from "./chunks/chunk-NVGMS53U.js";
import {
  AjvJsonSchemaValidator,
  CallToolRequestSchema,
  CallToolResultSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  CreateMessageResultWithToolsSchema,
  CreateTaskResultSchema,
  ElicitResultSchema,
  EmptyResultSchema,
  ErrorCode,
  GetPromptRequestSchema,
  InitializeRequestSchema,
  InitializedNotificationSchema,
  JSONRPCMessageSchema,
  LATEST_PROTOCOL_VERSION,
  ListPromptsRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListResourcesRequestSchema,
  ListRootsResultSchema,
  ListToolsRequestSchema,
  LoggingLevelSchema,
  McpError,
  PingRequestSchema,
  Protocol,
  ReadResourceRequestSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  SetLevelRequestSchema,
  ZodOptional,
  _enum,
  assertClientRequestTaskCapability,
  assertCompleteRequestPrompt,
  assertCompleteRequestResourceTemplate,
  assertToolsCallTaskCapability,
  getLiteralValue,
  getObjectShape,
  getParseErrorMessage,
  getSchemaDescription,
  isSchemaOptional,
  mergeCapabilities,
  normalizeObjectSchema,
  object,
  objectFromShape,
  record,
  safeParse,
  safeParseAsync,
  strictObject,
  string,
  toJsonSchemaCompat,
  unknown
} from "./chunks/chunk-CLAT6O6H.js";
import {
  killTreeNow,
  stopProcessTree
} from "./chunks/chunk-346AIKJC.js";
import "./chunks/chunk-BPCLRSEQ.js";
import {
  fail,
  getErrorMessage,
  ok
} from "./chunks/chunk-LBANA4DG.js";
import "./chunks/chunk-3TNFEIE5.js";

// src/mcp-server.ts
import { accessSync, constants, statSync } from "node:fs";
import path3 from "node:path";
import { readFile } from "node:fs/promises";

// node_modules/@modelcontextprotocol/sdk/dist/esm/server/stdio.js
import process2 from "node:process";

// node_modules/@modelcontextprotocol/sdk/dist/esm/shared/stdio.js
var STDIO_DEFAULT_MAX_BUFFER_SIZE = 10 * 1024 * 1024;
var ReadBuffer = class {
  constructor(options) {
    this._maxBufferSize = options?.maxBufferSize ?? STDIO_DEFAULT_MAX_BUFFER_SIZE;
  }
  append(chunk) {
    const newSize = (this._buffer?.length ?? 0) + chunk.length;
    if (newSize > this._maxBufferSize) {
      this.clear();
      throw new Error(`ReadBuffer exceeded maximum size of ${this._maxBufferSize} bytes`);
    }
    this._buffer = this._buffer ? Buffer.concat([this._buffer, chunk]) : chunk;
  }
  readMessage() {
    if (!this._buffer) {
      return null;
    }
    const index = this._buffer.indexOf("\n");
    if (index === -1) {
      return null;
    }
    const line = this._buffer.toString("utf8", 0, index).replace(/\r$/, "");
    this._buffer = this._buffer.subarray(index + 1);
    return deserializeMessage(line);
  }
  clear() {
    this._buffer = void 0;
  }
};
function deserializeMessage(line) {
  return JSONRPCMessageSchema.parse(JSON.parse(line));
}
function serializeMessage(message) {
  return JSON.stringify(message) + "\n";
}

// node_modules/@modelcontextprotocol/sdk/dist/esm/server/stdio.js
var StdioServerTransport = class {
  constructor(_stdin = process2.stdin, _stdout = process2.stdout, options) {
    this._stdin = _stdin;
    this._stdout = _stdout;
    this._started = false;
    this._ondata = (chunk) => {
      try {
        this._readBuffer.append(chunk);
        this.processReadBuffer();
      } catch (error) {
        this.onerror?.(error);
        this.close().catch(() => {
        });
      }
    };
    this._onerror = (error) => {
      this.onerror?.(error);
    };
    this._readBuffer = new ReadBuffer({ maxBufferSize: options?.maxBufferSize });
  }
  /**
   * Starts listening for messages on stdin.
   */
  async start() {
    if (this._started) {
      throw new Error("StdioServerTransport already started! If using Server class, note that connect() calls start() automatically.");
    }
    this._started = true;
    this._stdin.on("data", this._ondata);
    this._stdin.on("error", this._onerror);
  }
  processReadBuffer() {
    while (true) {
      try {
        const message = this._readBuffer.readMessage();
        if (message === null) {
          break;
        }
        this.onmessage?.(message);
      } catch (error) {
        this.onerror?.(error);
      }
    }
  }
  async close() {
    this._stdin.off("data", this._ondata);
    this._stdin.off("error", this._onerror);
    const remainingDataListeners = this._stdin.listenerCount("data");
    if (remainingDataListeners === 0) {
      this._stdin.pause();
    }
    this._readBuffer.clear();
    this.onclose?.();
  }
  send(message) {
    return new Promise((resolve) => {
      const json = serializeMessage(message);
      if (this._stdout.write(json)) {
        resolve();
      } else {
        this._stdout.once("drain", resolve);
      }
    });
  }
};

// src/codex/bridge/bridge-args.ts
import { parseArgs } from "node:util";
var BRIDGE_USAGE = "Usage: node mcp-server.js [--codex <path to the codex binary>] [--output-schema <file of a JSON schema every turn answers in>] [--omit-events <comma-separated codex/event msg types the client never reads>] [--help]\n  Without --codex, the Codex binary is CODEX_BRIDGE_CODEX_PATH, else `codex` on PATH.";
var OPTIONS = {
  codex: { type: "string" },
  "output-schema": { type: "string" },
  "omit-events": { type: "string" },
  help: { type: "boolean", short: "h" }
};
var ACCEPTED = "accepted: --codex <path>, --output-schema <file>, --omit-events <types>, --help";
function parseBridgeArgs(argv) {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true
  });
  const seen = /* @__PURE__ */ new Set();
  for (const token of tokens) {
    if (token.kind === "positional") return fail(`unexpected argument '${token.value}' (${ACCEPTED})`);
    if (token.kind !== "option") continue;
    const option = OPTIONS[token.name];
    if (!option) return fail(`unknown argument '${token.rawName}' (${ACCEPTED})`);
    if (seen.has(token.name)) return fail(`'${token.rawName}' is given more than once (${ACCEPTED})`);
    seen.add(token.name);
    if (option.type === "boolean" && token.value !== void 0)
      return fail(`'${token.rawName}' takes no value, got '${token.value}' (${ACCEPTED})`);
    if (option.type === "string") {
      const missing = token.value === void 0 || token.value === "" || !token.inlineValue && token.value.startsWith("-");
      if (missing) return fail(`'${token.rawName}' needs a value (${ACCEPTED})`);
    }
  }
  const omitEvents = typeof values["omit-events"] === "string" ? eventTypes(values["omit-events"]) : ok(void 0);
  if (!omitEvents.ok) return omitEvents;
  return ok({
    codexPath: typeof values.codex === "string" ? values.codex : void 0,
    outputSchemaFile: typeof values["output-schema"] === "string" ? values["output-schema"] : void 0,
    omitEvents: omitEvents.value,
    help: values.help === true
  });
}
function eventTypes(list) {
  const names = list.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown2 = names.filter((name) => !BRIDGE_EVENT_TYPES.includes(name));
  if (unknown2.length > 0)
    return fail(
      `--omit-events: ${unknown2.map((name) => `'${name}'`).join(", ")} ${unknown2.length > 1 ? "are not msg types" : "is not a msg type"} the bridge sends; it sends ${BRIDGE_EVENT_TYPES.join(", ")}.`
    );
  return ok(new Set(names));
}

// src/codex/bridge/app-server-client.ts
import { spawn } from "node:child_process";
import readline from "node:readline";
var STDERR_TAIL_CHARS = 2e3;
var HANDSHAKE_TIMEOUT_MS = 6e4;
var AppServerClient = class _AppServerClient {
  constructor(child, options) {
    this.child = child;
    this.options = options;
    this.exited = new Promise((resolve) => {
      const finish = (exit) => {
        if (this.exitInfo) return;
        this.exitInfo = exit;
        for (const [id, request] of this.pending) {
          this.pending.delete(id);
          request.resolve(fail({ code: void 0, message: `codex app-server exited: ${exit.reason}` }));
        }
        resolve(exit);
      };
      child.on(
        "error",
        (error) => finish({ code: null, signal: null, reason: `could not run ${options.codexPath}: ${error.message}` })
      );
      child.on("exit", (code, signal) => {
        const tail = this.stderrTail.trim().split("\n").slice(-3).join(" ").slice(-500);
        finish({
          code,
          signal,
          reason: `${signal ? `killed by ${signal}` : `exit code ${code}`}${tail ? ` (stderr: ${tail})` : ""}`
        });
      });
    });
    child.stdin.on("error", () => void 0);
    readline.createInterface({ input: child.stdout }).on("line", (line) => this.receive(line));
    readline.createInterface({ input: child.stderr }).on("line", (line) => {
      this.stderrTail = `${this.stderrTail}${line}
`.slice(-STDERR_TAIL_CHARS);
      if (line.trim()) options.onStderrLine?.(line);
    });
  }
  child;
  options;
  pending = /* @__PURE__ */ new Map();
  subscribers = /* @__PURE__ */ new Set();
  nextRequestId = 1;
  stderrTail = "";
  exitInfo;
  /** Resolves when the child has exited (or could not be started). */
  exited;
  static spawn(options) {
    const child = spawn(options.codexPath, ["app-server", ...options.args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ["pipe", "pipe", "pipe"]
    });
    return new _AppServerClient(child, options);
  }
  get pid() {
    return this.child.pid;
  }
  get hasExited() {
    return this.exitInfo !== void 0;
  }
  /** Sends a request and waits for its answer, the deadline, the signal or the child's exit, whichever comes first. */
  request(method, params, options) {
    if (this.exitInfo)
      return Promise.resolve(fail({ code: void 0, message: `codex app-server exited: ${this.exitInfo.reason}` }));
    if (options.signal?.aborted) return Promise.resolve(fail({ code: void 0, message: `${method} was cancelled` }));
    const id = this.nextRequestId++;
    return new Promise((resolve) => {
      const settle = (outcome) => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        this.pending.delete(id);
        resolve(outcome);
      };
      const onAbort = () => settle(fail({ code: void 0, message: `${method} was cancelled` }));
      const timer = setTimeout(
        () => settle(
          fail({
            code: void 0,
            message: `codex app-server did not answer ${method} within ${Math.round(options.timeoutMs / 1e3)} s`
          })
        ),
        options.timeoutMs
      );
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, { resolve: settle });
      this.write({ id, method, params });
    });
  }
  notify(method, params) {
    this.write(params ? { method, params } : { method });
  }
  /** Calls `listener` with every notification until the returned function is called. */
  subscribe(listener) {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }
  /**
   * The handshake: `initialize` (with the experimental API, needed for thread/backgroundTerminals/clean), then
   * `initialized`. Returns the Codex release from the user agent app-server reports, or 'unknown'.
   * `optOutNotificationMethods`: notifications app-server is not to send at all (the bridge's client omits them).
   */
  async initialize(clientInfo, optOutNotificationMethods = []) {
    const initialized = await this.request(
      "initialize",
      {
        clientInfo,
        capabilities: {
          experimentalApi: true,
          ...optOutNotificationMethods.length > 0 ? { optOutNotificationMethods: [...optOutNotificationMethods] } : {}
        }
      },
      { timeoutMs: HANDSHAKE_TIMEOUT_MS }
    );
    if (!initialized.ok) return fail(`codex app-server did not start: ${initialized.error.message}`);
    this.notify("initialized");
    return ok({ codexVersion: /\/(\d+\.\d+\.\d+[^\s)]*)/.exec(initialized.value.userAgent ?? "")?.[1] ?? "unknown" });
  }
  /** Closes stdin (app-server exits on its own within milliseconds), then kills whatever of its tree is left. */
  async close(graceMs = 1500) {
    const child = { pid: this.child.pid, hasExited: () => this.exitInfo !== void 0, exitSeen: this.exited };
    await stopProcessTree(child, { askToExit: () => this.child.stdin.end(), graceMs });
  }
  /** Last resort for a bridge that is exiting right now: kill the child and its tree synchronously. */
  killNow() {
    const pid = this.child.pid;
    if (!pid || this.exitInfo) return;
    killTreeNow(pid);
  }
  write(message) {
    if (this.exitInfo || !this.child.stdin.writable) return;
    this.child.stdin.write(`${JSON.stringify(message)}
`);
  }
  receive(line) {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      this.options.onStderrLine?.(`(not JSON on app-server stdout) ${line.slice(0, 200)}`);
      return;
    }
    const method = typeof message.method === "string" ? message.method : void 0;
    const params = message.params && typeof message.params === "object" ? message.params : {};
    if (method && message.id !== void 0) {
      void this.answer(message.id, { method, params });
    } else if (method) {
      for (const subscriber of [...this.subscribers]) subscriber({ method, params });
    } else if (typeof message.id === "number") {
      const error = message.error;
      this.pending.get(message.id)?.resolve(
        error ? fail({
          code: typeof error.code === "number" ? error.code : void 0,
          message: String(error.message ?? "unknown error")
        }) : ok(message.result)
      );
    }
  }
  async answer(id, request) {
    let answer;
    try {
      answer = await this.options.answerServerRequest(request);
    } catch (error) {
      answer = { error: { code: -32603, message: getErrorMessage(error) } };
    }
    this.write({ id, ...answer });
  }
};

// src/codex/bridge/server-requests.ts
var declined = (what) => `Codex asked for approval to ${what}; the bridge declined (no one can approve in an unattended run).`;
function decideServerRequest(request) {
  const params = request.params;
  switch (request.method) {
    case "item/commandExecution/requestApproval":
      return {
        answer: { result: { decision: "decline" } },
        notice: declined(`run \`${String(params.command ?? "a command")}\``)
      };
    case "item/fileChange/requestApproval":
      return { answer: { result: { decision: "decline" } }, notice: declined("change files") };
    case "item/permissions/requestApproval":
      return { answer: { result: { permissions: {}, scope: "turn" } }, notice: declined("get extra permissions") };
    // The v1 forms, still in the schema.
    case "execCommandApproval":
      return { answer: { result: { decision: "denied" } }, notice: declined("run a command") };
    case "applyPatchApproval":
      return { answer: { result: { decision: "denied" } }, notice: declined("apply a patch") };
    case "item/tool/requestUserInput":
      return {
        answer: { result: { answers: {} } },
        notice: "Codex asked the user a question; the bridge has no user to ask and sent no answers."
      };
    case "mcpServer/elicitation/request":
      return {
        answer: { result: { action: "decline" } },
        notice: "An MCP server configured in Codex asked for user input; the bridge declined."
      };
    case "item/tool/call":
      return {
        answer: {
          result: {
            success: false,
            contentItems: [{ type: "inputText", text: "The MCP bridge provides no client-side tools." }]
          }
        },
        notice: void 0
      };
    case "currentTime/read":
      return { answer: { result: { currentTimeAt: Math.floor(Date.now() / 1e3) } }, notice: void 0 };
    default:
      return {
        answer: { error: { code: -32601, message: `The MCP bridge does not handle ${request.method}.` } },
        notice: void 0
      };
  }
}
var FORWARDED = /* @__PURE__ */ new Set([
  "item/commandExecution/requestApproval",
  "item/fileChange/requestApproval",
  "item/permissions/requestApproval"
]);
var text = (value) => typeof value === "string" ? value : "";
function elicitationForApproval(request, mcpToolCallId) {
  if (!FORWARDED.has(request.method)) return void 0;
  const params = request.params;
  const common = {
    requestedSchema: { type: "object", properties: {} },
    codex_mcp_tool_call_id: String(mcpToolCallId),
    codex_event_id: text(params.turnId),
    codex_call_id: text(params.itemId)
  };
  switch (request.method) {
    case "item/commandExecution/requestApproval": {
      const command = text(params.command);
      const network = params.networkApprovalContext;
      const host = text(network?.host);
      return {
        ...common,
        message: host ? `Allow Codex to reach ${host}?` : `Allow Codex to run \`${command}\`${text(params.reason) ? ` (${text(params.reason)})` : ""}?`,
        codex_elicitation: "exec-approval",
        codex_command: commandArgv(command),
        codex_cwd: text(params.cwd),
        ...host ? { codex_network_host: host, codex_network_protocol: text(network?.protocol) } : {}
      };
    }
    case "item/fileChange/requestApproval":
      return {
        ...common,
        message: `Allow Codex to apply changes${text(params.grantRoot) ? ` under ${text(params.grantRoot)}` : ""}?`,
        codex_elicitation: "patch-approval",
        codex_reason: text(params.reason),
        codex_grant_root: text(params.grantRoot)
      };
    default:
      return {
        ...common,
        message: "Allow Codex extra sandbox permissions?",
        codex_elicitation: "permissions-approval",
        codex_reason: text(params.reason)
      };
  }
}
function answerFromElicitation(request, result2) {
  const accepted = result2.decision === "approved" || result2.decision === "approved_for_session" || result2.decision === void 0 && result2.action === "accept";
  if (request.method === "item/permissions/requestApproval") {
    return { result: { permissions: accepted ? request.params.permissions ?? {} : {}, scope: "turn" } };
  }
  if (!accepted)
    return { result: { decision: result2.decision === "abort" || result2.action === "cancel" ? "cancel" : "decline" } };
  return { result: { decision: result2.decision === "approved_for_session" ? "acceptForSession" : "accept" } };
}
function commandArgv(command) {
  const shell = /^(\S*sh) (-lc|-c) '((?:[^']|'\\'')*)'$/s.exec(command);
  if (shell) return [shell[1], shell[2], shell[3].replace(/'\\''/g, "'")];
  return command ? [command] : [];
}

// src/codex/bridge/connection.ts
var APP_SERVER_ARGS = ["--disable", "plugins"];
var AppServerConnection = class {
  constructor(options) {
    this.options = options;
  }
  options;
  current;
  closed = false;
  noticeListeners = /* @__PURE__ */ new Map();
  forwarders = /* @__PURE__ */ new Map();
  /** Starts app-server (again, if the last one died) and waits for its handshake; returns the Codex version. */
  async start() {
    if (this.closed) return fail("the bridge is shutting down");
    if (!this.current || this.current.client.hasExited) {
      const client = AppServerClient.spawn({
        codexPath: this.options.codexPath,
        args: APP_SERVER_ARGS,
        env: this.options.env,
        answerServerRequest: (request) => this.answer(request),
        onStderrLine: (line) => this.options.log(`codex: ${line}`)
      });
      const ready = client.initialize(
        { name: "codex-mcp-bridge", title: "Codex MCP bridge", version: this.options.clientVersion },
        this.options.optOutNotificationMethods
      ).then(async (handshake) => {
        if (!handshake.ok) await client.close();
        return handshake;
      });
      this.current = { client, ready };
    }
    return this.current.ready;
  }
  /** The running, initialized app-server. */
  async client() {
    const started = await this.start();
    if (!started.ok) return started;
    return this.current ? ok(this.current.client) : fail("the bridge is shutting down");
  }
  /** Routes notices about declined requests on `threadId` to `listener` until the returned function is called. */
  onNotice(threadId, listener) {
    this.noticeListeners.set(threadId, listener);
    return () => {
      if (this.noticeListeners.get(threadId) === listener) this.noticeListeners.delete(threadId);
    };
  }
  /**
   * Routes approval requests on `threadId` to `forwarder` until the returned function is called. A forwarder that
   * returns undefined (its client cannot be asked) leaves the request to the bridge, which declines it.
   */
  onApprovalRequest(threadId, forwarder) {
    this.forwarders.set(threadId, forwarder);
    return () => {
      if (this.forwarders.get(threadId) === forwarder) this.forwarders.delete(threadId);
    };
  }
  async close() {
    this.closed = true;
    await this.current?.client.close();
  }
  /** Synchronous last resort while the process exits. */
  killNow() {
    this.current?.client.killNow();
  }
  async answer(request) {
    const threadId = typeof request.params.threadId === "string" ? request.params.threadId : "";
    const forwarded = await this.forwarders.get(threadId)?.(request);
    if (forwarded) return forwarded;
    const decision = decideServerRequest(request);
    if (decision.notice) {
      this.options.log(decision.notice);
      this.noticeListeners.get(threadId)?.(decision.notice);
    }
    return decision.answer;
  }
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/experimental/tasks/server.js
var ExperimentalServerTasks = class {
  constructor(_server) {
    this._server = _server;
  }
  /**
   * Sends a request and returns an AsyncGenerator that yields response messages.
   * The generator is guaranteed to end with either a 'result' or 'error' message.
   *
   * This method provides streaming access to request processing, allowing you to
   * observe intermediate task status updates for task-augmented requests.
   *
   * @param request - The request to send
   * @param resultSchema - Zod schema for validating the result
   * @param options - Optional request options (timeout, signal, task creation params, etc.)
   * @returns AsyncGenerator that yields ResponseMessage objects
   *
   * @experimental
   */
  requestStream(request, resultSchema, options) {
    return this._server.requestStream(request, resultSchema, options);
  }
  /**
   * Sends a sampling request and returns an AsyncGenerator that yields response messages.
   * The generator is guaranteed to end with either a 'result' or 'error' message.
   *
   * For task-augmented requests, yields 'taskCreated' and 'taskStatus' messages
   * before the final result.
   *
   * @example
   * ```typescript
   * const stream = server.experimental.tasks.createMessageStream({
   *     messages: [{ role: 'user', content: { type: 'text', text: 'Hello' } }],
   *     maxTokens: 100
   * }, {
   *     onprogress: (progress) => {
   *         // Handle streaming tokens via progress notifications
   *         console.log('Progress:', progress.message);
   *     }
   * });
   *
   * for await (const message of stream) {
   *     switch (message.type) {
   *         case 'taskCreated':
   *             console.log('Task created:', message.task.taskId);
   *             break;
   *         case 'taskStatus':
   *             console.log('Task status:', message.task.status);
   *             break;
   *         case 'result':
   *             console.log('Final result:', message.result);
   *             break;
   *         case 'error':
   *             console.error('Error:', message.error);
   *             break;
   *     }
   * }
   * ```
   *
   * @param params - The sampling request parameters
   * @param options - Optional request options (timeout, signal, task creation params, onprogress, etc.)
   * @returns AsyncGenerator that yields ResponseMessage objects
   *
   * @experimental
   */
  createMessageStream(params, options) {
    const clientCapabilities = this._server.getClientCapabilities();
    if ((params.tools || params.toolChoice) && !clientCapabilities?.sampling?.tools) {
      throw new Error("Client does not support sampling tools capability.");
    }
    if (params.messages.length > 0) {
      const lastMessage = params.messages[params.messages.length - 1];
      const lastContent = Array.isArray(lastMessage.content) ? lastMessage.content : [lastMessage.content];
      const hasToolResults = lastContent.some((c) => c.type === "tool_result");
      const previousMessage = params.messages.length > 1 ? params.messages[params.messages.length - 2] : void 0;
      const previousContent = previousMessage ? Array.isArray(previousMessage.content) ? previousMessage.content : [previousMessage.content] : [];
      const hasPreviousToolUse = previousContent.some((c) => c.type === "tool_use");
      if (hasToolResults) {
        if (lastContent.some((c) => c.type !== "tool_result")) {
          throw new Error("The last message must contain only tool_result content if any is present");
        }
        if (!hasPreviousToolUse) {
          throw new Error("tool_result blocks are not matching any tool_use from the previous message");
        }
      }
      if (hasPreviousToolUse) {
        const toolUseIds = new Set(previousContent.filter((c) => c.type === "tool_use").map((c) => c.id));
        const toolResultIds = new Set(lastContent.filter((c) => c.type === "tool_result").map((c) => c.toolUseId));
        if (toolUseIds.size !== toolResultIds.size || ![...toolUseIds].every((id) => toolResultIds.has(id))) {
          throw new Error("ids of tool_result blocks and tool_use blocks from previous message do not match");
        }
      }
    }
    return this.requestStream({
      method: "sampling/createMessage",
      params
    }, CreateMessageResultSchema, options);
  }
  /**
   * Sends an elicitation request and returns an AsyncGenerator that yields response messages.
   * The generator is guaranteed to end with either a 'result' or 'error' message.
   *
   * For task-augmented requests (especially URL-based elicitation), yields 'taskCreated'
   * and 'taskStatus' messages before the final result.
   *
   * @example
   * ```typescript
   * const stream = server.experimental.tasks.elicitInputStream({
   *     mode: 'url',
   *     message: 'Please authenticate',
   *     elicitationId: 'auth-123',
   *     url: 'https://example.com/auth'
   * }, {
   *     task: { ttl: 300000 } // Task-augmented for long-running auth flow
   * });
   *
   * for await (const message of stream) {
   *     switch (message.type) {
   *         case 'taskCreated':
   *             console.log('Task created:', message.task.taskId);
   *             break;
   *         case 'taskStatus':
   *             console.log('Task status:', message.task.status);
   *             break;
   *         case 'result':
   *             console.log('User action:', message.result.action);
   *             break;
   *         case 'error':
   *             console.error('Error:', message.error);
   *             break;
   *     }
   * }
   * ```
   *
   * @param params - The elicitation request parameters
   * @param options - Optional request options (timeout, signal, task creation params, etc.)
   * @returns AsyncGenerator that yields ResponseMessage objects
   *
   * @experimental
   */
  elicitInputStream(params, options) {
    const clientCapabilities = this._server.getClientCapabilities();
    const mode = params.mode ?? "form";
    switch (mode) {
      case "url": {
        if (!clientCapabilities?.elicitation?.url) {
          throw new Error("Client does not support url elicitation.");
        }
        break;
      }
      case "form": {
        if (!clientCapabilities?.elicitation?.form) {
          throw new Error("Client does not support form elicitation.");
        }
        break;
      }
    }
    const normalizedParams = mode === "form" && params.mode === void 0 ? { ...params, mode: "form" } : params;
    return this.requestStream({
      method: "elicitation/create",
      params: normalizedParams
    }, ElicitResultSchema, options);
  }
  /**
   * Gets the current status of a task.
   *
   * @param taskId - The task identifier
   * @param options - Optional request options
   * @returns The task status
   *
   * @experimental
   */
  async getTask(taskId, options) {
    return this._server.getTask({ taskId }, options);
  }
  /**
   * Retrieves the result of a completed task.
   *
   * @param taskId - The task identifier
   * @param resultSchema - Zod schema for validating the result
   * @param options - Optional request options
   * @returns The task result
   *
   * @experimental
   */
  async getTaskResult(taskId, resultSchema, options) {
    return this._server.getTaskResult({ taskId }, resultSchema, options);
  }
  /**
   * Lists tasks with optional pagination.
   *
   * @param cursor - Optional pagination cursor
   * @param options - Optional request options
   * @returns List of tasks with optional next cursor
   *
   * @experimental
   */
  async listTasks(cursor, options) {
    return this._server.listTasks(cursor ? { cursor } : void 0, options);
  }
  /**
   * Cancels a running task.
   *
   * @param taskId - The task identifier
   * @param options - Optional request options
   *
   * @experimental
   */
  async cancelTask(taskId, options) {
    return this._server.cancelTask({ taskId }, options);
  }
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/server/index.js
var Server = class extends Protocol {
  /**
   * Initializes this server with the given name and version information.
   */
  constructor(_serverInfo, options) {
    super(options);
    this._serverInfo = _serverInfo;
    this._loggingLevels = /* @__PURE__ */ new Map();
    this.LOG_LEVEL_SEVERITY = new Map(LoggingLevelSchema.options.map((level, index) => [level, index]));
    this.isMessageIgnored = (level, sessionId) => {
      const currentLevel = this._loggingLevels.get(sessionId);
      return currentLevel ? this.LOG_LEVEL_SEVERITY.get(level) < this.LOG_LEVEL_SEVERITY.get(currentLevel) : false;
    };
    this._capabilities = options?.capabilities ?? {};
    this._instructions = options?.instructions;
    this._jsonSchemaValidator = options?.jsonSchemaValidator ?? new AjvJsonSchemaValidator();
    this.setRequestHandler(InitializeRequestSchema, (request) => this._oninitialize(request));
    this.setNotificationHandler(InitializedNotificationSchema, () => this.oninitialized?.());
    if (this._capabilities.logging) {
      this.setRequestHandler(SetLevelRequestSchema, async (request, extra) => {
        const transportSessionId = extra.sessionId || extra.requestInfo?.headers["mcp-session-id"] || void 0;
        const { level } = request.params;
        const parseResult = LoggingLevelSchema.safeParse(level);
        if (parseResult.success) {
          this._loggingLevels.set(transportSessionId, parseResult.data);
        }
        return {};
      });
    }
  }
  /**
   * Access experimental features.
   *
   * WARNING: These APIs are experimental and may change without notice.
   *
   * @experimental
   */
  get experimental() {
    if (!this._experimental) {
      this._experimental = {
        tasks: new ExperimentalServerTasks(this)
      };
    }
    return this._experimental;
  }
  /**
   * Registers new capabilities. This can only be called before connecting to a transport.
   *
   * The new capabilities will be merged with any existing capabilities previously given (e.g., at initialization).
   */
  registerCapabilities(capabilities) {
    if (this.transport) {
      throw new Error("Cannot register capabilities after connecting to transport");
    }
    this._capabilities = mergeCapabilities(this._capabilities, capabilities);
  }
  /**
   * Override request handler registration to enforce server-side validation for tools/call.
   */
  setRequestHandler(requestSchema, handler) {
    const shape = getObjectShape(requestSchema);
    const methodSchema = shape?.method;
    if (!methodSchema) {
      throw new Error("Schema is missing a method literal");
    }
    const methodValue = getLiteralValue(methodSchema);
    if (typeof methodValue !== "string") {
      throw new Error("Schema method literal must be a string");
    }
    const method = methodValue;
    if (method === "tools/call") {
      const wrappedHandler = async (request, extra) => {
        const validatedRequest = safeParse(CallToolRequestSchema, request);
        if (!validatedRequest.success) {
          const errorMessage = validatedRequest.error instanceof Error ? validatedRequest.error.message : String(validatedRequest.error);
          throw new McpError(ErrorCode.InvalidParams, `Invalid tools/call request: ${errorMessage}`);
        }
        const { params } = validatedRequest.data;
        const result2 = await Promise.resolve(handler(request, extra));
        if (params.task) {
          const taskValidationResult = safeParse(CreateTaskResultSchema, result2);
          if (!taskValidationResult.success) {
            const errorMessage = taskValidationResult.error instanceof Error ? taskValidationResult.error.message : String(taskValidationResult.error);
            throw new McpError(ErrorCode.InvalidParams, `Invalid task creation result: ${errorMessage}`);
          }
          return taskValidationResult.data;
        }
        const validationResult = safeParse(CallToolResultSchema, result2);
        if (!validationResult.success) {
          const errorMessage = validationResult.error instanceof Error ? validationResult.error.message : String(validationResult.error);
          throw new McpError(ErrorCode.InvalidParams, `Invalid tools/call result: ${errorMessage}`);
        }
        return validationResult.data;
      };
      return super.setRequestHandler(requestSchema, wrappedHandler);
    }
    return super.setRequestHandler(requestSchema, handler);
  }
  assertCapabilityForMethod(method) {
    switch (method) {
      case "sampling/createMessage":
        if (!this._clientCapabilities?.sampling) {
          throw new Error(`Client does not support sampling (required for ${method})`);
        }
        break;
      case "elicitation/create":
        if (!this._clientCapabilities?.elicitation) {
          throw new Error(`Client does not support elicitation (required for ${method})`);
        }
        break;
      case "roots/list":
        if (!this._clientCapabilities?.roots) {
          throw new Error(`Client does not support listing roots (required for ${method})`);
        }
        break;
      case "ping":
        break;
    }
  }
  assertNotificationCapability(method) {
    switch (method) {
      case "notifications/message":
        if (!this._capabilities.logging) {
          throw new Error(`Server does not support logging (required for ${method})`);
        }
        break;
      case "notifications/resources/updated":
      case "notifications/resources/list_changed":
        if (!this._capabilities.resources) {
          throw new Error(`Server does not support notifying about resources (required for ${method})`);
        }
        break;
      case "notifications/tools/list_changed":
        if (!this._capabilities.tools) {
          throw new Error(`Server does not support notifying of tool list changes (required for ${method})`);
        }
        break;
      case "notifications/prompts/list_changed":
        if (!this._capabilities.prompts) {
          throw new Error(`Server does not support notifying of prompt list changes (required for ${method})`);
        }
        break;
      case "notifications/elicitation/complete":
        if (!this._clientCapabilities?.elicitation?.url) {
          throw new Error(`Client does not support URL elicitation (required for ${method})`);
        }
        break;
      case "notifications/cancelled":
        break;
      case "notifications/progress":
        break;
    }
  }
  assertRequestHandlerCapability(method) {
    if (!this._capabilities) {
      return;
    }
    switch (method) {
      case "completion/complete":
        if (!this._capabilities.completions) {
          throw new Error(`Server does not support completions (required for ${method})`);
        }
        break;
      case "logging/setLevel":
        if (!this._capabilities.logging) {
          throw new Error(`Server does not support logging (required for ${method})`);
        }
        break;
      case "prompts/get":
      case "prompts/list":
        if (!this._capabilities.prompts) {
          throw new Error(`Server does not support prompts (required for ${method})`);
        }
        break;
      case "resources/list":
      case "resources/templates/list":
      case "resources/read":
        if (!this._capabilities.resources) {
          throw new Error(`Server does not support resources (required for ${method})`);
        }
        break;
      case "tools/call":
      case "tools/list":
        if (!this._capabilities.tools) {
          throw new Error(`Server does not support tools (required for ${method})`);
        }
        break;
      case "tasks/get":
      case "tasks/list":
      case "tasks/result":
      case "tasks/cancel":
        if (!this._capabilities.tasks) {
          throw new Error(`Server does not support tasks capability (required for ${method})`);
        }
        break;
      case "ping":
      case "initialize":
        break;
    }
  }
  assertTaskCapability(method) {
    assertClientRequestTaskCapability(this._clientCapabilities?.tasks?.requests, method, "Client");
  }
  assertTaskHandlerCapability(method) {
    if (!this._capabilities) {
      return;
    }
    assertToolsCallTaskCapability(this._capabilities.tasks?.requests, method, "Server");
  }
  async _oninitialize(request) {
    const requestedVersion = request.params.protocolVersion;
    this._clientCapabilities = request.params.capabilities;
    this._clientVersion = request.params.clientInfo;
    const protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requestedVersion) ? requestedVersion : LATEST_PROTOCOL_VERSION;
    return {
      protocolVersion,
      capabilities: this.getCapabilities(),
      serverInfo: this._serverInfo,
      ...this._instructions && { instructions: this._instructions }
    };
  }
  /**
   * After initialization has completed, this will be populated with the client's reported capabilities.
   */
  getClientCapabilities() {
    return this._clientCapabilities;
  }
  /**
   * After initialization has completed, this will be populated with information about the client's name and version.
   */
  getClientVersion() {
    return this._clientVersion;
  }
  getCapabilities() {
    return this._capabilities;
  }
  async ping() {
    return this.request({ method: "ping" }, EmptyResultSchema);
  }
  // Implementation
  async createMessage(params, options) {
    if (params.tools || params.toolChoice) {
      if (!this._clientCapabilities?.sampling?.tools) {
        throw new Error("Client does not support sampling tools capability.");
      }
    }
    if (params.messages.length > 0) {
      const lastMessage = params.messages[params.messages.length - 1];
      const lastContent = Array.isArray(lastMessage.content) ? lastMessage.content : [lastMessage.content];
      const hasToolResults = lastContent.some((c) => c.type === "tool_result");
      const previousMessage = params.messages.length > 1 ? params.messages[params.messages.length - 2] : void 0;
      const previousContent = previousMessage ? Array.isArray(previousMessage.content) ? previousMessage.content : [previousMessage.content] : [];
      const hasPreviousToolUse = previousContent.some((c) => c.type === "tool_use");
      if (hasToolResults) {
        if (lastContent.some((c) => c.type !== "tool_result")) {
          throw new Error("The last message must contain only tool_result content if any is present");
        }
        if (!hasPreviousToolUse) {
          throw new Error("tool_result blocks are not matching any tool_use from the previous message");
        }
      }
      if (hasPreviousToolUse) {
        const toolUseIds = new Set(previousContent.filter((c) => c.type === "tool_use").map((c) => c.id));
        const toolResultIds = new Set(lastContent.filter((c) => c.type === "tool_result").map((c) => c.toolUseId));
        if (toolUseIds.size !== toolResultIds.size || ![...toolUseIds].every((id) => toolResultIds.has(id))) {
          throw new Error("ids of tool_result blocks and tool_use blocks from previous message do not match");
        }
      }
    }
    if (params.tools) {
      return this.request({ method: "sampling/createMessage", params }, CreateMessageResultWithToolsSchema, options);
    }
    return this.request({ method: "sampling/createMessage", params }, CreateMessageResultSchema, options);
  }
  /**
   * Creates an elicitation request for the given parameters.
   * For backwards compatibility, `mode` may be omitted for form requests and will default to `'form'`.
   * @param params The parameters for the elicitation request.
   * @param options Optional request options.
   * @returns The result of the elicitation request.
   */
  async elicitInput(params, options) {
    const mode = params.mode ?? "form";
    switch (mode) {
      case "url": {
        if (!this._clientCapabilities?.elicitation?.url) {
          throw new Error("Client does not support url elicitation.");
        }
        const urlParams = params;
        return this.request({ method: "elicitation/create", params: urlParams }, ElicitResultSchema, options);
      }
      case "form": {
        if (!this._clientCapabilities?.elicitation?.form) {
          throw new Error("Client does not support form elicitation.");
        }
        const formParams = params.mode === "form" ? params : { ...params, mode: "form" };
        const result2 = await this.request({ method: "elicitation/create", params: formParams }, ElicitResultSchema, options);
        if (result2.action === "accept" && result2.content && formParams.requestedSchema) {
          try {
            const validator = this._jsonSchemaValidator.getValidator(formParams.requestedSchema);
            const validationResult = validator(result2.content);
            if (!validationResult.valid) {
              throw new McpError(ErrorCode.InvalidParams, `Elicitation response content does not match requested schema: ${validationResult.errorMessage}`);
            }
          } catch (error) {
            if (error instanceof McpError) {
              throw error;
            }
            throw new McpError(ErrorCode.InternalError, `Error validating elicitation response: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        return result2;
      }
    }
  }
  /**
   * Creates a reusable callback that, when invoked, will send a `notifications/elicitation/complete`
   * notification for the specified elicitation ID.
   *
   * @param elicitationId The ID of the elicitation to mark as complete.
   * @param options Optional notification options. Useful when the completion notification should be related to a prior request.
   * @returns A function that emits the completion notification when awaited.
   */
  createElicitationCompletionNotifier(elicitationId, options) {
    if (!this._clientCapabilities?.elicitation?.url) {
      throw new Error("Client does not support URL elicitation (required for notifications/elicitation/complete)");
    }
    return () => this.notification({
      method: "notifications/elicitation/complete",
      params: {
        elicitationId
      }
    }, options);
  }
  async listRoots(params, options) {
    return this.request({ method: "roots/list", params }, ListRootsResultSchema, options);
  }
  /**
   * Sends a logging message to the client, if connected.
   * Note: You only need to send the parameters object, not the entire JSON RPC message
   * @see LoggingMessageNotification
   * @param params
   * @param sessionId optional for stateless and backward compatibility
   */
  async sendLoggingMessage(params, sessionId) {
    if (this._capabilities.logging) {
      if (!this.isMessageIgnored(params.level, sessionId)) {
        return this.notification({ method: "notifications/message", params });
      }
    }
  }
  async sendResourceUpdated(params) {
    return this.notification({
      method: "notifications/resources/updated",
      params
    });
  }
  async sendResourceListChanged() {
    return this.notification({
      method: "notifications/resources/list_changed"
    });
  }
  async sendToolListChanged() {
    return this.notification({ method: "notifications/tools/list_changed" });
  }
  async sendPromptListChanged() {
    return this.notification({ method: "notifications/prompts/list_changed" });
  }
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/server/completable.js
var COMPLETABLE_SYMBOL = /* @__PURE__ */ Symbol.for("mcp.completable");
function isCompletable(schema) {
  return !!schema && typeof schema === "object" && COMPLETABLE_SYMBOL in schema;
}
function getCompleter(schema) {
  const meta = schema[COMPLETABLE_SYMBOL];
  return meta?.complete;
}
var McpZodTypeKind;
(function(McpZodTypeKind2) {
  McpZodTypeKind2["Completable"] = "McpCompletable";
})(McpZodTypeKind || (McpZodTypeKind = {}));

// node_modules/@modelcontextprotocol/sdk/dist/esm/shared/toolNameValidation.js
var TOOL_NAME_REGEX = /^[A-Za-z0-9._-]{1,128}$/;
function validateToolName(name) {
  const warnings = [];
  if (name.length === 0) {
    return {
      isValid: false,
      warnings: ["Tool name cannot be empty"]
    };
  }
  if (name.length > 128) {
    return {
      isValid: false,
      warnings: [`Tool name exceeds maximum length of 128 characters (current: ${name.length})`]
    };
  }
  if (name.includes(" ")) {
    warnings.push("Tool name contains spaces, which may cause parsing issues");
  }
  if (name.includes(",")) {
    warnings.push("Tool name contains commas, which may cause parsing issues");
  }
  if (name.startsWith("-") || name.endsWith("-")) {
    warnings.push("Tool name starts or ends with a dash, which may cause parsing issues in some contexts");
  }
  if (name.startsWith(".") || name.endsWith(".")) {
    warnings.push("Tool name starts or ends with a dot, which may cause parsing issues in some contexts");
  }
  if (!TOOL_NAME_REGEX.test(name)) {
    const invalidChars = name.split("").filter((char) => !/[A-Za-z0-9._-]/.test(char)).filter((char, index, arr) => arr.indexOf(char) === index);
    warnings.push(`Tool name contains invalid characters: ${invalidChars.map((c) => `"${c}"`).join(", ")}`, "Allowed characters are: A-Z, a-z, 0-9, underscore (_), dash (-), and dot (.)");
    return {
      isValid: false,
      warnings
    };
  }
  return {
    isValid: true,
    warnings
  };
}
function issueToolNameWarning(name, warnings) {
  if (warnings.length > 0) {
    console.warn(`Tool name validation warning for "${name}":`);
    for (const warning of warnings) {
      console.warn(`  - ${warning}`);
    }
    console.warn("Tool registration will proceed, but this may cause compatibility issues.");
    console.warn("Consider updating the tool name to conform to the MCP tool naming standard.");
    console.warn("See SEP: Specify Format for Tool Names (https://github.com/modelcontextprotocol/modelcontextprotocol/issues/986) for more details.");
  }
}
function validateAndWarnToolName(name) {
  const result2 = validateToolName(name);
  issueToolNameWarning(name, result2.warnings);
  return result2.isValid;
}

// node_modules/@modelcontextprotocol/sdk/dist/esm/experimental/tasks/mcp-server.js
var ExperimentalMcpServerTasks = class {
  constructor(_mcpServer) {
    this._mcpServer = _mcpServer;
  }
  registerToolTask(name, config, handler) {
    const execution = { taskSupport: "required", ...config.execution };
    if (execution.taskSupport === "forbidden") {
      throw new Error(`Cannot register task-based tool '${name}' with taskSupport 'forbidden'. Use registerTool() instead.`);
    }
    const mcpServerInternal = this._mcpServer;
    return mcpServerInternal._createRegisteredTool(name, config.title, config.description, config.inputSchema, config.outputSchema, config.annotations, execution, config._meta, handler);
  }
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js
function toolInputElementCount(value, max) {
  let count = 0;
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object")
      continue;
    if (Array.isArray(node)) {
      for (const child of node) {
        if (++count > max)
          return count;
        if (child !== null && typeof child === "object")
          stack.push(child);
      }
    } else {
      for (const key in node) {
        if (!Object.prototype.hasOwnProperty.call(node, key))
          continue;
        if (++count > max)
          return count;
        const child = node[key];
        if (child !== null && typeof child === "object")
          stack.push(child);
      }
    }
  }
  return count;
}
function resolveMaxToolInputElements(value) {
  if (value === void 0 || value === Infinity)
    return void 0;
  if (typeof value !== "number" || Number.isNaN(value) || value < 1) {
    throw new RangeError(`maxToolInputElements must be a number of at least 1, or Infinity, got ${String(value)}`);
  }
  return value;
}
var McpServer = class {
  constructor(serverInfo, options) {
    this._registeredResources = {};
    this._registeredResourceTemplates = {};
    this._registeredTools = {};
    this._registeredPrompts = {};
    this._toolHandlersInitialized = false;
    this._completionHandlerInitialized = false;
    this._resourceHandlersInitialized = false;
    this._promptHandlersInitialized = false;
    this.server = new Server(serverInfo, options);
    this._maxToolInputElements = resolveMaxToolInputElements(options?.maxToolInputElements);
    if (options?.capabilities?.tools) {
      this.setToolRequestHandlers();
    }
    if (options?.capabilities?.resources) {
      this.setResourceRequestHandlers();
    }
    if (options?.capabilities?.prompts) {
      this.setPromptRequestHandlers();
    }
  }
  /**
   * Access experimental features.
   *
   * WARNING: These APIs are experimental and may change without notice.
   *
   * @experimental
   */
  get experimental() {
    if (!this._experimental) {
      this._experimental = {
        tasks: new ExperimentalMcpServerTasks(this)
      };
    }
    return this._experimental;
  }
  /**
   * Attaches to the given transport, starts it, and starts listening for messages.
   *
   * The `server` object assumes ownership of the Transport, replacing any callbacks that have already been set, and expects that it is the only user of the Transport instance going forward.
   */
  async connect(transport) {
    return await this.server.connect(transport);
  }
  /**
   * Closes the connection.
   */
  async close() {
    await this.server.close();
  }
  setToolRequestHandlers() {
    if (this._toolHandlersInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler(getMethodValue(ListToolsRequestSchema));
    this.server.assertCanSetRequestHandler(getMethodValue(CallToolRequestSchema));
    this.server.registerCapabilities({
      tools: {
        listChanged: true
      }
    });
    this.server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: Object.entries(this._registeredTools).filter(([, tool]) => tool.enabled).map(([name, tool]) => {
        const toolDefinition = {
          name,
          title: tool.title,
          description: tool.description,
          inputSchema: (() => {
            const obj = normalizeObjectSchema(tool.inputSchema);
            return obj ? toJsonSchemaCompat(obj, {
              strictUnions: true,
              pipeStrategy: "input"
            }) : EMPTY_OBJECT_JSON_SCHEMA;
          })(),
          annotations: tool.annotations,
          execution: tool.execution,
          _meta: tool._meta
        };
        if (tool.outputSchema) {
          const obj = normalizeObjectSchema(tool.outputSchema);
          if (obj) {
            toolDefinition.outputSchema = toJsonSchemaCompat(obj, {
              strictUnions: true,
              pipeStrategy: "output"
            });
          }
        }
        return toolDefinition;
      })
    }));
    this.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      try {
        const tool = this._registeredTools[request.params.name];
        if (!tool) {
          throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
        }
        if (!tool.enabled) {
          throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} disabled`);
        }
        const isTaskRequest = !!request.params.task;
        const taskSupport = tool.execution?.taskSupport;
        const isTaskHandler = "createTask" in tool.handler;
        if ((taskSupport === "required" || taskSupport === "optional") && !isTaskHandler) {
          throw new McpError(ErrorCode.InternalError, `Tool ${request.params.name} has taskSupport '${taskSupport}' but was not registered with registerToolTask`);
        }
        if (taskSupport === "required" && !isTaskRequest) {
          throw new McpError(ErrorCode.MethodNotFound, `Tool ${request.params.name} requires task augmentation (taskSupport: 'required')`);
        }
        if (taskSupport === "optional" && !isTaskRequest && isTaskHandler) {
          return await this.handleAutomaticTaskPolling(tool, request, extra);
        }
        const args = await this.validateToolInput(tool, request.params.arguments, request.params.name);
        const result2 = await this.executeToolHandler(tool, args, extra);
        if (isTaskRequest) {
          return result2;
        }
        await this.validateToolOutput(tool, result2, request.params.name);
        return result2;
      } catch (error) {
        if (error instanceof McpError) {
          if (error.code === ErrorCode.UrlElicitationRequired) {
            throw error;
          }
        }
        return this.createToolError(error instanceof Error ? error.message : String(error));
      }
    });
    this._toolHandlersInitialized = true;
  }
  /**
   * Creates a tool error result.
   *
   * @param errorMessage - The error message.
   * @returns The tool error result.
   */
  createToolError(errorMessage) {
    return {
      content: [
        {
          type: "text",
          text: errorMessage
        }
      ],
      isError: true
    };
  }
  /**
   * Validates tool input arguments against the tool's input schema.
   */
  async validateToolInput(tool, args, toolName) {
    if (this._maxToolInputElements !== void 0 && toolInputElementCount(args, this._maxToolInputElements) > this._maxToolInputElements) {
      throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for tool ${toolName}: arguments contain more than the maximum of ${this._maxToolInputElements} elements`);
    }
    if (!tool.inputSchema) {
      return void 0;
    }
    const inputObj = normalizeObjectSchema(tool.inputSchema);
    const schemaToParse = inputObj ?? tool.inputSchema;
    const parseResult = await safeParseAsync(schemaToParse, args ?? {});
    if (!parseResult.success) {
      const error = "error" in parseResult ? parseResult.error : "Unknown error";
      const errorMessage = getParseErrorMessage(error);
      throw new McpError(ErrorCode.InvalidParams, `Input validation error: Invalid arguments for tool ${toolName}: ${errorMessage}`);
    }
    return parseResult.data;
  }
  /**
   * Validates tool output against the tool's output schema.
   */
  async validateToolOutput(tool, result2, toolName) {
    if (!tool.outputSchema) {
      return;
    }
    if (!("content" in result2)) {
      return;
    }
    if (result2.isError) {
      return;
    }
    if (!result2.structuredContent) {
      throw new McpError(ErrorCode.InvalidParams, `Output validation error: Tool ${toolName} has an output schema but no structured content was provided`);
    }
    const outputObj = normalizeObjectSchema(tool.outputSchema);
    const parseResult = await safeParseAsync(outputObj, result2.structuredContent);
    if (!parseResult.success) {
      const error = "error" in parseResult ? parseResult.error : "Unknown error";
      const errorMessage = getParseErrorMessage(error);
      throw new McpError(ErrorCode.InvalidParams, `Output validation error: Invalid structured content for tool ${toolName}: ${errorMessage}`);
    }
  }
  /**
   * Executes a tool handler (either regular or task-based).
   */
  async executeToolHandler(tool, args, extra) {
    const handler = tool.handler;
    const isTaskHandler = "createTask" in handler;
    if (isTaskHandler) {
      if (!extra.taskStore) {
        throw new Error("No task store provided.");
      }
      const taskExtra = { ...extra, taskStore: extra.taskStore };
      if (tool.inputSchema) {
        const typedHandler = handler;
        return await Promise.resolve(typedHandler.createTask(args, taskExtra));
      } else {
        const typedHandler = handler;
        return await Promise.resolve(typedHandler.createTask(taskExtra));
      }
    }
    if (tool.inputSchema) {
      const typedHandler = handler;
      return await Promise.resolve(typedHandler(args, extra));
    } else {
      const typedHandler = handler;
      return await Promise.resolve(typedHandler(extra));
    }
  }
  /**
   * Handles automatic task polling for tools with taskSupport 'optional'.
   */
  async handleAutomaticTaskPolling(tool, request, extra) {
    if (!extra.taskStore) {
      throw new Error("No task store provided for task-capable tool.");
    }
    const args = await this.validateToolInput(tool, request.params.arguments, request.params.name);
    const handler = tool.handler;
    const taskExtra = { ...extra, taskStore: extra.taskStore };
    const createTaskResult = args ? await Promise.resolve(handler.createTask(args, taskExtra)) : (
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await Promise.resolve(handler.createTask(taskExtra))
    );
    const taskId = createTaskResult.task.taskId;
    let task = createTaskResult.task;
    const pollInterval = task.pollInterval ?? 5e3;
    while (task.status !== "completed" && task.status !== "failed" && task.status !== "cancelled") {
      await new Promise((resolve) => setTimeout(resolve, pollInterval));
      const updatedTask = await extra.taskStore.getTask(taskId);
      if (!updatedTask) {
        throw new McpError(ErrorCode.InternalError, `Task ${taskId} not found during polling`);
      }
      task = updatedTask;
    }
    return await extra.taskStore.getTaskResult(taskId);
  }
  setCompletionRequestHandler() {
    if (this._completionHandlerInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler(getMethodValue(CompleteRequestSchema));
    this.server.registerCapabilities({
      completions: {}
    });
    this.server.setRequestHandler(CompleteRequestSchema, async (request) => {
      switch (request.params.ref.type) {
        case "ref/prompt":
          assertCompleteRequestPrompt(request);
          return this.handlePromptCompletion(request, request.params.ref);
        case "ref/resource":
          assertCompleteRequestResourceTemplate(request);
          return this.handleResourceCompletion(request, request.params.ref);
        default:
          throw new McpError(ErrorCode.InvalidParams, `Invalid completion reference: ${request.params.ref}`);
      }
    });
    this._completionHandlerInitialized = true;
  }
  async handlePromptCompletion(request, ref) {
    const prompt = this._registeredPrompts[ref.name];
    if (!prompt) {
      throw new McpError(ErrorCode.InvalidParams, `Prompt ${ref.name} not found`);
    }
    if (!prompt.enabled) {
      throw new McpError(ErrorCode.InvalidParams, `Prompt ${ref.name} disabled`);
    }
    if (!prompt.argsSchema) {
      return EMPTY_COMPLETION_RESULT;
    }
    const promptShape = getObjectShape(prompt.argsSchema);
    const field = promptShape?.[request.params.argument.name];
    if (!isCompletable(field)) {
      return EMPTY_COMPLETION_RESULT;
    }
    const completer = getCompleter(field);
    if (!completer) {
      return EMPTY_COMPLETION_RESULT;
    }
    const suggestions = await completer(request.params.argument.value, request.params.context);
    return createCompletionResult(suggestions);
  }
  async handleResourceCompletion(request, ref) {
    const template = Object.values(this._registeredResourceTemplates).find((t) => t.resourceTemplate.uriTemplate.toString() === ref.uri);
    if (!template) {
      if (this._registeredResources[ref.uri]) {
        return EMPTY_COMPLETION_RESULT;
      }
      throw new McpError(ErrorCode.InvalidParams, `Resource template ${request.params.ref.uri} not found`);
    }
    const completer = template.resourceTemplate.completeCallback(request.params.argument.name);
    if (!completer) {
      return EMPTY_COMPLETION_RESULT;
    }
    const suggestions = await completer(request.params.argument.value, request.params.context);
    return createCompletionResult(suggestions);
  }
  setResourceRequestHandlers() {
    if (this._resourceHandlersInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler(getMethodValue(ListResourcesRequestSchema));
    this.server.assertCanSetRequestHandler(getMethodValue(ListResourceTemplatesRequestSchema));
    this.server.assertCanSetRequestHandler(getMethodValue(ReadResourceRequestSchema));
    this.server.registerCapabilities({
      resources: {
        listChanged: true
      }
    });
    this.server.setRequestHandler(ListResourcesRequestSchema, async (request, extra) => {
      const resources = Object.entries(this._registeredResources).filter(([_, resource]) => resource.enabled).map(([uri, resource]) => ({
        uri,
        name: resource.name,
        ...resource.metadata
      }));
      const templateResources = [];
      for (const template of Object.values(this._registeredResourceTemplates)) {
        if (!template.resourceTemplate.listCallback) {
          continue;
        }
        const result2 = await template.resourceTemplate.listCallback(extra);
        for (const resource of result2.resources) {
          templateResources.push({
            ...template.metadata,
            // the defined resource metadata should override the template metadata if present
            ...resource
          });
        }
      }
      return { resources: [...resources, ...templateResources] };
    });
    this.server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => {
      const resourceTemplates = Object.entries(this._registeredResourceTemplates).map(([name, template]) => ({
        name,
        uriTemplate: template.resourceTemplate.uriTemplate.toString(),
        ...template.metadata
      }));
      return { resourceTemplates };
    });
    this.server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
      const uri = new URL(request.params.uri);
      const resource = this._registeredResources[uri.toString()];
      if (resource) {
        if (!resource.enabled) {
          throw new McpError(ErrorCode.InvalidParams, `Resource ${uri} disabled`);
        }
        return resource.readCallback(uri, extra);
      }
      for (const template of Object.values(this._registeredResourceTemplates)) {
        const variables = template.resourceTemplate.uriTemplate.match(uri.toString());
        if (variables) {
          return template.readCallback(uri, variables, extra);
        }
      }
      throw new McpError(ErrorCode.InvalidParams, `Resource ${uri} not found`);
    });
    this._resourceHandlersInitialized = true;
  }
  setPromptRequestHandlers() {
    if (this._promptHandlersInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler(getMethodValue(ListPromptsRequestSchema));
    this.server.assertCanSetRequestHandler(getMethodValue(GetPromptRequestSchema));
    this.server.registerCapabilities({
      prompts: {
        listChanged: true
      }
    });
    this.server.setRequestHandler(ListPromptsRequestSchema, () => ({
      prompts: Object.entries(this._registeredPrompts).filter(([, prompt]) => prompt.enabled).map(([name, prompt]) => {
        return {
          name,
          title: prompt.title,
          description: prompt.description,
          arguments: prompt.argsSchema ? promptArgumentsFromSchema(prompt.argsSchema) : void 0
        };
      })
    }));
    this.server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => {
      const prompt = this._registeredPrompts[request.params.name];
      if (!prompt) {
        throw new McpError(ErrorCode.InvalidParams, `Prompt ${request.params.name} not found`);
      }
      if (!prompt.enabled) {
        throw new McpError(ErrorCode.InvalidParams, `Prompt ${request.params.name} disabled`);
      }
      if (prompt.argsSchema) {
        const argsObj = normalizeObjectSchema(prompt.argsSchema);
        const parseResult = await safeParseAsync(argsObj, request.params.arguments ?? {});
        if (!parseResult.success) {
          const error = "error" in parseResult ? parseResult.error : "Unknown error";
          const errorMessage = getParseErrorMessage(error);
          throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for prompt ${request.params.name}: ${errorMessage}`);
        }
        const args = parseResult.data;
        const cb = prompt.callback;
        return await Promise.resolve(cb(args, extra));
      } else {
        const cb = prompt.callback;
        return await Promise.resolve(cb(extra));
      }
    });
    this._promptHandlersInitialized = true;
  }
  resource(name, uriOrTemplate, ...rest) {
    let metadata;
    if (typeof rest[0] === "object") {
      metadata = rest.shift();
    }
    const readCallback = rest[0];
    if (typeof uriOrTemplate === "string") {
      if (this._registeredResources[uriOrTemplate]) {
        throw new Error(`Resource ${uriOrTemplate} is already registered`);
      }
      const registeredResource = this._createRegisteredResource(name, void 0, uriOrTemplate, metadata, readCallback);
      this.setResourceRequestHandlers();
      this.sendResourceListChanged();
      return registeredResource;
    } else {
      if (this._registeredResourceTemplates[name]) {
        throw new Error(`Resource template ${name} is already registered`);
      }
      const registeredResourceTemplate = this._createRegisteredResourceTemplate(name, void 0, uriOrTemplate, metadata, readCallback);
      this.setResourceRequestHandlers();
      this.sendResourceListChanged();
      return registeredResourceTemplate;
    }
  }
  registerResource(name, uriOrTemplate, config, readCallback) {
    if (typeof uriOrTemplate === "string") {
      if (this._registeredResources[uriOrTemplate]) {
        throw new Error(`Resource ${uriOrTemplate} is already registered`);
      }
      const registeredResource = this._createRegisteredResource(name, config.title, uriOrTemplate, config, readCallback);
      this.setResourceRequestHandlers();
      this.sendResourceListChanged();
      return registeredResource;
    } else {
      if (this._registeredResourceTemplates[name]) {
        throw new Error(`Resource template ${name} is already registered`);
      }
      const registeredResourceTemplate = this._createRegisteredResourceTemplate(name, config.title, uriOrTemplate, config, readCallback);
      this.setResourceRequestHandlers();
      this.sendResourceListChanged();
      return registeredResourceTemplate;
    }
  }
  _createRegisteredResource(name, title, uri, metadata, readCallback) {
    const registeredResource = {
      name,
      title,
      metadata,
      readCallback,
      enabled: true,
      disable: () => registeredResource.update({ enabled: false }),
      enable: () => registeredResource.update({ enabled: true }),
      remove: () => registeredResource.update({ uri: null }),
      update: (updates) => {
        if (typeof updates.uri !== "undefined" && updates.uri !== uri) {
          delete this._registeredResources[uri];
          if (updates.uri)
            this._registeredResources[updates.uri] = registeredResource;
        }
        if (typeof updates.name !== "undefined")
          registeredResource.name = updates.name;
        if (typeof updates.title !== "undefined")
          registeredResource.title = updates.title;
        if (typeof updates.metadata !== "undefined")
          registeredResource.metadata = updates.metadata;
        if (typeof updates.callback !== "undefined")
          registeredResource.readCallback = updates.callback;
        if (typeof updates.enabled !== "undefined")
          registeredResource.enabled = updates.enabled;
        this.sendResourceListChanged();
      }
    };
    this._registeredResources[uri] = registeredResource;
    return registeredResource;
  }
  _createRegisteredResourceTemplate(name, title, template, metadata, readCallback) {
    const registeredResourceTemplate = {
      resourceTemplate: template,
      title,
      metadata,
      readCallback,
      enabled: true,
      disable: () => registeredResourceTemplate.update({ enabled: false }),
      enable: () => registeredResourceTemplate.update({ enabled: true }),
      remove: () => registeredResourceTemplate.update({ name: null }),
      update: (updates) => {
        if (typeof updates.name !== "undefined" && updates.name !== name) {
          delete this._registeredResourceTemplates[name];
          if (updates.name)
            this._registeredResourceTemplates[updates.name] = registeredResourceTemplate;
        }
        if (typeof updates.title !== "undefined")
          registeredResourceTemplate.title = updates.title;
        if (typeof updates.template !== "undefined")
          registeredResourceTemplate.resourceTemplate = updates.template;
        if (typeof updates.metadata !== "undefined")
          registeredResourceTemplate.metadata = updates.metadata;
        if (typeof updates.callback !== "undefined")
          registeredResourceTemplate.readCallback = updates.callback;
        if (typeof updates.enabled !== "undefined")
          registeredResourceTemplate.enabled = updates.enabled;
        this.sendResourceListChanged();
      }
    };
    this._registeredResourceTemplates[name] = registeredResourceTemplate;
    const variableNames = template.uriTemplate.variableNames;
    const hasCompleter = Array.isArray(variableNames) && variableNames.some((v) => !!template.completeCallback(v));
    if (hasCompleter) {
      this.setCompletionRequestHandler();
    }
    return registeredResourceTemplate;
  }
  _createRegisteredPrompt(name, title, description, argsSchema, callback) {
    const registeredPrompt = {
      title,
      description,
      argsSchema: argsSchema === void 0 ? void 0 : objectFromShape(argsSchema),
      callback,
      enabled: true,
      disable: () => registeredPrompt.update({ enabled: false }),
      enable: () => registeredPrompt.update({ enabled: true }),
      remove: () => registeredPrompt.update({ name: null }),
      update: (updates) => {
        if (typeof updates.name !== "undefined" && updates.name !== name) {
          delete this._registeredPrompts[name];
          if (updates.name)
            this._registeredPrompts[updates.name] = registeredPrompt;
        }
        if (typeof updates.title !== "undefined")
          registeredPrompt.title = updates.title;
        if (typeof updates.description !== "undefined")
          registeredPrompt.description = updates.description;
        if (typeof updates.argsSchema !== "undefined")
          registeredPrompt.argsSchema = objectFromShape(updates.argsSchema);
        if (typeof updates.callback !== "undefined")
          registeredPrompt.callback = updates.callback;
        if (typeof updates.enabled !== "undefined")
          registeredPrompt.enabled = updates.enabled;
        this.sendPromptListChanged();
      }
    };
    this._registeredPrompts[name] = registeredPrompt;
    if (argsSchema) {
      const hasCompletable = Object.values(argsSchema).some((field) => {
        const inner = field instanceof ZodOptional ? field._def?.innerType : field;
        return isCompletable(inner);
      });
      if (hasCompletable) {
        this.setCompletionRequestHandler();
      }
    }
    return registeredPrompt;
  }
  _createRegisteredTool(name, title, description, inputSchema, outputSchema, annotations, execution, _meta, handler) {
    validateAndWarnToolName(name);
    const registeredTool = {
      title,
      description,
      inputSchema: getZodSchemaObject(inputSchema),
      outputSchema: getZodSchemaObject(outputSchema),
      annotations,
      execution,
      _meta,
      handler,
      enabled: true,
      disable: () => registeredTool.update({ enabled: false }),
      enable: () => registeredTool.update({ enabled: true }),
      remove: () => registeredTool.update({ name: null }),
      update: (updates) => {
        if (typeof updates.name !== "undefined" && updates.name !== name) {
          if (typeof updates.name === "string") {
            validateAndWarnToolName(updates.name);
          }
          delete this._registeredTools[name];
          if (updates.name)
            this._registeredTools[updates.name] = registeredTool;
        }
        if (typeof updates.title !== "undefined")
          registeredTool.title = updates.title;
        if (typeof updates.description !== "undefined")
          registeredTool.description = updates.description;
        if (typeof updates.paramsSchema !== "undefined")
          registeredTool.inputSchema = objectFromShape(updates.paramsSchema);
        if (typeof updates.outputSchema !== "undefined")
          registeredTool.outputSchema = objectFromShape(updates.outputSchema);
        if (typeof updates.callback !== "undefined")
          registeredTool.handler = updates.callback;
        if (typeof updates.annotations !== "undefined")
          registeredTool.annotations = updates.annotations;
        if (typeof updates._meta !== "undefined")
          registeredTool._meta = updates._meta;
        if (typeof updates.enabled !== "undefined")
          registeredTool.enabled = updates.enabled;
        this.sendToolListChanged();
      }
    };
    this._registeredTools[name] = registeredTool;
    this.setToolRequestHandlers();
    this.sendToolListChanged();
    return registeredTool;
  }
  /**
   * tool() implementation. Parses arguments passed to overrides defined above.
   */
  tool(name, ...rest) {
    if (this._registeredTools[name]) {
      throw new Error(`Tool ${name} is already registered`);
    }
    let description;
    let inputSchema;
    let outputSchema;
    let annotations;
    if (typeof rest[0] === "string") {
      description = rest.shift();
    }
    if (rest.length > 1) {
      const firstArg = rest[0];
      if (isZodRawShapeCompat(firstArg)) {
        inputSchema = rest.shift();
        if (rest.length > 1 && typeof rest[0] === "object" && rest[0] !== null && !isZodRawShapeCompat(rest[0])) {
          annotations = rest.shift();
        }
      } else if (typeof firstArg === "object" && firstArg !== null) {
        if (Object.values(firstArg).some((v) => typeof v === "object" && v !== null)) {
          throw new Error(`Tool ${name} expected a Zod schema or ToolAnnotations, but received an unrecognized object`);
        }
        annotations = rest.shift();
      }
    }
    const callback = rest[0];
    return this._createRegisteredTool(name, void 0, description, inputSchema, outputSchema, annotations, { taskSupport: "forbidden" }, void 0, callback);
  }
  /**
   * Registers a tool with a config object and callback.
   */
  registerTool(name, config, cb) {
    if (this._registeredTools[name]) {
      throw new Error(`Tool ${name} is already registered`);
    }
    const { title, description, inputSchema, outputSchema, annotations, _meta } = config;
    return this._createRegisteredTool(name, title, description, inputSchema, outputSchema, annotations, { taskSupport: "forbidden" }, _meta, cb);
  }
  prompt(name, ...rest) {
    if (this._registeredPrompts[name]) {
      throw new Error(`Prompt ${name} is already registered`);
    }
    let description;
    if (typeof rest[0] === "string") {
      description = rest.shift();
    }
    let argsSchema;
    if (rest.length > 1) {
      argsSchema = rest.shift();
    }
    const cb = rest[0];
    const registeredPrompt = this._createRegisteredPrompt(name, void 0, description, argsSchema, cb);
    this.setPromptRequestHandlers();
    this.sendPromptListChanged();
    return registeredPrompt;
  }
  /**
   * Registers a prompt with a config object and callback.
   */
  registerPrompt(name, config, cb) {
    if (this._registeredPrompts[name]) {
      throw new Error(`Prompt ${name} is already registered`);
    }
    const { title, description, argsSchema } = config;
    const registeredPrompt = this._createRegisteredPrompt(name, title, description, argsSchema, cb);
    this.setPromptRequestHandlers();
    this.sendPromptListChanged();
    return registeredPrompt;
  }
  /**
   * Checks if the server is connected to a transport.
   * @returns True if the server is connected
   */
  isConnected() {
    return this.server.transport !== void 0;
  }
  /**
   * Sends a logging message to the client, if connected.
   * Note: You only need to send the parameters object, not the entire JSON RPC message
   * @see LoggingMessageNotification
   * @param params
   * @param sessionId optional for stateless and backward compatibility
   */
  async sendLoggingMessage(params, sessionId) {
    return this.server.sendLoggingMessage(params, sessionId);
  }
  /**
   * Sends a resource list changed event to the client, if connected.
   */
  sendResourceListChanged() {
    if (this.isConnected()) {
      this.server.sendResourceListChanged();
    }
  }
  /**
   * Sends a tool list changed event to the client, if connected.
   */
  sendToolListChanged() {
    if (this.isConnected()) {
      this.server.sendToolListChanged();
    }
  }
  /**
   * Sends a prompt list changed event to the client, if connected.
   */
  sendPromptListChanged() {
    if (this.isConnected()) {
      this.server.sendPromptListChanged();
    }
  }
};
var EMPTY_OBJECT_JSON_SCHEMA = {
  type: "object",
  properties: {}
};
function isZodTypeLike(value) {
  return value !== null && typeof value === "object" && "parse" in value && typeof value.parse === "function" && "safeParse" in value && typeof value.safeParse === "function";
}
function isZodSchemaInstance(obj) {
  return "_def" in obj || "_zod" in obj || isZodTypeLike(obj);
}
function isZodRawShapeCompat(obj) {
  if (typeof obj !== "object" || obj === null) {
    return false;
  }
  if (isZodSchemaInstance(obj)) {
    return false;
  }
  if (Object.keys(obj).length === 0) {
    return true;
  }
  return Object.values(obj).some(isZodTypeLike);
}
function getZodSchemaObject(schema) {
  if (!schema) {
    return void 0;
  }
  if (isZodRawShapeCompat(schema)) {
    return objectFromShape(schema);
  }
  if (!isZodSchemaInstance(schema)) {
    throw new Error("inputSchema must be a Zod schema or raw shape, received an unrecognized object");
  }
  return schema;
}
function promptArgumentsFromSchema(schema) {
  const shape = getObjectShape(schema);
  if (!shape)
    return [];
  return Object.entries(shape).map(([name, field]) => {
    const description = getSchemaDescription(field);
    const isOptional = isSchemaOptional(field);
    return {
      name,
      description,
      required: !isOptional
    };
  });
}
function getMethodValue(schema) {
  const shape = getObjectShape(schema);
  const methodSchema = shape?.method;
  if (!methodSchema) {
    throw new Error("Schema is missing a method literal");
  }
  const value = getLiteralValue(methodSchema);
  if (typeof value === "string") {
    return value;
  }
  throw new Error("Schema method literal must be a string");
}
function createCompletionResult(suggestions) {
  return {
    completion: {
      values: suggestions.slice(0, 100),
      total: suggestions.length,
      hasMore: suggestions.length > 100
    }
  };
}
var EMPTY_COMPLETION_RESULT = {
  completion: {
    values: [],
    hasMore: false
  }
};

// src/codex/bridge/server.ts
import path2 from "node:path";

// src/codex/bridge/codex-turn.ts
var REQUEST_TIMEOUT_MS = 3e4;
var CANCEL_STEP_TIMEOUT_MS = 5e3;
var AFTER_INTERRUPT_WAIT_MS = 3e3;
var INTERRUPT_RETRY_MS = 50;
var delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
var str = (value) => typeof value === "string" ? value : "";
var turnIdOf = (params) => str(params.turnId) || str(params.turn?.id);
async function runTurn(request) {
  const { client, threadId, signal } = request;
  const translator = new TurnEventTranslator(request.cwd, request.omitEvents);
  let turnId;
  let markStarted = () => void 0;
  let finish = () => void 0;
  const progress = {
    started: new Promise((resolve) => markStarted = resolve),
    finished: new Promise((resolve) => finish = resolve),
    hasStarted: false,
    hasFinished: false
  };
  const handle = (message) => {
    const belongsTo = turnIdOf(message.params);
    if (belongsTo && belongsTo !== turnId) return;
    for (const msg of translator.translate(message)) request.emit(turnId ?? "", msg);
    if (message.method === "turn/started") {
      progress.hasStarted = true;
      markStarted();
    }
    if (message.method === "turn/completed") {
      progress.hasFinished = true;
      finish(str(message.params.turn?.status));
    }
  };
  const early = [];
  const unsubscribe = client.subscribe((message) => {
    if (message.params.threadId !== threadId) return;
    if (turnId === void 0) early.push(message);
    else handle(message);
  });
  try {
    const started = await client.request(
      "turn/start",
      {
        threadId,
        input: [{ type: "text", text: request.prompt, text_elements: [] }],
        ...request.outputSchema ? { outputSchema: request.outputSchema } : {}
      },
      { timeoutMs: REQUEST_TIMEOUT_MS }
    );
    if (!started.ok) return { status: "rejected", error: started.error };
    turnId = str(started.value.turn?.id);
    for (const message of early.splice(0)) handle(message);
    const aborted = new Promise((resolve) => {
      if (signal.aborted) resolve("cancel");
      signal.addEventListener("abort", () => resolve("cancel"), { once: true });
    });
    const status = await Promise.race([progress.finished, aborted, client.exited.then(() => "exited")]);
    switch (status) {
      case "completed":
        return { status: "completed", lastAgentMessage: translator.lastAgentMessage ?? "" };
      case "cancel":
        await cancelTurn(client, threadId, turnId, progress);
        return { status: "cancelled" };
      case "exited": {
        const error = `codex app-server exited during the turn: ${(await client.exited).reason}`;
        request.emit(turnId, { type: "error", message: error });
        return { status: "failed", error };
      }
      case "interrupted":
        return { status: "failed", error: "The Codex turn was interrupted." };
      default:
        return { status: "failed", error: translator.failure ?? `The Codex turn ended with status '${status}'.` };
    }
  } finally {
    unsubscribe();
  }
}
async function cancelTurn(client, threadId, turnId, progress) {
  await interruptTurn(client, threadId, turnId, progress);
  await client.request("thread/backgroundTerminals/clean", { threadId }, { timeoutMs: CANCEL_STEP_TIMEOUT_MS });
  let timer;
  await Promise.race([
    progress.finished,
    client.exited,
    new Promise((resolve) => timer = setTimeout(resolve, AFTER_INTERRUPT_WAIT_MS))
  ]);
  clearTimeout(timer);
}
async function interruptTurn(client, threadId, turnId, progress) {
  const deadline = Date.now() + CANCEL_STEP_TIMEOUT_MS;
  for (; ; ) {
    const left = deadline - Date.now();
    const answer = await client.request("turn/interrupt", { threadId, turnId }, { timeoutMs: Math.max(left, 1) });
    if (answer.ok || progress.hasFinished || client.hasExited || Date.now() >= deadline) return;
    const retry = delay(INTERRUPT_RETRY_MS);
    await Promise.race([
      progress.finished,
      client.exited,
      progress.hasStarted ? retry : Promise.race([retry, progress.started])
    ]);
  }
}

// src/codex/bridge/project-trust.ts
import path from "node:path";
var NATIVE_DEFAULTS = { approvalPolicy: "on-request", sandbox: "read-only" };
function hasTrustDecision(cwd, projects) {
  return Object.keys(projects ?? {}).some(
    (project) => cwd === project || cwd.startsWith(project.endsWith(path.sep) ? project : project + path.sep)
  );
}
function withoutImplicitTrust(params, cwd, userConfig) {
  const callerConfig = params.config ?? {};
  const callerDecided = Object.keys(callerConfig).some((key) => key === "projects" || key.startsWith("projects."));
  if (callerDecided || hasTrustDecision(cwd, userConfig.projects)) return params;
  return {
    ...params,
    approvalPolicy: params.approvalPolicy ?? callerConfig.approval_policy ?? userConfig.approval_policy ?? NATIVE_DEFAULTS.approvalPolicy,
    sandbox: params.sandbox ?? callerConfig.sandbox_mode ?? userConfig.sandbox_mode ?? NATIVE_DEFAULTS.sandbox,
    config: { ...callerConfig, projects: { [cwd]: { trust_level: "untrusted" } } }
  };
}

// src/codex/bridge/request-guard.ts
var MAX_FIELDS_NAMED = 3;
var MAX_FIELD_NAME_CHARS = 60;
var MAX_MESSAGE_CHARS = 300;
var CHECKED = {
  initialize: InitializeRequestSchema,
  ping: PingRequestSchema,
  "tools/list": ListToolsRequestSchema,
  "tools/call": CallToolRequestSchema
};
function describeIssues(issues) {
  const named = issues.slice(0, MAX_FIELDS_NAMED).map((issue) => {
    const field = issue.path.map(String).join(".").slice(0, MAX_FIELD_NAME_CHARS) || "params";
    return `${field}: ${issue.message.replace(/^Invalid input: /, "")}`;
  });
  const more = issues.length - named.length;
  return (named.join("; ") + (more > 0 ? ` (and ${more} more)` : "")).slice(0, MAX_MESSAGE_CHARS);
}
var GuardedTransport = class {
  constructor(inner) {
    this.inner = inner;
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => this.onerror?.(error);
    inner.onmessage = (message, extra) => this.receive(message, extra);
  }
  inner;
  onclose;
  onerror;
  onmessage;
  initialized = false;
  get sessionId() {
    return this.inner.sessionId;
  }
  start() {
    return this.inner.start();
  }
  send(message, options) {
    return this.inner.send(message, options);
  }
  close() {
    return this.inner.close();
  }
  setProtocolVersion(version) {
    this.inner.setProtocolVersion?.(version);
  }
  receive(message, extra) {
    const rejection = "method" in message && "id" in message ? this.check(message) : void 0;
    if (!rejection) {
      this.onmessage?.(message, extra);
      return;
    }
    const id = message.id;
    this.inner.send({ jsonrpc: "2.0", id, error: rejection }).catch((error) => {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    });
  }
  check(request) {
    if (request.method === "initialize" && this.initialized)
      return { code: ErrorCode.InvalidRequest, message: "initialize called more than once" };
    const schema = CHECKED[request.method];
    if (!schema) return void 0;
    const parsed = schema.safeParse(request);
    if (!parsed.success)
      return {
        code: ErrorCode.InvalidParams,
        message: `Invalid ${request.method} params: ${describeIssues(parsed.error?.issues ?? [])}`
      };
    if (request.method === "initialize") this.initialized = true;
    return void 0;
  }
};

// src/codex/bridge/tool-schemas.ts
var withoutKeys = (...keys) => Object.fromEntries(keys.map((key) => [key, void 0]));
var result = object({
  threadId: string(),
  content: string()
}).meta(withoutKeys("$schema", "additionalProperties"));
var CODEX_TOOL = {
  name: "codex",
  title: "Codex",
  description: "Run a Codex session. Accepts configuration parameters matching the Codex Config struct.",
  inputSchema: strictObject({
    "approval-policy": _enum(["on-request", "never"]).optional().describe("Approval policy for shell commands generated by the model: `on-request`, `never`."),
    "base-instructions": string().optional().describe("The set of instructions to use instead of the default ones."),
    "compact-prompt": string().optional().describe("Prompt used when compacting the conversation."),
    config: record(string(), unknown()).optional().meta({
      description: "Individual config settings that will override what is in CODEX_HOME/config.toml.",
      additionalProperties: true,
      ...withoutKeys("propertyNames")
    }),
    cwd: string().optional().describe(
      "Working directory for the session. If relative, it is resolved against the server process's current working directory."
    ),
    "developer-instructions": string().optional().describe("Developer instructions that should be injected as a developer role message."),
    model: string().optional().describe("Optional override for the model name (e.g. 'gpt-5.2', 'gpt-5.2-codex')."),
    prompt: string().describe("The *initial user prompt* to start the Codex conversation."),
    sandbox: _enum(["read-only", "workspace-write", "danger-full-access"]).optional().describe("Sandbox mode: `read-only`, `workspace-write`, or `danger-full-access`.")
  }).meta(withoutKeys("$schema")),
  outputSchema: result
};
var CODEX_REPLY_TOOL = {
  name: "codex-reply",
  title: "Codex Reply",
  description: "Continue a Codex conversation by providing the thread id and prompt.",
  inputSchema: object({
    conversationId: string().optional().describe("DEPRECATED: use threadId instead."),
    prompt: string().describe("The *next user prompt* to continue the Codex conversation."),
    threadId: string().optional().describe(
      "The thread id for this Codex session. This field is required, but we keep it optional here for backward compatibility for clients that still use conversationId."
    )
  }).meta(withoutKeys("$schema", "additionalProperties")),
  outputSchema: result
};

// src/codex/bridge/server.ts
var THREAD_START_TIMEOUT_MS = 12e4;
var APPROVAL_ANSWER_TIMEOUT_MS = 10 * 6e4;
var BRIDGE_SERVER_NAME = "codex-mcp-bridge";
var BridgeServer = class {
  constructor(connection, codexVersion, options = {}) {
    this.connection = connection;
    this.options = options;
    this.mcp = new McpServer({ name: BRIDGE_SERVER_NAME, title: "Codex", version: codexVersion });
    this.mcp.registerTool(CODEX_TOOL.name, CODEX_TOOL, (args, extra) => this.codex(args, extra));
    this.mcp.registerTool(CODEX_REPLY_TOOL.name, CODEX_REPLY_TOOL, (args, extra) => this.codexReply(args, extra));
  }
  connection;
  options;
  mcp;
  /** Working directory of each thread this process has started or resumed, to resolve patch paths. */
  threadCwd = /* @__PURE__ */ new Map();
  connect(transport) {
    return this.mcp.connect(new GuardedTransport(transport));
  }
  async codex(args, extra) {
    const client = await this.connection.client();
    if (!client.ok) return errorResult(client.error);
    const cwd = path2.resolve(args.cwd ?? process.cwd());
    const userConfig = await client.value.request(
      "config/read",
      {},
      { timeoutMs: THREAD_START_TIMEOUT_MS, signal: extra.signal }
    );
    const params = withoutImplicitTrust(
      threadStartParams(args, cwd),
      cwd,
      userConfig.ok ? userConfig.value.config ?? {} : {}
    );
    const beforeStart = [];
    const unsubscribe = client.value.subscribe((message) => beforeStart.push(message));
    const started = await client.value.request("thread/start", params, {
      timeoutMs: THREAD_START_TIMEOUT_MS,
      signal: extra.signal
    });
    unsubscribe();
    if (!started.ok) return errorResult(`Failed to start a Codex session: ${started.error.message}`);
    const threadId = started.value.thread?.id ?? "";
    this.threadCwd.set(threadId, cwd);
    const emit = eventSender(extra, threadId, this.options.omitEvents);
    emit("", sessionConfigured(threadId, started.value.model ?? args.model ?? "", cwd));
    const translator = new TurnEventTranslator(cwd, this.options.omitEvents);
    for (const message of beforeStart) {
      if (message.method === "warning" && message.params.threadId === threadId)
        for (const msg of translator.translate(message)) emit("", msg);
    }
    return this.turn(client.value, threadId, args.prompt, extra);
  }
  async codexReply(args, extra) {
    const threadId = args.threadId ?? args.conversationId;
    if (!threadId) return errorResult("Failed to parse thread_id: either threadId or conversationId must be provided");
    const client = await this.connection.client();
    if (!client.ok) return errorResult(client.error);
    return this.turn(client.value, threadId, args.prompt, extra);
  }
  /** Runs one turn; a thread this app-server does not have loaded (it was restarted) is resumed from disk first. */
  async turn(client, threadId, prompt, extra) {
    const emit = eventSender(extra, threadId, this.options.omitEvents);
    const stopNotices = this.connection.onNotice(threadId, (notice) => emit("", { type: "warning", message: notice }));
    const stopForwarding = this.connection.onApprovalRequest(
      threadId,
      (request) => this.forwardApproval(request, extra, emit)
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
        omitEvents: this.options.omitEvents
      });
      let outcome = await runTurn(turnRequest());
      if (outcome.status === "rejected" && /^thread not found/i.test(outcome.error.message)) {
        const resumed = await client.request(
          "thread/resume",
          { threadId, excludeTurns: true },
          { timeoutMs: THREAD_START_TIMEOUT_MS, signal: extra.signal }
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
  async forwardApproval(request, extra, emit) {
    if (!this.mcp.server.getClientCapabilities()?.elicitation) return void 0;
    const params = elicitationForApproval(request, extra.requestId);
    if (!params) return void 0;
    try {
      const result2 = await extra.sendRequest(
        { method: "elicitation/create", params },
        ElicitResultSchema,
        {
          timeout: APPROVAL_ANSWER_TIMEOUT_MS,
          signal: extra.signal
        }
      );
      return answerFromElicitation(request, result2);
    } catch (error) {
      emit("", {
        type: "warning",
        message: `The MCP client did not answer an approval request (${getErrorMessage(error)}); the bridge declined it.`
      });
      return answerFromElicitation(request, { action: "decline" });
    }
  }
};
function threadStartParams(args, cwd) {
  const config = { ...args.config };
  if (args["compact-prompt"] !== void 0) config.compact_prompt = args["compact-prompt"];
  return {
    cwd,
    ...args.model !== void 0 ? { model: args.model } : {},
    ...args["approval-policy"] !== void 0 ? { approvalPolicy: args["approval-policy"] } : {},
    ...args.sandbox !== void 0 ? { sandbox: args.sandbox } : {},
    ...args["base-instructions"] !== void 0 ? { baseInstructions: args["base-instructions"] } : {},
    ...args["developer-instructions"] !== void 0 ? { developerInstructions: args["developer-instructions"] } : {},
    ...Object.keys(config).length > 0 ? { config } : {}
  };
}
function eventSender(extra, threadId, omit = /* @__PURE__ */ new Set()) {
  return (turnId, msg) => {
    if (omit.has(msg.type)) return;
    const notification = {
      method: "codex/event",
      params: { _meta: { requestId: extra.requestId, threadId }, id: turnId, msg }
    };
    extra.sendNotification(notification).catch(() => void 0);
  };
}
function toolResult(outcome, threadId) {
  switch (outcome.status) {
    case "completed":
      return {
        content: [{ type: "text", text: outcome.lastAgentMessage }],
        structuredContent: { threadId, content: outcome.lastAgentMessage }
      };
    case "failed":
      return errorResult(outcome.error, threadId);
    case "rejected":
      return errorResult(outcome.error.message, threadId);
    case "cancelled":
      return errorResult("The Codex turn was cancelled by the client.", threadId);
  }
}
function errorResult(text2, threadId) {
  return {
    content: [{ type: "text", text: text2 }],
    ...threadId ? { structuredContent: { threadId, content: text2 } } : {},
    isError: true
  };
}

// src/mcp-server.ts
var BRIDGE_VERSION = "1";
var log = (line) => {
  process.stderr.write(`[codex-mcp-bridge] ${line}
`);
};
function codexOnPath(searchPath) {
  for (const dir of searchPath.split(path3.delimiter).filter(Boolean)) {
    const candidate = path3.join(dir, "codex");
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
    }
  }
  return void 0;
}
async function readOutputSchema(file) {
  let schema;
  try {
    schema = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    return fail(`--output-schema ${file}: ${getErrorMessage(error)} (accepted: a file holding a JSON schema object)`);
  }
  if (!schema || typeof schema !== "object" || Array.isArray(schema))
    return fail(
      `--output-schema ${file}: the file holds no JSON object (accepted: a file holding a JSON schema object)`
    );
  return ok(schema);
}
function refuse(why) {
  log(`${why}
${BRIDGE_USAGE}`);
  process.exitCode = 2;
}
async function main() {
  const args = parseBridgeArgs(process.argv.slice(2));
  if (!args.ok) return refuse(args.error);
  if (args.value.help) {
    process.stderr.write(`${BRIDGE_USAGE}
`);
    return;
  }
  const codexPath = args.value.codexPath ?? (process.env.CODEX_BRIDGE_CODEX_PATH || codexOnPath(process.env.PATH ?? ""));
  if (!codexPath) return refuse("no Codex binary given (--codex), no CODEX_BRIDGE_CODEX_PATH and no `codex` on PATH.");
  const outputSchema = args.value.outputSchemaFile ? await readOutputSchema(args.value.outputSchemaFile) : void 0;
  if (outputSchema && !outputSchema.ok) return refuse(outputSchema.error);
  const connection = new AppServerConnection({
    codexPath,
    env: process.env,
    clientVersion: BRIDGE_VERSION,
    log,
    optOutNotificationMethods: appServerOptOuts(args.value.omitEvents ?? [])
  });
  let shuttingDown = false;
  const shutdown = async (why) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${why}; stopping codex app-server`);
    await connection.close();
    process.exit(0);
  };
  process.on("exit", () => connection.killNow());
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"])
    process.on(signal, () => void shutdown(`got ${signal}`));
  process.stdin.on("end", () => void shutdown("stdin closed"));
  process.stdin.on("close", () => void shutdown("stdin closed"));
  const started = await connection.start();
  if (!started.ok) {
    log(started.error);
    await connection.close();
    process.exit(1);
  }
  log(`codex app-server ${started.value.codexVersion} is ready (${codexPath})`);
  const server = new BridgeServer(connection, started.value.codexVersion, {
    outputSchema: outputSchema?.value,
    omitEvents: args.value.omitEvents
  });
  await server.connect(new StdioServerTransport());
}
await main();
