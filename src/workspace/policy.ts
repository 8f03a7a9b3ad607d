// Owns the rules Codex's change must pass before anything is committed, pushed or handed on as a patch.
// The agent's output is treated as hostile: protected paths (workflows, hooks, attributes, CODEOWNERS),
// symlinks, submodules, paths that leave the workspace, oversized files, too many files, an oversized
// diff, and secrets in the diff each refuse the publish, naming the files and the rule. Pure.
// What a protected-paths pattern matches is protected-paths.ts's; reading the diff is src/git/diff.ts's.
import type { ChangedFile } from '../git/diff.js';
import { protectedPathMatcher } from './protected-paths.js';

export interface DiffPolicy {
  protectedPaths: string[];
  maxFileBytes: number;
  maxChangedFiles: number;
  maxDiffBytes: number;
}

export interface PolicyViolation {
  rule: string;
  files: string[];
  /** One sentence for the maintainer. */
  message: string;
}

export interface ChangeFacts {
  files: ChangedFile[];
  /** Size in bytes of each changed file as it is now in the working tree (absent for deletions). */
  sizes: Map<string, number>;
  patchBytes: number;
  /** Secret kinds found in the lines the change adds, with the files they are in. */
  secrets: Array<{ file: string; kinds: string[] }>;
  /** Git repositories Codex created inside its copy (`dir/`); never staged, never published. */
  nestedRepositories?: string[];
}

const MAX_NAMED = 10;
const name = (files: string[]): string =>
  files
    .slice(0, MAX_NAMED)
    .map((file) => `'${file}'`)
    .join(', ') + (files.length > MAX_NAMED ? ` and ${files.length - MAX_NAMED} more` : '');

export function checkPolicy(facts: ChangeFacts, policy: DiffPolicy): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const add = (rule: string, files: string[], message: string): void => {
    if (files.length > 0) violations.push({ rule, files, message });
  };
  const paths = facts.files.map((file) => file.path);
  const isProtected = protectedPathMatcher(policy.protectedPaths);

  const outside = paths.filter((file) => file.startsWith('/') || file.split('/').includes('..'));
  add('outside-workspace', outside, `${name(outside)} ${outside.length === 1 ? 'is' : 'are'} outside the workspace.`);

  const protectedHits = paths.filter(isProtected);
  add(
    'protected-paths',
    protectedHits,
    `${name(protectedHits)} ${protectedHits.length === 1 ? 'is' : 'are'} protected ('protected-paths'); Codex may not change ${protectedHits.length === 1 ? 'it' : 'them'}.`,
  );

  const symlinks = facts.files
    .filter((file) => file.status !== 'deleted' && file.mode === '120000')
    .map((file) => file.path);
  add(
    'symlinks',
    symlinks,
    `${name(symlinks)} ${symlinks.length === 1 ? 'is a symbolic link' : 'are symbolic links'}; the action does not publish links, which can point outside the repository.`,
  );

  const submodules = facts.files.filter((file) => file.mode === '160000').map((file) => file.path);
  add(
    'submodules',
    submodules,
    `${name(submodules)} ${submodules.length === 1 ? 'is a submodule' : 'are submodules'}; the action does not change submodules.`,
  );

  const nested = (facts.nestedRepositories ?? []).map((entry) => entry.replace(/\/$/, ''));
  add(
    'nested-repositories',
    nested,
    `${name(nested)} ${nested.length === 1 ? 'is a git repository' : 'are git repositories'} that Codex created inside the checkout; the action never publishes one (it would be a submodule whose own configuration can run commands).`,
  );

  const large = paths.filter((file) => (facts.sizes.get(file) ?? 0) > policy.maxFileBytes);
  add(
    'max-file-bytes',
    large,
    `${name(large)} ${large.length === 1 ? 'is' : 'are'} larger than ${policy.maxFileBytes} bytes ('max-file-bytes').`,
  );

  if (facts.files.length > policy.maxChangedFiles) {
    violations.push({
      rule: 'max-changed-files',
      files: [],
      message: `the change touches ${facts.files.length} files, more than ${policy.maxChangedFiles} ('max-changed-files').`,
    });
  }
  if (facts.patchBytes > policy.maxDiffBytes) {
    violations.push({
      rule: 'max-diff-bytes',
      files: [],
      message: `the diff is ${facts.patchBytes} bytes, more than ${policy.maxDiffBytes} ('max-diff-bytes').`,
    });
  }

  for (const { file, kinds } of facts.secrets) {
    violations.push({
      rule: 'secrets',
      files: [file],
      message: `'${file}' contains ${kinds.join(' and ')}; secrets are never published (the kept patch has them replaced by ***).`,
    });
  }
  return violations;
}
