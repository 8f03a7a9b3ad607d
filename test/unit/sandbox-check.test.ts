// Unit tests for the sandbox pre-flight (src/codex/sandbox-check.ts), with the machine's answers scripted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SandboxProbe } from '../../src/codex/sandbox-check.ts';
import { ensureSandboxCanStart, machineProbe } from '../../src/codex/sandbox-check.ts';

function probe(answers: {
  namespaces: Array<boolean | undefined>;
  restriction?: string;
  sudo?: boolean;
}): SandboxProbe & { lifted: number } {
  const results = [...answers.namespaces];
  return {
    platform: 'linux',
    lifted: 0,
    async canCreateUserNamespace() {
      return results.length > 1 ? results.shift() : results[0];
    },
    async readRestriction() {
      return answers.restriction;
    },
    async hasPasswordlessSudo() {
      return answers.sudo ?? false;
    },
    async liftRestriction() {
      this.lifted++;
    },
  };
}

describe('ensureSandboxCanStart', () => {
  it('passes where user namespaces work', async () => {
    const machine = probe({ namespaces: [true] });
    await ensureSandboxCanStart('workspace-write', machine);
    assert.equal(machine.lifted, 0);
  });

  it('lifts the AppArmor restriction with passwordless sudo, then passes', async () => {
    const machine = probe({ namespaces: [false, true], restriction: '1', sudo: true });
    await ensureSandboxCanStart('workspace-write', machine);
    assert.equal(machine.lifted, 1);
  });

  it('stops with the fix when the restriction cannot be lifted', async () => {
    const machine = probe({ namespaces: [false], restriction: '1', sudo: false });
    await assert.rejects(ensureSandboxCanStart('workspace-write', machine), (error: Error & { hint?: string }) => {
      assert.match(error.message, /sandbox cannot start.*apparmor_restrict_unprivileged_userns=1/);
      assert.match(error.hint ?? '', /sudo sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0/);
      assert.match(error.hint ?? '', /never runs Codex without its sandbox/);
      return true;
    });
  });

  it('stops when lifting did not help', async () => {
    const machine = probe({ namespaces: [false, false], restriction: '1', sudo: true });
    await assert.rejects(ensureSandboxCanStart('read-only', machine), /sandbox cannot start/);
    assert.equal(machine.lifted, 1);
  });

  it('does not probe for danger-full-access or off Linux', async () => {
    await ensureSandboxCanStart('danger-full-access', probe({ namespaces: [false] }));
    await ensureSandboxCanStart('workspace-write', { ...probe({ namespaces: [false] }), platform: 'darwin' });
  });

  it('answers on this machine', async () => {
    // The real probe runs; this machine's answer decides whether the end-to-end suite can sandbox at all.
    assert.notEqual(await machineProbe.canCreateUserNamespace(), false);
  });
});
