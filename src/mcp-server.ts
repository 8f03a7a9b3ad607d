// Entry of dist/mcp-server.js, the MCP bridge: `node dist/mcp-server.js --codex /path/to/codex` serves Codex's
// `codex` and `codex-reply` tools over stdio MCP, backed by `codex app-server` (see docs/mcp-bridge.md).
// Owns the process: reads its arguments (bridge-args.ts) and the output schema file, finds the Codex binary
// (--codex, else CODEX_BRIDGE_CODEX_PATH, else `codex` on PATH), starts app-server before answering MCP, and shuts
// everything down when stdin closes or a signal arrives. Bad arguments exit 2 with the reason on stderr.
// Must never: write anything but MCP messages to stdout (logs go to stderr), or exit leaving app-server or
// its commands running.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { getErrorMessage, fail, ok, type Result } from './errors.js';
import { BRIDGE_USAGE, parseBridgeArgs } from './codex/bridge/bridge-args.js';
import { AppServerConnection } from './codex/bridge/connection.js';
import { BridgeServer } from './codex/bridge/server.js';
import { appServerOptOuts } from './codex/bridge/event-translation.js';

const BRIDGE_VERSION = '1';

const log = (line: string): void => {
  process.stderr.write(`[codex-mcp-bridge] ${line}\n`);
};

/** The first executable `codex` in the PATH directories, as a shell would find it. */
function codexOnPath(searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'codex');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; look in the next directory.
    }
  }
  return undefined;
}

/** `--output-schema <file>`: a JSON schema handed to app-server on every turn (turn/start.outputSchema). */
async function readOutputSchema(file: string): Promise<Result<Record<string, unknown>>> {
  let schema: unknown;
  try {
    schema = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return fail(`--output-schema ${file}: ${getErrorMessage(error)} (accepted: a file holding a JSON schema object)`);
  }
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    return fail(
      `--output-schema ${file}: the file holds no JSON object (accepted: a file holding a JSON schema object)`,
    );
  return ok(schema as Record<string, unknown>);
}

/** Logs why the bridge cannot start and sets the exit code for a usage error. */
function refuse(why: string): void {
  log(`${why}\n${BRIDGE_USAGE}`);
  process.exitCode = 2;
}

async function main(): Promise<void> {
  const args = parseBridgeArgs(process.argv.slice(2));
  if (!args.ok) return refuse(args.error);
  if (args.value.help) {
    process.stderr.write(`${BRIDGE_USAGE}\n`);
    return;
  }
  const codexPath =
    args.value.codexPath ?? (process.env.CODEX_BRIDGE_CODEX_PATH || codexOnPath(process.env.PATH ?? ''));
  if (!codexPath) return refuse('no Codex binary given (--codex), no CODEX_BRIDGE_CODEX_PATH and no `codex` on PATH.');
  const outputSchema = args.value.outputSchemaFile ? await readOutputSchema(args.value.outputSchemaFile) : undefined;
  if (outputSchema && !outputSchema.ok) return refuse(outputSchema.error);

  const connection = new AppServerConnection({
    codexPath,
    env: process.env,
    clientVersion: BRIDGE_VERSION,
    log,
    optOutNotificationMethods: appServerOptOuts(args.value.omitEvents ?? []),
  });
  let shuttingDown = false;
  const shutdown = async (why: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${why}; stopping codex app-server`);
    await connection.close();
    process.exit(0);
  };
  process.on('exit', () => connection.killNow());
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(`got ${signal}`));
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));

  const started = await connection.start();
  if (!started.ok) {
    log(started.error);
    await connection.close();
    process.exit(1);
  }
  log(`codex app-server ${started.value.codexVersion} is ready (${codexPath})`);
  const server = new BridgeServer(connection, started.value.codexVersion, {
    outputSchema: outputSchema?.value,
    omitEvents: args.value.omitEvents,
  });
  await server.connect(new StdioServerTransport());
}

await main();
