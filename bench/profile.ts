// `node --import tsx bench/profile.ts [happy] [skip] [bundle] [memory]`: where the action's own time and
// memory go, to decide what to optimise. Not part of `npm run bench`; it prints, it writes nothing in the repo.
//   happy   one happy-path run with a CPU profile (--cpu-prof) of the action process, and every git, ps,
//           unshare and codex process it starts timed through wrappers on PATH / codex-path, merged with the
//           log lines and GitHub requests into one timeline
//   skip    CPU profiles of skipped runs (cold start): self time by script and function
//   bundle  an esbuild metafile of src/index.ts built like scripts/build.mjs (into a temp dir): what the
//           entry loads statically, by package
//   memory  the long task (about 60,000 events) with a CPU profile, with --trace-gc, and with a 64 MiB old
//           space: is the peak RSS live data or uncollected garbage, and what costs CPU per event; then the
//           tapped Codex stdout of that run replayed through the MCP SDK's ReadBuffer + schema (what the action
//           does) and through a line splitter that skips output deltas unparsed (the recommended fix)
//   scale   the action once in a generated 100,000-file repository with git's trace2 timings of every git
//           command it runs, then the same git work by hand as the action does it and as recommended
//           (write-tree + commit-tree + push of the sha: no `checkout -b`, no second index refresh by `commit`)
//   whatif  the recommended fixes tried on patched copies of dist/ (never on src/): no minimum spacing of
//           GitHub writes, no 50 ms wait after silent git commands, a ReadBuffer that skips output deltas;
//           happy-path runs interleaved with the unpatched bundle, and the long task once with the ReadBuffer patch
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ActionRun, Span } from './harness.ts';
import { OWN_STAGES, happyWorldOptions, readTrace2, runAction, snapshotDist, spread, withWorld } from './harness.ts';
import { FULL } from './bench.ts';
import { countTap, longTaskTurns, writeTapWrapper } from './measures/long-task.ts';
import { generateRepo, gitIn, resetCheckout, resetOrigin } from './repos.ts';
import { World } from '../test/support/world.ts';
import { PROJECT_ROOT, codexBinary, runnerNode } from '../test/support/world.ts';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const line = (text = ''): void => console.log(text);

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const chunk = /\/dist\/(.+)$/.exec(url);
  if (chunk) return `dist/${chunk[1]}`;
  return url.replace(/^file:\/\//, '');
}

/** Self time (ms) by category, script and function, from one .cpuprofile. */
export function summarizeCpuProfile(
  file: string,
  top = 12,
): {
  totalMs: number;
  byCategory: Record<string, number>;
  byScript: Array<[string, number]>;
  byFunction: Array<[string, number]>;
} {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const byCategory: Record<string, number> = {};
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = (nodes.get(id) as CpuProfileNode).callFrame;
    if (frame.functionName.startsWith('(') && !frame.url) {
      byCategory[frame.functionName] = (byCategory[frame.functionName] ?? 0) + ms;
      continue;
    }
    byCategory['(JavaScript and native calls)'] = (byCategory['(JavaScript and native calls)'] ?? 0) + ms;
    const script = shortUrl(frame.url);
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const sorted = (map: Map<string, number>): Array<[string, number]> =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    byCategory,
    byScript: sorted(byScript),
    byFunction: sorted(byFunction),
  };
}

function printCpu(title: string, file: string, top = 12): void {
  const summary = summarizeCpuProfile(file, top);
  line(
    `${title}: profile spans ${Math.round(summary.totalMs)} ms; ${Object.entries(summary.byCategory)
      .map(([name, ms]) => `${name} ${Math.round(ms)} ms`)
      .join(', ')}`,
  );
  line('  self time by script:');
  for (const [script, ms] of summary.byScript) line(`    ${String(Math.round(ms)).padStart(6)} ms  ${script}`);
  line('  self time by function:');
  for (const [fn, ms] of summary.byFunction) line(`    ${String(Math.round(ms)).padStart(6)} ms  ${fn}`);
}

function newestProfile(dir: string): string {
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return path.join(dir, files.sort().at(-1) as string);
}

/** A wrapper that runs `real` and appends `start_ns end_ns exit parent-comm name args` to `log`. */
function writeTimingWrapper(file: string, real: string, name: string, log: string): void {
  fs.writeFileSync(
    file,
    [
      '#!/bin/bash',
      's=$(date +%s%N)',
      `"${real}" "$@"`,
      'rc=$?',
      'e=$(date +%s%N)',
      'args="$*"',
      `printf '%s %s %s %s %s\\n' "$s" "$e" "$rc" "$(cat /proc/$PPID/comm 2>/dev/null)" "${name} \${args//$'\\n'/ }" | cut -c1-2000 >> "${log}"`,
      'exit $rc',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
}

function readSpans(log: string, run: ActionRun): Span[] {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((entry) => {
      const [start, end, exit, parent, ...rest] = entry.split(' ');
      // Leave out simple-git's and Codex's `-c key=value` hardening so the subcommand shows.
      const command = rest.join(' ').replace(/ -c \S+/g, '');
      return {
        startMs: Number(start) / 1e6 - run.spawnedAtEpochMs,
        endMs: Number(end) / 1e6 - run.spawnedAtEpochMs,
        exit: exit as string,
        parent: parent as string,
        command,
      };
    })
    .sort((a, b) => a.startMs - b.startMs);
}

const fromWhom = (parent: string): string => (parent === 'MainThread' || parent === 'node' ? 'action' : parent);

async function profileHappy(tempDir: string): Promise<void> {
  line('== happy path: one run on the small repository, timeline and CPU profile of the action process');
  const bin = path.join(tempDir, 'bin');
  const profiles = path.join(tempDir, 'cpu-happy');
  const home = path.join(tempDir, 'home');
  fs.mkdirSync(bin, { recursive: true });
  fs.mkdirSync(profiles, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  // Processes other than git are timed by wrappers; git by its own trace2 events (no wrapper in the way),
  // switched on through a .gitconfig in a HOME of our own (the action keeps GIT_* variables from git).
  const spansLog = path.join(tempDir, 'spans.log');
  for (const name of ['ps', 'unshare']) {
    const real = execFileSync('bash', ['-c', `command -v ${name} || true`], { encoding: 'utf8' }).trim();
    if (real) writeTimingWrapper(path.join(bin, name), real, name, spansLog);
  }
  const trace2 = path.join(tempDir, 'trace2.json');
  fs.writeFileSync(path.join(home, '.gitconfig'), `[trace2]\n\teventTarget = ${trace2}\n`);
  const loads = path.join(tempDir, 'module-loads.log');
  const hook = path.join(tempDir, 'time-loads.mjs');
  fs.writeFileSync(
    hook,
    `import fs from 'node:fs';\nimport { registerHooks } from 'node:module';\nregisterHooks({ load(url, context, nextLoad) { const result = nextLoad(url, context); if (url.startsWith('file:')) fs.appendFileSync(${JSON.stringify(loads)}, Date.now() + ' ' + url + '\\n'); return result; } });\n`,
  );
  const codexWrapper = path.join(tempDir, 'codex-timed.sh');
  writeTimingWrapper(codexWrapper, codexBinary('mcp'), 'codex', spansLog);
  // One unmeasured run first, so that the page cache is warm.
  await withWorld(happyWorldOptions(), (world) => runAction(world));
  await withWorld(happyWorldOptions(undefined, undefined, { 'codex-path': codexWrapper }), async (world) => {
    const run = await runAction(world, {
      env: {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        HOME: home,
        NODE_OPTIONS: `--import=${pathToFileURL(hook).href}`,
      },
    });
    line(
      `timeline run: exit ${run.exitCode}, conclusion ${run.outputs.conclusion}, wall ${Math.round(run.wallMs)} ms, stages ${JSON.stringify(run.stages)}`,
    );
    const moduleLoads = fs.existsSync(loads)
      ? fs
          .readFileSync(loads, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((entry) => {
            const [at, url] = entry.split(' ') as [string, string];
            return {
              t: Number(at) - run.spawnedAtEpochMs,
              text: `load    ${shortUrl(url)} (${Math.round(fs.statSync(fileURLToPath(url)).size / 1024)} KiB)`,
            };
          })
      : [];
    const spans = [...readSpans(spansLog, run), ...readTrace2(trace2, run)].sort((a, b) => a.startMs - b.startMs);
    const events: Array<{ t: number; text: string }> = [
      ...run.lines
        .filter((entry) => !entry.text.startsWith('::add-mask::'))
        .map((entry) => ({ t: entry.t, text: `log     ${entry.text.slice(0, 150)}` })),
      ...run.requests.map((request) => ({
        t: request.t,
        text: `github  ${request.method} ${request.path.replace(/^\/repos\/[^/]+\/[^/]+/, '')}`,
      })),
      ...moduleLoads,
      ...spans.map((span) => ({
        t: span.startMs,
        text: `process ${span.command.slice(0, 110)} [${(span.endMs - span.startMs).toFixed(1)} ms, exit ${span.exit}, from ${fromWhom(span.parent)}]`,
      })),
    ].sort((a, b) => a.t - b.t);
    line("timeline (ms since spawn; log lines are stamped when the bench reads them; git times are git's own):");
    for (const event of events) line(`  ${String(Math.round(event.t)).padStart(6)}  ${event.text}`);
    const byTool = new Map<string, { count: number; ms: number }>();
    for (const span of spans) {
      const key = `${span.command.split(' ').slice(0, 2).join(' ')} (from ${fromWhom(span.parent)})`;
      const entry = byTool.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += span.endMs - span.startMs;
      byTool.set(key, entry);
    }
    line('processes started, by command (sum of their own wall time):');
    for (const [key, entry] of [...byTool.entries()].sort((a, b) => b[1].ms - a[1].ms))
      line(`  ${entry.ms.toFixed(1).padStart(7)} ms  ${entry.count} × ${key}`);
    const actionGit = spans.filter((span) => span.command.startsWith('git') && fromWhom(span.parent) === 'action');
    line(
      `the action ran ${actionGit.length} git commands taking ${actionGit.reduce((sum, span) => sum + span.endMs - span.startMs, 0).toFixed(0)} ms of git's own time`,
    );
  });
  await withWorld(happyWorldOptions(), async (world) => {
    const run = await runAction(world, { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}` } });
    line(
      `CPU-profiled run (no wrappers): exit ${run.exitCode}, wall ${Math.round(run.wallMs)} ms, stages ${JSON.stringify(run.stages)}`,
    );
  });
  printCpu('CPU profile of the action process (happy path)', newestProfile(profiles));
}

async function profileSkip(tempDir: string): Promise<void> {
  line('\n== cold start: CPU profile of a skipped run (the last of 5)');
  const profiles = path.join(tempDir, 'cpu-skip');
  fs.mkdirSync(profiles, { recursive: true });
  await withWorld(happyWorldOptions(undefined, 'Looks good to me, thanks!'), async (world) => {
    for (let i = 0; i < 5; i++) {
      const run = await runAction(world, {
        debug: false,
        rssSampleMs: 0,
        env: i === 4 ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}` } : {},
      });
      line(`  run ${i + 1}: ${Math.round(run.wallMs)} ms${i === 4 ? ' (profiled)' : ''}`);
    }
  });
  printCpu('CPU profile of a skipped run', newestProfile(profiles), 15);
}

interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<
    string,
    {
      bytes: number;
      entryPoint?: string;
      imports: Array<{ path: string; kind: string }>;
      inputs: Record<string, { bytesInOutput: number }>;
    }
  >;
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1] as string;
  return input.startsWith('src/') ? `src/${input.split('/')[1]}` : input;
}

async function profileBundle(tempDir: string): Promise<void> {
  line('\n== bundle: what dist/index.js loads before it can decide anything (esbuild metafile of src/index.ts)');
  const outdir = path.join(tempDir, 'bundle');
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [{ in: 'src/index.ts', out: 'index' }],
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
      js: "import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'error',
    metafile: true,
  });
  const meta = result.metafile as Metafile;
  const entry = Object.keys(meta.outputs).find(
    (output) => meta.outputs[output]?.entryPoint === 'src/index.ts',
  ) as string;
  const staticSet = new Set<string>();
  const dynamicTargets = new Set<string>();
  const visit = (output: string): void => {
    if (staticSet.has(output)) return;
    staticSet.add(output);
    for (const imported of meta.outputs[output]?.imports ?? []) {
      if (!meta.outputs[imported.path]) continue;
      if (imported.kind === 'import-statement') visit(imported.path);
      else if (imported.kind === 'dynamic-import') dynamicTargets.add(imported.path);
    }
  };
  visit(entry);
  const bytes = (outputs: Iterable<string>): number =>
    [...outputs].reduce((sum, output) => sum + (meta.outputs[output]?.bytes ?? 0), 0);
  const all = Object.keys(meta.outputs).filter((output) => output.endsWith('.js'));
  line(
    `outputs: ${all.length} files, ${Math.round(bytes(all) / 1024)} KiB; loaded statically by the entry: ${staticSet.size} files, ${Math.round(bytes(staticSet) / 1024)} KiB; dynamic imports: ${dynamicTargets.size}`,
  );
  const packages = new Map<string, number>();
  for (const output of staticSet) {
    for (const [input, info] of Object.entries(meta.outputs[output]?.inputs ?? {}))
      packages.set(packageOf(input), (packages.get(packageOf(input)) ?? 0) + info.bytesInOutput);
  }
  line('statically loaded code by package (bytes in output):');
  for (const [name, size] of [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    line(`  ${String(Math.round(size / 1024)).padStart(6)} KiB  ${name}`);
  const srcImporters = Object.entries(meta.inputs)
    .filter(([input]) => input.startsWith('src/'))
    .map(([input]) => input);
  line(`(${srcImporters.length} modules of src/ in the build)`);
  for (const output of [...dynamicTargets].sort()) {
    const top = Object.entries(meta.outputs[output]?.inputs ?? {})
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 3)
      .map(([input]) => packageOf(input));
    line(
      `  dynamic: ${path.relative(outdir, output)} ${Math.round((meta.outputs[output]?.bytes ?? 0) / 1024)} KiB (${[...new Set(top)].join(', ')})`,
    );
  }
}

async function profileMemory(tempDir: string): Promise<void> {
  line('\n== memory: the long task (full shape) under different heap settings');
  const tap = path.join(tempDir, 'long-task-tap.jsonl');
  const wrapper = writeTapWrapper(tempDir, tap);
  const cpuDir = path.join(tempDir, 'cpu-long');
  fs.mkdirSync(cpuDir, { recursive: true });
  const variants: Array<{
    name: string;
    env?: Record<string, string>;
    nodeArgs?: string[];
    inputs?: Record<string, string>;
  }> = [
    {
      name: 'as shipped, with a CPU profile and Codex stdout tapped',
      env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${cpuDir}` },
      inputs: { 'codex-path': wrapper },
    },
    { name: '--trace-gc', nodeArgs: ['--trace-gc'] },
    { name: '--max-old-space-size=64', env: { NODE_OPTIONS: '--max-old-space-size=64' } },
    { name: '--max-semi-space-size=1', env: { NODE_OPTIONS: '--max-semi-space-size=1' } },
  ];
  for (const variant of variants) {
    await withWorld(
      happyWorldOptions(longTaskTurns(FULL.longTask), undefined, { 'timeout-minutes': '10', ...variant.inputs }),
      async (world) => {
        const run = await runAction(world, { timeoutMs: 600_000, env: variant.env, nodeArgs: variant.nodeArgs });
        let gcSummary = '';
        if (variant.nodeArgs?.includes('--trace-gc')) {
          const gc = run.lines
            .map((entry) =>
              /(Scavenge|Mark-Compact|Mark-sweep)[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(
                entry.text,
              ),
            )
            .filter((match) => match !== null);
          const count = (kind: string): number => gc.filter((match) => match[1] === kind).length;
          const max = (group: number): number => Math.max(0, ...gc.map((match) => Number(match[group])));
          gcSummary = `; ${count('Scavenge')} scavenges, ${count('Mark-Compact') + count('Mark-sweep')} mark-compacts; heap used before a GC up to ${max(2)} MB, after a GC up to ${max(4)} MB, committed up to ${max(5)} MB`;
        }
        line(
          `  ${variant.name}: exit ${run.exitCode}, ${run.outputs.conclusion}, peak RSS ${run.debugPeakRssMiB} MiB (sampled ${Math.round(run.sampledPeakRssMiB ?? 0)}), Codex stage ${run.stages.Codex} ms${gcSummary}`,
        );
      },
    );
  }
  const counted = await countTap(tap);
  line(
    `  the tapped run: ${counted.events} codex/event notifications, ${(counted.bytes / 1024 / 1024).toFixed(1)} MiB of JSON-RPC`,
  );
  printCpu('CPU profile of the action process (long task)', newestProfile(cpuDir), 15);
  await replay(tempDir, tap);
}

/**
 * Feeds the tapped stream, in 64 KiB chunks, to a fresh Node (the runner's) two ways, and reports CPU time
 * and peak RSS of each: `sdk` is the MCP SDK's ReadBuffer and JSON-RPC schema, as the action's transport
 * uses them; `skip-deltas` splits lines without re-concatenating the buffer and drops
 * exec_command_output_delta notifications (which the action ignores) before JSON.parse and the schema.
 */
async function replay(tempDir: string, tap: string): Promise<void> {
  const sdk = path.join(PROJECT_ROOT, 'node_modules/@modelcontextprotocol/sdk/dist/esm');
  const script = path.join(tempDir, 'replay.mjs');
  fs.writeFileSync(
    script,
    `import fs from 'node:fs';
import { ReadBuffer } from ${JSON.stringify(`${sdk}/shared/stdio.js`)};
import { JSONRPCMessageSchema } from ${JSON.stringify(`${sdk}/types.js`)};
const [mode, file] = process.argv.slice(2);
let messages = 0, skipped = 0, types = new Set();
const handle = (message) => { messages++; const type = message.params?.msg?.type; if (type) types.add(type); };
const buffer = new ReadBuffer({ maxBufferSize: 64 * 1024 * 1024 });
let pending = [];
const DELTA = '"type":"exec_command_output_delta"';
const onLine = (bytes) => {
  if (bytes.length > 200 && bytes.subarray(0, 256).toString('latin1').includes(DELTA)) { skipped++; return; }
  handle(JSONRPCMessageSchema.parse(JSON.parse(bytes.toString('utf8'))));
};
const cpu = process.cpuUsage();
const started = performance.now();
for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 })) {
  if (mode === 'sdk') {
    buffer.append(chunk);
    for (let message; (message = buffer.readMessage()) !== null; ) handle(message);
  } else {
    let start = 0;
    for (let nl; (nl = chunk.indexOf(10, start)) !== -1; start = nl + 1) {
      const piece = chunk.subarray(start, nl);
      if (pending.length > 0) { pending.push(piece); onLine(Buffer.concat(pending)); pending = []; } else onLine(piece);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
}
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ mode, messages, skipped, wallMs: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
`,
  );
  line('  replay of the tapped stream (64 KiB chunks, fresh runner Node each):');
  for (const mode of ['sdk', 'skip-deltas']) {
    for (let i = 0; i < 2; i++) {
      const output = execFileSync(runnerNode(), [script, mode, tap], {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024,
      }).trim();
      line(`    ${output}`);
    }
  }
  const base = execFileSync(
    runnerNode(),
    [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(`${sdk}/types.js`)}); console.log(Math.round(process.resourceUsage().maxRSS / 1024))`,
    ],
    { encoding: 'utf8' },
  ).trim();
  line(`    (the same Node with only the SDK's schema loaded: ${base} MiB)`);
}

async function profileScale(tempDir: string, files = Number(process.env.SCALE_FILES ?? 100_000)): Promise<void> {
  line(`\n== scale: git in a ${files.toLocaleString('en-US')}-file repository`);
  const repo = await generateRepo(tempDir, files);
  const home = path.join(tempDir, 'home-scale');
  fs.mkdirSync(home, { recursive: true });
  const trace2 = path.join(tempDir, 'trace2-scale.json');
  fs.writeFileSync(path.join(home, '.gitconfig'), `[trace2]\n\teventTarget = ${trace2}\n`);
  for (let i = 0; i < 2; i++) {
    fs.rmSync(trace2, { force: true });
    const world = await World.create(happyWorldOptions());
    try {
      fs.rmSync(world.workspace, { recursive: true, force: true });
      fs.renameSync(repo.checkout, world.workspace);
      try {
        const run = await runAction(world, { env: { HOME: home } });
        line(
          `  action run ${i + 1}: ${run.outputs.conclusion}, wall ${Math.round(run.wallMs)} ms, stages ${JSON.stringify(run.stages)}`,
        );
        if (i === 1) {
          const spans = readTrace2(trace2, run).filter((span) => fromWhom(span.parent) === 'action');
          for (const span of spans)
            line(`    ${(span.endMs - span.startMs).toFixed(1).padStart(7)} ms  ${span.command.slice(0, 110)}`);
          line(
            `    ${spans
              .reduce((sum, span) => sum + span.endMs - span.startMs, 0)
              .toFixed(0)
              .padStart(7)} ms  in ${spans.length} git commands of the action`,
          );
        }
      } finally {
        fs.renameSync(world.workspace, repo.checkout);
        resetCheckout(repo.checkout);
        resetOrigin(repo.origin);
      }
    } finally {
      await world.dispose();
    }
  }
  // The same git work by hand, step by step (median of 3; before each, the three files are written and
  // `git status` refreshes the index, as Codex's own `git status` does during a task).
  const hardening = [
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.untrackedCache=false',
    '-c',
    'user.name=Bench',
    '-c',
    'user.email=bench@example.com',
  ];
  type Step = [label: string, work: (branch: string, state: { sha?: string; tree?: string }) => void];
  const g = (...args: string[]): string => gitIn(repo.checkout, ...hardening, ...args);
  const variants: Record<string, Step[]> = {
    'as the action does it': [
      ['add --all', () => g('add', '--all', '--', '.')],
      ['diff --raw', () => g('diff', '--cached', '--no-renames', '--raw', '-z', 'HEAD', '--')],
      ['diff --numstat', () => g('diff', '--cached', '--no-renames', '--numstat', '-z', 'HEAD', '--')],
      ['diff --binary', () => g('diff', '--cached', '--binary', '--no-renames', 'HEAD', '--')],
      ['checkout -b', (branch) => g('checkout', '-q', '-b', branch, '--')],
      ['commit', () => g('commit', '--no-verify', '--quiet', '-m', 'bench')],
      ['rev-parse', () => g('rev-parse', 'HEAD')],
      ['push', (branch) => g('push', '--porcelain', '-q', 'origin', `HEAD:refs/heads/${branch}`)],
    ],
    recommended: [
      ['add --all', () => g('add', '--all', '--', '.')],
      ['diff --raw --numstat', () => g('diff', '--cached', '--no-renames', '--raw', '--numstat', '-z', 'HEAD', '--')],
      ['diff --binary', () => g('diff', '--cached', '--binary', '--no-renames', 'HEAD', '--')],
      ['write-tree', (_branch, state) => (state.tree = g('write-tree'))],
      [
        'commit-tree',
        (_branch, state) => (state.sha = g('commit-tree', state.tree as string, '-p', 'HEAD', '-m', 'bench')),
      ],
      [
        'push sha',
        (branch, state) => g('push', '--porcelain', '-q', 'origin', `${state.sha as string}:refs/heads/${branch}`),
      ],
      [
        'update-ref + symbolic-ref',
        (branch, state) => {
          g('update-ref', `refs/heads/${branch}`, state.sha as string);
          g('symbolic-ref', 'HEAD', `refs/heads/${branch}`);
        },
      ],
    ],
  };
  for (const [name, steps] of Object.entries(variants)) {
    const times = new Map<string, number[]>();
    for (let i = 0; i < 3; i++) {
      for (const file of ['bench/one.txt', 'bench/two.txt', 'bench/three.txt']) {
        fs.mkdirSync(path.dirname(path.join(repo.checkout, file)), { recursive: true });
        fs.writeFileSync(path.join(repo.checkout, file), `${file}\n`);
      }
      gitIn(repo.checkout, 'status', '--porcelain');
      const state: { sha?: string; tree?: string } = {};
      for (const [label, work] of steps) {
        const started = performance.now();
        work(`bench-${i}`, state);
        times.set(label, [...(times.get(label) ?? []), performance.now() - started]);
      }
      resetCheckout(repo.checkout);
      resetOrigin(repo.origin);
    }
    const medians = [...times.entries()].map(([label, values]) => [label, spread(values).median] as const);
    line(
      `  by hand, ${name}: ${Math.round(medians.reduce((sum, [, ms]) => sum + ms, 0))} ms = ${medians.map(([label, ms]) => `${label} ${Math.round(ms)}`).join(' + ')}`,
    );
  }
}

interface Patch {
  name: string;
  /** What the patch stands in for in src/. */
  fix: string;
  apply: (source: string) => string;
}

const PATCHES: Record<string, Patch> = {
  throttle: {
    name: 'no write spacing',
    fix: 'src/github.ts: throttle.write / throttle.notifications groups with minTime 0',
    apply: (source) =>
      source
        .replace(/(id: "octokit-write",\s*maxConcurrent: 1,\s*minTime: )1e3/, '$10')
        .replace(/(id: "octokit-notifications",\s*maxConcurrent: 1,\s*minTime: )3e3/, '$10'),
  },
  silentGit: {
    name: 'no 50 ms after silent git',
    fix: 'src/workspace/git.ts: run git with execFile instead of simple-git (whose completion plugin waits 50 ms after a command that printed nothing)',
    apply: (source) => source.replace(/(await \w+\.result, \w+ && await \w+\()50(\))/, '$10$2'),
  },
  readBuffer: {
    name: 'ReadBuffer skips output deltas',
    fix: 'src/codex/session.ts: an own stdio transport that splits lines without re-concatenating and drops exec_command_output_delta unparsed',
    apply: (source) =>
      source.replace(
        /var ReadBuffer = class \{[\s\S]*?\n\};\n/,
        `var ReadBuffer = class {
  constructor(options) { this._max = options?.maxBufferSize ?? STDIO_DEFAULT_MAX_BUFFER_SIZE; this._pending = []; this._pendingBytes = 0; this._lines = []; }
  append(chunk) {
    let start = 0;
    for (let nl; (nl = chunk.indexOf(10, start)) !== -1; start = nl + 1) {
      const piece = chunk.subarray(start, nl);
      if (this._pending.length > 0) { this._pending.push(piece); this._lines.push(Buffer.concat(this._pending)); this._pending = []; this._pendingBytes = 0; } else this._lines.push(piece);
    }
    if (start < chunk.length) { this._pending.push(chunk.subarray(start)); this._pendingBytes += chunk.length - start; }
    if (this._pendingBytes > this._max) { this.clear(); throw new Error("ReadBuffer exceeded maximum size of " + this._max + " bytes"); }
  }
  readMessage() {
    while (this._lines.length > 0) {
      const bytes = this._lines.shift();
      if (bytes.length > 200 && bytes.subarray(0, 256).toString("latin1").includes('"type":"exec_command_output_delta"')) continue;
      return deserializeMessage(bytes.toString("utf8").replace(/\\r$/, ""));
    }
    return null;
  }
  clear() { this._pending = []; this._pendingBytes = 0; this._lines = []; }
};
`,
      ),
  },
};

/** A copy of the snapshot with the named patches applied to every chunk; throws when a patch finds nothing to change. */
function patchedDist(tempDir: string, entry: string, names: string[]): string {
  const target = path.join(tempDir, `dist-${names.join('-') || 'base'}`);
  fs.cpSync(path.dirname(entry), target, { recursive: true });
  for (const name of names) {
    const patch = PATCHES[name] as Patch;
    let changed = 0;
    for (const file of fs
      .readdirSync(target, { recursive: true, encoding: 'utf8' })
      .filter((candidate) => candidate.endsWith('.js'))) {
      const full = path.join(target, file);
      const before = fs.readFileSync(full, 'utf8');
      const after = patch.apply(before);
      if (after !== before) {
        fs.writeFileSync(full, after);
        changed++;
      }
    }
    if (changed === 0) throw new Error(`patch '${name}' found nothing to change in the bundle; it needs updating`);
  }
  return path.join(target, path.basename(entry));
}

async function profileWhatIf(
  tempDir: string,
  entry: string,
  runs = Number(process.env.WHATIF_RUNS ?? 6),
): Promise<void> {
  line(`\n== what if: the recommended fixes on patched copies of dist/, ${runs} interleaved happy-path runs each`);
  const variants = [
    { label: 'as built', entry },
    { label: PATCHES.throttle!.name, entry: patchedDist(tempDir, entry, ['throttle']) },
    { label: PATCHES.silentGit!.name, entry: patchedDist(tempDir, entry, ['silentGit']) },
    { label: 'both', entry: patchedDist(tempDir, entry, ['throttle', 'silentGit']) },
  ];
  const samples = new Map<string, Array<{ wall: number; own: number; codex: number; outside: number }>>();
  for (let i = 0; i < runs; i++) {
    for (const variant of variants) {
      await withWorld(happyWorldOptions(), async (world) => {
        const run = await runAction(world, { entry: variant.entry });
        if (run.outputs.conclusion !== 'pull-request')
          throw new Error(`${variant.label}: ${run.outputs.conclusion}\n${run.log}`);
        const own = OWN_STAGES.reduce((sum, name) => sum + (run.stages[name] ?? 0), 0);
        const staged = Object.values(run.stages).reduce((sum, ms) => sum + ms, 0);
        const list = samples.get(variant.label) ?? [];
        list.push({ wall: run.wallMs, own, codex: run.stages.Codex ?? 0, outside: run.wallMs - staged });
        samples.set(variant.label, list);
      });
    }
  }
  const base = spread((samples.get('as built') ?? []).map((sample) => sample.wall)).median;
  for (const variant of variants) {
    const list = samples.get(variant.label) ?? [];
    const wall = spread(list.map((sample) => sample.wall));
    line(
      `  ${variant.label.padEnd(30)} wall median ${Math.round(wall.median)} ms (min ${Math.round(wall.min)}, max ${Math.round(wall.max)}; ${variant.label === 'as built' ? 'reference' : `${Math.round(wall.median - base)} ms`}); own stages ${Math.round(spread(list.map((sample) => sample.own)).median)} ms, outside stages ${Math.round(spread(list.map((sample) => sample.outside)).median)} ms, Codex stage ${Math.round(spread(list.map((sample) => sample.codex)).median)} ms`,
    );
  }
  for (const patch of Object.values(PATCHES)) line(`    ${patch.name}: stands in for ${patch.fix}`);

  line('  long task (full shape), once each:');
  for (const variant of [
    { label: 'as built', entry },
    { label: PATCHES.readBuffer!.name, entry: patchedDist(tempDir, entry, ['readBuffer']) },
  ]) {
    await withWorld(
      happyWorldOptions(longTaskTurns(FULL.longTask), undefined, { 'timeout-minutes': '10' }),
      async (world) => {
        const cpuDir = path.join(tempDir, `cpu-whatif-${variant.label.replace(/\W+/g, '-')}`);
        fs.mkdirSync(cpuDir, { recursive: true });
        const run = await runAction(world, {
          entry: variant.entry,
          timeoutMs: 600_000,
          env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${cpuDir}` },
        });
        const cpu = summarizeCpuProfile(newestProfile(cpuDir));
        const busy = cpu.totalMs - (cpu.byCategory['(idle)'] ?? 0);
        line(
          `    ${variant.label.padEnd(30)} ${run.outputs.conclusion}, peak RSS ${run.debugPeakRssMiB} MiB, Codex stage ${run.stages.Codex} ms, CPU of the action ${Math.round(busy)} ms (GC ${Math.round(cpu.byCategory['(garbage collector)'] ?? 0)} ms)`,
        );
      },
    );
  }
}

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const all = wanted.size === 0;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-profile-'));
  try {
    const entry = await snapshotDist(tempDir);
    if (all || wanted.has('happy')) await profileHappy(tempDir);
    if (all || wanted.has('skip')) await profileSkip(tempDir);
    if (all || wanted.has('bundle')) await profileBundle(tempDir);
    if (all || wanted.has('memory')) await profileMemory(tempDir);
    if (all || wanted.has('scale')) await profileScale(tempDir);
    if (all || wanted.has('whatif')) await profileWhatIf(tempDir, entry);
  } finally {
    if (!process.env.KEEP_PROFILE) fs.rmSync(tempDir, { recursive: true, force: true });
    else line(`kept ${tempDir}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
