// Owns keeping Codex's patch beyond the runner: uploaded as a workflow artifact, so the work survives a
// failed push, a refused publish or a timeout even after the runner is gone. Loaded only when a run has
// a patch to keep (the artifact client is large). An upload failure is a warning, never a failed run.
import * as core from '@actions/core';
import path from 'node:path';
import { getErrorMessage } from '../errors.js';

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
