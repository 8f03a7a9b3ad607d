// The pipeline, in the order the product does it:
// settings → task → gate → acknowledge → workspace → Codex → changes → publish → report.
// Each stage lives in its own module; this file only wires them and owns the one place where an
// unexpected error becomes a failed outcome, which is always reported.
import * as core from '@actions/core';
import * as github from '@actions/github';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CodexSessionFactory } from './codex/session.js';
import { startMcpSession } from './codex/session.js';
import { runCodexTask } from './codex/run.js';
import { ActionError, getErrorMessage } from './errors.js';
import { checkActor } from './gate.js';
import type { GitHubClient, GitHubClientOptions } from './github.js';
import { createGitHubClient } from './github.js';
import type { RunOutcome } from './outcome.js';
import { collectChanges, publish } from './publish/publish.js';
import { Activity } from './report/activity.js';
import { createRedactor } from './report/redact.js';
import { Reporter } from './report/report.js';
import { readRunnerContext } from './runner.js';
import type { RunnerContext } from './runner.js';
import type { Settings } from './settings.js';
import { tryParseSettings } from './settings.js';
import { buildPrompt } from './task/prompt.js';
import type { Task } from './task/task.js';
import { decideTask } from './task/task.js';
import type { GitFactory } from './workspace/git.js';
import { createGit } from './workspace/git.js';
import { prepareWorkspace } from './workspace/prepare.js';

/** The edges of the world; tests of main() can swap them. */
export interface Dependencies {
  createGitHub: (options: GitHubClientOptions) => GitHubClient;
  createGit: GitFactory;
  startCodex: CodexSessionFactory;
}

const defaultDependencies: Dependencies = { createGitHub: createGitHubClient, createGit, startCodex: startMcpSession };

export async function run(deps: Dependencies = defaultDependencies): Promise<void> {
  let outcome: RunOutcome = { conclusion: 'failed', reason: 'the action stopped before it started.' };
  let task: Task | undefined;
  let reporter: Reporter | undefined;
  const activity = new Activity();
  try {
    // Input problems are reported on the issue once the requester has passed the gate, not just in the log.
    const { settings, error: inputError } = tryParseSettings();
    const runner = readRunnerContext();
    const decision = decideTask(github.context.eventName, github.context.payload, settings, runner.actor);
    if (decision.kind === 'skip') {
      outcome = { conclusion: 'skipped', reason: decision.reason };
      core.info(`Skipped: ${decision.reason}`);
      if (inputError) core.warning(`The inputs need fixing before the action can run a task: ${inputError.message}`);
      return;
    }
    task = decision.task;
    if (!settings.githubToken && inputError) throw inputError;
    const gh = deps.createGitHub({ token: settings.githubToken, apiUrl: runner.apiUrl, owner: runner.owner, repo: runner.repo });
    reporter = new Reporter({ github: gh, redact: createRedactor([settings.githubToken, settings.openaiApiKey]), runUrl: runner.runUrl });

    const gate = await checkActor(task.requester, settings, gh);
    if (!gate.allowed) {
      outcome = { conclusion: 'refused', reason: gate.reason };
      await reporter.refuse(task, gate.reason);
      return;
    }
    if (inputError) throw inputError;
    core.info(`Task from @${task.requester.login} (${gate.why}): ${task.request || '(the issue itself)'}`);
    await reporter.acknowledge(task);
    outcome = await doTask(task, settings, runner, gh, deps, activity);
  } catch (error) {
    outcome = { ...outcome, conclusion: 'failed', reason: getErrorMessage(error), hint: error instanceof ActionError ? error.hint : undefined };
  } finally {
    if (reporter) await reporter.finish(outcome, task, activity.commands.length);
    else core.setOutput('conclusion', outcome.conclusion);
    if (outcome.conclusion === 'failed') core.setFailed(`${outcome.reason}${outcome.hint ? ` ${outcome.hint}` : ''}`);
    core.debug(`peak RSS of the action: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  }
}

/** Workspace → Codex → changes → publish, with the checkout's credentials out of the agent's reach throughout. */
async function doTask(task: Task, settings: Settings, runner: RunnerContext, gh: GitHubClient, deps: Dependencies, activity: Activity): Promise<RunOutcome> {
  const stateDir = path.join(runner.runnerTemp, `codex-task-action-${runner.runId}-${runner.runAttempt}`);
  const patchPath = path.join(stateDir, 'changes.patch');
  const auth = { serverUrl: runner.serverUrl, token: settings.githubToken };
  const git = await deps.createGit(runner.workspace);
  const restoreCredentials = await git.hideCredentials();
  try {
    const payloadRepo = github.context.payload.repository as { default_branch?: string } | undefined;
    const plan = await stage('Prepare the workspace', () =>
      prepareWorkspace({ git, github: gh, task, settings, auth, repository: { owner: runner.owner, repo: runner.repo, defaultBranch: payloadRepo?.default_branch } }),
    );
    const prompt = buildPrompt(task, {
      owner: runner.owner,
      repo: runner.repo,
      publishNote: settings.mode === 'patch' ? 'the action saves your changes as a patch.' : 'the action commits your changes and publishes them.',
    });
    await fs.mkdir(stateDir, { recursive: true });
    const result = await stage('Codex', () =>
      runCodexTask({ settings, prompt, workspace: runner.workspace, toolCache: runner.toolCache, stateDir, startSession: deps.startCodex, onEvent: activity.listener }),
    );
    const codexFacts = { finalMessage: result.finalMessage, threadId: result.threadId, usage: result.usage ?? activity.usage, commandsRun: activity.commands.length };
    const changes = await stage('Collect the changes', () => collectChanges(git, patchPath));
    const changeFacts = { ...codexFacts, changedFiles: changes.files, patchPath: changes.patchPath };
    if (result.status !== 'completed') return { ...changeFacts, conclusion: 'failed', reason: `Codex ${result.status === 'timed-out' ? 'timed out' : 'failed'}: ${result.error}` };
    if (changes.files.length === 0) return { ...changeFacts, conclusion: 'no-changes' };
    const published = await stage(`Publish (${settings.mode})`, () =>
      publish(
        {
          git,
          github: gh,
          task,
          plan,
          mode: settings.mode,
          draft: settings.draft,
          author: settings.commitAuthor,
          branchPrefix: settings.branchPrefix,
          finalMessage: result.finalMessage,
          patchPath,
          auth,
          run: { id: runner.runId, attempt: runner.runAttempt, url: runner.runUrl, repoUrl: `${runner.serverUrl}/${runner.owner}/${runner.repo}` },
        },
        changes.files,
      ),
    );
    return { ...changeFacts, ...published };
  } finally {
    await restoreCredentials();
  }
}

/** One log group per pipeline stage, closed with how long the stage took (the benchmark reads these lines). */
async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  core.startGroup(name);
  try {
    return await work();
  } finally {
    core.endGroup();
    core.info(`${name}: ${Math.round(performance.now() - started)} ms`);
  }
}
