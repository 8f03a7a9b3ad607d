// Owns one difference between app-server and native `codex mcp-server`: app-server's `thread/start` marks a
// working directory that has no trust entry as a trusted project (and writes that into CODEX_HOME/config.toml),
// after which the directory's own .codex/config.toml is loaded: a checkout could then configure the agent
// working on it. Native never trusted a directory on its own. For a cwd with no trust entry (its own or an
// ancestor's) the bridge marks it untrusted for that thread only (nothing is written to disk), and pins the
// approval policy and sandbox that apply without it, because 'untrusted' also changes those two defaults.
// Must never: override a trust decision made in config.toml or in the caller's `config`, or loosen the
// approval policy or sandbox the caller or config.toml chose.
import path from 'node:path';
import type { JsonObject } from './app-server-client.js';

/** What native Codex uses when neither the call nor config.toml says (verified against 0.153.4's mcp-server). */
export const NATIVE_DEFAULTS = { approvalPolicy: 'on-request', sandbox: 'read-only' } as const;

/** The user-level configuration as `config/read` (without a cwd, so no project layer) reports it. */
export interface UserConfig {
  projects?: Record<string, { trust_level?: unknown } | undefined>;
  approval_policy?: unknown;
  sandbox_mode?: unknown;
}

/** True when config.toml decided about `cwd` or a directory above it. */
export function hasTrustDecision(cwd: string, projects: UserConfig['projects']): boolean {
  return Object.keys(projects ?? {}).some(
    (project) => cwd === project || cwd.startsWith(project.endsWith(path.sep) ? project : project + path.sep),
  );
}

/** `thread/start` params that leave `cwd` untrusted unless someone trusted it on purpose. */
export function withoutImplicitTrust(params: JsonObject, cwd: string, userConfig: UserConfig): JsonObject {
  const callerConfig = (params.config ?? {}) as JsonObject;
  const callerDecided = Object.keys(callerConfig).some((key) => key === 'projects' || key.startsWith('projects.'));
  if (callerDecided || hasTrustDecision(cwd, userConfig.projects)) return params;
  return {
    ...params,
    approvalPolicy:
      params.approvalPolicy ??
      callerConfig.approval_policy ??
      userConfig.approval_policy ??
      NATIVE_DEFAULTS.approvalPolicy,
    sandbox: params.sandbox ?? callerConfig.sandbox_mode ?? userConfig.sandbox_mode ?? NATIVE_DEFAULTS.sandbox,
    config: { ...callerConfig, projects: { [cwd]: { trust_level: 'untrusted' } } },
  };
}
