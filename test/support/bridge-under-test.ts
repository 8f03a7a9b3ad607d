// The MCP bridge as end-to-end tests drive it: dist/mcp-server.js started by an SDK client over stdio, with its
// own CODEX_HOME and git repository in a temporary directory, the `codex/event` notifications it sent, and the
// processes running under that directory (to prove a cancelled or closed call leaves none).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MODEL_KEY_ENV, PROVIDER_ID, renderCodexConfig } from '../../src/codex/home.ts';
import type { ScriptedModelServer } from './model-server.ts';
import { PROJECT_ROOT, git } from './world.ts';

export const BRIDGE = path.join(PROJECT_ROOT, 'dist/mcp-server.js');
export const CALL_TIMEOUT = { timeout: 60_000 };

export interface CodexEventParams {
  _meta: { requestId: number | string; threadId: string };
  id: string;
  msg: { type: string } & Record<string, unknown>;
}

/** A bridge process with an SDK client, its own CODEX_HOME and git repository under `dir`. */
export class BridgeUnderTest {
  readonly events: CodexEventParams[] = [];
  readonly stderr: string[] = [];
  private constructor(
    readonly dir: string,
    readonly repo: string,
    readonly client: Client,
    readonly transport: StdioClientTransport,
  ) {}

  static async start(codex: string, baseUrl: string): Promise<BridgeUnderTest> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-bridge-'));
    const repo = path.join(dir, 'repo');
    const home = path.join(dir, 'codex-home');
    fs.mkdirSync(repo);
    fs.mkdirSync(home);
    git(repo, 'init', '-q');
    fs.writeFileSync(
      path.join(home, 'config.toml'),
      renderCodexConfig({
        baseUrl,
        model: 'gpt-5.5',
        sandbox: 'workspace-write',
        networkAccess: false,
        copy: { workTree: repo, gitDir: path.join(repo, '.git'), tmpDir: path.join(dir, 'tmp') },
      }),
    );
    fs.mkdirSync(path.join(dir, 'tmp'));
    // A HOME of its own, empty, as World gives the action: Codex's login shells source no developer's ~/.profile.
    const userHome = path.join(dir, 'home');
    fs.mkdirSync(userHome);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: userHome,
      CODEX_HOME: home,
      [MODEL_KEY_ENV]: 'test-model-key',
    };
    // The bridge runs in `dir`, as the action runs it in the workspace; commands run in `repo` below it.
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BRIDGE, '--codex', codex],
      env,
      cwd: dir,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'bridge-contract-test', version: '1' });
    const bridge = new BridgeUnderTest(dir, repo, client, transport);
    transport.stderr?.on('data', (chunk: Buffer) => bridge.stderr.push(chunk.toString('utf8')));
    client.fallbackNotificationHandler = async (notification) => {
      if (notification.method === 'codex/event') bridge.events.push(notification.params as unknown as CodexEventParams);
    };
    await client.connect(transport);
    return bridge;
  }

  /** A `codex` call whose model requests go to `model` (the tool's `config` overrides the provider's base URL). */
  codex(
    model: ScriptedModelServer,
    args: Record<string, unknown> = {},
    options: { signal?: AbortSignal } = {},
  ): Promise<CallToolResult> {
    return this.client.callTool(
      {
        name: 'codex',
        arguments: {
          prompt: 'Do the task.',
          cwd: this.repo,
          'approval-policy': 'never',
          sandbox: 'workspace-write',
          config: { [`model_providers.${PROVIDER_ID}.base_url`]: model.baseUrl },
          ...args,
        },
      },
      CallToolResultSchema,
      { ...CALL_TIMEOUT, ...options },
    ) as Promise<CallToolResult>;
  }

  reply(args: Record<string, unknown>, options: { signal?: AbortSignal } = {}): Promise<CallToolResult> {
    return this.client.callTool({ name: 'codex-reply', arguments: args }, CallToolResultSchema, {
      ...CALL_TIMEOUT,
      ...options,
    }) as Promise<CallToolResult>;
  }

  eventsOf(threadId: string): CodexEventParams['msg'][] {
    return this.events.filter((event) => event._meta.threadId === threadId).map((event) => event.msg);
  }

  /** Processes whose working directory is under `under` (default: this bridge's directory). */
  processesUnder(under = this.dir): string[] {
    const found: string[] = [];
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(under))
          found.push(`${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
      } catch {
        // Gone, or not ours to read.
      }
    }
    return found;
  }

  /** Waits up to `ms` for the processes under `under` to go; returns those still there. */
  async settledProcessesUnder(under = this.dir, ms = 3000): Promise<string[]> {
    const until = Date.now() + ms;
    let left = this.processesUnder(under);
    while (left.length > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = this.processesUnder(under);
    }
    return left;
  }

  async dispose(): Promise<void> {
    await this.client.close().catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const text = (result: CallToolResult): string =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

/** An exec_command call that returns to the model after half a second while the command keeps running. */
export const backgroundShell = (cmd: string) => ({
  type: 'function_call',
  call_id: `bg_${randomUUID()}`,
  name: 'exec_command',
  arguments: JSON.stringify({ cmd, yield_time_ms: 500 }),
});

export async function untilTrue(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
