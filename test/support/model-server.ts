// A scripted model server on 127.0.0.1 that speaks the OpenAI Responses API stream the way Codex expects it.
// Each POST /v1/responses consumes the next scripted turn; a turn is either a list of output items
// (shell command, patch, final message) or a fault (HTTP error, a stream cut mid-response, a request that never answers).
// It records every request so tests can assert on what Codex sent (the Authorization header, the prompt).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ResponseItem = Record<string, unknown>;

export type ScriptedTurn =
  | { items: ResponseItem[] }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  | { cutAfterCreated: true };

export interface RecordedModelRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

let callCounter = 0;
const nextCallId = (): string => `call_${++callCounter}`;

/** Output items that drive Codex: run a shell command, apply a patch, say something final. */
export const modelSays = {
  shell(cmd: string): ResponseItem {
    return { type: 'function_call', call_id: nextCallId(), name: 'exec_command', arguments: JSON.stringify({ cmd }) };
  },
  patch(patch: string): ResponseItem {
    return { type: 'custom_tool_call', call_id: nextCallId(), name: 'apply_patch', input: patch };
  },
  message(text: string): ResponseItem {
    return { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] };
  },
};

/** An apply_patch body that adds files with the given contents. */
export function addFilesPatch(files: Record<string, string>): string {
  const parts = Object.entries(files).map(([path, content]) => {
    const lines = content.endsWith('\n') ? content.slice(0, -1).split('\n') : content.split('\n');
    return `*** Add File: ${path}\n${lines.map((line) => `+${line}`).join('\n')}\n`;
  });
  return `*** Begin Patch\n${parts.join('')}*** End Patch\n`;
}

export interface ModelServerOptions {
  /** The turns, in order; when they run out every further request gets `fallbackMessage`. */
  turns: ScriptedTurn[];
  fallbackMessage?: string;
}

export class ScriptedModelServer {
  readonly requests: RecordedModelRequest[] = [];
  private readonly turns: ScriptedTurn[];
  private readonly hangingResponses = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    options: ModelServerOptions,
  ) {
    this.turns = [...options.turns];
    this.fallbackMessage = options.fallbackMessage ?? 'Done.';
  }

  private readonly fallbackMessage: string;

  static async start(options: ModelServerOptions): Promise<ScriptedModelServer> {
    const server = http.createServer();
    const model = new ScriptedModelServer(server, options);
    server.on('request', (req, res) => model.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return model;
  }

  /** The provider base URL Codex should use: Codex POSTs `${baseUrl}/responses`. */
  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Requests that asked the model for a response (Codex may also probe other paths). */
  get responseRequests(): RecordedModelRequest[] {
    return this.requests.filter((request) => request.path.endsWith('/responses'));
  }

  async stop(): Promise<void> {
    for (const res of this.hangingResponses) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsed: text };
      }
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers, body });
      if (req.method !== 'POST' || !path.endsWith('/responses')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      this.respond(res, this.turns.shift() ?? { items: [modelSays.message(this.fallbackMessage)] });
    });
  }

  private respond(res: http.ServerResponse, turn: ScriptedTurn): void {
    if ('hang' in turn) {
      // Never send headers: Codex waits forever unless its client gives up.
      this.hangingResponses.add(res);
      res.on('close', () => this.hangingResponses.delete(res));
      return;
    }
    if ('status' in turn) {
      res.writeHead(turn.status, { 'content-type': 'application/json', ...turn.headers });
      res.end(
        JSON.stringify(turn.body ?? { error: { message: `scripted status ${turn.status}`, type: 'server_error' } }),
      );
      return;
    }
    const responseId = `resp_${this.requests.length}`;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (event: Record<string, unknown>): void => {
      res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    send({ type: 'response.created', response: { id: responseId } });
    if ('cutAfterCreated' in turn) {
      res.destroy();
      return;
    }
    for (const item of turn.items) send({ type: 'response.output_item.done', item });
    send({
      type: 'response.completed',
      response: {
        id: responseId,
        usage: {
          input_tokens: 1200,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 40,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 1240,
        },
      },
    });
    res.end();
  }
}
