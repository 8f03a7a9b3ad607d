// Owns keeping Codex's patch beyond the runner: uploaded as a workflow artifact, so the work survives a
// failed push, a refused publish or a timeout even after the runner is gone. Loaded only when a run has
// a patch to keep (the artifact client is large). An upload failure is a warning, never a failed run.
import * as core from '@actions/core';
import path from 'node:path';
import { getErrorMessage } from '../errors.js';
import type { RunOutcome } from '../outcome.js';

/** A patch that was not published (a failure, or mode patch) also goes to a workflow artifact. */
export async function keepUnpublishedPatch(
  outcome: RunOutcome,
  runner: { runId: string; runAttempt: string },
): Promise<RunOutcome> {
  if ((outcome.conclusion !== 'failed' && outcome.conclusion !== 'patch') || !outcome.patchPath) return outcome;
  const artifact = await uploadPatchArtifact(outcome.patchPath, runner.runId, runner.runAttempt);
  return artifact ? { ...outcome, patchArtifact: artifact } : outcome;
}

export async function uploadPatchArtifact(
  patchPath: string,
  runId: string,
  runAttempt: string,
): Promise<string | undefined> {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    core.info(
      'Workflow artifacts are not available here (no ACTIONS_RESULTS_URL); the patch stays on the runner only.',
    );
    return undefined;
  }
  const name = `codex-task-action-patch-${runId}-${runAttempt}`;
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    await new DefaultArtifactClient().uploadArtifact(name, [patchPath], path.dirname(patchPath), { retentionDays: 14 });
    core.info(`Uploaded the patch as the workflow artifact '${name}'.`);
    return name;
  } catch (error) {
    core.warning(`Could not upload the patch as an artifact: ${getErrorMessage(error)}`);
    return undefined;
  }
}
