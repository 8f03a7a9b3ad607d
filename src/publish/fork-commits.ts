// Owns whether a fork's own commits may be carried into this repository: with allow-forks they end up on a
// branch here along with Codex's change, so they must pass the same path rules (protected paths, symlinks,
// submodules) before anything runs. Loaded with the stages after the gate.
// Must never: let a fork's commits past a path rule Codex's change must pass.
import { ActionError } from '../errors.js';
import type { Settings } from '../settings.js';
import type { Git } from '../git/git.js';
import { checkPolicy } from '../workspace/policy.js';

/** Throws when the fork's commits since the trusted base break a path rule; sizes are not limited here. */
export async function checkForkCommits(git: Git, trustedRef: string, settings: Settings): Promise<void> {
  const files = await git.changedSince(trustedRef);
  const unlimited = {
    maxFileBytes: Number.POSITIVE_INFINITY,
    maxChangedFiles: Number.POSITIVE_INFINITY,
    maxDiffBytes: Number.POSITIVE_INFINITY,
  };
  const violations = checkPolicy(
    { files, sizes: new Map(), patchBytes: 0, secrets: [] },
    { ...settings, ...unlimited },
  );
  if (violations.length > 0) {
    throw new ActionError(
      `the fork's own commits break the diff policy, so the action will not carry them into this repository: ${violations.map((violation) => violation.message).join(' ')}`,
      'Ask the contributor to drop those changes, or make the change on a branch of this repository.',
    );
  }
}
