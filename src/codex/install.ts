// Owns getting a Codex binary: the `codex-path` input as given, or the npm package of `@openai/codex@<version>`
// for the runner's platform, kept as its tarball in the runner's tool directory and in the Actions cache (keyed
// by version and platform) so that later runs skip the download. Also tells which version a binary is.
// A tarball from the cache or the tool directory is data anyone with a cache entry could have written: before
// anything in it is extracted, it is checked against the integrity (sha512) the npm registry publishes for the
// package; on a mismatch it is discarded, loudly, and the package is downloaded afresh. The binary is always
// extracted again from the checked tarball, so a changed file in the tool directory is never run either.
// Must never: run a binary from a tarball that failed the check, or give npm, tar or codex the action's environment.
import * as core from '@actions/core';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ActionError, getErrorMessage } from '../errors.js';
import { childEnvironment, type ChildKind } from '../child-env.js';
import { KNOWN_PACKAGE_INTEGRITY } from './known-packages.js';

const execFileAsync = promisify(execFile);
/** Every program this module runs gets the allowlisted environment of child-env.ts, never the action's (its tokens). */
const run = (
  file: string,
  args: string[],
  options: { timeout: number; maxBuffer?: number; cwd?: string },
  kind: ChildKind = 'plain',
) => execFileAsync(file, args, { maxBuffer: 16 * 1024 * 1024, ...options, env: childEnvironment(kind) });

export interface CodexBinary {
  path: string;
  version: string;
  /** How it was obtained, for the log: 'input', 'tool-dir', 'cache' or 'npm'. */
  source: string;
}

export interface InstallOptions {
  codexPath: string | undefined;
  version: string;
  toolCache: string;
}

const INSTALL_TIMEOUT_MS = 10 * 60_000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export async function getCodex(options: InstallOptions): Promise<CodexBinary> {
  if (options.codexPath) {
    const binary = path.resolve(options.codexPath);
    if (!fs.existsSync(binary)) {
      throw new ActionError(
        `Input 'codex-path' is '${options.codexPath}', but no file is there.`,
        'Point codex-path at a codex binary, or leave it empty to install one.',
      );
    }
    return { path: binary, version: await codexVersion(binary), source: 'input' };
  }

  const dir = path.join(
    options.toolCache,
    'codex-task-action',
    'codex',
    options.version,
    `${process.platform}-${process.arch}`,
  );
  const tarballs = path.join(dir, 'tarball');
  const key = `codex-task-action-codex-tarball-${options.version}-${process.platform}-${process.arch}`;
  const pkg = await publishedPackage(options.version);
  let source = 'tool-dir';
  let tarball = tarballIn(tarballs);
  if (!tarball) {
    source = (await restoreFromCache(tarballs, key)) ? 'cache' : 'npm';
    tarball = tarballIn(tarballs);
  }
  if (tarball && !matchesIntegrity(tarball, pkg.integrity)) {
    core.warning(
      `The Codex package from the ${source === 'cache' ? 'Actions cache' : 'tool directory'} (${tarball}) does not match the integrity the npm registry publishes for ${pkg.spec}. Someone may have tampered with it: it was discarded, and Codex is downloaded afresh from the registry.`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    tarball = undefined;
  }
  let fresh = false;
  if (!tarball) {
    source = 'npm';
    tarball = await npmPack(tarballs, pkg);
    fresh = true;
  }
  const binary = await extract(tarball, path.join(dir, 'extracted'));
  if (!binary) {
    throw new ActionError(
      `${pkg.spec} was downloaded to ${dir}, but no codex binary for ${process.platform}-${process.arch} is in it.`,
      "Check that this Codex version is published for the runner's platform, or set codex-path.",
    );
  }
  if (fresh) await saveToCache(tarballs, key);
  return { path: binary, version: await codexVersion(binary), source };
}

interface PublishedPackage {
  /** What npm is asked for: the platform package (@openai/codex@<version>-<platform>-<arch>), or the main one. */
  spec: string;
  /** The registry's Subresource Integrity string for the tarball (sha512-<base64>). */
  integrity: string;
}

/**
 * The package that holds the native binary for this runner, with the integrity the registry publishes for it.
 * Releases since 0.1xx publish one package per platform under a version suffix; older ones bundle every binary.
 * The registry, not the cache, is the trusted source: its value is shipped with the action for the releases it
 * was tested with (known-packages.ts), and asked of the registry each time (--prefer-online) for any other.
 */
async function publishedPackage(version: string): Promise<PublishedPackage> {
  const candidates = [`@openai/codex@${version}-${process.platform}-${process.arch}`, `@openai/codex@${version}`];
  const known = KNOWN_PACKAGE_INTEGRITY[candidates[0] as string];
  if (known) return { spec: candidates[0] as string, integrity: known };
  const problems: string[] = [];
  for (const spec of candidates) {
    try {
      const { stdout } = await run(
        npm,
        ['view', spec, 'dist.integrity', '--json', '--prefer-online', '--loglevel=error'],
        { timeout: INSTALL_TIMEOUT_MS },
        'npm',
      );
      const integrity = stdout.trim() ? (JSON.parse(stdout) as unknown) : undefined;
      if (typeof integrity === 'string' && /^sha512-/.test(integrity)) return { spec, integrity };
      problems.push(`${spec}: no sha512 integrity published`);
    } catch (error) {
      problems.push(`${spec}: ${getErrorMessage(error).split('\n').slice(0, 3).join(' ')}`);
    }
  }
  throw new ActionError(
    `npm could not find @openai/codex@${version} for ${process.platform}-${process.arch} in the registry (${problems.join('; ')}).`,
    'Check the codex-version input and that the runner can reach the npm registry, or set codex-path.',
  );
}

/** The one tarball in `dir`, if there is one. */
function tarballIn(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const found = fs.readdirSync(dir).filter((name) => name.endsWith('.tgz'));
  return found.length === 1 ? path.join(dir, found[0] as string) : undefined;
}

/** True when the file's sha512 is the one an SRI string (which may list several hashes) names. */
export function matchesIntegrity(file: string, integrity: string): boolean {
  const expected = integrity
    .split(/\s+/)
    .filter((entry) => entry.startsWith('sha512-'))
    .map((entry) => entry.slice('sha512-'.length).split('?')[0]);
  if (expected.length === 0) return false;
  // Hashed a MiB at a time through one buffer: reading the ~130 MB tarball whole cost as much again in memory
  // and 4-5 times the CPU of the hash itself (allocating and faulting in the buffer).
  const hash = createHash('sha512');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const fd = fs.openSync(file, 'r');
  try {
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer))
      hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return expected.includes(hash.digest('base64'));
}

async function npmPack(dir: string, pkg: PublishedPackage): Promise<string> {
  core.info(
    `Installing ${pkg.spec.replace(/-(linux|darwin|win32)-\w+$/, '')} with npm into ${path.dirname(dir)} (${pkg.spec})`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  try {
    await run(
      npm,
      ['pack', pkg.spec, '--pack-destination', dir, '--ignore-scripts', '--loglevel=error', '--json'],
      { timeout: INSTALL_TIMEOUT_MS, cwd: dir },
      'npm',
    );
  } catch (error) {
    throw new ActionError(
      `npm could not download ${pkg.spec}: ${getErrorMessage(error).split('\n').slice(0, 5).join(' ')}`,
      'Check the codex-version input and that the runner can reach the npm registry, or set codex-path.',
    );
  }
  const tarball = tarballIn(dir);
  // npm checks the download itself; this checks what it left on disk against the integrity asked of the registry.
  if (!tarball || !matchesIntegrity(tarball, pkg.integrity)) {
    throw new ActionError(
      `The ${pkg.spec} tarball npm downloaded does not match the integrity the registry publishes.`,
      "Run the job again; if it persists, check the runner's npm configuration (registry, proxy).",
    );
  }
  return tarball;
}

/** Extracts the checked tarball into a fresh `into` and returns the native binary in it. */
async function extract(tarball: string, into: string): Promise<string | undefined> {
  fs.rmSync(into, { recursive: true, force: true });
  fs.mkdirSync(into, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', into, '--no-same-owner'], { timeout: INSTALL_TIMEOUT_MS });
  return findNativeCodex(path.join(into, 'package'));
}

const TRIPLE_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' };
const TRIPLE_OS: Record<string, string> = { linux: 'linux', darwin: 'apple-darwin', win32: 'windows' };

/** The native binary for this runner inside an extracted package (vendor/<target triple>/bin/codex or .../codex/codex). */
export function findNativeCodex(packageDir: string): string | undefined {
  const vendor = path.join(packageDir, 'vendor');
  if (!fs.existsSync(vendor)) return undefined;
  const exe = process.platform === 'win32' ? 'codex.exe' : 'codex';
  const arch = TRIPLE_ARCH[process.arch] ?? process.arch;
  const os = TRIPLE_OS[process.platform] ?? process.platform;
  for (const triple of fs.readdirSync(vendor)) {
    if (!triple.startsWith(arch) || !triple.includes(os)) continue;
    for (const candidate of [path.join(vendor, triple, 'bin', exe), path.join(vendor, triple, 'codex', exe)]) {
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

export async function codexVersion(binary: string): Promise<string> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 30_000 });
    const match = /codex-cli (\d+\.\d+\.\d+\S*)/.exec(stdout);
    if (match) return match[1] as string;
    throw new Error(`unexpected output '${stdout.trim()}'`);
  } catch (error) {
    throw new ActionError(
      `Could not run '${binary} --version': ${getErrorMessage(error)}`,
      'Check that codex-path points at a working Codex CLI.',
    );
  }
}

/** True when this Codex release still has the `mcp-server` subcommand (removed in 0.154.0). */
export async function hasMcpServer(binary: string): Promise<boolean> {
  // Never probe by running `codex mcp-server` itself: newer releases take it as a prompt.
  try {
    await run(binary, ['help', 'mcp-server'], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** The cache client is large; it is loaded only when Codex has to be installed. */
const loadCache = () => import('@actions/cache');

async function restoreFromCache(dir: string, key: string): Promise<boolean> {
  const cache = await loadCache();
  if (!cache.isFeatureAvailable()) {
    core.info('The Actions cache is not available here; Codex is installed without it.');
    return false;
  }
  try {
    const hit = await cache.restoreCache([dir], key);
    return hit !== undefined && tarballIn(dir) !== undefined;
  } catch (error) {
    core.warning(`Restoring Codex from the Actions cache failed: ${getErrorMessage(error)}`);
    return false;
  }
}

async function saveToCache(dir: string, key: string): Promise<void> {
  const cache = await loadCache();
  if (!cache.isFeatureAvailable()) return;
  try {
    await cache.saveCache([dir], key);
  } catch (error) {
    // Another job may have saved the same key first; the install still stands.
    core.info(`Codex was not saved to the Actions cache: ${getErrorMessage(error)}`);
  }
}
