// Bundles the action's two entries into dist/, the files action.yml and the action run:
// src/index.ts -> dist/index.js (the action) and src/mcp-server.ts -> dist/mcp-server.js (the MCP bridge
// over `codex app-server`, started by the action for Codex releases without `codex mcp-server`).
// The output is committed, so it must be deterministic: .ci/run rebuilds it and fails on any difference.
import { build } from 'esbuild';
import fs from 'node:fs';

// Start clean: a chunk that no longer exists must not linger in the committed dist/.
fs.rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: [
    { in: 'src/index.ts', out: 'index' },
    { in: 'src/mcp-server.ts', out: 'mcp-server' },
  ],
  outdir: 'dist',
  // Dynamic imports become chunks of their own, so a run that skips loads only the small entry chunk.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Some dependencies are CommonJS and call require(); give the ESM bundle a real one.
  banner: {
    js: "import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
