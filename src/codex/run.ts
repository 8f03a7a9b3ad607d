// Owns the Codex stage from start to end: get the binary, choose the MCP server (native `codex mcp-server`,
// or the bundled bridge over `codex app-server` for releases without it), write a fresh CODEX_HOME, start
// the session, run the task under the deadline, and always stop the server and delete CODEX_HOME afterwards.
import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionError } from '../errors.js';
import { inertLog } from '../report/inert-log.js';
import type { CodexServerChoice, Settings } from '../settings.js';
import type { CodexEventListener } from './events.js';
import type { CodexCopyPaths } from './home.js';
import { codexEnvironment, managedProxyEnvironment, writeCodexHome } from './home.js';
import { getCodex, hasMcpServer, type CodexBinary } from './install.js';
import { decideApproval } from './approvals.js';
import { describeSetupFailure, startModelProxy } from './model-proxy.js';
import { ensureNetworkDialSupported, NetworkLog } from './network.js';
import { ensureSandboxCanStart } from './sandbox-check.js';
import type { ApprovalRecord, DialsRecord } from '../report/dials.js';
import { budgetReason } from '../report/dials.js';
import type { CodexSession, CodexSessionFactory, CodexTaskResult } from './session.js';
import { UNREAD_CODEX_EVENTS } from './session.js';
import { BRIDGE_EVENT_TYPES } from './bridge/event-translation.js';

export interface CodexStageInput {
  settings: Settings;
  prompt: string;
  /** Developer instructions: trusted text only. */
  instructions: string;
  /** The disposable copy of the checkout Codex works in (workspace/copy.ts). */
  copy: CodexCopyPaths;
  /**
   * Filter pass-throughs (git/hardened.ts) for the git Codex runs itself, outside its sandbox: one for every
   * driver the checkout's and the copy's configuration defined, as read before Codex started.
   */
  gitOverrides: readonly string[];
  toolCache: string;
  /** A directory the action owns for this run, outside the workspace. */
  stateDir: string;
  startSession: CodexSessionFactory;
  onEvent: CodexEventListener;
  /**
   * A JSON schema the final message must follow. The bridge hands it to app-server as `turn/start.outputSchema`;
   * native `codex mcp-server` 0.153.4 has no way to take one (its `codex` tool rejects unknown fields), so there
   * the prompt's own description of the format is all there is, and the caller validates either way.
   */
  outputSchema?: Record<string, unknown>;
}

export interface CodexStageResult extends CodexTaskResult {
  /** Budgets used, approval requests answered, the network commands had: for the summary and the outputs. */
  dials: DialsRecord;
}

export async function runCodexTask(input: CodexStageInput): Promise<CodexStageResult> {
  const { settings } = input;
  const codex = await getCodex({
    codexPath: settings.codexPath,
    version: settings.codexVersion,
    toolCache: input.toolCache,
  });
  core.info(`Codex ${codex.version} (${codex.source}): ${codex.path}`);
  // A host list this release cannot enforce fails the run here, before anything of Codex's starts.
  ensureNetworkDialSupported(settings.networkHosts, codex.version, settings.sandbox);
  const server = await chooseMcpServer(settings.codexServer, codex, settings.codexPath !== undefined);
  core.info(`MCP server: ${server.description}`);
  if (input.outputSchema) {
    if (server.kind === 'bridge') {
      const schemaFile = path.join(input.stateDir, 'output-schema.json');
      await fs.mkdir(input.stateDir, { recursive: true });
      await fs.writeFile(schemaFile, JSON.stringify(input.outputSchema));
      server.args.push('--output-schema', schemaFile);
      core.info('The answer is constrained to a JSON schema (app-server outputSchema).');
    } else {
      core.info(
        "Native `codex mcp-server` takes no output schema; the answer's format is asked for in the prompt and validated afterwards.",
      );
    }
  }

  await ensureSandboxCanStart(settings.sandbox);
  // The key stays in this process: Codex talks to the model through a loopback proxy with a per-run token.
  // It also enforces the budgets: it sees every model request and the usage of every response.
  const proxy = await startModelProxy({
    upstream: settings.openaiBaseUrl,
    apiKey: settings.openaiApiKey,
    log: inertLog.warning,
    maxTokens: settings.maxTokens,
    maxModelRequests: settings.maxModelRequests,
  });
  const approvals: ApprovalRecord[] = [];
  const hostList = settings.networkHosts.length > 0;
  // With a host list, Codex's managed proxy logs each decision on Codex's stderr: the summary's hosts come from there.
  const networkLog = new NetworkLog();
  const dials = (): DialsRecord => ({
    model: settings.model,
    tokensUsed: proxy.tokensUsed,
    modelRequests: proxy.modelRequests,
    maxTokens: settings.maxTokens,
    maxModelRequests: settings.maxModelRequests,
    budgetExceeded: proxy.budgetExceeded,
    approvalPolicy: settings.approvalPolicy,
    approvals,
    network: {
      mode: hostList ? 'hosts' : settings.networkAccess ? 'open' : 'off',
      hosts: settings.networkHosts,
      ...(hostList ? { activity: networkLog.activity() } : {}),
    },
  });
  core.setSecret(proxy.token);
  const codexHome = path.join(input.stateDir, 'codex-home');
  let session: CodexSession | undefined;
  try {
    await writeCodexHome({
      dir: codexHome,
      baseUrl: proxy.baseUrl,
      model: settings.model,
      sandbox: settings.sandbox,
      networkAccess: settings.networkAccess,
      networkHosts: settings.networkHosts,
      approvalPolicy: settings.approvalPolicy,
      copy: input.copy,
    });
    session = await input.startSession({
      command: server.command,
      args: server.args,
      version: codex.version,
      env: {
        ...codexEnvironment(codexHome, proxy.token, input.copy, input.gitOverrides),
        ...(hostList ? managedProxyEnvironment() : {}),
      },
      cwd: input.copy.workTree,
      onStderr: (line) => {
        if (hostList) networkLog.observe(line);
        inertLog.debug(`codex: ${line}`);
      },
      // Every approval request is answered at once from the dials and recorded for the summary.
      answerApproval: (request) => {
        const answer = decideApproval(request, settings.networkHosts);
        approvals.push({ request: request.summary, decision: answer.decision, why: answer.why });
        inertLog.info(
          `Codex asked to ${request.summary.replace(/\s+/g, ' ').slice(0, 200)}: ${answer.decision} (${answer.why}).`,
        );
        return answer;
      },
    });
    const network =
      settings.networkHosts.length > 0
        ? `only ${settings.networkHosts.join(', ')}`
        : settings.networkAccess
          ? 'on'
          : 'off';
    core.info(
      `Connected to ${session.serverName}; sandbox ${settings.sandbox}, network ${network}, approvals ${settings.approvalPolicy} (answered by the action).`,
    );
    const result = await session.runTask(
      {
        prompt: input.prompt,
        developerInstructions: input.instructions,
        cwd: input.copy.workTree,
        model: settings.model,
        sandbox: settings.sandbox,
        approvalPolicy: settings.approvalPolicy,
        timeoutMs: settings.timeoutMinutes * 60_000,
      },
      input.onEvent,
    );
    const record = dials();
    // A spent budget fails the run whatever Codex made of the refused request.
    const budget = budgetReason(record);
    if (budget) return { ...result, status: 'failed', error: budget, dials: record };
    // Codex replaces the endpoint's own error text with a generic one; the proxy saw the real status.
    const failure = proxy.lastFailure;
    if (result.status === 'failed' && failure) {
      // A setup mistake gets one line naming the input to check; Codex's retelling of it would only repeat it.
      const setup = describeSetupFailure(failure);
      if (setup) return { ...result, error: setup, dials: record };
      const endpoint =
        failure.status !== undefined
          ? `the model endpoint answered HTTP ${failure.status} (${failure.message})`
          : failure.message;
      return { ...result, error: `${endpoint}; Codex said: ${result.error}`, dials: record };
    }
    return { ...result, dials: record };
  } finally {
    await session?.close();
    await proxy.close();
    await fs.rm(codexHome, { recursive: true, force: true });
  }
}

export interface McpServerCommand {
  kind: 'native' | 'bridge';
  command: string;
  args: string[];
  /** For the log: which server and why. */
  description: string;
}

/**
 * `native` runs `codex mcp-server` and fails clearly on releases without it (0.154.0 and later); `bridge`
 * runs the action's own MCP server over `codex app-server`; `auto` prefers native and falls back to the bridge.
 */
export async function chooseMcpServer(
  choice: CodexServerChoice,
  codex: CodexBinary,
  codexPathGiven: boolean,
): Promise<McpServerCommand> {
  if (choice === 'bridge') return bridgeCommand(codex, "codex-server is 'bridge'");
  if (await hasMcpServer(codex.path)) {
    return {
      kind: 'native',
      command: codex.path,
      args: ['mcp-server'],
      description: `native \`codex mcp-server\` of Codex ${codex.version}`,
    };
  }
  if (choice === 'native') {
    throw new ActionError(
      `Codex ${codex.version} has no 'mcp-server' command (it was removed in Codex 0.154.0), so the action cannot talk to it over MCP.`,
      `Set codex-version to 0.153.4 or another release before 0.154.0${codexPathGiven ? ', or point codex-path at one' : ''}, or set codex-server to 'auto' to use the action's bridge over \`codex app-server\`.`,
    );
  }
  return bridgeCommand(codex, `Codex ${codex.version} has no \`codex mcp-server\``);
}

/**
 * The bridge is bundled next to the action's own entry, as dist/mcp-server.js, and runs on the action's Node.
 * This module may itself sit in dist/ or in a chunk below it (dist/chunks/), so both places are looked at.
 */
function bridgeCommand(codex: CodexBinary, reason: string): McpServerCommand {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [here, path.dirname(here)].map((dir) => path.join(dir, 'mcp-server.js'));
  const script = candidates.find((candidate) => existsSync(candidate));
  if (!script) {
    throw new ActionError(
      `The action's MCP bridge is missing: no file at ${candidates.join(' or ')}.`,
      "Use a released version of the action, or set codex-server to 'native' with Codex 0.153.4.",
    );
  }
  // The events the action skips unread are not worth making: the bridge neither builds nor sends them, and
  // asks app-server not to send the notifications they come from (on a long task, nearly all of them).
  const unread = UNREAD_CODEX_EVENTS.filter((type) => BRIDGE_EVENT_TYPES.includes(type));
  return {
    kind: 'bridge',
    command: process.execPath,
    args: [script, '--codex', codex.path, '--omit-events', unread.join(',')],
    description: `the action's bridge over \`codex app-server\` of Codex ${codex.version} (${reason})`,
  };
}
