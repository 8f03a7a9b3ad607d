// Owns the command line of dist/mcp-server.js: `--codex <path>`, `--output-schema <file>`, `--help`, parsed with
// node:util parseArgs. Anything else fails with a sentence naming the argument and what is accepted.
// Must never: guess at an argument it does not know, take another option as a value, or read any file.
import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../../errors.js';

export const BRIDGE_USAGE =
  'Usage: node mcp-server.js [--codex <path to the codex binary>] [--output-schema <file of a JSON schema every turn answers in>] [--help]\n' +
  '  Without --codex, the Codex binary is CODEX_BRIDGE_CODEX_PATH, else `codex` on PATH.';

const OPTIONS = {
  codex: { type: 'string' },
  'output-schema': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ACCEPTED = 'accepted: --codex <path>, --output-schema <file>, --help';

export interface BridgeArgs {
  codexPath: string | undefined;
  outputSchemaFile: string | undefined;
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
  return ok({
    codexPath: typeof values.codex === 'string' ? values.codex : undefined,
    outputSchemaFile: typeof values['output-schema'] === 'string' ? values['output-schema'] : undefined,
    help: values.help === true,
  });
}
