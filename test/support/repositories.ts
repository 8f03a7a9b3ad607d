// Owns the worlds' git repositories as the harness makes and reads them: the per-process templates (a seed,
// its bare clone as origin, a clone of that as the workspace), their copy into each world, a branch pushed to
// origin as someone else would push it, and the harness's reads of origin. The harness runs around every case,
// in a test process of 100-170 MB where each process it starts costs 10-25 ms of CPU to fork, so each of these
// asks git one question per process at most, and never again when origin has not changed since it last asked.
// It must never change what a test sees: every answer is the one git gives for that repository's state.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function git(cwd: string, ...args: string[]): string {
  return gitBytes(cwd, args).toString('utf8').trim();
}

function gitBytes(cwd: string, args: string[], input?: Buffer): Buffer {
  // A large buffer: the security suite publishes megabytes of dumped files and reads them back.
  return execFileSync('git', args, {
    cwd,
    input,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/**
 * A world's repositories are real git's: a seed repository with the initial commit, `git clone --bare` of it
 * as origin, `git clone` of origin as the workspace. Building them is seven git processes (and upload-pack
 * twice), so each test process builds them once for each set of initial files, here, and every world gets
 * a copy of origin and the workspace (copyRepositories). Removed when the process exits.
 */
export interface BuiltRepositories {
  dir: string;
  /** main's head, the initial commit. */
  head: string;
}

const templates = new Map<string, BuiltRepositories>();
let templatesRoot: string | undefined;

export function repositoriesFor(files: Record<string, string>): BuiltRepositories {
  const key = JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const built = templates.get(key);
  if (built) return built;
  if (templatesRoot === undefined) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-repositories-'));
    process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    templatesRoot = root;
  }
  const dir = path.join(templatesRoot, String(templates.size));
  const seed = path.join(dir, 'seed');
  fs.mkdirSync(seed, { recursive: true });
  git(seed, 'init', '-q', '-b', 'main');
  git(seed, 'config', 'user.name', 'Seed');
  git(seed, 'config', 'user.email', 'seed@example.com');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(seed, file)), { recursive: true });
    fs.writeFileSync(path.join(seed, file), content);
  }
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'Initial commit');
  // Origin stands for GitHub, whose repositories do their own housekeeping: no `gc --auto` after each push.
  git(dir, 'clone', '-q', '--bare', '-c', 'receive.autogc=false', seed, path.join(dir, 'origin.git'));
  git(dir, 'clone', '-q', path.join(dir, 'origin.git'), path.join(dir, 'workspace'));
  const repositories = { dir, head: git(seed, 'rev-parse', 'HEAD') };
  templates.set(key, repositories);
  return repositories;
}

/**
 * Copies built origin and workspace into a world's directory so that the workspace is what `git clone` of
 * the world's origin would have made: git records the absolute path it cloned from (remote.origin.url, the
 * `clone: from …` entries of the reflogs), which is rewritten to the world's; the index records each file's
 * inode and times, which refreshIndex brings up to date for the copied files, as the checkout of a clone
 * leaves them. Origin keeps the seed it was cloned from, which no one reads.
 */
export function copyRepositories(from: string, to: string): void {
  for (const repository of ['origin.git', 'workspace'])
    copyTree(path.join(from, repository), path.join(to, repository));
  const gitDir = path.join(to, 'workspace', '.git');
  const logs = path.join(gitDir, 'logs');
  const recorded = [
    path.join(gitDir, 'config'),
    ...fs
      .readdirSync(logs, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name)),
  ];
  for (const file of recorded) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes(from)) fs.writeFileSync(file, text.split(from).join(to));
  }
  if (!refreshIndex(path.join(to, 'workspace'))) git(path.join(to, 'workspace'), 'update-index', '-q', '--refresh');
}

/** Files with their modes, directories and symbolic links; a third of fs.cpSync's system calls for the same. */
function copyTree(from: string, to: string): void {
  fs.mkdirSync(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else fs.copyFileSync(source, target);
  }
}

/**
 * What `git update-index --refresh` does for a work tree copied byte for byte from a clean checkout, without
 * a process: each entry's stat data (ctime, mtime, dev, inode, uid, gid, size: the fields git compares, as
 * git stores them, truncated to 32 bits) becomes the copy's, and the index's SHA-1 is written again. Only the
 * plain formats (version 2 or 3, SHA-1, regular files and symbolic links) are handled; false otherwise, and
 * the caller asks git. The contents are the checkout's, so every entry is clean, as git would find it.
 */
function refreshIndex(workTree: string): boolean {
  const indexPath = path.join(workTree, '.git', 'index');
  const index = fs.readFileSync(indexPath);
  const body = index.subarray(0, index.length - 20);
  if (index.toString('latin1', 0, 4) !== 'DIRC') return false;
  const version = index.readUInt32BE(4);
  if ((version !== 2 && version !== 3) || !createHash('sha1').update(body).digest().equals(index.subarray(-20)))
    return false;
  let offset = 12;
  for (let entry = index.readUInt32BE(8); entry > 0; entry--) {
    const flags = index.readUInt16BE(offset + 60);
    const extended = (flags & 0x4000) !== 0 ? 2 : 0;
    const nameStart = offset + 62 + extended;
    const nameEnd = index.indexOf(0, nameStart);
    const mode = index.readUInt32BE(offset + 24);
    if (mode >> 12 !== 0o10 && mode >> 12 !== 0o12) return false;
    const stat = fs.lstatSync(path.join(workTree, index.toString('utf8', nameStart, nameEnd)), { bigint: true });
    const fields = [
      stat.ctimeNs / 1_000_000_000n,
      stat.ctimeNs % 1_000_000_000n,
      stat.mtimeNs / 1_000_000_000n,
      stat.mtimeNs % 1_000_000_000n,
      stat.dev,
      stat.ino,
    ];
    fields.forEach((value, i) => index.writeUInt32BE(Number(BigInt.asUintN(32, value)), offset + 4 * i));
    for (const [value, at] of [
      [stat.uid, 28],
      [stat.gid, 32],
      [stat.size, 36],
    ] as const)
      index.writeUInt32BE(Number(BigInt.asUintN(32, value)), offset + at);
    // Entries are padded with 1-8 NULs to a multiple of 8 bytes.
    offset += (62 + extended + (nameEnd - nameStart) + 8) & ~7;
  }
  createHash('sha1')
    .update(body)
    .digest()
    .copy(index, index.length - 20);
  fs.writeFileSync(indexPath, index);
  return true;
}

/**
 * Adds one commit to a repository at `ref` (a branch name, or a full ref such as refs/pull/7/head): what a
 * clone, a commit of `files` on `parent` (main by default) and a push would leave there, written by one
 * `git fast-import` in the repository itself instead of the ten processes of that round trip. By default the
 * commit is `Dev <dev@example.com>`'s, made now, with the message `Work on <ref>`. fast-import refuses to
 * move an existing ref to a commit that does not contain it, as a push does, unless `force`. Returns the commit.
 */
export function commitOnOrigin(
  repository: string,
  ref: string,
  files: Record<string, string>,
  options: { parent?: string; author?: string; message?: string; date?: string; force?: boolean } = {},
): string {
  const data = (content: Buffer): Buffer[] => [Buffer.from(`data ${content.length}\n`), content, Buffer.from('\n')];
  const fullRef = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  const who = options.author ?? 'Dev <dev@example.com>';
  // fast-import's raw date: seconds since the epoch and the zone, here UTC, as an ISO 8601 `…Z` date says.
  const when = options.date === undefined ? 'now' : `${Math.floor(Date.parse(options.date) / 1000)} +0000`;
  if (when.startsWith('NaN')) throw new Error(`not a date: ${options.date}`);
  const stream = [
    Buffer.from(`commit ${fullRef}\nmark :1\nauthor ${who} ${when}\ncommitter ${who} ${when}\n`),
    ...data(Buffer.from(`${options.message ?? `Work on ${ref}`}\n`)),
    Buffer.from(`from ${options.parent ?? 'refs/heads/main'}^0\n`),
    ...Object.entries(files).flatMap(([file, content]) => [
      Buffer.from(`M 100644 inline ${JSON.stringify(file)}\n`),
      ...data(Buffer.from(content)),
    ]),
    Buffer.from('\nget-mark :1\n'),
  ];
  const args = ['fast-import', '--quiet', `--date-format=${when === 'now' ? 'now' : 'raw'}`];
  return gitBytes(repository, options.force ? [...args, '--force'] : args, Buffer.concat(stream))
    .toString('utf8')
    .trim();
}

/**
 * `git(repository, ...args)` for a read whose answer depends only on the repository's refs, configuration and
 * objects (`log --all`, `for-each-ref`), asked again only when one of them changed. Objects never change under
 * their names, so the answer is keyed by everything else it reads: HEAD, config, packed-refs, every loose ref
 * under refs/, and the files that change which objects a walk sees (shallow, info/grafts, alternates). The
 * worlds of one template start byte for byte alike, so a run that pushed nothing costs no process at all.
 */
export function readRefsAndObjects(repository: string, ...args: string[]): string {
  const key = refState(repository, args);
  const known = key === undefined ? undefined : answers.get(key);
  if (known !== undefined) return known;
  const answer = git(repository, ...args);
  // A few answers, small ones: the cache is for the common state (nothing pushed), and a larger heap makes
  // every fork of this process dearer.
  if (key !== undefined && answer.length < 1024 * 1024) {
    if (answers.size >= 16) answers.delete(answers.keys().next().value as string);
    answers.set(key, answer);
  }
  return answer;
}

const answers = new Map<string, string>();

function refState(repository: string, args: string[]): string | undefined {
  const hash = createHash('sha256').update(JSON.stringify(args));
  const add = (name: string): string | undefined => {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(repository, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      content = Buffer.from('(none)');
    }
    hash.update(`\0${name}\0${content.length}\0`).update(content);
    return content.toString('latin1');
  };
  // A reftable repository keeps its refs elsewhere: asked every time.
  if (/refstorage/i.test(add('config') ?? '')) return undefined;
  for (const name of ['HEAD', 'packed-refs', 'shallow', 'info/grafts', 'info/attributes', 'objects/info/alternates'])
    add(name);
  const loose = fs
    .readdirSync(path.join(repository, 'refs'), { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(repository, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const name of loose) add(name);
  return hash.digest('hex');
}

/** An object read by name (`main`, `branch~1`, `branch:path/file`); text is its content as UTF-8. */
export interface GitObject {
  sha: string;
  type: string;
  content: Buffer;
  text: string;
}

/** The objects of a repository by name, undefined for a name that names none: one `git cat-file --batch`. */
export function readObjects(repository: string, names: string[]): Array<GitObject | undefined> {
  if (names.some((name) => /[\n]/.test(name))) throw new Error('an object name with a line break');
  const out = gitBytes(repository, ['cat-file', '--batch'], Buffer.from(names.map((name) => `${name}\n`).join('')));
  const objects: Array<GitObject | undefined> = [];
  let offset = 0;
  for (const name of names) {
    const lineEnd = out.indexOf(0x0a, offset);
    const header = out.toString('utf8', offset, lineEnd);
    offset = lineEnd + 1;
    const match = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header);
    if (!match) {
      if (!header.endsWith(' missing') && !header.endsWith(' ambiguous'))
        throw new Error(`cat-file answered '${header}' for '${name}'`);
      objects.push(undefined);
      continue;
    }
    const content = out.subarray(offset, offset + Number(match[3]));
    offset += content.length + 1;
    objects.push({ sha: match[1] as string, type: match[2] as string, content, text: content.toString('utf8') });
  }
  return objects;
}

/** A commit object's parents, author (`Name <email>`) and message, as `git log --format=%P / %an <%ae> / %B` give them. */
export interface Commit {
  sha: string;
  parents: string[];
  author: string;
  message: string;
}

export function parseCommit(object: GitObject | undefined): Commit {
  if (object?.type !== 'commit') throw new Error(`not a commit: ${object?.type ?? 'missing'}`);
  const split = object.text.indexOf('\n\n');
  const headers = (split < 0 ? object.text : object.text.slice(0, split)).split('\n');
  const value = (name: string): string[] =>
    headers.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
  return {
    sha: object.sha,
    parents: value('parent'),
    author: (value('author')[0] ?? '').replace(/ \d+ [+-]\d{4}$/, ''),
    message: split < 0 ? '' : object.text.slice(split + 2),
  };
}
