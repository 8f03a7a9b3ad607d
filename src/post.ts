// Entry of the post step (action.yml `runs.post`, bundled as dist/post.js), which the runner runs after the job's
// steps whatever happened to the main step, also when it was killed (watchdog, cancellation, job timeout).
// It runs on every skipped run too, so it reads only its state variables and stops there when the main step
// saved none; the cleanup itself (post-cleanup.ts) is loaded only when there is something to clean up.
// Must never: fail the job for a cleanup that found nothing, or act on state the main step did not save.
const state = (name: string): string => process.env[`STATE_${name}`] ?? '';

const saved = { runMarker: state('run-marker'), vault: state('credentials-vault'), scratchDir: state('scratch-dir') };
if (saved.runMarker || saved.vault || saved.scratchDir) {
  const { cleanUpAfterRun } = await import('./post-cleanup.js');
  await cleanUpAfterRun(saved);
}
process.exit();
