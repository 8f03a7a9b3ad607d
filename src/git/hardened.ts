// Owns how every git command the action runs through simple-git is configured: repository hooks off, no
// fsmonitor, filter drivers neutralised, no external diff, no signing prompts, no terminal prompts, no
// submodule recursion, no automatic maintenance, the allowlisted environment of child-env.ts, and the few
// unsafe-option permissions simple-git needs for exactly these settings, each granted to the instances that
// need it and no other.
// Must never: hand a git command the action's own environment, or grant an unsafe-option permission that an
// argument built from event text could use.
import type { SimpleGit, SimpleGitOptions } from 'simple-git';
import { simpleGit } from 'simple-git';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childEnvironment } from '../child-env.js';

const HARDENING = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'submodule.recurse=false',
  'diff.external=',
  'protocol.ext.allow=never',
  // A commit or fetch would otherwise start `git maintenance run --auto` (or `gc --auto`) in the repository: one
  // more process every run, and housekeeping in the user's checkout that is not the action's to do.
  'maintenance.auto=false',
  'gc.auto=0',
];

/**
 * The permissions HARDENING and the filter pass-throughs need: simple-git refuses any `-c` that names these
 * keys, whatever the value, unless told. They cover the action's own settings; no argument comes from event text.
 */
const HARDENING_PERMISSIONS: SimpleGitOptions['unsafe'] = {
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeFilter: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeProtocolOverride: true,
};

/** Every filter driver key the configuration (with its includes) may define. */
const FILTER_DRIVER_KEYS = '^filter\\..*\\.(clean|smudge|process)$';

/**
 * Where the repository of a work tree lives when it is not `<dir>/.git`: the disposable copy Codex works in
 * keeps its repository outside the copy, where Codex's commands cannot write.
 */
export interface GitLocation {
  gitDir: string;
}

/**
 * Settings that make each filter driver in a `git config --get-regexp` listing of FILTER_DRIVER_KEYS a
 * pass-through. A driver runs any command the configuration names (often a script in the repository, which
 * the agent can rewrite) on `git add`, `git status` and checkouts, with this process's rights.
 */
export function filterDriverPassThroughs(listing: string): string[] {
  const drivers = new Set<string>();
  for (const line of listing.split('\n')) {
    const match = /^filter\.(.+)\.(clean|smudge|process) /.exec(line);
    if (match) drivers.add(match[1] as string);
  }
  return [...drivers].flatMap((driver) => [
    `filter.${driver}.clean=cat`,
    `filter.${driver}.smudge=cat`,
    `filter.${driver}.process=`,
    `filter.${driver}.required=false`,
  ]);
}

/**
 * filterDriverPassThroughs for the repository at `dir`, read when it is asked: the agent may have defined a
 * new driver since the last read, in a configuration file it can write (an included file under /tmp).
 * Read with execFile rather than simple-git: the listing is usually empty, and simple-git waits 50 ms after
 * every command that prints nothing (see git.ts).
 */
export async function readPassThroughs(dir: string, location?: GitLocation): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)('git', ['config', '--get-regexp', FILTER_DRIVER_KEYS], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...gitEnvironment(), ...locationEnvironment(dir, location) },
      timeout: 60_000,
    });
    return filterDriverPassThroughs(stdout);
  } catch {
    // `git config --get-regexp` exits 1 when nothing matches.
    return [];
  }
}

/**
 * The allowlisted environment of child-env.ts: never the action's own (its tokens), and no GIT_* variable
 * that would redirect git (GIT_DIR, GIT_CONFIG_*, ...); the action sets the few it needs itself.
 */
export function gitEnvironment(): Record<string, string> {
  return childEnvironment('git');
}

/** GIT_DIR and GIT_WORK_TREE for a repository kept outside its work tree; nothing for an ordinary checkout. */
export function locationEnvironment(dir: string, location: GitLocation | undefined): Record<string, string> {
  return location ? { GIT_DIR: location.gitDir, GIT_WORK_TREE: dir } : {};
}

export interface HardenedOptions {
  /** The filter pass-throughs for the drivers the configuration defines now (readPassThroughs). */
  passThroughs: string[];
  /** Variables this instance adds to the git environment (an identity, an auth header). */
  env?: Record<string, string>;
  /** Permissions beyond HARDENING_PERMISSIONS, for the one instance that needs them. */
  unsafe?: SimpleGitOptions['unsafe'];
}

/**
 * A simple-git instance whose every command runs with HARDENING and the given filter pass-throughs. An
 * instance's environment is its own (simple-git's env() changes the instance), so a command that needs more
 * (an identity, a token) gets an instance of its own rather than changing a shared one.
 */
export function hardenedGit(dir: string, location: GitLocation | undefined, options: HardenedOptions): SimpleGit {
  const env = { ...gitEnvironment(), ...locationEnvironment(dir, location), GIT_TERMINAL_PROMPT: '0', ...options.env };
  return simpleGit({
    baseDir: dir,
    binary: 'git',
    maxConcurrentProcesses: 1,
    trimmed: false,
    // A git command that prints nothing for this long is stuck (a credential prompt, a dead remote): kill it.
    timeout: { block: 5 * 60_000 },
    config: [...HARDENING, ...options.passThroughs],
    // simple-git refuses any GIT_* variable it is not told about: these are the ones this instance sets.
    allowEnvironment: Object.keys(env).filter((name) => name.startsWith('GIT_')),
    unsafe: { ...HARDENING_PERMISSIONS, ...options.unsafe },
  }).env(env);
}
