// Owns making sure Codex's Linux sandbox can start before any money is spent on the model. The sandbox
// (bubblewrap) needs unprivileged user namespaces; Ubuntu 24.04 runners forbid them through AppArmor
// (kernel.apparmor_restrict_unprivileged_userns=1), and then every command inside the task fails while the
// task itself "succeeds". Where the runner has passwordless sudo the restriction is lifted for the job;
// otherwise the run stops with the fix. It never falls back to running without a sandbox.
// Its probes (`unshare`, `sudo`, `sysctl`) run with the allowlisted environment of child-env.ts, never the action's.
import * as core from '@actions/core';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { ActionError } from '../errors.js';
import type { SandboxMode } from '../settings.js';
import { childEnvironment } from '../child-env.js';

const execFileAsync = promisify(execFile);
const run = (file: string, args: string[], options: { timeout: number }) =>
  execFileAsync(file, args, { ...options, env: childEnvironment() });
const SYSCTL = 'kernel.apparmor_restrict_unprivileged_userns';

/** The questions asked of the machine; tests answer them without touching it. */
export interface SandboxProbe {
  platform: NodeJS.Platform;
  /** true or false, or undefined when the probe itself could not run (no `unshare`). */
  canCreateUserNamespace(): Promise<boolean | undefined>;
  /** The AppArmor restriction's value, or undefined where the kernel has no such setting. */
  readRestriction(): Promise<string | undefined>;
  hasPasswordlessSudo(): Promise<boolean>;
  liftRestriction(): Promise<void>;
}

export const machineProbe: SandboxProbe = {
  platform: process.platform,
  async canCreateUserNamespace() {
    try {
      await run('unshare', ['--user', '--map-root-user', 'true'], { timeout: 10_000 });
      return true;
    } catch (error) {
      return (error as { code?: unknown }).code === 'ENOENT' ? undefined : false;
    }
  },
  async readRestriction() {
    return (await fs.readFile(`/proc/sys/${SYSCTL.replace(/\./g, '/')}`, 'utf8').catch(() => undefined))?.trim();
  },
  async hasPasswordlessSudo() {
    try {
      await run('sudo', ['-n', 'true'], { timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  },
  async liftRestriction() {
    await run('sudo', ['-n', 'sysctl', '-w', `${SYSCTL}=0`], { timeout: 10_000 });
  },
};

export async function ensureSandboxCanStart(sandbox: SandboxMode, probe: SandboxProbe = machineProbe): Promise<void> {
  if (sandbox === 'danger-full-access' || probe.platform !== 'linux') return;
  const works = await probe.canCreateUserNamespace();
  if (works !== false) {
    if (works === undefined)
      core.info(
        "Could not check user namespaces ('unshare' is missing); Codex's sandbox will report if it cannot start.",
      );
    return;
  }
  const restriction = await probe.readRestriction();
  if (restriction === '1' && (await probe.hasPasswordlessSudo())) {
    core.info(
      `Unprivileged user namespaces are restricted by AppArmor; setting ${SYSCTL}=0 for this job so Codex's sandbox can start.`,
    );
    await probe.liftRestriction().catch(() => undefined);
    if (await probe.canCreateUserNamespace()) return;
  }
  throw new ActionError(
    `Codex's sandbox cannot start on this runner: unprivileged user namespaces are not allowed${restriction === '1' ? ` (AppArmor: ${SYSCTL}=1)` : ''}, so every command Codex ran would fail.`,
    `Run on a runner that allows them, or add a step before this one: \`sudo sysctl -w ${SYSCTL}=0\`. The action never runs Codex without its sandbox.`,
  );
}
