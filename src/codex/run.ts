// Owns the Codex stage from start to end: get the binary, check it can serve MCP, write a fresh
// CODEX_HOME, start the session, run the task under the deadline, and always stop the server and
// delete CODEX_HOME afterwards.
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ActionError } from '../errors.js';
import type { Settings } from '../settings.js';
import type { CodexEventListener } from './events.js';
import { codexEnvironment, writeCodexHome } from './home.js';
import { getCodex, hasMcpServer } from './install.js';
import { startModelProxy } from './model-proxy.js';
import type { CodexSession, CodexSessionFactory, CodexTaskResult } from './session.js';

export interface CodexStageInput {
  settings: Settings;
  prompt: string;
  workspace: string;
  toolCache: string;
  /** A directory the action owns for this run, outside the workspace. */
  stateDir: string;
  startSession: CodexSessionFactory;
  onEvent: CodexEventListener;
}

export async function runCodexTask(input: CodexStageInput): Promise<CodexTaskResult> {
  const { settings } = input;
  const codex = await getCodex({ codexPath: settings.codexPath, version: settings.codexVersion, toolCache: input.toolCache });
  core.info(`Codex ${codex.version} (${codex.source}): ${codex.path}`);
  if (!(await hasMcpServer(codex.path))) {
    throw new ActionError(
      `Codex ${codex.version} has no 'mcp-server' command (it was removed in Codex 0.154.0), so the action cannot talk to it over MCP.`,
      `Set codex-version to 0.153.4 or another release before 0.154.0${settings.codexPath ? ', or point codex-path at one' : ''}.`,
    );
  }

  // The key stays in this process: Codex talks to the model through a loopback proxy with a per-run token.
  const proxy = await startModelProxy({ upstream: settings.openaiBaseUrl, apiKey: settings.openaiApiKey, log: core.warning });
  core.setSecret(proxy.token);
  const codexHome = path.join(input.stateDir, 'codex-home');
  let session: CodexSession | undefined;
  try {
    await writeCodexHome({ dir: codexHome, baseUrl: proxy.baseUrl, model: settings.model, sandbox: settings.sandbox, networkAccess: settings.networkAccess });
    session = await input.startSession({
      binary: codex.path,
      version: codex.version,
      env: codexEnvironment(codexHome, proxy.token),
      cwd: input.workspace,
      onStderr: (line) => core.debug(`codex: ${line}`),
    });
    core.info(`Connected to ${session.serverName}; sandbox ${settings.sandbox}, network ${settings.networkAccess ? 'on' : 'off'}, approvals never.`);
    const result = await session.runTask(
      { prompt: input.prompt, cwd: input.workspace, model: settings.model, sandbox: settings.sandbox, timeoutMs: settings.timeoutMinutes * 60_000 },
      input.onEvent,
    );
    // Codex replaces the endpoint's own error text with a generic one; the proxy saw the real status.
    const failure = proxy.lastFailure;
    if (result.status === 'failed' && failure) {
      return { ...result, error: `the model endpoint answered HTTP ${failure.status} (${failure.message}); Codex said: ${result.error}` };
    }
    return result;
  } finally {
    await session?.close();
    await proxy.close();
    await fs.rm(codexHome, { recursive: true, force: true });
  }
}
