import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  AjvJsonSchemaValidator,
  CallToolResultSchema,
  CompleteResultSchema,
  CreateMessageRequestSchema,
  CreateMessageResultSchema,
  CreateMessageResultWithToolsSchema,
  CreateTaskResultSchema,
  ElicitRequestSchema,
  ElicitResultSchema,
  EmptyResultSchema,
  ErrorCode,
  GetPromptResultSchema,
  InitializeResultSchema,
  JSONRPCMessageSchema,
  LATEST_PROTOCOL_VERSION,
  ListChangedOptionsBaseSchema,
  ListPromptsResultSchema,
  ListResourceTemplatesResultSchema,
  ListResourcesResultSchema,
  ListToolsResultSchema,
  McpError,
  PromptListChangedNotificationSchema,
  Protocol,
  ReadResourceResultSchema,
  ResourceListChangedNotificationSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  ToolListChangedNotificationSchema,
  assertClientRequestTaskCapability,
  assertToolsCallTaskCapability,
  getLiteralValue,
  getObjectShape,
  literal,
  looseObject,
  mergeCapabilities,
  object,
  safeParse,
  string
} from "./chunk-CLAT6O6H.js";
import {
  stopProcessTree,
  sweepRunProcesses
} from "./chunk-346AIKJC.js";
import {
  childEnvironment,
  existingRunMarker
} from "./chunk-BPCLRSEQ.js";
import {
  ActionError,
  getErrorMessage
} from "./chunk-LBANA4DG.js";

// node_modules/@modelcontextprotocol/sdk/dist/esm/experimental/tasks/client.js
var ExperimentalClientTasks = class {
  constructor(_client) {
    this._client = _client;
  }
  /**
   * Calls a tool and returns an AsyncGenerator that yields response messages.
   * The generator is guaranteed to end with either a 'result' or 'error' message.
   *
   * This method provides streaming access to tool execution, allowing you to
   * observe intermediate task status updates for long-running tool calls.
   * Automatically validates structured output if the tool has an outputSchema.
   *
   * @example
   * ```typescript
   * const stream = client.experimental.tasks.callToolStream({ name: 'myTool', arguments: {} });
   * for await (const message of stream) {
   *   switch (message.type) {
   *     case 'taskCreated':
   *       console.log('Tool execution started:', message.task.taskId);
   *       break;
   *     case 'taskStatus':
   *       console.log('Tool status:', message.task.status);
   *       break;
   *     case 'result':
   *       console.log('Tool result:', message.result);
   *       break;
   *     case 'error':
   *       console.error('Tool error:', message.error);
   *       break;
   *   }
   * }
   * ```
   *
   * @param params - Tool call parameters (name and arguments)
   * @param resultSchema - Zod schema for validating the result (defaults to CallToolResultSchema)
   * @param options - Optional request options (timeout, signal, task creation params, etc.)
   * @returns AsyncGenerator that yields ResponseMessage objects
   *
   * @experimental
   */
  async *callToolStream(params, resultSchema = CallToolResultSchema, options) {
    const clientInternal = this._client;
    const optionsWithTask = {
      ...options,
      // We check if the tool is known to be a task during auto-configuration, but assume
      // the caller knows what they're doing if they pass this explicitly
      task: options?.task ?? (clientInternal.isToolTask(params.name) ? {} : void 0)
    };
    const stream = clientInternal.requestStream({ method: "tools/call", params }, resultSchema, optionsWithTask);
    const validator = clientInternal.getToolOutputValidator(params.name);
    for await (const message of stream) {
      if (message.type === "result" && validator) {
        const result = message.result;
        if (!result.structuredContent && !result.isError) {
          yield {
            type: "error",
            error: new McpError(ErrorCode.InvalidRequest, `Tool ${params.name} has an output schema but did not return structured content`)
          };
          return;
        }
        if (result.structuredContent) {
          try {
            const validationResult = validator(result.structuredContent);
            if (!validationResult.valid) {
              yield {
                type: "error",
                error: new McpError(ErrorCode.InvalidParams, `Structured content does not match the tool's output schema: ${validationResult.errorMessage}`)
              };
              return;
            }
          } catch (error) {
            if (error instanceof McpError) {
              yield { type: "error", error };
              return;
            }
            yield {
              type: "error",
              error: new McpError(ErrorCode.InvalidParams, `Failed to validate structured content: ${error instanceof Error ? error.message : String(error)}`)
            };
            return;
          }
        }
      }
      yield message;
    }
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
    return this._client.getTask({ taskId }, options);
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
    return this._client.getTaskResult({ taskId }, resultSchema, options);
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
    return this._client.listTasks(cursor ? { cursor } : void 0, options);
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
    return this._client.cancelTask({ taskId }, options);
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
    return this._client.requestStream(request, resultSchema, options);
  }
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js
function applyElicitationDefaults(schema, data) {
  if (!schema || data === null || typeof data !== "object")
    return;
  if (schema.type === "object" && schema.properties && typeof schema.properties === "object") {
    const obj = data;
    const props = schema.properties;
    for (const key of Object.keys(props)) {
      const propSchema = props[key];
      if (obj[key] === void 0 && Object.prototype.hasOwnProperty.call(propSchema, "default")) {
        obj[key] = propSchema.default;
      }
      if (obj[key] !== void 0) {
        applyElicitationDefaults(propSchema, obj[key]);
      }
    }
  }
  if (Array.isArray(schema.anyOf)) {
    for (const sub of schema.anyOf) {
      if (typeof sub !== "boolean") {
        applyElicitationDefaults(sub, data);
      }
    }
  }
  if (Array.isArray(schema.oneOf)) {
    for (const sub of schema.oneOf) {
      if (typeof sub !== "boolean") {
        applyElicitationDefaults(sub, data);
      }
    }
  }
}
function getSupportedElicitationModes(capabilities) {
  if (!capabilities) {
    return { supportsFormMode: false, supportsUrlMode: false };
  }
  const hasFormCapability = capabilities.form !== void 0;
  const hasUrlCapability = capabilities.url !== void 0;
  const supportsFormMode = hasFormCapability || !hasFormCapability && !hasUrlCapability;
  const supportsUrlMode = hasUrlCapability;
  return { supportsFormMode, supportsUrlMode };
}
var Client = class extends Protocol {
  /**
   * Initializes this client with the given name and version information.
   */
  constructor(_clientInfo, options) {
    super(options);
    this._clientInfo = _clientInfo;
    this._cachedToolOutputValidators = /* @__PURE__ */ new Map();
    this._cachedKnownTaskTools = /* @__PURE__ */ new Set();
    this._cachedRequiredTaskTools = /* @__PURE__ */ new Set();
    this._listChangedDebounceTimers = /* @__PURE__ */ new Map();
    this._capabilities = options?.capabilities ?? {};
    this._jsonSchemaValidator = options?.jsonSchemaValidator ?? new AjvJsonSchemaValidator();
    if (options?.listChanged) {
      this._pendingListChangedConfig = options.listChanged;
    }
  }
  /**
   * Set up handlers for list changed notifications based on config and server capabilities.
   * This should only be called after initialization when server capabilities are known.
   * Handlers are silently skipped if the server doesn't advertise the corresponding listChanged capability.
   * @internal
   */
  _setupListChangedHandlers(config) {
    if (config.tools && this._serverCapabilities?.tools?.listChanged) {
      this._setupListChangedHandler("tools", ToolListChangedNotificationSchema, config.tools, async () => {
        const result = await this.listTools();
        return result.tools;
      });
    }
    if (config.prompts && this._serverCapabilities?.prompts?.listChanged) {
      this._setupListChangedHandler("prompts", PromptListChangedNotificationSchema, config.prompts, async () => {
        const result = await this.listPrompts();
        return result.prompts;
      });
    }
    if (config.resources && this._serverCapabilities?.resources?.listChanged) {
      this._setupListChangedHandler("resources", ResourceListChangedNotificationSchema, config.resources, async () => {
        const result = await this.listResources();
        return result.resources;
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
        tasks: new ExperimentalClientTasks(this)
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
   * Override request handler registration to enforce client-side validation for elicitation.
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
    if (method === "elicitation/create") {
      const wrappedHandler = async (request, extra) => {
        const validatedRequest = safeParse(ElicitRequestSchema, request);
        if (!validatedRequest.success) {
          const errorMessage = validatedRequest.error instanceof Error ? validatedRequest.error.message : String(validatedRequest.error);
          throw new McpError(ErrorCode.InvalidParams, `Invalid elicitation request: ${errorMessage}`);
        }
        const { params } = validatedRequest.data;
        params.mode = params.mode ?? "form";
        const { supportsFormMode, supportsUrlMode } = getSupportedElicitationModes(this._capabilities.elicitation);
        if (params.mode === "form" && !supportsFormMode) {
          throw new McpError(ErrorCode.InvalidParams, "Client does not support form-mode elicitation requests");
        }
        if (params.mode === "url" && !supportsUrlMode) {
          throw new McpError(ErrorCode.InvalidParams, "Client does not support URL-mode elicitation requests");
        }
        const result = await Promise.resolve(handler(request, extra));
        if (params.task) {
          const taskValidationResult = safeParse(CreateTaskResultSchema, result);
          if (!taskValidationResult.success) {
            const errorMessage = taskValidationResult.error instanceof Error ? taskValidationResult.error.message : String(taskValidationResult.error);
            throw new McpError(ErrorCode.InvalidParams, `Invalid task creation result: ${errorMessage}`);
          }
          return taskValidationResult.data;
        }
        const validationResult = safeParse(ElicitResultSchema, result);
        if (!validationResult.success) {
          const errorMessage = validationResult.error instanceof Error ? validationResult.error.message : String(validationResult.error);
          throw new McpError(ErrorCode.InvalidParams, `Invalid elicitation result: ${errorMessage}`);
        }
        const validatedResult = validationResult.data;
        const requestedSchema = params.mode === "form" ? params.requestedSchema : void 0;
        if (params.mode === "form" && validatedResult.action === "accept" && validatedResult.content && requestedSchema) {
          if (this._capabilities.elicitation?.form?.applyDefaults) {
            try {
              applyElicitationDefaults(requestedSchema, validatedResult.content);
            } catch {
            }
          }
        }
        return validatedResult;
      };
      return super.setRequestHandler(requestSchema, wrappedHandler);
    }
    if (method === "sampling/createMessage") {
      const wrappedHandler = async (request, extra) => {
        const validatedRequest = safeParse(CreateMessageRequestSchema, request);
        if (!validatedRequest.success) {
          const errorMessage = validatedRequest.error instanceof Error ? validatedRequest.error.message : String(validatedRequest.error);
          throw new McpError(ErrorCode.InvalidParams, `Invalid sampling request: ${errorMessage}`);
        }
        const { params } = validatedRequest.data;
        const result = await Promise.resolve(handler(request, extra));
        if (params.task) {
          const taskValidationResult = safeParse(CreateTaskResultSchema, result);
          if (!taskValidationResult.success) {
            const errorMessage = taskValidationResult.error instanceof Error ? taskValidationResult.error.message : String(taskValidationResult.error);
            throw new McpError(ErrorCode.InvalidParams, `Invalid task creation result: ${errorMessage}`);
          }
          return taskValidationResult.data;
        }
        const hasTools = params.tools || params.toolChoice;
        const resultSchema = hasTools ? CreateMessageResultWithToolsSchema : CreateMessageResultSchema;
        const validationResult = safeParse(resultSchema, result);
        if (!validationResult.success) {
          const errorMessage = validationResult.error instanceof Error ? validationResult.error.message : String(validationResult.error);
          throw new McpError(ErrorCode.InvalidParams, `Invalid sampling result: ${errorMessage}`);
        }
        return validationResult.data;
      };
      return super.setRequestHandler(requestSchema, wrappedHandler);
    }
    return super.setRequestHandler(requestSchema, handler);
  }
  assertCapability(capability, method) {
    if (!this._serverCapabilities?.[capability]) {
      throw new Error(`Server does not support ${capability} (required for ${method})`);
    }
  }
  async connect(transport, options) {
    await super.connect(transport);
    if (transport.sessionId !== void 0) {
      return;
    }
    try {
      const result = await this.request({
        method: "initialize",
        params: {
          protocolVersion: LATEST_PROTOCOL_VERSION,
          capabilities: this._capabilities,
          clientInfo: this._clientInfo
        }
      }, InitializeResultSchema, options);
      if (result === void 0) {
        throw new Error(`Server sent invalid initialize result: ${result}`);
      }
      if (!SUPPORTED_PROTOCOL_VERSIONS.includes(result.protocolVersion)) {
        throw new Error(`Server's protocol version is not supported: ${result.protocolVersion}`);
      }
      this._serverCapabilities = result.capabilities;
      this._serverVersion = result.serverInfo;
      if (transport.setProtocolVersion) {
        transport.setProtocolVersion(result.protocolVersion);
      }
      this._instructions = result.instructions;
      await this.notification({
        method: "notifications/initialized"
      });
      if (this._pendingListChangedConfig) {
        this._setupListChangedHandlers(this._pendingListChangedConfig);
        this._pendingListChangedConfig = void 0;
      }
    } catch (error) {
      void this.close();
      throw error;
    }
  }
  /**
   * After initialization has completed, this will be populated with the server's reported capabilities.
   */
  getServerCapabilities() {
    return this._serverCapabilities;
  }
  /**
   * After initialization has completed, this will be populated with information about the server's name and version.
   */
  getServerVersion() {
    return this._serverVersion;
  }
  /**
   * After initialization has completed, this may be populated with information about the server's instructions.
   */
  getInstructions() {
    return this._instructions;
  }
  assertCapabilityForMethod(method) {
    switch (method) {
      case "logging/setLevel":
        if (!this._serverCapabilities?.logging) {
          throw new Error(`Server does not support logging (required for ${method})`);
        }
        break;
      case "prompts/get":
      case "prompts/list":
        if (!this._serverCapabilities?.prompts) {
          throw new Error(`Server does not support prompts (required for ${method})`);
        }
        break;
      case "resources/list":
      case "resources/templates/list":
      case "resources/read":
      case "resources/subscribe":
      case "resources/unsubscribe":
        if (!this._serverCapabilities?.resources) {
          throw new Error(`Server does not support resources (required for ${method})`);
        }
        if (method === "resources/subscribe" && !this._serverCapabilities.resources.subscribe) {
          throw new Error(`Server does not support resource subscriptions (required for ${method})`);
        }
        break;
      case "tools/call":
      case "tools/list":
        if (!this._serverCapabilities?.tools) {
          throw new Error(`Server does not support tools (required for ${method})`);
        }
        break;
      case "completion/complete":
        if (!this._serverCapabilities?.completions) {
          throw new Error(`Server does not support completions (required for ${method})`);
        }
        break;
      case "initialize":
        break;
      case "ping":
        break;
    }
  }
  assertNotificationCapability(method) {
    switch (method) {
      case "notifications/roots/list_changed":
        if (!this._capabilities.roots?.listChanged) {
          throw new Error(`Client does not support roots list changed notifications (required for ${method})`);
        }
        break;
      case "notifications/initialized":
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
      case "sampling/createMessage":
        if (!this._capabilities.sampling) {
          throw new Error(`Client does not support sampling capability (required for ${method})`);
        }
        break;
      case "elicitation/create":
        if (!this._capabilities.elicitation) {
          throw new Error(`Client does not support elicitation capability (required for ${method})`);
        }
        break;
      case "roots/list":
        if (!this._capabilities.roots) {
          throw new Error(`Client does not support roots capability (required for ${method})`);
        }
        break;
      case "tasks/get":
      case "tasks/list":
      case "tasks/result":
      case "tasks/cancel":
        if (!this._capabilities.tasks) {
          throw new Error(`Client does not support tasks capability (required for ${method})`);
        }
        break;
      case "ping":
        break;
    }
  }
  assertTaskCapability(method) {
    assertToolsCallTaskCapability(this._serverCapabilities?.tasks?.requests, method, "Server");
  }
  assertTaskHandlerCapability(method) {
    if (!this._capabilities) {
      return;
    }
    assertClientRequestTaskCapability(this._capabilities.tasks?.requests, method, "Client");
  }
  async ping(options) {
    return this.request({ method: "ping" }, EmptyResultSchema, options);
  }
  async complete(params, options) {
    return this.request({ method: "completion/complete", params }, CompleteResultSchema, options);
  }
  async setLoggingLevel(level, options) {
    return this.request({ method: "logging/setLevel", params: { level } }, EmptyResultSchema, options);
  }
  async getPrompt(params, options) {
    return this.request({ method: "prompts/get", params }, GetPromptResultSchema, options);
  }
  async listPrompts(params, options) {
    return this.request({ method: "prompts/list", params }, ListPromptsResultSchema, options);
  }
  async listResources(params, options) {
    return this.request({ method: "resources/list", params }, ListResourcesResultSchema, options);
  }
  async listResourceTemplates(params, options) {
    return this.request({ method: "resources/templates/list", params }, ListResourceTemplatesResultSchema, options);
  }
  async readResource(params, options) {
    return this.request({ method: "resources/read", params }, ReadResourceResultSchema, options);
  }
  async subscribeResource(params, options) {
    return this.request({ method: "resources/subscribe", params }, EmptyResultSchema, options);
  }
  async unsubscribeResource(params, options) {
    return this.request({ method: "resources/unsubscribe", params }, EmptyResultSchema, options);
  }
  /**
   * Calls a tool and waits for the result. Automatically validates structured output if the tool has an outputSchema.
   *
   * For task-based execution with streaming behavior, use client.experimental.tasks.callToolStream() instead.
   */
  async callTool(params, resultSchema = CallToolResultSchema, options) {
    if (this.isToolTaskRequired(params.name)) {
      throw new McpError(ErrorCode.InvalidRequest, `Tool "${params.name}" requires task-based execution. Use client.experimental.tasks.callToolStream() instead.`);
    }
    const result = await this.request({ method: "tools/call", params }, resultSchema, options);
    const validator = this.getToolOutputValidator(params.name);
    if (validator) {
      if (!result.structuredContent && !result.isError) {
        throw new McpError(ErrorCode.InvalidRequest, `Tool ${params.name} has an output schema but did not return structured content`);
      }
      if (result.structuredContent) {
        try {
          const validationResult = validator(result.structuredContent);
          if (!validationResult.valid) {
            throw new McpError(ErrorCode.InvalidParams, `Structured content does not match the tool's output schema: ${validationResult.errorMessage}`);
          }
        } catch (error) {
          if (error instanceof McpError) {
            throw error;
          }
          throw new McpError(ErrorCode.InvalidParams, `Failed to validate structured content: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    return result;
  }
  isToolTask(toolName) {
    if (!this._serverCapabilities?.tasks?.requests?.tools?.call) {
      return false;
    }
    return this._cachedKnownTaskTools.has(toolName);
  }
  /**
   * Check if a tool requires task-based execution.
   * Unlike isToolTask which includes 'optional' tools, this only checks for 'required'.
   */
  isToolTaskRequired(toolName) {
    return this._cachedRequiredTaskTools.has(toolName);
  }
  /**
   * Cache validators for tool output schemas.
   * Called after listTools() to pre-compile validators for better performance.
   */
  cacheToolMetadata(tools) {
    this._cachedToolOutputValidators.clear();
    this._cachedKnownTaskTools.clear();
    this._cachedRequiredTaskTools.clear();
    for (const tool of tools) {
      if (tool.outputSchema) {
        const toolValidator = this._jsonSchemaValidator.getValidator(tool.outputSchema);
        this._cachedToolOutputValidators.set(tool.name, toolValidator);
      }
      const taskSupport = tool.execution?.taskSupport;
      if (taskSupport === "required" || taskSupport === "optional") {
        this._cachedKnownTaskTools.add(tool.name);
      }
      if (taskSupport === "required") {
        this._cachedRequiredTaskTools.add(tool.name);
      }
    }
  }
  /**
   * Get cached validator for a tool
   */
  getToolOutputValidator(toolName) {
    return this._cachedToolOutputValidators.get(toolName);
  }
  async listTools(params, options) {
    const result = await this.request({ method: "tools/list", params }, ListToolsResultSchema, options);
    this.cacheToolMetadata(result.tools);
    return result;
  }
  /**
   * Set up a single list changed handler.
   * @internal
   */
  _setupListChangedHandler(listType, notificationSchema, options, fetcher) {
    const parseResult = ListChangedOptionsBaseSchema.safeParse(options);
    if (!parseResult.success) {
      throw new Error(`Invalid ${listType} listChanged options: ${parseResult.error.message}`);
    }
    if (typeof options.onChanged !== "function") {
      throw new Error(`Invalid ${listType} listChanged options: onChanged must be a function`);
    }
    const { autoRefresh, debounceMs } = parseResult.data;
    const { onChanged } = options;
    const refresh = async () => {
      if (!autoRefresh) {
        onChanged(null, null);
        return;
      }
      try {
        const items = await fetcher();
        onChanged(null, items);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        onChanged(error, null);
      }
    };
    const handler = () => {
      if (debounceMs) {
        const existingTimer = this._listChangedDebounceTimers.get(listType);
        if (existingTimer) {
          clearTimeout(existingTimer);
        }
        const timer = setTimeout(refresh, debounceMs);
        this._listChangedDebounceTimers.set(listType, timer);
      } else {
        refresh();
      }
    };
    this.setNotificationHandler(notificationSchema, handler);
  }
  async sendRootsListChanged() {
    return this.notification({ method: "notifications/roots/list_changed" });
  }
};

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

// src/codex/stdio-transport.ts
import { spawn } from "node:child_process";
import fs2 from "node:fs";
import { PassThrough } from "node:stream";

// src/codex/fifo.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path2 from "node:path";
var READ_BUFFER_BYTES = 64 * 1024;
function openFifo() {
  if (process.platform === "win32") return new Error("no FIFOs on Windows");
  let dir;
  let readFd;
  try {
    dir = fs.mkdtempSync(path2.join(os.tmpdir(), "codex-mcp-"));
    const fifo = path2.join(dir, "stdout");
    execFileSync("mkfifo", ["-m", "600", fifo], { stdio: "ignore", timeout: 1e4, env: childEnvironment() });
    readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const writeFd = fs.openSync(fifo, fs.constants.O_WRONLY);
    return { readFd, writeFd };
  } catch (error) {
    if (readFd !== void 0) fs.closeSync(readFd);
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
function closeFifo(fifo) {
  fs.closeSync(fifo.writeFd);
  fs.closeSync(fifo.readFd);
}
function readFifo(readFd, onChunk) {
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  const options = {
    fd: readFd,
    readable: true,
    writable: false,
    onread: {
      buffer,
      callback: (bytes) => {
        onChunk(buffer.subarray(0, bytes));
        return true;
      }
    }
  };
  return new net.Socket(options);
}

// src/codex/line-reader.ts
var DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
var PEEK_BYTES = 1024;
var EVENT_PREFIXES = [
  Buffer.from('{"jsonrpc":"2.0","method":"codex/event",'),
  Buffer.from('{"method":"codex/event",')
];
var MSG_TYPE = Buffer.from('"msg":{"type":"');
var QUOTE = 34;
var NEWLINE = 10;
function codexEventType(head) {
  if (!EVENT_PREFIXES.some((prefix) => head.length >= prefix.length && head.subarray(0, prefix.length).equals(prefix)))
    return void 0;
  const at = head.indexOf(MSG_TYPE);
  if (at < 0) return void 0;
  const start = at + MSG_TYPE.length;
  const end = head.indexOf(QUOTE, start);
  return end < 0 ? void 0 : head.toString("latin1", start, end);
}
var TAIL_START_BYTES = 64 * 1024;
var TAIL_KEEP_BYTES = 4 * 1024 * 1024;
var LineReader = class {
  constructor(options) {
    this.options = options;
    this.drop = new Set(options.dropCodexEvents ?? []);
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }
  options;
  drop;
  maxLineBytes;
  tail = Buffer.allocUnsafe(TAIL_START_BYTES);
  tailBytes = 0;
  /** The unfinished line's type was looked at (and it is kept). */
  decided = false;
  /** The rest of the unfinished line is skipped: it is dropped, or too long. */
  skipping;
  skippedBytes = 0;
  /** Lines dropped by type, for tests and diagnostics. */
  dropped = /* @__PURE__ */ new Map();
  /** Bytes of the unfinished line held (for tests). */
  get heldBytes() {
    return this.tailBytes;
  }
  push(chunk) {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline < 0) {
        this.takePartial(chunk.subarray(start));
        return;
      }
      this.finishLine(chunk.subarray(start, newline));
      start = newline + 1;
    }
  }
  /** Forgets the unfinished line (the stream ended or was closed). */
  reset() {
    this.tailBytes = 0;
    if (this.tail.length > TAIL_KEEP_BYTES) this.tail = Buffer.allocUnsafe(TAIL_START_BYTES);
    this.decided = false;
    this.skipping = void 0;
    this.skippedBytes = 0;
  }
  takePartial(piece) {
    if (this.skipping) {
      this.skippedBytes += piece.length;
      return;
    }
    if (this.tailBytes + piece.length > this.maxLineBytes) {
      this.skipFromHere("oversized", piece.length);
      return;
    }
    this.append(piece);
    if (!this.decided && this.tailBytes >= PEEK_BYTES) {
      this.decided = true;
      if (this.isDropped(this.tail.subarray(0, PEEK_BYTES))) this.skipFromHere("dropped", 0);
    }
  }
  finishLine(piece) {
    if (this.skipping) {
      const oversized = this.skipping === "oversized" ? this.skippedBytes + piece.length : 0;
      this.reset();
      if (oversized) this.options.onOversized?.(oversized);
      return;
    }
    let line = piece;
    if (this.tailBytes > 0) {
      if (this.tailBytes + piece.length > this.maxLineBytes) {
        const bytes = this.tailBytes + piece.length;
        this.reset();
        this.options.onOversized?.(bytes);
        return;
      }
      this.append(piece);
      line = this.tail.subarray(0, this.tailBytes);
    } else if (line.length > this.maxLineBytes) {
      this.options.onOversized?.(line.length);
      return;
    }
    const undecided = !this.decided;
    try {
      if (undecided && this.isDropped(line.subarray(0, PEEK_BYTES))) return;
      const end = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
      if (end > 0) this.options.onLine(end === line.length ? line : line.subarray(0, end));
    } finally {
      this.reset();
    }
  }
  isDropped(head) {
    const type = codexEventType(head);
    if (type === void 0 || !this.drop.has(type)) return false;
    this.dropped.set(type, (this.dropped.get(type) ?? 0) + 1);
    return true;
  }
  /** Copies `piece` after the unfinished line, doubling the buffer when it is full. */
  append(piece) {
    const needed = this.tailBytes + piece.length;
    if (needed > this.tail.length) {
      let size = this.tail.length * 2;
      while (size < needed) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.tail.copy(grown, 0, 0, this.tailBytes);
      this.tail = grown;
    }
    piece.copy(this.tail, this.tailBytes);
    this.tailBytes = needed;
  }
  skipFromHere(reason, pieceBytes) {
    this.skippedBytes = this.tailBytes + pieceBytes;
    this.tailBytes = 0;
    this.skipping = reason;
  }
};

// src/codex/stdio-transport.ts
var DEFAULT_CLOSE_GRACE_MS = 2e3;
var DRAIN_AFTER_EXIT_MS = 1e3;
var CodexStdioTransport = class {
  constructor(options) {
    this.options = options;
    this.stderr.resume();
    this.stderr.on("error", () => void 0);
    this.reader = new LineReader({
      dropCodexEvents: options.dropCodexEvents ?? [],
      maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      onLine: (line) => this.deliver(line),
      onOversized: (bytes) => this.onerror?.(
        new Error(
          `skipped a message of ${bytes} bytes from the MCP server (the limit is ${options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES} bytes)`
        )
      )
    });
  }
  options;
  onclose;
  onerror;
  onmessage;
  /** The server's stderr; it exists (and flows) from construction on, so no early line is lost or blocks the server. */
  stderr = new PassThrough();
  child;
  stdin;
  stdout;
  fifo = false;
  reader;
  exited = false;
  stdoutEnded = false;
  closeReported = false;
  closing;
  markExited = () => void 0;
  /** Settles when the server has exited. */
  exitSeen = new Promise((resolve) => this.markExited = resolve);
  /** The server's process id, once spawned. */
  get pid() {
    return this.child?.pid;
  }
  /** Lines skipped unparsed, by `codex/event` msg type. */
  get dropped() {
    return this.reader.dropped;
  }
  /** How stdout is read: 'fifo' (one reused buffer) or 'pipe' (a stream); undefined before start(). */
  get stdoutMode() {
    return this.child ? this.fifo ? "fifo" : "pipe" : void 0;
  }
  start() {
    if (this.child || this.closing) return Promise.reject(new Error("the stdio transport was already started"));
    const made = this.options.stdout === "pipe" ? void 0 : openFifo();
    if (made instanceof Error)
      this.onerror?.(
        new Error(`could not make a FIFO for the MCP server's stdout, so it is read as a stream: ${made.message}`)
      );
    const fifo = made instanceof Error ? void 0 : made;
    return new Promise((resolve, reject) => {
      let child;
      try {
        child = spawn(this.options.command, [...this.options.args ?? []], {
          env: this.options.env ?? {},
          ...this.options.cwd ? { cwd: this.options.cwd } : {},
          stdio: ["pipe", fifo ? fifo.writeFd : "pipe", "pipe"],
          detached: true,
          shell: false,
          windowsHide: true
        });
      } catch (error) {
        if (fifo) closeFifo(fifo);
        reject(error);
        return;
      }
      this.child = child;
      this.stdin = child.stdin ?? void 0;
      if (fifo) fs2.closeSync(fifo.writeFd);
      this.fifo = fifo !== void 0;
      const stdout = fifo ? readFifo(fifo.readFd, (chunk) => this.onStdout(chunk)) : child.stdout;
      this.stdout = stdout;
      if (!fifo) stdout.on("data", (chunk) => this.onStdout(chunk));
      stdout.on("end", () => this.onStdoutEnd());
      stdout.on("close", () => this.onStdoutEnd());
      stdout.on("error", (error) => this.onerror?.(error));
      let spawned = false;
      child.once("spawn", () => {
        spawned = true;
        resolve();
      });
      child.on("error", (error) => {
        if (!spawned) reject(error);
        this.onerror?.(error);
      });
      child.once("exit", () => this.onExit());
      child.once("close", () => this.onExit());
      child.stdin?.on("error", (error) => this.onerror?.(error));
      child.stderr?.on("data", (chunk) => {
        if (!this.stderr.writableEnded) this.stderr.write(chunk);
      });
      child.stderr?.on("error", () => void 0);
    });
  }
  onStdout(chunk) {
    if (this.closeReported) return;
    try {
      this.reader.push(chunk);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
  onStdoutEnd() {
    if (this.stdoutEnded) return;
    this.stdoutEnded = true;
    if (this.exited) this.reportClose();
  }
  onExit() {
    if (this.exited) return;
    this.exited = true;
    this.markExited();
    if (this.stdoutEnded) this.reportClose();
    else setTimeout(() => this.reportClose(), DRAIN_AFTER_EXIT_MS).unref();
  }
  send(message) {
    const stdin = this.stdin;
    if (!stdin || this.closing || this.closeReported || !stdin.writable)
      return Promise.reject(new Error("Not connected"));
    if (stdin.write(`${JSON.stringify(message)}
`)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (error) => {
        stdin.off("drain", onDrain);
        stdin.off("error", onError);
        stdin.off("close", onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (error) => done(error);
      const onClose = () => done(new Error("Not connected: the MCP server closed its input"));
      stdin.on("drain", onDrain);
      stdin.on("error", onError);
      stdin.on("close", onClose);
    });
  }
  /**
   * Closes the server's stdin, gives it closeGraceMs to exit, then kills its process group (the server and
   * what it started that is still in the group, even when the server itself is already gone). Idempotent.
   */
  close() {
    this.closing ??= this.shutDown();
    return this.closing;
  }
  hasExited() {
    return this.exited;
  }
  async shutDown() {
    if (this.child?.pid !== void 0)
      await stopProcessTree(this, {
        askToExit: () => this.stdin?.end(),
        graceMs: this.options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS,
        ownGroup: true
      });
    this.reportClose();
  }
  reportClose() {
    if (this.closeReported) return;
    this.closeReported = true;
    this.reader.reset();
    this.stdout?.destroy();
    this.stderr.end();
    this.onclose?.();
  }
  deliver(line) {
    let parsed;
    try {
      parsed = JSON.parse(line.toString("utf8"));
    } catch {
      this.onerror?.(new Error(`the MCP server wrote a line of ${line.length} bytes that is not JSON`));
      return;
    }
    const checked = JSONRPCMessageSchema.safeParse(parsed);
    if (!checked.success) {
      this.onerror?.(
        new Error(
          `the MCP server wrote a line of ${line.length} bytes that is not a JSON-RPC message: ${checked.error.message.slice(0, 300)}`
        )
      );
      return;
    }
    try {
      this.onmessage?.(checked.data);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
};

// src/codex/session.ts
var START_TIMEOUT_MS = 6e4;
var UNREAD_CODEX_EVENTS = [
  "exec_command_output_delta",
  "item_started",
  "item_completed",
  "raw_response_item",
  "turn_diff",
  "agent_message_delta",
  "agent_message_content_delta",
  "agent_reasoning_delta",
  "agent_reasoning_raw_content_delta",
  "reasoning_content_delta",
  "reasoning_raw_content_delta"
];
var startMcpSession = async (options) => {
  const transport = new CodexStdioTransport({
    command: options.command,
    args: options.args,
    env: options.env,
    cwd: options.cwd,
    dropCodexEvents: UNREAD_CODEX_EVENTS
  });
  const stderrTail = new TailBuffer(4e3);
  transport.stderr.on("data", (chunk) => {
    const text = chunk.toString("utf8");
    stderrTail.push(text);
    for (const line of text.split("\n")) if (line.trim()) options.onStderr?.(line);
  });
  const client = new Client({ name: "codex-task-action", version: "1" }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(CodexElicitRequestSchema, (request) => {
    const approval = approvalRequestFromElicitation(request.params);
    const answer = options.answerApproval?.(approval) ?? { decision: "declined", why: "no approval policy was given" };
    return elicitationResult(answer);
  });
  client.onerror = (error) => options.onStderr?.(`(MCP client) ${getErrorMessage(error)}`);
  const session = new McpCodexSession(client, transport, stderrTail);
  try {
    await client.connect(transport, { timeout: START_TIMEOUT_MS });
    const { tools } = await client.listTools(void 0, { timeout: START_TIMEOUT_MS });
    if (!tools.some((tool) => tool.name === "codex")) {
      throw new ActionError(
        `Codex ${options.version} started as an MCP server but offers no 'codex' tool (it offers: ${tools.map((tool) => tool.name).join(", ") || "nothing"}).`,
        "Use a Codex release that ships `codex mcp-server` with the codex tool, such as 0.153.4, or set codex-server to 'bridge'."
      );
    }
  } catch (error) {
    await session.close();
    if (error instanceof ActionError) throw error;
    throw new ActionError(
      `Codex ${options.version} could not be started as an MCP server: ${getErrorMessage(error)}${stderrTail.text() ? ` (stderr: ${stderrTail.text().trim().slice(-500)})` : ""}`,
      "Check codex-version, codex-path and codex-server; `codex mcp-server` exists up to 0.153.4, newer releases need codex-server 'auto' or 'bridge'."
    );
  }
  return session;
};
var CodexElicitRequestSchema = object({
  method: literal("elicitation/create"),
  params: looseObject({ message: string() })
});
var openSessions = /* @__PURE__ */ new Set();
async function closeAllSessions() {
  await Promise.all([...openSessions].map((session) => session.close()));
}
var McpCodexSession = class {
  constructor(client, transport, stderrTail) {
    this.client = client;
    this.transport = transport;
    this.stderrTail = stderrTail;
    openSessions.add(this);
  }
  client;
  transport;
  stderrTail;
  closed = false;
  get serverName() {
    const info = this.client.getServerVersion();
    return info ? `${info.name} ${info.version}` : "codex mcp-server";
  }
  async runTask(request, onEvent) {
    let threadId;
    let usage;
    let lastError;
    this.client.fallbackNotificationHandler = async (notification) => {
      if (notification.method !== "codex/event") return;
      const msg = notification.params?.msg;
      if (!msg) return;
      const event = translateCodexMessage(msg, request.cwd);
      if (!event) return;
      if (event.type === "session") threadId = event.threadId;
      if (event.type === "usage") usage = event.usage;
      if (event.type === "error") lastError = event.message;
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
          name: "codex",
          arguments: {
            prompt: request.prompt,
            cwd: request.cwd,
            "approval-policy": request.approvalPolicy ?? "never",
            sandbox: request.sandbox,
            ...request.model ? { model: request.model } : {},
            ...request.developerInstructions ? { "developer-instructions": request.developerInstructions } : {}
          }
        },
        CallToolResultSchema,
        // Codex sends no MCP progress notifications, so the SDK's 60 s default would end every real task.
        { signal: deadline.signal, timeout: request.timeoutMs + 6e4, maxTotalTimeout: request.timeoutMs + 6e4 }
      );
      const structured = result.structuredContent;
      if (typeof structured?.threadId === "string") threadId = structured.threadId;
      const content = Array.isArray(result.content) ? result.content : [];
      const text = content.map((part) => part.type === "text" ? part.text ?? "" : "").join("\n").trim();
      if (result.isError) {
        return {
          status: "failed",
          threadId,
          finalMessage: "",
          error: text || lastError || "Codex reported an error.",
          usage
        };
      }
      return { status: "completed", threadId, finalMessage: text, error: void 0, usage };
    } catch (error) {
      if (timedOut) {
        return {
          status: "timed-out",
          threadId,
          finalMessage: "",
          error: `Codex did not finish within ${Math.round(request.timeoutMs / 6e4)} minute(s).`,
          usage
        };
      }
      const stderr = this.stderrTail.text().trim();
      return {
        status: "failed",
        threadId,
        finalMessage: "",
        error: `${lastError ?? `the Codex MCP server stopped answering: ${getErrorMessage(error)}`}${stderr && !lastError ? ` (stderr: ${stderr.slice(-300)})` : ""}`,
        usage
      };
    } finally {
      clearTimeout(timer);
    }
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    openSessions.delete(this);
    try {
      await this.client.close();
    } catch {
    }
    await this.transport.close();
    sweepRunProcesses({ marker: existingRunMarker() });
  }
};
var TailBuffer = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  buffer = "";
  push(text) {
    this.buffer = (this.buffer + text).slice(-this.limit);
  }
  text() {
    return this.buffer;
  }
};

export {
  decideApproval,
  UNREAD_CODEX_EVENTS,
  startMcpSession,
  closeAllSessions
};
