// Owns the CODEX_HOME the action writes for each run and the environment the Codex process gets.
// Codex is configured only from here: a fresh directory outside the workspace, a config.toml that pins
// approvals, sandbox, network and the model provider and turns off what a one-shot task does not use (sub-agents,
// goals, plugins, bundled skills), and no key on disk.
// Must never: put the OpenAI key in a file, or pass GitHub or runner credentials to the Codex process.
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SandboxMode } from '../settings.js';
import { RUN_MARKER_ENV, childEnvironment, runMarker } from '../child-env.js';

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
  /**
   * For `network-access` with host names: exactly these names, enforced by Codex's managed network proxy
   * (codex/network.ts says on which releases); empty for no network or any host.
   */
  networkHosts?: readonly string[];
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
  const hosts = options.networkHosts ?? [];
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
    ...(hosts.length > 0
      ? ["# Network goes only through Codex's managed proxy below, which lets the listed hosts through."]
      : []),
    `network_access = ${options.networkAccess || hosts.length > 0}`,
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
    '# Plugins come from outside the repository, and 0.169 syncs their marketplace at every start: a `git ls-remote`',
    '# of github.com/openai/plugins run by Codex itself, outside the sandbox, whatever network-access says.',
    'plugins = false',
    '# Goals (get_goal, create_goal, update_goal on app-server) are for long-lived threads; a one-shot task has',
    '# none, and their schemas went with every model request.',
    'goals = false',
    '',
    '# Sub-agents (offered through tool_search) are further model sessions running commands in threads of their',
    '# own; one agent does the task. ([features] multi_agent would do on 0.153.4, but 0.169 logs an error for it.)',
    '[agents]',
    'enabled = false',
    '',
    ...managedNetworkProxy(hosts),
    '# Skills are instructions: a pull request could plant them in .agents/skills or .codex/skills, and Codex',
    '# lists them to the model. Only the action gives instructions.',
    '[skills]',
    'include_instructions = false',
    "# Codex's own skills (an installer that fetches skills from GitHub, image generation, plugin authoring):",
    '# written into CODEX_HOME at every start (about 60 files) for nothing, since no skill is listed.',
    'bundled = { enabled = false }',
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
 * Codex's managed network proxy for a host list (codex/network.ts has what was verified). Commands get only the
 * proxy: their own network namespace, *_PROXY variables pointing at it. It lets exactly the listed names through,
 * refuses IP literals and `localhost` (never on the list), and refuses a listed name that resolves to a loopback,
 * private or link-local address (`allow_local_binding = false`): the model proxy, the metadata service and other
 * local services stay out of reach whatever the name. SOCKS5 is off (its requests skip the upstream proxy), and
 * on a runner behind a proxy the managed proxy goes through it (`allow_upstream_proxy`, the variables
 * codexEnvironment passes).
 */
function managedNetworkProxy(hosts: readonly string[]): string[] {
  if (hosts.length === 0) return [];
  return [
    '[features.network_proxy]',
    'enabled = true',
    'mode = "full"',
    'allow_local_binding = false',
    'allow_upstream_proxy = true',
    'enable_socks5 = false',
    'dangerously_allow_non_loopback_proxy = false',
    `domains = { ${hosts.map((host) => `${toml(host)} = "allow"`).join(', ')} }`,
    '',
  ];
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
  gitOverrides: readonly string[],
  from: NodeJS.ProcessEnv = process.env,
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

/** The runner's proxy settings, which Codex's managed proxy follows upstream (`allow_upstream_proxy`). */
const RUNNER_PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'] as const;
/** Codex's own requests (to the model proxy on loopback) never go through the runner's proxy. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

/**
 * What Codex's environment gains for a host list: the runner's proxy (when the runner has one), so that the
 * managed proxy reaches the listed hosts the way the runner does, with loopback kept direct; and a log filter
 * that puts the managed proxy's decisions (a request allowed, a request blocked) on Codex's stderr, where
 * codex/network.ts reads them for the summary. Commands inherit none of it (shell_environment_policy is "core";
 * Codex gives them its own proxy's variables).
 */
export function managedProxyEnvironment(from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = { RUST_LOG: 'warn,codex_network_proxy=info' };
  for (const name of RUNNER_PROXY_VARIABLES) if (from[name]) env[name] = from[name];
  const noProxy = [from.NO_PROXY ?? from.no_proxy ?? '', ...LOOPBACK_NAMES].filter(Boolean).join(',');
  env.NO_PROXY = noProxy;
  env.no_proxy = noProxy;
  return env;
}
