// `npm run bench` (node --import tsx bench/run.ts): runs the benchmark on both Codex paths, prints a table of
// figures against targets (PASS or MISS), and writes bench/results.json. Options: --quick (the targets at full
// size, fewer runs, no scale), --smoke (small sizes, one run each), --paths=native,bridge,
// --only=overhead,scale,coldStart,longTask,apiCost, --dist=<a copy of dist/ to measure instead>, --out=<file>.
// It reports; it does not fail on a missed target (exit 0 unless the bench itself breaks).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, BenchResults, MeasureName } from './bench.ts';
import { MEASURES, runBench } from './bench.ts';
import type { CodexPath } from './harness.ts';
import { CODEX_PATHS, OWN_STAGES, STAGE_NAMES } from './harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const OPTIONS = `--quick, --smoke, --paths=${CODEX_PATHS.join(',')}, --only=${MEASURES.join(',')}, --dist=<dir>, --out=<file>`;

function parseArgs(argv: string[]): BenchOptions & { out: string } {
  let smoke = false;
  let quick = false;
  let only: MeasureName[] | undefined;
  let paths: CodexPath[] | undefined;
  let distDir: string | undefined;
  let out = path.join(here, 'results.json');
  for (const arg of argv) {
    if (arg === '--smoke') smoke = true;
    else if (arg === '--quick') quick = true;
    else if (arg.startsWith('--paths=')) {
      paths = arg
        .slice('--paths='.length)
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean) as CodexPath[];
      const unknown = paths.filter((name) => !CODEX_PATHS.includes(name));
      if (unknown.length > 0 || paths.length === 0)
        throw new Error(`--paths: '${unknown.join(',')}' is not a Codex path; choose from ${CODEX_PATHS.join(', ')}.`);
    } else if (arg.startsWith('--dist=')) {
      distDir = path.resolve(arg.slice('--dist='.length));
      if (!fs.existsSync(path.join(distDir, 'index.js')))
        throw new Error(`--dist: ${distDir} has no index.js; give a copy of a built dist/.`);
    } else if (arg.startsWith('--only=')) {
      only = arg
        .slice('--only='.length)
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean) as MeasureName[];
      const unknown = only.filter((name) => !(MEASURES as readonly string[]).includes(name));
      if (unknown.length > 0)
        throw new Error(`Unknown measure(s) ${unknown.join(', ')}; choose from ${MEASURES.join(', ')}.`);
    } else if (arg.startsWith('--out=')) out = path.resolve(arg.slice('--out='.length));
    else throw new Error(`Unknown option '${arg}'. Options: ${OPTIONS}.`);
  }
  return { smoke, quick, only, paths, distDir, out };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const ms = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '–' : String(Math.round(value));

export function render(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `codex-task-action benchmark (${results.mode}): ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB; runner node ${m.runnerNode}; ${m.git}; ${Object.entries(
      m.codex,
    )
      .map(([codexPath, version]) => `${codexPath}: ${version}`)
      .join(', ')}`,
  );
  out.push(
    `load average (1/5/15 min) at start ${m.loadAverageAtStart.join('/')}, at end ${m.loadAverageAtEnd.join('/')}`,
  );
  out.push(
    `${results.bundle.path}/ sha256 ${results.bundle.sha256.slice(0, 12)} (HEAD ${results.bundle.commit}); ${results.startedAt}`,
  );
  out.push('');
  out.push(
    table(
      ['Measure', 'Figure', 'Target', 'Result'],
      results.checks.map((check) => [check.name, check.figure, check.target, check.pass ? 'PASS' : 'MISS']),
    ),
  );

  const measured = Object.entries(results.paths);
  for (const [codexPath, { overhead: o }] of measured) {
    if (!o) continue;
    out.push(
      '',
      `Overhead (${codexPath}), median per stage of the action (ms): ${Object.entries(o.actionStagesMedianMs)
        .map(([name, value]) => `${name} ${ms(value)}`)
        .join(
          ', ',
        )}, outside stages ${ms(o.outsideStagesMedianMs)}; paired action − bare: median ${ms(o.pairedOverheadMs.median)}, min ${ms(o.pairedOverheadMs.min)}, max ${ms(o.pairedOverheadMs.max)}`,
    );
  }
  if (results.coldStart) {
    out.push(
      '',
      `Cold start: a skipped run loads ${results.coldStart.skipLoadedFiles.join(', ')} (${Math.round(results.coldStart.skipLoadedBytes / 1024)} KiB of ${Math.round(results.coldStart.distBytes / 1024)} KiB in dist/)`,
    );
  }
  if (results.scale) {
    const names = [
      ...new Set([...STAGE_NAMES, ...results.scale.rows.flatMap((row) => Object.keys(row.stagesMedianMs))]),
    ];
    out.push('', 'Scale (medians, ms; own = ' + OWN_STAGES.join(' + ') + '):');
    out.push(
      table(
        ['Files', 'Runs', ...names, 'Own (min–max)', 'Git of the action', 'Wall', 'Repo built in'],
        results.scale.rows.map((row) => [
          row.files.toLocaleString('en-US'),
          String(row.runs),
          ...names.map((name) => ms(row.stagesMedianMs[name])),
          `${ms(row.ownMedianMs)} (${ms(row.ownMinMs)}–${ms(row.ownMaxMs)})`,
          `${ms(row.gitMedianMs)} in ${row.gitCommands} commands`,
          ms(row.wallMedianMs),
          `${(row.buildMs / 1000).toFixed(1)} s`,
        ]),
      ),
    );
    const largest = results.scale.rows.at(-1);
    if (largest)
      out.push(
        `Slowest git commands of the action at ${largest.files.toLocaleString('en-US')} files (last run): ${largest.slowestGit.map((entry) => `${entry.command} ${entry.ms} ms`).join(', ')}`,
      );
  }
  for (const [codexPath, { longTask: l }] of measured) {
    if (!l) continue;
    const top = Object.entries(l.eventsByType)
      .sort((a, b) => b[1] - a[1])
      .map(([type, count]) => `${type} ${count}`)
      .join(', ');
    out.push(
      '',
      `Long task (${codexPath}): ${l.shape.turns} turns × ${l.shape.commandsPerTurn} commands × ${l.shape.burstsPerCommand} bursts of ${l.shape.linesPerBurst} lines; wall ${(l.wallMs / 1000).toFixed(1)} s, conclusion ${l.conclusion}; events by type: ${top}${
        l.bytesByType
          ? `; MiB by method: ${Object.entries(l.bytesByType)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 4)
              .map(([method, bytes]) => `${method} ${(bytes / 1024 / 1024).toFixed(1)}`)
              .join(', ')}`
          : ''
      }`,
    );
  }
  for (const [codexPath, { apiCost }] of measured) {
    if (!apiCost) continue;
    out.push(
      '',
      `GitHub calls of a happy-path run (${codexPath}; ms since spawn): ${apiCost.calls.map((call) => `${call.atMs} ${call.method} ${call.path}`).join('; ')}`,
    );
    if (apiCost.throttledWriteGapsMs.length > 0)
      out.push(`Gaps ≥ 0.9 s between consecutive writes: ${apiCost.throttledWriteGapsMs.join(', ')} ms`);
  }
  out.push(
    '',
    `Measures took: ${Object.entries(results.measureMs)
      .map(([name, value]) => `${name} ${((value ?? 0) / 1000).toFixed(1)} s`)
      .join(', ')}; total ${(results.durationMs / 1000).toFixed(1)} s.`,
  );
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { out, ...options } = args;
  const results = await runBench({ ...options, log: (line) => console.error(line) });
  console.log(render(results));
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), out)}.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
