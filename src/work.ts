// The work itself, once a task has passed the gate: workspace → copy → Codex → changes → policy → patch back
// → publish. Codex works in a disposable copy of the checkout (workspace/copy.ts), never in the checkout:
// only the patch that passed the policy comes back. The copy is removed and the checkout's persisted
// credentials, out of the agent's reach for the whole of it, are put back, whatever happened.
// Each stage is its own log group that ends with how long it took (the benchmark reads those lines).
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { existingRunMarker } from './child-env.js';
import { sweepRunProcesses } from './codex/process-tree.js';
import { runCodexTask } from './codex/run.js';
import type { GitHubClient, PullRequestInfo } from './github.js';
import type { Dependencies } from './main.js';
import type { RunOutcome } from './outcome.js';
import { publish } from './publish/publish.js';
import type { Activity } from './report/activity.js';
import { uploadPatchArtifact } from './report/artifact.js';
import { inertLog } from './report/inert-log.js';
import type { SecretScanner } from './report/redact.js';
import type { RunnerContext } from './runner.js';
import type { Settings } from './settings.js';
import type { Conversation } from './task/conversation.js';
import { buildCodexInput } from './task/prompt.js';
import { ACTION_MARKER } from './task/task.js';
import type { Task } from './task/task.js';
import { ActionError, getErrorMessage } from './errors.js';
import { collectChanges } from './workspace/changes.js';
import type { WorkspaceCopy } from './workspace/copy.js';
import { applyPolicedPatch, createWorkspaceCopy, removeTree } from './workspace/copy.js';
import type { Git } from './workspace/git.js';
import { checkPolicy } from './workspace/policy.js';
import { stage } from './stage.js';
import { prepareWorkspace } from './workspace/prepare.js';

export interface WorkInput {
  task: Task;
  settings: Settings;
  runner: RunnerContext;
  github: GitHubClient;
  deps: Dependencies;
  activity: Activity;
  scanner: SecretScanner;
  /** The earlier comments on the thread, read before the tracking comment was posted. */
  conversation: Conversation | undefined;
  /** The pull request the task was asked on, if any, and whether it comes from a fork. */
  pull: PullRequestInfo | undefined;
  isFork: boolean;
  /** The event payload names the default branch; when it does not, the API is asked. */
  defaultBranchFromEvent: string | undefined;
}

export async function doTheWork(input: WorkInput): Promise<RunOutcome> {
  // A review reads the pull request in a read-only copy and posts a review; nothing is collected or pushed.
  if (input.task.review) return (await import('./review/run.js')).reviewPullRequest(input, input.task.review.focus);
  const outcome = await runStages(input);
  // A patch that was not published (a failure, or mode patch) also goes to a workflow artifact.
  if (outcome.patchPath && (outcome.conclusion === 'failed' || outcome.conclusion === 'patch')) {
    const artifact = await uploadPatchArtifact(outcome.patchPath, input.runner.runId, input.runner.runAttempt);
    if (artifact) return { ...outcome, patchArtifact: artifact };
  }
  return outcome;
}

async function runStages(input: WorkInput): Promise<RunOutcome> {
  const { task, settings, runner, activity, scanner } = input;
  const stateDir = path.join(runner.runnerTemp, `codex-task-action-${runner.runId}-${runner.runAttempt}`);
  const patchPath = settings.patchPath
    ? path.resolve(runner.workspace, settings.patchPath)
    : path.join(stateDir, 'changes.patch');
  const auth = { serverUrl: runner.serverUrl, token: settings.githubToken };
  // Everything of Codex's (its copy, its CODEX_HOME, its temporary directory) lives here and goes at the end; the
  // post step removes it too when this process could not (the watchdog, a cancelled job).
  const scratchDir = path.join(stateDir, 'scratch');
  const git = await input.deps.createGit(runner.workspace);
  const restoreCredentials = await git.hideCredentials();
  let copy: WorkspaceCopy | undefined;
  try {
    const plan = await stage('Prepare the workspace', async () =>
      prepareWorkspace({
        git,
        pull: input.pull,
        isFork: input.isFork,
        settings,
        defaultBranch: input.defaultBranchFromEvent ?? (await input.github.getDefaultBranch()),
        auth,
        continuesPullRequest:
          input.pull !== undefined &&
          (task.source.kind === 'review-comment' ||
            (input.pull.body.includes(ACTION_MARKER) && input.pull.headRef.startsWith(settings.branchPrefix))),
      }),
    );
    if (input.isFork) await refuseUnsafeForkCommits(git, plan.trustedRef, settings);
    const codexInput = buildCodexInput(task, {
      owner: runner.owner,
      repo: runner.repo,
      publishNote:
        settings.mode === 'patch'
          ? 'the action saves your changes as a patch.'
          : 'the action commits your changes and publishes them.',
      maintainerInstructions: settings.instructions,
      agentsMd: await git.readFileAt(plan.trustedRef, 'AGENTS.md'),
      conversation: input.conversation,
      pullRequestFiles: input.pull ? await git.changedSince(plan.trustedRef).catch(() => undefined) : undefined,
    });
    await fs.mkdir(stateDir, { recursive: true });
    core.saveState('scratch-dir', scratchDir);
    const workCopy = await stage('Copy the checkout for Codex', () => createWorkspaceCopy(git, scratchDir));
    copy = workCopy;
    const result = await stage('Codex', () =>
      runCodexTask({
        settings,
        prompt: codexInput.prompt,
        instructions: codexInput.instructions,
        copy: { workTree: workCopy.dir, gitDir: workCopy.gitDir, tmpDir: workCopy.tmpDir },
        toolCache: runner.toolCache,
        stateDir: scratchDir,
        startSession: input.deps.startCodex,
        onEvent: activity.listener,
      }),
    );
    // Nothing Codex started may go on changing the copy while its change is read, or outlive the run.
    sweepRunProcesses({ marker: existingRunMarker(), dirs: [scratchDir] });
    const changes = await stage('Collect the changes', () => collectChanges(workCopy.git, patchPath, scanner));
    const facts: RunOutcome = {
      conclusion: 'failed',
      finalMessage: result.finalMessage,
      threadId: result.threadId,
      usage: result.usage ?? activity.usage,
      commandsRun: activity.commands.length,
      changedFiles: changes.files,
      patchPath: changes.patchPath,
      dials: result.dials,
    };
    if (result.status !== 'completed')
      return { ...facts, reason: `Codex ${result.status === 'timed-out' ? 'timed out' : 'failed'}: ${result.error}` };
    if (changes.files.length === 0 && (changes.facts.nestedRepositories ?? []).length === 0)
      return { ...facts, conclusion: 'no-changes' };

    const violations = checkPolicy(changes.facts, settings);
    const messageSecrets = scanner.detect(result.finalMessage);
    if (messageSecrets.length > 0) {
      violations.push({
        rule: 'secrets',
        files: [],
        message: `Codex's final message contains ${messageSecrets.join(' and ')}; a run that surfaces a secret is not published.`,
      });
    }
    if (violations.length > 0) {
      inertLog.error(
        `The change breaks the diff policy:\n${violations.map((violation) => `- [${violation.rule}] ${violation.message}`).join('\n')}`,
      );
      return {
        ...facts,
        reason: `the change was not published because it breaks the diff policy: ${violations.map((violation) => violation.message).join(' ')}`,
        hint: 'Review the kept patch. If the change is wanted, make it by hand, or adjust protected-paths or the max-* inputs.',
      };
    }

    // The only thing of Codex's that reaches the checkout. It is at the commit the copy started from, so the
    // patch applies exactly, or the run fails here with the patch kept.
    const brought = await stage('Bring the change into the checkout', () =>
      applyPolicedPatch(git, patchPath, settings.mode !== 'patch'),
    );
    if (!brought.ok) {
      return {
        ...facts,
        reason: `the change passed the diff policy but could not be applied to the checkout: ${brought.error}`,
        hint: 'An earlier step may have changed the same files in the checkout; apply the kept patch by hand.',
      };
    }

    const published = await stage(`Publish (${settings.mode})`, () =>
      publish(
        {
          git,
          github: input.github,
          task,
          plan,
          mode: settings.mode,
          draft: settings.draft,
          commitSigning: settings.commitSigning,
          author: settings.commitAuthor,
          branchPrefix: settings.branchPrefix,
          labels: settings.labels,
          reviewers: settings.requestReview ? [...settings.reviewers, task.requester.login] : settings.reviewers,
          finalMessage: result.finalMessage,
          patchPath,
          auth,
          redact: scanner.redact,
          run: {
            id: runner.runId,
            attempt: runner.runAttempt,
            url: runner.runUrl,
            repoUrl: `${runner.serverUrl}/${runner.owner}/${runner.repo}`,
          },
        },
        changes.files,
      ),
    );
    return { ...facts, ...published };
  } finally {
    sweepRunProcesses({ marker: existingRunMarker(), dirs: [scratchDir] });
    await (copy?.remove() ?? removeTree(scratchDir)).catch((error: unknown) =>
      core.warning(`Codex's copy of the checkout at ${scratchDir} could not be removed: ${getErrorMessage(error)}`),
    );
    await restoreCredentials();
  }
}

/**
 * With allow-forks, the fork's own commits end up on a branch of this repository along with Codex's change:
 * they must pass the same path rules (protected paths, symlinks, submodules) before anything runs.
 */
async function refuseUnsafeForkCommits(git: Git, trustedRef: string, settings: Settings): Promise<void> {
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
