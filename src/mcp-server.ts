// Entry of dist/mcp-server.js, the MCP bridge: `node dist/mcp-server.js --codex /path/to/codex` serves Codex's
// `codex` and `codex-reply` tools over stdio MCP, backed by `codex app-server` (see docs/mcp-bridge.md).
// Owns the process: finds the Codex binary (--codex, else CODEX_BRIDGE_CODEX_PATH, else `codex` on PATH), starts app-server before
// answering MCP, and shuts everything down when stdin closes or a signal arrives.
// Must never: write anything but MCP messages to stdout (logs go to stderr), or exit leaving app-server or
// its commands running.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AppServerConnection } from './codex/bridge/connection.js';
import { BridgeServer } from './codex/bridge/server.js';
import { BRIDGE_EVENT_TYPES, appServerOptOuts } from './codex/bridge/event-translation.js';

const BRIDGE_VERSION = '1';
const USAGE =
  'Usage: node mcp-server.js [--codex <path to the codex binary>]   (else CODEX_BRIDGE_CODEX_PATH, else `codex` on PATH) [--output-schema <file of a JSON schema every turn answers in>] [--omit-events <comma-separated codex/event msg types the client never reads>]';

const log = (line: string): void => {
  process.stderr.write(`[codex-mcp-bridge] ${line}\n`);
};

/** The Codex binary from `--codex <path>` / `--codex=<path>`, else the environment, else `codex` on PATH. */
function codexPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--codex') return argv[i + 1];
    if (arg.startsWith('--codex=')) return arg.slice('--codex='.length);
  }
  return env.CODEX_BRIDGE_CODEX_PATH || codexOnPath(env.PATH ?? '');
}

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
async function outputSchemaFrom(argv: readonly string[]): Promise<Record<string, unknown> | undefined> {
  const at = argv.indexOf('--output-schema');
  if (at < 0 || argv[at + 1] === undefined) return undefined;
  return JSON.parse(await readFile(argv[at + 1] as string, 'utf8')) as Record<string, unknown>;
}

/**
 * `--omit-events a,b` / `--omit-events=a,b`: codex/event msg types the client never reads, so the bridge neither
 * builds nor sends them (a client that does not say gets every event, as from native). Undefined when absent;
 * a string (the error) when a name is not a type the bridge sends.
 */
function omitEventsFrom(argv: readonly string[]): ReadonlySet<string> | string | undefined {
  let list: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--omit-events') list = argv[i + 1] ?? '';
    else if (arg.startsWith('--omit-events=')) list = arg.slice('--omit-events='.length);
  }
  if (list === undefined) return undefined;
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !BRIDGE_EVENT_TYPES.includes(name));
  if (unknown.length > 0)
    return `--omit-events: ${unknown.map((name) => `'${name}'`).join(', ')} ${unknown.length > 1 ? 'are not msg types' : 'is not a msg type'} the bridge sends; it sends ${BRIDGE_EVENT_TYPES.join(', ')}.`;
  return new Set(names);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const codexPath = codexPathFrom(args, process.env);
  if (!codexPath) {
    log(`no Codex binary given and no \`codex\` on PATH. ${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const omitEvents = omitEventsFrom(args);
  if (typeof omitEvents === 'string') {
    log(`${omitEvents} ${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const connection = new AppServerConnection({
    codexPath,
    env: process.env,
    clientVersion: BRIDGE_VERSION,
    log,
    optOutNotificationMethods: appServerOptOuts(omitEvents ?? []),
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
    outputSchema: await outputSchemaFrom(args),
    omitEvents,
  });
  await server.connect(new StdioServerTransport());
}

await main();
