// The pipeline, wiring only, in the order the product does it:
// settings → task → gate → acknowledge → workspace → codex → changes → policy → publish → report.
// Each stage, and each rule, lives in its stage's module; this file says what runs and in what order, and owns
// the one place where an unexpected error becomes a failed outcome, which is always reported.
// Must never: decide a stage's rule itself, or end a run that had a task without the report stage.
import * as core from '@actions/core';
import path from 'node:path';
import type { Dependencies } from './deps.js';
import { connect, loadDefaultDependencies } from './deps.js';
import { ActionError, getErrorMessage } from './errors.js';
import { checkActor, gateTask } from './gate.js';
import type { GitHubClient, GitHubClientOptions, PullRequestInfo } from './github.js';
import type { RunOutcome } from './outcome.js';
import { Activity } from './report/activity.js';
import { inertLog, inertLogText } from './report/inert-log.js';
import type { SecretScanner } from './report/redact.js';
import { Reporter } from './report/report.js';
import type { RunnerContext } from './runner.js';
import { readEventPayload, readRunnerContext } from './runner.js';
import type { InputErrorAudience, Settings } from './settings.js';
import { loadSettings } from './settings.js';
import { stage } from './stage.js';
import type { Conversation } from './task/conversation.js';
import { loadConversation } from './task/conversation.js';
import type { Task } from './task/task.js';
import { decideTask } from './task/task.js';
import type { Watchdog } from './watchdog.js';
import { WATCHDOG_MARGIN_MS, startWatchdog } from './watchdog.js';
import { ensureCheckout } from './workspace/checkout.js';

export type { Dependencies } from './deps.js';

export async function run(dependencies?: Dependencies): Promise<void> {
  let outcome: RunOutcome = { conclusion: 'failed', reason: 'the action stopped before it started.' };
  let task: Task | undefined;
  let reporter: Reporter | undefined;
  const activity = new Activity();
  let watchdog: Watchdog | undefined;
  try {
    const loaded = loadSettings();
    const runner = readRunnerContext();
    const payload = readEventPayload(runner.eventPath);
    if (!loaded.ok) {
      // Invalid inputs stop the run before anything is armed, acknowledged or spent.
      outcome = { conclusion: 'failed', reason: loaded.error.message, hint: loaded.error.hint };
      ({ task, reporter } = await whoSeesTheInputError(loaded.audience, runner, payload, dependencies));
      return;
    }
    const settings = loaded.settings;
    watchdog = startWatchdog(settings.timeoutMinutes * 60_000 + WATCHDOG_MARGIN_MS, async () => {
      const { closeAllSessions } = await import('./codex/session.js');
      await closeAllSessions();
      const late: RunOutcome = {
        conclusion: 'failed',
        reason: "the run took too long and was stopped by the action's watchdog.",
        hint: 'Look at the run log for the stage that hung.',
      };
      await reporter?.finish(late, task, activity.commands.length);
      core.setFailed(late.reason);
    });

    const decision = decideTask(runner.eventName, payload, settings, runner.actor);
    if (decision.kind === 'skip') {
      outcome = { conclusion: 'skipped', reason: decision.reason };
      inertLog.info(`Skipped: ${decision.reason}`);
      return;
    }
    task = decision.task;
    const deps = dependencies ?? (await loadDefaultDependencies());
    const { github, scanner } = connect(settings, runner, deps, reviewThreadOf(task, payload));
    reporter = new Reporter({ github, redact: scanner.redact, runUrl: runner.runUrl });
    activity.redact = scanner.redact;

    const gate = await gateTask(task, settings, runner, github);
    if (!gate.allowed) {
      outcome = { conclusion: 'refused', reason: gate.reason };
      await reporter.refuse(task, gate.reason);
      return;
    }
    inertLog.info(`Task from @${task.requester.login} (${gate.why}): ${task.request || '(the issue itself)'}`);
    // Before the eyes and the tracking comment promise work: is there a checkout to work on?
    ensureCheckout(runner.workspace);
    // The thread is read before the tracking comment exists: it gives Codex context and names other runs still working.
    const conversation = await loadConversation(github, task, runner.runUrl).catch((error: unknown) => {
      core.warning(`The earlier comments could not be read, so Codex works without them: ${getErrorMessage(error)}`);
      return undefined;
    });
    await reporter.acknowledge(task, conversation?.otherRuns);
    reporter.trackProgress(activity, task.requester.login);

    const stages = await import('./stages.js');
    const work: Work = {
      task,
      settings,
      runner,
      github,
      deps,
      activity,
      scanner,
      conversation,
      pull: gate.pull,
      isFork: gate.isFork,
      defaultBranchFromEvent: (payload.repository as { default_branch?: string } | undefined)?.default_branch,
    };
    // A review reads the pull request in a read-only copy and posts a review; nothing is collected or pushed.
    if (task.review) outcome = await stages.reviewPullRequest({ ...work, focus: task.review.focus });
    else outcome = await stages.keepUnpublishedPatch(await changeTheCode(work, stages), runner);
  } catch (error) {
    outcome = {
      conclusion: 'failed',
      reason: getErrorMessage(error),
      hint: error instanceof ActionError ? error.hint : undefined,
    };
  } finally {
    watchdog?.stop();
    if (reporter) await reporter.finish(outcome, task, activity.commands.length);
    else core.setOutput('conclusion', outcome.conclusion);
    if (outcome.conclusion === 'failed')
      core.setFailed(inertLogText(`${outcome.reason}${outcome.hint ? ` ${outcome.hint}` : ''}`));
    core.debug(`peak RSS of the action: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  }
}

/** A task that passed the gate, and what the stages after it need. */
interface Work {
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

/**
 * workspace → Codex → changes → policy → patch back → publish. Codex works in a disposable copy of the checkout,
 * never in the checkout: only the patch that passed the policy comes back. Each stage is its own log group that
 * ends with how long it took (the benchmark reads those lines).
 */
async function changeTheCode(work: Work, stages: typeof import('./stages.js')): Promise<RunOutcome> {
  const { task, settings, runner, activity, scanner, pull } = work;
  const patchPath = settings.patchPath
    ? path.resolve(runner.workspace, settings.patchPath)
    : path.join(stages.runStateDir(runner), 'changes.patch');
  const auth = { serverUrl: runner.serverUrl, token: settings.githubToken };
  const workspace = { runner, createGit: work.deps.createGit, startCodex: work.deps.startCodex };
  return stages.withCodexWorkspace({ ...workspace, onEvent: activity.listener }, async ({ git, runCodex }) => {
    const plan = await stage('Prepare the workspace', async () =>
      stages.prepareWorkspace({
        git,
        pull,
        isFork: work.isFork,
        settings,
        defaultBranch: work.defaultBranchFromEvent ?? (await work.github.getDefaultBranch()),
        auth,
        continuesPullRequest: stages.continuesPullRequest(task, pull, settings.branchPrefix),
      }),
    );
    if (work.isFork) await stages.checkForkCommits(git, plan.trustedRef, settings);
    const codexInput = stages.buildCodexInput(task, {
      owner: runner.owner,
      repo: runner.repo,
      publishNote:
        settings.mode === 'patch'
          ? 'the action saves your changes as a patch.'
          : 'the action commits your changes and publishes them.',
      maintainerInstructions: settings.instructions,
      agentsMd: await git.readFileAt(plan.trustedRef, 'AGENTS.md'),
      conversation: work.conversation,
      pullRequestFiles: pull ? await git.changedSince(plan.trustedRef).catch(() => undefined) : undefined,
    });
    const { result, copy } = await runCodex({ name: 'Codex', settings, input: codexInput });
    const changes = await stage('Collect the changes', () => stages.collectChanges(copy.git, patchPath, scanner));
    const facts = {
      finalMessage: result.finalMessage,
      threadId: result.threadId,
      usage: result.usage ?? activity.usage,
      commandsRun: activity.commands.length,
      changedFiles: changes.files,
      patchPath: changes.patchPath,
      dials: result.dials,
    };
    if (result.status !== 'completed')
      return {
        ...facts,
        conclusion: 'failed',
        reason: `Codex ${result.status === 'timed-out' ? 'timed out' : 'failed'}: ${result.error}`,
      };
    if (changes.files.length === 0 && (changes.facts.nestedRepositories ?? []).length === 0)
      return { ...facts, conclusion: 'no-changes' };

    const violations = stages.checkPolicy(changes.facts, settings);
    const messageSecrets = stages.secretsInFinalMessage(scanner, result.finalMessage, 'run');
    if (messageSecrets !== undefined) violations.push({ rule: 'secrets', files: [], message: messageSecrets });
    if (violations.length > 0) return { ...facts, ...refusedByPolicy(violations) };

    // The only thing of Codex's that reaches the checkout. It is at the commit the copy started from, so the
    // patch applies exactly, or the run fails here with the patch kept.
    const brought = await stage('Bring the change into the checkout', () =>
      stages.applyPolicedPatch(git, patchPath, settings.mode !== 'patch'),
    );
    if (!brought.ok) {
      return {
        ...facts,
        conclusion: 'failed',
        reason: `the change passed the diff policy but could not be applied to the checkout: ${brought.error}`,
        hint: 'An earlier step may have changed the same files in the checkout; apply the kept patch by hand.',
      };
    }

    const reviewers = settings.requestReview ? [...settings.reviewers, task.requester.login] : settings.reviewers;
    const repoUrl = `${runner.serverUrl}/${runner.owner}/${runner.repo}`;
    const published = await stage(`Publish (${settings.mode})`, () =>
      stages.publish(
        {
          git,
          github: work.github,
          task,
          plan,
          mode: settings.mode,
          draft: settings.draft,
          commitSigning: settings.commitSigning,
          author: settings.commitAuthor,
          branchPrefix: settings.branchPrefix,
          labels: settings.labels,
          reviewers,
          finalMessage: result.finalMessage,
          patchPath,
          auth,
          redact: scanner.redact,
          run: { id: runner.runId, attempt: runner.runAttempt, url: runner.runUrl, repoUrl },
        },
        changes.files,
      ),
    );
    return { ...facts, ...published };
  });
}

/** A change the diff policy refuses is not published; the log names each broken rule, the patch is kept. */
function refusedByPolicy(violations: Array<{ rule: string; message: string }>): RunOutcome & { conclusion: 'failed' } {
  inertLog.error(
    `The change breaks the diff policy:\n${violations.map((violation) => `- [${violation.rule}] ${violation.message}`).join('\n')}`,
  );
  return {
    conclusion: 'failed',
    reason: `the change was not published because it breaks the diff policy: ${violations.map((violation) => violation.message).join(' ')}`,
    hint: 'Review the kept patch. If the change is wanted, make it by hand, or adjust protected-paths or the max-* inputs.',
  };
}

/** GitHub takes replies only to a thread's first comment: a trigger that is itself a reply names that one. */
function reviewThreadOf(task: Task, payload: Record<string, unknown>): GitHubClientOptions['reviewThread'] {
  if (task.source.kind !== 'review-comment' || !task.thread) return undefined;
  const threadRoot = (payload.comment as { in_reply_to_id?: number } | undefined)?.in_reply_to_id;
  return { pullNumber: task.thread.number, commentId: threadRoot ?? task.source.commentId };
}

/**
 * With invalid inputs the run fails whatever happens; this only decides whether the error also goes on the
 * issue, which it does when the event is a task and its requester passes the gate read strictly
 * (InputErrorAudience). A requester who does not is told nothing: an invalid input is the workflow's
 * mistake and never becomes a refusal. Returns the reporter that posts the error, or none: log only.
 */
async function whoSeesTheInputError(
  audience: InputErrorAudience | undefined,
  runner: RunnerContext,
  payload: Record<string, unknown>,
  dependencies: Dependencies | undefined,
): Promise<{ task?: Task; reporter?: Reporter }> {
  if (!audience) return {};
  const decision = decideTask(runner.eventName, payload, audience, runner.actor);
  if (decision.kind === 'skip' || !decision.task.thread) return {};
  const deps = dependencies ?? (await loadDefaultDependencies());
  const { github, scanner } = connect(audience, runner, deps);
  const gate = await checkActor(decision.task.requester, audience, github);
  if (!gate.allowed) {
    core.info(`The input error is not posted on the issue: ${gate.reason}`);
    return {};
  }
  return { task: decision.task, reporter: new Reporter({ github, redact: scanner.redact, runUrl: runner.runUrl }) };
}
