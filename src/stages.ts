// Owns nothing but loading: the stages after the gate, gathered so main.ts loads them in one dynamic import once
// a task passed the gate (a skipped or refused run never parses them). Re-exports only.
// Must never: hold code of its own, or import main.ts.
export { withCodexWorkspace, runStateDir } from './codex/in-copy.js';
export { checkForkCommits } from './publish/fork-commits.js';
export { continuesPullRequest } from './publish/follow-up.js';
export { publish } from './publish/publish.js';
export { keepUnpublishedPatch } from './report/artifact.js';
export { secretsInFinalMessage } from './report/redact.js';
export { reviewPullRequest } from './review/run.js';
export { buildCodexInput } from './task/prompt.js';
export { collectChanges } from './workspace/changes.js';
export { applyPolicedPatch } from './workspace/copy.js';
export { checkPolicy } from './workspace/policy.js';
export { prepareWorkspace } from './workspace/prepare.js';
