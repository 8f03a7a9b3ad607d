// Owns setting up the repository of the disposable copy Codex works in: a bare repository outside the copy,
// with no hooks from a template, reading objects from the checkout's store through alternates, at the
// checkout's commit, its files checked out into the copy's empty work tree.
// Must never: write into the checkout's repository (its objects are only read), or copy hooks into the copy.
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { Git } from './git.js';
import { HardenedGit } from './git.js';
import { gitEnvironment, hardenedGit, readPassThroughs } from './hardened.js';

/**
 * Makes `gitDir` the repository of the empty directory `workTree`, at `commit` (on `branch` when given), and
 * checks the commit's files out into it. Objects are read from `objects` (the checkout's store, through
 * git's alternates: nothing is copied and nothing is ever written there); `shallow` is the checkout's
 * shallow file, so a shallow clone's history reads the same in the copy.
 */
export async function initCopyRepository(options: {
  gitDir: string;
  workTree: string;
  objects: string;
  shallow: string;
  commit: string;
  branch: string | undefined;
}): Promise<Git> {
  const { gitDir, workTree } = options;
  const emptyTemplate = path.join(path.dirname(gitDir), 'no-template');
  await fs.mkdir(emptyTemplate, { recursive: true });
  // A template directory is where `git init` copies hooks from; an empty one gives the copy none. The only
  // instance allowed --template is this one, for this one command.
  await simpleGit({
    baseDir: workTree,
    binary: 'git',
    allowEnvironment: ['GIT_TERMINAL_PROMPT'],
    unsafe: { allowUnsafeTemplateDir: true },
  })
    .env({ ...gitEnvironment(), GIT_TERMINAL_PROMPT: '0' })
    .raw(['init', '--bare', `--template=${emptyTemplate}`, gitDir]);
  await fs.rm(emptyTemplate, { recursive: true, force: true });
  await fs.writeFile(path.join(gitDir, 'objects', 'info', 'alternates'), `${options.objects}\n`);
  await fs.copyFile(options.shallow, path.join(gitDir, 'shallow')).catch(() => undefined);
  const location = { gitDir };
  const passThroughs = await readPassThroughs(workTree, location);
  // One checkout points HEAD at the commit (on `branch` when given, so Codex sees the branch it works on, else
  // detached) and fills the index and the empty work tree; checkout.workers=0 writes files on every core.
  const target = options.branch ? ['-B', options.branch] : ['--detach'];
  await hardenedGit(workTree, location, { passThroughs }).raw([
    '-c',
    'checkout.workers=0',
    'checkout',
    '--force',
    ...target,
    options.commit,
    '--',
  ]);
  return new HardenedGit(workTree, location, passThroughs);
}
