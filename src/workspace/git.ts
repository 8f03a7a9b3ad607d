// Owns nothing: the git layer moved to src/git/. These names are re-exported so that modules other branches
// edit at the same time keep their imports; new code imports from src/git/ directly.
export type { ChangedFile, ChangeStatus } from '../git/diff.js';
export type { Git, GitFactory, GitLocation, PushAuth } from '../git/git.js';
export { createGit } from '../git/git.js';
export { filterDriverPassThroughsAt } from '../git/hardened.js';
