// `npm test`: runs the test files with node's test runner in two passes, each file once per pass it is listed in.
// Node 20 has no glob support in `node --test`, so the files are listed here.
//
// Pass 1, native (Codex 0.153.4 over its own `codex mcp-server`): every file.
//   - test/unit: pure inputs and outputs.
//   - test/integration: run(deps) in-process (a scripted CodexSession, the REST emulation, real git): the
//     branches of the gate, task, publish and report stages. They never start Codex, so one pass is enough.
//   - test/e2e, test/security: the built dist/index.js as a child process with the real Codex.
//   - test/bench: the benchmark's smoke test.
// Pass 2, bridge (Codex 0.169.0, which has no mcp-server, through the action's bridge over `codex app-server`):
//   only the files whose result depends on which Codex and which MCP server run (BRIDGE_FILES below, each with
//   its reason). The rest of the end-to-end suite proves what the action does before Codex starts or after it
//   stops (the gate, the diff policy, git hardening, inert text, the fence around GitHub text, credentials
//   hidden from the checkout), which is the same code whichever server is in front of Codex.
//   Inside BRIDGE_FILES the same holds case by case: a case that is the same on every server (an input refused
//   before any model call, the publish stage's GitHub client, the post step alone, a case that sets its own
//   codex-path and codex-server) declares it with sameOnEveryServer(reason) from test/support/world.ts, and this
//   pass reports it skipped with that reason; pass 1 runs it.
//   test/e2e/bridge-contract.test.ts runs once, in pass 1: it starts the bridge over both releases itself.
// Measured on the project's 2-core machine while other suites shared it (1-minute load average 4.5 on average):
// pass 1 375 s (653 tests), pass 2 135 s (51 tests), 8 min 31 s in all, using 930 CPU-seconds (1.8 cores busy
// throughout), so more files at a time would not make it faster; before test/integration, 6.4 + 5.7 min.
// Pass 2 alone, before and after it skipped the cases that are the same on every server, three runs of each,
// interleaved, on that machine shared with three other suites (load average 8 to 12, so the wall times are
// long), medians: 353 s and 273 CPU-seconds for 71 cases, then 296 s and 221 CPU-seconds for 53 cases run and
// 18 skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const list = (dir) => {
  const full = path.join(root, 'test', dir);
  return fs.existsSync(full)
    ? fs
        .readdirSync(full)
        .filter((name) => name.endsWith('.test.ts'))
        .sort()
        .map((name) => path.join('test', dir, name))
    : [];
};

/** The files the bridge pass runs, and why each depends on the Codex flavour. */
const BRIDGE_FILES = {
  // Runs only in this pass: it drives the bridge's approval forwarding (skipped under native).
  'test/e2e/bridge-approvals.test.ts': 'the bridge forwards approval requests to its client',
  'test/e2e/pipeline.test.ts':
    'the representative pipeline: a task to a pull request, a failing or rate-limited model, timeouts, the server choice',
  'test/e2e/dials.test.ts': "budgets and approval requests go through Codex's own requests and elicitations",
  'test/e2e/reliability.test.ts':
    'a model stream cut mid-response and a Codex process that dies, as each server reports them',
  'test/e2e/progress.test.ts': 'the progress comment follows the event stream each server sends',
  'test/e2e/review.test.ts': 'the review answer: an output schema on app-server, the prompt alone on native',
  'test/e2e/newcomer.test.ts': "a model endpoint's refusal as each server reports it",
  'test/security/credentials.test.ts':
    "what Codex's commands can read (environment, files, network) under each server's sandbox",
  'test/security/child-env.test.ts': 'the environment of the server process and its children',
  'test/security/post-step.test.ts': 'processes Codex started, stopped after a kill and after a normal end',
  'test/security/workspace-containment.test.ts': "Codex's copy of the checkout and what it may leave behind",
  'test/security/trusted-inputs.test.ts': 'the files Codex itself loads instructions and configuration from',
  'test/e2e/network.test.ts': "a host list enforced by Codex's managed network proxy, as each server starts it",
  // Run only in this pass (skipped under native): the bridge's own lifecycle and protocol conformance.
  'test/e2e/bridge-lifecycle.test.ts': 'a cancel stops the turn and its commands; the bridge ends with its client',
  'test/e2e/bridge-conformance.test.ts': 'protocol errors, one initialize, the command line of dist/mcp-server.js',
};
/** Files that test the bridge alone and skip themselves under native: pass 1 does not load them. */
const BRIDGE_ONLY = [
  'test/e2e/bridge-approvals.test.ts',
  'test/e2e/bridge-lifecycle.test.ts',
  'test/e2e/bridge-conformance.test.ts',
];

const only = process.argv.slice(2);
const passes = [
  {
    name: 'unit, integration, end-to-end (native codex mcp-server 0.153.4), bench smoke',
    flavour: 'native',
    files: [...list('unit'), ...list('integration'), ...list('e2e'), ...list('security'), ...list('bench')].filter(
      (file) => !BRIDGE_ONLY.includes(file),
    ),
  },
  {
    name: 'the flavour-dependent end-to-end files through the MCP bridge (codex app-server, newest Codex)',
    flavour: 'bridge',
    files: Object.keys(BRIDGE_FILES),
  },
];
for (const file of passes[1].files) {
  if (!fs.existsSync(path.join(root, file))) throw new Error(`scripts/test.mjs lists ${file}, which does not exist.`);
}

let passed = 0;
let failed = 0;
for (const pass of passes) {
  const files = only.length ? pass.files.filter((file) => only.some((pattern) => file.includes(pattern))) : pass.files;
  if (files.length === 0) continue;
  process.stdout.write(`\n### ${pass.name}: ${files.length} files\n`);
  const started = Date.now();
  // Three files at a time: an end-to-end case mostly waits (Codex starting, the scripted model, git), so a third
  // file keeps two cores busy; the full suite took as long at a load average of 12 as at 4.
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-reporter=spec', ...files],
    {
      cwd: root,
      env: { ...process.env, CTA_CODEX_FLAVOUR: pass.flavour },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  process.stdout.write(result.stdout);
  process.stdout.write(`### ${pass.flavour} pass: ${Math.round((Date.now() - started) / 1000)} s\n`);
  const count = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(result.stdout)?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + (result.status !== 0 && count('fail') === 0 ? 1 : 0);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
