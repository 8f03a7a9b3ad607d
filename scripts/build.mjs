// Bundles the action's two entries into dist/, the files action.yml and the action run:
// src/index.ts -> dist/index.js (the action), src/mcp-server.ts -> dist/mcp-server.js (the MCP bridge
// over `codex app-server`, started by the action for Codex releases without `codex mcp-server`) and
// src/post.ts -> dist/post.js (the post step: processes, credentials and scratch directory after the run).
// The output is committed, so it must be deterministic: .ci/run rebuilds it and fails on any difference.
// Must never: change what a dependency does, only when its code is loaded (lazyActionsOidc, lazyMcpAjv,
// lazyUndiciForGitHub).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `@actions/core` imports its OIDC client at the top, and with it `@actions/http-client` and undici: about half of
 * the JavaScript a skipped run evaluates (40-60 ms), for `core.getIDToken`, which the action never calls. This
 * plugin gives core.js, in place of `./oidc-utils.js`, a module with the same `OidcClient.getIDToken` that
 * imports the real one when first called (a chunk of its own), so every other run never loads it.
 */
const lazyActionsOidc = {
  name: 'lazy-actions-oidc',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) => {
      if (!/[\\/]@actions[\\/]core[\\/]lib[\\/]core\.js$/.test(args.importer)) return undefined;
      return { path: path.join(args.resolveDir, 'oidc-utils.js'), namespace: 'lazy-actions-oidc' };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-actions-oidc' }, (args) => ({
      contents: [
        `export class OidcClient {`,
        `  static async getIDToken(audience) {`,
        `    const real = await import(${JSON.stringify(args.path)});`,
        `    return real.OidcClient.getIDToken(audience);`,
        `  }`,
        `}`,
      ].join('\n'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * The MCP SDK's client and server each make an `AjvJsonSchemaValidator` when constructed, and its module
 * evaluates ajv and ajv-formats on import: ~15 ms of CPU (Node 24: ~10 to import, ~7 to make) in every process
 * that loads the SDK. The bridge (dist/mcp-server.js) validates with it only an elicitation answer that carries
 * content, so most of its runs never need ajv. This plugin gives the SDK's client/index.js and server/index.js, in place of
 * `../validation/ajv-provider.js`, a class with the same constructor and `getValidator` that makes the real
 * validator (loading its module, which esbuild then wraps to evaluate on first `require`) on the first
 * `getValidator` call, with the same `ajv` argument; the validators it returns are the real one's.
 */
const lazyMcpAjv = {
  name: 'lazy-mcp-ajv',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/validation\/ajv-provider\.js$/ }, (args) => {
      if (!/[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/](client|server)[\\/]index\.js$/.test(args.importer))
        return undefined;
      // Relative: esbuild names the stub by this path in a comment of the output, which must not depend on the checkout's place.
      const real = path.join(args.resolveDir, '../validation/ajv-provider.js');
      return { path: path.relative(process.cwd(), real), namespace: 'lazy-mcp-ajv' };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-mcp-ajv' }, (args) => ({
      contents: [
        `export class AjvJsonSchemaValidator {`,
        `  #ajv;`,
        `  #real;`,
        `  constructor(ajv) {`,
        `    this.#ajv = ajv;`,
        `  }`,
        `  getValidator(schema) {`,
        `    this.#real ??= new (require(${JSON.stringify(path.resolve(args.path))}).AjvJsonSchemaValidator)(this.#ajv);`,
        `    return this.#real.getValidator(schema);`,
        `  }`,
        `}`,
      ].join('\n'),
      resolveDir: path.dirname(path.resolve(args.path)),
      loader: 'js',
    }));
  },
};

/**
 * `@actions/github` (and the `@actions/http-client` it imports) import undici at the top, ~800 KB of JavaScript
 * evaluated in every run that talks to GitHub (~50 ms of CPU on Node 24), for two things: the `fetch` of its proxy
 * helper and the `ProxyAgent` made when a proxy is configured. The action's client passes its own `fetch`
 * (src/http/, over node:http, which also honours the proxy), so no run calls the first, and only a run with a
 * proxy set loads undici, for the `ProxyAgent` @actions/github makes at import and the action never uses. This plugin gives those two packages, in place of `undici`, a CommonJS module
 * whose `fetch` and `ProxyAgent` require the real undici on first use (esbuild wraps it to evaluate then).
 */
const lazyUndiciForGitHub = {
  name: 'lazy-undici-for-github',
  setup(plugin) {
    plugin.onResolve({ filter: /^undici$/ }, (args) => {
      // The stub's own require('undici') resolves as the package's import would have, from the same directory.
      if (args.namespace === 'lazy-undici-for-github') return undefined;
      if (!/[\\/]node_modules[\\/]@actions[\\/]github[\\/]/.test(args.importer)) return undefined;
      // Relative, like lazyMcpAjv's: esbuild names the stub by this path in a comment of the output.
      return { path: path.relative(process.cwd(), args.resolveDir), namespace: 'lazy-undici-for-github' };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-undici-for-github' }, (args) => ({
      contents: [
        `let real;`,
        `const undici = () => (real ??= require('undici'));`,
        `module.exports = {`,
        `  fetch: (...args) => undici().fetch(...args),`,
        `  get ProxyAgent() {`,
        `    return undici().ProxyAgent;`,
        `  },`,
        `};`,
      ].join('\n'),
      resolveDir: path.resolve(args.path),
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [
    { in: 'src/index.ts', out: 'index' },
    { in: 'src/mcp-server.ts', out: 'mcp-server' },
    { in: 'src/post.ts', out: 'post' },
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
  metafile: true,
  plugins: [lazyActionsOidc, lazyMcpAjv, lazyUndiciForGitHub],
});

// A chunk that no longer exists must not linger in the committed dist/. Stale files are removed after the
// new ones are written, never before, so a test running dist/ meanwhile never finds it empty.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(file)));
for (const file of fs.readdirSync('dist', { recursive: true })) {
  const full = path.resolve('dist', String(file));
  if (fs.statSync(full).isFile() && !written.has(full)) fs.rmSync(full);
}
