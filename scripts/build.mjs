// Bundles src/index.ts into dist/index.js, the file action.yml runs.
// The output is committed, so it must be deterministic: .ci/run rebuilds it and fails on any difference.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
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
