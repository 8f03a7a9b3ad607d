// Owns the command line of dist/mcp-server.js: `--codex <path>`, `--output-schema <file>`, `--omit-events <types>`, `--help`, parsed with
// node:util parseArgs. Anything else fails with a sentence naming the argument and what is accepted.
// Must never: guess at an argument it does not know, take another option as a value, or read any file.
import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../../errors.js';
import { BRIDGE_EVENT_TYPES } from './event-translation.js';

export const BRIDGE_USAGE =
  'Usage: node mcp-server.js [--codex <path to the codex binary>] [--output-schema <file of a JSON schema every turn answers in>] [--omit-events <comma-separated codex/event msg types the client never reads>] [--help]\n' +
  '  Without --codex, the Codex binary is CODEX_BRIDGE_CODEX_PATH, else `codex` on PATH.';

const OPTIONS = {
  codex: { type: 'string' },
  'output-schema': { type: 'string' },
  'omit-events': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ACCEPTED = 'accepted: --codex <path>, --output-schema <file>, --omit-events <types>, --help';

export interface BridgeArgs {
  codexPath: string | undefined;
  outputSchemaFile: string | undefined;
  /**
   * codex/event msg types the client never reads, so the bridge neither builds nor sends them. Undefined when the
   * client did not say: it gets every event, as from native.
   */
  omitEvents: ReadonlySet<string> | undefined;
  help: boolean;
}

export function parseBridgeArgs(argv: readonly string[]): Result<BridgeArgs> {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'positional') return fail(`unexpected argument '${token.value}' (${ACCEPTED})`);
    if (token.kind !== 'option') continue;
    const option = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[token.name];
    if (!option) return fail(`unknown argument '${token.rawName}' (${ACCEPTED})`);
    if (seen.has(token.name)) return fail(`'${token.rawName}' is given more than once (${ACCEPTED})`);
    seen.add(token.name);
    if (option.type === 'boolean' && token.value !== undefined)
      return fail(`'${token.rawName}' takes no value, got '${token.value}' (${ACCEPTED})`);
    if (option.type === 'string') {
      // Without `=`, parseArgs takes the next argument as the value even when it is another option.
      const missing =
        token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-'));
      if (missing) return fail(`'${token.rawName}' needs a value (${ACCEPTED})`);
    }
  }
  const omitEvents = typeof values['omit-events'] === 'string' ? eventTypes(values['omit-events']) : ok(undefined);
  if (!omitEvents.ok) return omitEvents;
  return ok({
    codexPath: typeof values.codex === 'string' ? values.codex : undefined,
    outputSchemaFile: typeof values['output-schema'] === 'string' ? values['output-schema'] : undefined,
    omitEvents: omitEvents.value,
    help: values.help === true,
  });
}

/** `a,b`: names of msg types the bridge sends; any other name is refused with the list of accepted ones. */
function eventTypes(list: string): Result<ReadonlySet<string>> {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !BRIDGE_EVENT_TYPES.includes(name));
  if (unknown.length > 0)
    return fail(
      `--omit-events: ${unknown.map((name) => `'${name}'`).join(', ')} ${unknown.length > 1 ? 'are not msg types' : 'is not a msg type'} the bridge sends; it sends ${BRIDGE_EVENT_TYPES.join(', ')}.`,
    );
  return ok(new Set(names));
}
