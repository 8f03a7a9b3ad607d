// Generates the repositories the benchmark runs the action in: a bare `origin` holding one commit with
// N files (built with one `git fast-import` stream, so 100,000 files take seconds, not minutes), and a
// clone of it as the runner's checkout. Built once per bench run under a temp dir and reused by every run
// of that size; `resetCheckout` and `resetOrigin` put both back to main after a run pushed its PR branch.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface GeneratedRepo {
  files: number;
  /** Bare repository the checkout's `origin` points at. */
  origin: string;
  /** The checkout (a clone of origin, on main). */
  checkout: string;
  /** Bytes of file content in the commit. */
  contentBytes: number;
  buildMs: number;
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_DATE: '1700000000 +0000',
  GIT_COMMITTER_DATE: '1700000000 +0000',
};

export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** Path of the i-th file: 100 files per directory, 100 directories per top-level directory (like a real tree, not one flat folder). */
export function generatedPath(i: number): string {
  const leaf = Math.floor(i / 100);
  return `src/pkg${Math.floor(leaf / 100)}/mod${leaf % 100}/file${i}.ts`;
}

/** Content of the i-th file: a few distinct lines, so every file is its own blob. */
function generatedContent(i: number): string {
  return `// generated file ${i}\nexport const value${i} = ${i};\nexport function get${i}(): number {\n  return value${i} * 2;\n}\n`;
}

/** Writes the fast-import stream for one commit holding `count` files to `out` (respecting back-pressure). */
async function writeFastImport(out: NodeJS.WritableStream, count: number): Promise<number> {
  let bytes = 0;
  const write = (text: string): Promise<void> | undefined =>
    out.write(text) ? undefined : new Promise((resolve) => out.once('drain', () => resolve()));
  const readme = '# generated repository\n';
  await write(`blob\nmark :1\ndata ${Buffer.byteLength(readme)}\n${readme}\n`);
  for (let i = 0; i < count - 1; i++) {
    const content = generatedContent(i);
    bytes += Buffer.byteLength(content);
    const pending = write(`blob\nmark :${i + 2}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    if (pending) await pending;
  }
  const message = `Generated ${count} files\n`;
  await write(
    `commit refs/heads/main\nauthor Seed <seed@example.com> 1700000000 +0000\ncommitter Seed <seed@example.com> 1700000000 +0000\ndata ${Buffer.byteLength(message)}\n${message}`,
  );
  await write('M 100644 :1 README.md\n');
  for (let i = 0; i < count - 1; i++) {
    const pending = write(`M 100644 :${i + 2} ${generatedPath(i)}\n`);
    if (pending) await pending;
  }
  await write('done\n');
  out.end();
  return bytes + Buffer.byteLength(readme);
}

/** Builds origin (bare, one commit with `files` files) and a checkout of it under `dir`. */
export async function generateRepo(dir: string, files: number, ignoredFiles = 0): Promise<GeneratedRepo> {
  const started = performance.now();
  const root = path.join(dir, `repo-${files}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const origin = path.join(root, 'origin.git');
  const checkout = path.join(root, 'checkout');
  gitIn(root, 'init', '-q', '--bare', '-b', 'main', origin);
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: origin,
    env: GIT_ENV,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  importer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => importer.on('close', resolve));
  const contentBytes = await writeFastImport(importer.stdin, files);
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr}`);
  gitIn(root, 'clone', '-q', origin, checkout);
  if (ignoredFiles > 0) writeIgnoredDependencies(checkout, ignoredFiles);
  // Refresh the index once, as a runner's first `git status` would, so no run pays for racy entries.
  gitIn(checkout, 'status', '--porcelain');
  return { files, origin, checkout, contentBytes, buildMs: performance.now() - started };
}

/**
 * What `npm ci` leaves before the action runs: `count` files in an ignored node_modules/ (100 per package).
 * The copy Codex works in links it in; the action must not pay for its size.
 */
function writeIgnoredDependencies(checkout: string, count: number): void {
  fs.appendFileSync(path.join(checkout, '.git', 'info', 'exclude'), 'node_modules/\n');
  for (let i = 0; i < count; i++) {
    const dir = path.join(checkout, 'node_modules', `package-${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `file-${i % 100}.js`), `module.exports = ${i};\n`);
  }
}

/** Deletes every branch but main from a bare origin (run ids repeat, so a branch name can come back). */
export function resetOrigin(origin: string): void {
  const branches = gitIn(origin, 'for-each-ref', '--format=%(refname)', 'refs/heads')
    .split('\n')
    .filter((ref) => ref && ref !== 'refs/heads/main');
  for (const ref of branches) gitIn(origin, 'update-ref', '-d', ref);
}

/** Puts a checkout back on main with a clean tree after a run left it on a new branch. */
export function resetCheckout(checkout: string): void {
  gitIn(checkout, 'checkout', '-q', '-f', 'main');
  // Untracked files go; ignored ones (the generated node_modules/) stay, as a runner's would.
  gitIn(checkout, 'clean', '-fdq');
  const branches = gitIn(checkout, 'for-each-ref', '--format=%(refname:short)', 'refs/heads')
    .split('\n')
    .filter((name) => name && name !== 'main');
  if (branches.length > 0) gitIn(checkout, 'branch', '-q', '-D', ...branches);
  const remotes = gitIn(checkout, 'for-each-ref', '--format=%(refname)', 'refs/remotes')
    .split('\n')
    .filter((ref) => ref && !/^refs\/remotes\/origin\/(main|HEAD)$/.test(ref));
  for (const ref of remotes) gitIn(checkout, 'update-ref', '-d', ref);
}
