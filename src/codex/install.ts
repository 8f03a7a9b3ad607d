// Owns getting a Codex binary: the `codex-path` input as given, or `@openai/codex@<version>` installed with npm
// into the runner's tool directory, restored from and saved to the Actions cache (keyed by version and
// platform) so that later runs skip the install. Also tells which version a binary is.
import * as core from '@actions/core';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ActionError, getErrorMessage } from '../errors.js';
import { childEnvironment, type ChildKind } from '../child-env.js';

const execFileAsync = promisify(execFile);
/** Every program this module runs gets the allowlisted environment of child-env.ts, never the action's (its tokens). */
const run = (file: string, args: string[], options: { timeout: number; maxBuffer?: number }, kind: ChildKind = 'plain') => execFileAsync(file, args, { ...options, env: childEnvironment(kind) });

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
const MARKER = '.codex-task-action-complete';

export async function getCodex(options: InstallOptions): Promise<CodexBinary> {
  if (options.codexPath) {
    const binary = path.resolve(options.codexPath);
    if (!fs.existsSync(binary)) {
      throw new ActionError(`Input 'codex-path' is '${options.codexPath}', but no file is there.`, 'Point codex-path at a codex binary, or leave it empty to install one.');
    }
    return { path: binary, version: await codexVersion(binary), source: 'input' };
  }

  const dir = path.join(options.toolCache, 'codex-task-action', 'codex', options.version, `${process.platform}-${process.arch}`);
  const key = `codex-task-action-codex-${options.version}-${process.platform}-${process.arch}`;
  let source = 'tool-dir';
  if (!fs.existsSync(path.join(dir, MARKER))) {
    source = (await restoreFromCache(dir, key)) ? 'cache' : 'npm';
    if (source === 'npm') {
      await npmInstall(dir, options.version);
      await saveToCache(dir, key);
    }
  }
  const binary = findNativeCodex(path.join(dir, 'node_modules', '@openai'));
  if (!binary) {
    throw new ActionError(`@openai/codex@${options.version} was installed in ${dir}, but no codex binary for ${process.platform}-${process.arch} is in it.`, 'Check that this Codex version is published for the runner\'s platform, or set codex-path.');
  }
  return { path: binary, version: await codexVersion(binary), source };
}

/** The native binary inside the npm package's platform dependency (vendor/<target triple>/bin/codex). */
export function findNativeCodex(openaiScopeDir: string): string | undefined {
  if (!fs.existsSync(openaiScopeDir)) return undefined;
  const exe = process.platform === 'win32' ? 'codex.exe' : 'codex';
  for (const pkg of fs.readdirSync(openaiScopeDir)) {
    if (!pkg.startsWith('codex-')) continue;
    const vendor = path.join(openaiScopeDir, pkg, 'vendor');
    if (!fs.existsSync(vendor)) continue;
    for (const triple of fs.readdirSync(vendor)) {
      for (const candidate of [path.join(vendor, triple, 'bin', exe), path.join(vendor, triple, 'codex', exe)]) {
        if (fs.existsSync(candidate)) return candidate;
      }
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
    throw new ActionError(`Could not run '${binary} --version': ${getErrorMessage(error)}`, 'Check that codex-path points at a working Codex CLI.');
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

async function npmInstall(dir: string, version: string): Promise<void> {
  core.info(`Installing @openai/codex@${version} with npm into ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    await run(npm, ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `@openai/codex@${version}`], {
      timeout: INSTALL_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    }, 'npm');
  } catch (error) {
    throw new ActionError(`npm could not install @openai/codex@${version}: ${getErrorMessage(error).split('\n').slice(0, 5).join(' ')}`, 'Check the codex-version input and that the runner can reach the npm registry, or set codex-path.');
  }
  fs.writeFileSync(path.join(dir, MARKER), `${version}\n`);
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
    return hit !== undefined && fs.existsSync(path.join(dir, MARKER));
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
