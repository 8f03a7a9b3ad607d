// Owns the checks the bridge makes on MCP requests before the SDK server sees them. Params of the requests it
// serves (`initialize`, `ping`, `tools/list`, `tools/call`) that do not fit the protocol are answered with -32602
// (Invalid params) and one short sentence naming each bad field; left to the SDK they get -32603 (Internal error)
// with zod's JSON dump as the message. A second `initialize` after one that succeeded is answered -32600
// "initialize called more than once", native `codex mcp-server` 0.153.4's code and words; the SDK would answer it
// as if it were the first.
// Must never: drop or reorder a message it does not answer itself, or echo more of a bad request than the
// names of its fields and what was expected.
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  InitializeRequestSchema,
  ListToolsRequestSchema,
  PingRequestSchema,
  type JSONRPCMessage,
  type MessageExtraInfo,
} from '@modelcontextprotocol/sdk/types.js';

/** How many bad fields an error message names; the rest are counted. */
const MAX_FIELDS_NAMED = 3;
const MAX_FIELD_NAME_CHARS = 60;
const MAX_MESSAGE_CHARS = 300;

interface Issue {
  path: PropertyKey[];
  message: string;
}

const CHECKED: Record<string, { safeParse: (value: unknown) => { success: boolean; error?: { issues: Issue[] } } }> = {
  initialize: InitializeRequestSchema,
  ping: PingRequestSchema,
  'tools/list': ListToolsRequestSchema,
  'tools/call': CallToolRequestSchema,
};

/** "params.protocolVersion: expected string, received number; params.clientInfo: expected object, received undefined". */
export function describeIssues(issues: readonly Issue[]): string {
  const named = issues.slice(0, MAX_FIELDS_NAMED).map((issue) => {
    const field = issue.path.map(String).join('.').slice(0, MAX_FIELD_NAME_CHARS) || 'params';
    return `${field}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const more = issues.length - named.length;
  return (named.join('; ') + (more > 0 ? ` (and ${more} more)` : '')).slice(0, MAX_MESSAGE_CHARS);
}

/** The transport the SDK server talks through, with the checks above in front of it. */
export class GuardedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  private initialized = false;

  constructor(private readonly inner: Transport) {
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => this.onerror?.(error);
    inner.onmessage = (message, extra) => this.receive(message, extra);
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  private receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    const rejection = 'method' in message && 'id' in message ? this.check(message) : undefined;
    if (!rejection) {
      this.onmessage?.(message, extra);
      return;
    }
    const id = (message as { id: string | number }).id;
    this.inner.send({ jsonrpc: '2.0', id, error: rejection }).catch((error: unknown) => {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    });
  }

  private check(request: { method: string }): { code: number; message: string } | undefined {
    if (request.method === 'initialize' && this.initialized)
      return { code: ErrorCode.InvalidRequest, message: 'initialize called more than once' };
    const schema = CHECKED[request.method];
    if (!schema) return undefined;
    const parsed = schema.safeParse(request);
    if (!parsed.success)
      return {
        code: ErrorCode.InvalidParams,
        message: `Invalid ${request.method} params: ${describeIssues(parsed.error?.issues ?? [])}`,
      };
    if (request.method === 'initialize') this.initialized = true;
    return undefined;
  }
}
