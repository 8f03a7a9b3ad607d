// Measure 3: how fast the action decides that an event is not for it. A comment without the trigger phrase
// must end in `conclusion: skipped` with exit 0; the figure is the time from spawning `node dist/index.js`
// to its exit (and, for reference, to the `Skipped:` line), next to the same Node starting an empty script.
// Also the size of the bundle every run loads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import type { Check, Spread } from '../harness.ts';
import { currentActionEntry, formatSpread, happyWorldOptions, runAction, spread, withWorld } from '../harness.ts';
import type { World } from '../../test/support/world.ts';
import { runnerNode } from '../../test/support/world.ts';

export interface ColdStartResult {
  runs: number;
  /** Spawn to exit of `node dist/index.js` on a non-triggering comment. */
  exitMs: Spread;
  /** Spawn to the `Skipped:` line on stdout. */
  decisionMs: Spread;
  /** Spawn to exit of the same Node running `-e 0`: the floor no bundle can go under. */
  bareNodeMs: Spread;
  /** dist/index.js alone. */
  entryBytes: number;
  /** Every .js file of dist/ (entry, chunks, the bridge), and gzipped. */
  distBytes: number;
  distGzipBytes: number;
  /** The files of dist/ that a skipped run loads, and their size (from a module load hook, in a separate run). */
  skipLoadedFiles: string[];
  skipLoadedBytes: number;
  targetMs: number;
}

export const COLD_START_TARGET_MS = 100;

async function bareNode(): Promise<number> {
  const started = performance.now();
  const child = spawn(runnerNode(), ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  return performance.now() - started;
}

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(dir, file));
}

/** One more skipped run with a module load hook that lists every file: URL Node loads. */
async function filesLoadedBySkip(world: World, dir: string): Promise<string[]> {
  const listing = path.join(dir, 'loaded-modules.txt');
  const hook = path.join(dir, 'list-loads.mjs');
  fs.writeFileSync(
    hook,
    [
      "import fs from 'node:fs';",
      "import { registerHooks } from 'node:module';",
      `registerHooks({ load(url, context, nextLoad) { if (url.startsWith('file:')) fs.appendFileSync(${JSON.stringify(listing)}, url + '\\n'); return nextLoad(url, context); } });`,
      '',
    ].join('\n'),
  );
  fs.rmSync(listing, { force: true });
  await runAction(world, {
    debug: false,
    rssSampleMs: 0,
    env: { NODE_OPTIONS: `--import=${pathToFileURL(hook).href}` },
  });
  if (!fs.existsSync(listing)) return [];
  return [
    ...new Set(
      fs
        .readFileSync(listing, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((url) => fileURLToPath(url)),
    ),
  ];
}

export async function measureColdStart(options: {
  runs: number;
  /** One unmeasured skip first, to warm the page cache for node and the bundle. */
  warmup: boolean;
  tempDir: string;
  log: (line: string) => void;
}): Promise<ColdStartResult> {
  const exit: number[] = [];
  const decision: number[] = [];
  const node: number[] = [];
  let loaded: string[] = [];
  await withWorld(happyWorldOptions(undefined, 'Looks good to me, thanks!'), async (world) => {
    for (let i = options.warmup ? -1 : 0; i < options.runs; i++) {
      const nodeMs = await bareNode();
      const run = await runAction(world, { debug: false, rssSampleMs: 0 });
      if (run.exitCode !== 0 || run.outputs.conclusion !== 'skipped')
        throw new Error(
          `cold start: expected a skip, got exit ${run.exitCode}, conclusion '${run.outputs.conclusion ?? ''}'.\n${run.log}`,
        );
      if (world.github.requests.length > 0) throw new Error('cold start: a skipped run made GitHub requests.');
      if (i < 0) continue; // warm-up: page cache
      const skipped = run.lines.find((line) => line.text.startsWith('Skipped:'));
      exit.push(run.wallMs);
      decision.push(skipped?.t ?? Number.NaN);
      node.push(nodeMs);
    }
    loaded = await filesLoadedBySkip(world, options.tempDir);
  });
  const entry = currentActionEntry();
  const distDir = path.dirname(entry);
  const dist = jsFiles(distDir);
  const skipLoaded = loaded.filter((file) => file.startsWith(distDir + path.sep));
  const result: ColdStartResult = {
    runs: options.runs,
    exitMs: spread(exit),
    decisionMs: spread(decision),
    bareNodeMs: spread(node),
    entryBytes: fs.statSync(entry).size,
    distBytes: dist.reduce((sum, file) => sum + fs.statSync(file).size, 0),
    distGzipBytes: dist.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(file)).length, 0),
    skipLoadedFiles: skipLoaded.map((file) => path.relative(distDir, file)).sort(),
    skipLoadedBytes: skipLoaded.reduce((sum, file) => sum + fs.statSync(file).size, 0),
    targetMs: COLD_START_TARGET_MS,
  };
  options.log(`  cold start: exit ${formatSpread(result.exitMs)}, bare node ${formatSpread(result.bareNodeMs)}`);
  return result;
}

const kib = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${Math.round(bytes / 1024)} KiB`;

export function coldStartChecks(result: ColdStartResult): Check[] {
  return [
    {
      name: '3. Cold start to a skip (both paths: a skip starts no Codex)',
      figure: `${Math.round(result.exitMs.median)} ms to exit (decision line at ${Math.round(result.decisionMs.median)} ms; node -e 0 alone ${Math.round(result.bareNodeMs.median)} ms; min ${Math.round(result.exitMs.min)}, max ${Math.round(result.exitMs.max)}, n=${result.runs}); dist/index.js ${kib(result.entryBytes)}, all of dist/ ${kib(result.distBytes)} (${kib(result.distGzipBytes)} gzip), a skip loads ${kib(result.skipLoadedBytes)} in ${result.skipLoadedFiles.length} file(s)`,
      target: `< ${result.targetMs} ms`,
      pass: result.exitMs.median < result.targetMs,
    },
  ];
}
