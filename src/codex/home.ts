// Owns the CODEX_HOME the action writes for each run and the environment the Codex process gets.
// Codex is configured only from here: a fresh directory outside the workspace, a config.toml that pins
// approvals, sandbox, network and the model provider, and no key on disk.
// Must never: put the OpenAI key in a file, or pass GitHub or runner credentials to the Codex process.
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SandboxMode } from '../settings.js';
import { RUN_MARKER_ENV, childEnvironment, runMarker } from '../child-env.js';
import { filterDriverPassThroughsAt } from '../workspace/git.js';

/** The only variable that carries the model key, read by Codex's provider (`env_key`) and hidden from commands. */
export const MODEL_KEY_ENV = 'CODEX_TASK_ACTION_MODEL_KEY';
export const PROVIDER_ID = 'codex-task-action';

export interface CodexHomeOptions {
  /** A directory the action owns, outside the workspace; created fresh. */
  dir: string;
  baseUrl: string;
  model: string | undefined;
  sandbox: SandboxMode;
  networkAccess: boolean;
  /** `never` (the default) or `on-request`; the action answers every request (codex/approvals.ts). */
  approvalPolicy?: 'never' | 'on-request';
  /** The disposable copy Codex works in (workspace/copy.ts): its repository and its private temporary directory. */
  copy: CodexCopyPaths;
  /** The run marker Codex passes to every command (child-env.ts); the run's own marker when not given. */
  runMarker?: string;
}

export interface CodexCopyPaths {
  workTree: string;
  gitDir: string;
  tmpDir: string;
}

const toml = (value: string): string => JSON.stringify(value);

export function renderCodexConfig(options: Omit<CodexHomeOptions, 'dir'>): string {
  const lines = [
    '# Written by codex-task-action for one run; not read from the repository.',
    ...(options.model ? [`model = ${toml(options.model)}`] : []),
    `model_provider = ${toml(PROVIDER_ID)}`,
    `approval_policy = ${toml(options.approvalPolicy ?? 'never')}`,
    `sandbox_mode = ${toml(options.sandbox)}`,
    'check_for_update_on_startup = false',
    '# AGENTS.md is read by the action from the base branch and passed as instructions; Codex must not load a',
    "# contributor's copy from the working tree.",
    'project_doc_max_bytes = 0',
    '',
    '[sandbox_workspace_write]',
    `network_access = ${options.networkAccess}`,
    '# Commands write only in the copy they work on and in a temporary directory of their own: not in /tmp,',
    "# where the runner's other files (and, in tests, the runner's temporary directory) live.",
    'exclude_slash_tmp = true',
    'exclude_tmpdir_env_var = true',
    `writable_roots = [${toml(options.copy.tmpDir)}]`,
    '',
    "# Commands see only a core environment (PATH, HOME, locale): no keys, no tokens. Git finds the copy's",
    '# repository, which lives outside the copy where commands cannot write, through GIT_DIR. The run marker lets',
    '# the action (and its post step, after a kill) find every command, also one that detached from Codex.',
    '[shell_environment_policy]',
    'inherit = "core"',
    `set = { GIT_DIR = ${toml(options.copy.gitDir)}, GIT_WORK_TREE = ${toml(options.copy.workTree)}, TMPDIR = ${toml(options.copy.tmpDir)}${options.runMarker ? `, ${commandMarkers(options.runMarker)}` : ''} }`,
    '',
    '[features]',
    "# Shell snapshots copied Codex's own environment, model key included, into every command (0.153.4).",
    'shell_snapshot = false',
    '# Lifecycle hooks are commands Codex runs outside the sandbox; a repository could define them in .codex/.',
    'hooks = false',
    '',
    '# Skills are instructions: a pull request could plant them in .agents/skills or .codex/skills, and Codex',
    '# lists them to the model. Only the action gives instructions.',
    '[skills]',
    'include_instructions = false',
    '',
    `[model_providers.${PROVIDER_ID}]`,
    'name = "OpenAI via codex-task-action"',
    `base_url = ${toml(options.baseUrl)}`,
    'wire_api = "responses"',
    `env_key = ${toml(MODEL_KEY_ENV)}`,
    '# Retries are bounded so a dead endpoint fails the run in seconds, not minutes.',
    'request_max_retries = 2',
    'stream_max_retries = 2',
    '',
  ];
  return lines.join('\n');
}

/**
 * The run marker, and the runner's own RUNNER_TRACKING_ID when the step has one: the runner kills processes that
 * carry it when the job ends, one more net under a command that detached.
 */
function commandMarkers(runMarker: string, from: NodeJS.ProcessEnv = process.env): string {
  const markers = [`${RUN_MARKER_ENV} = ${toml(runMarker)}`];
  if (from.RUNNER_TRACKING_ID) markers.push(`RUNNER_TRACKING_ID = ${toml(from.RUNNER_TRACKING_ID)}`);
  return markers.join(', ');
}

export async function writeCodexHome(options: CodexHomeOptions): Promise<void> {
  // settings.ts only lets danger-full-access through with allow-dangerous-sandbox: true; this is the config that
  // turns the sandbox off, so the run says so where every maintainer reading the log or the annotations sees it.
  if (options.sandbox === 'danger-full-access') {
    core.warning(
      "sandbox is 'danger-full-access' (allow-dangerous-sandbox: true): Codex's commands run without a sandbox and can change the whole runner, including files later steps use. Their environment still holds no credentials.",
    );
  }
  await fs.rm(options.dir, { recursive: true, force: true });
  await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
  await fs.writeFile(
    path.join(options.dir, 'config.toml'),
    renderCodexConfig({ ...options, runMarker: options.runMarker ?? runMarker() }),
    { mode: 0o600 },
  );
}

export function codexEnvironment(
  codexHome: string,
  modelKey: string,
  copy: CodexCopyPaths,
  from: NodeJS.ProcessEnv = process.env,
  gitOverrides: string[] = filterDriverPassThroughsAt(from.GITHUB_WORKSPACE ?? process.cwd()),
): Record<string, string> {
  // Only what any program needs, and the run marker (child-env.ts); everything else in the runner's environment stays out.
  const env = childEnvironment('plain', from);
  env.CODEX_HOME = codexHome;
  env[MODEL_KEY_ENV] = modelKey;
  // Codex runs git in its working directory itself (outside the sandbox): in the copy, whose repository is
  // kept outside it. Without these, a .git the agent plants in the copy would be the repository Codex opens.
  env.GIT_DIR = copy.gitDir;
  env.GIT_WORK_TREE = copy.workTree;
  env.TMPDIR = copy.tmpDir;
  // Codex runs `git status` in the workspace itself, outside its sandbox (hooks and fsmonitor it turns off).
  // A filter driver the repository's configuration defines would run there, so each becomes a pass-through.
  // Commands Codex runs do not inherit these variables (shell_environment_policy is "core").
  if (gitOverrides.length > 0) {
    env.GIT_CONFIG_COUNT = String(gitOverrides.length);
    gitOverrides.forEach((entry, index) => {
      const equals = entry.indexOf('=');
      env[`GIT_CONFIG_KEY_${index}`] = entry.slice(0, equals);
      env[`GIT_CONFIG_VALUE_${index}`] = entry.slice(equals + 1);
    });
  }
  return env;
}
