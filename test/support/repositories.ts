// Owns the worlds' git repositories as the harness makes and reads them: the per-process templates (a seed,
// its bare clone as origin, a clone of that as the workspace), their copy into each world, a branch pushed to
// origin as someone else would push it, and the harness's reads of origin. The harness runs around every case,
// so each of these asks git one question per process at most, and starts it through git-launcher.ts rather
// than forking the test process.
// It must never change what a test sees: every answer is the one git gives for that repository's state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchGit } from './git-launcher.ts';

/**
 * The environment of a unit test's own scratch repository: no global or system config of the developer's, and a
 * fixed author and committer, so that what git prints depends only on what the test did.
 */
export const SCRATCH_GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export function git(cwd: string, ...args: string[]): string {
  return gitBytes(cwd, args).toString('utf8').trim();
}

function gitBytes(cwd: string, args: string[], input?: Buffer): Buffer {
  return launchGit(cwd, args, { ...process.env, GIT_CONFIG_NOSYSTEM: '1' }, input);
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
 * inode and times, which `git update-index --refresh` brings up to date for the copied files, as the checkout of a clone
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
  git(path.join(to, 'workspace'), 'update-index', '-q', '--refresh');
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
 * The `git fast-import` stream of one commit at `ref` on top of `from`: `files` written (mode 100644), `deletions`
 * removed, the message as given, identities with their dates (`Name <email> now`, or raw seconds and zone).
 * It ends by asking for the commit's name, which fast-import prints on its stdout.
 */
export function fastImportCommit(commit: {
  ref: string;
  author: string;
  committer: string;
  message: string;
  from: string;
  files: Array<[string, Buffer]>;
  deletions?: string[];
}): Buffer {
  const data = (content: Buffer): Buffer[] => [Buffer.from(`data ${content.length}\n`), content, Buffer.from('\n')];
  return Buffer.concat([
    Buffer.from(`commit ${commit.ref}\nmark :1\nauthor ${commit.author}\ncommitter ${commit.committer}\n`),
    ...data(Buffer.from(commit.message)),
    Buffer.from(`from ${commit.from}\n`),
    ...commit.files.flatMap(([file, content]) => [
      Buffer.from(`M 100644 inline ${JSON.stringify(file)}\n`),
      ...data(content),
    ]),
    ...(commit.deletions ?? []).map((file) => Buffer.from(`D ${JSON.stringify(file)}\n`)),
    Buffer.from('\nget-mark :1\n'),
  ]);
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
  const fullRef = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  const who = options.author ?? 'Dev <dev@example.com>';
  // fast-import's raw date: seconds since the epoch and the zone, here UTC, as an ISO 8601 `…Z` date says.
  const when = options.date === undefined ? 'now' : `${Math.floor(Date.parse(options.date) / 1000)} +0000`;
  if (when.startsWith('NaN')) throw new Error(`not a date: ${options.date}`);
  const stream = fastImportCommit({
    ref: fullRef,
    author: `${who} ${when}`,
    committer: `${who} ${when}`,
    message: `${options.message ?? `Work on ${ref}`}\n`,
    from: `${options.parent ?? 'refs/heads/main'}^0`,
    files: Object.entries(files).map(([file, content]) => [file, Buffer.from(content)]),
  });
  const args = ['fast-import', '--quiet', `--date-format=${when === 'now' ? 'now' : 'raw'}`];
  return gitBytes(repository, options.force ? [...args, '--force'] : args, stream)
    .toString('utf8')
    .trim();
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
