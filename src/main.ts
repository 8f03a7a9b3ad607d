// The pipeline, in the order the product does it:
// settings → task → gate → checkout present → acknowledge → workspace, Codex, policy, publish (work.ts) → report.
// Each stage lives in its own module; this file only wires them and owns the one place where an
// unexpected error becomes a failed outcome, which is always reported.
import * as core from '@actions/core';
import type { CodexSessionFactory } from './codex/session.js';
import { ActionError, getErrorMessage } from './errors.js';
import { checkActor, checkForkHead, checkPullRequest, isForkOf } from './gate.js';
import type { GitHubClient, GitHubClientOptions } from './github.js';
import type { RunOutcome } from './outcome.js';
import { Activity } from './report/activity.js';
import type { SecretScanner } from './report/redact.js';
import { createSecretScanner } from './report/redact.js';
import { inertLog, inertLogText } from './report/inert-log.js';
import { Reporter } from './report/report.js';
import type { RunnerContext } from './runner.js';
import { readEventPayload, readRunnerContext } from './runner.js';
import type { InputErrorAudience } from './settings.js';
import { loadSettings } from './settings.js';
import type { Task } from './task/task.js';
import { loadConversation } from './task/conversation.js';
import { decideTask } from './task/task.js';
import type { Watchdog } from './watchdog.js';
import { WATCHDOG_MARGIN_MS, startWatchdog } from './watchdog.js';
import { ensureCheckout } from './workspace/checkout.js';
import type { GitFactory } from './workspace/git.js';

/** The edges of the world: GitHub, git and Codex. Tests of run() can swap them. */
export interface Dependencies {
  createGitHub: (options: GitHubClientOptions) => GitHubClient;
  createGit: GitFactory;
  startCodex: CodexSessionFactory;
}

/**
 * The real edges, loaded only once there is a task: a skipped run never parses Octokit, git or the MCP SDK.
 * The GitHub client comes first; git and the Codex session load in the background while the gate's request is out.
 */
async function loadDefaultDependencies(): Promise<Dependencies> {
  const { createGitHubClient } = await import('./github.js');
  const later = Promise.all([import('./workspace/git.js'), import('./codex/session.js')]);
  later.catch(() => undefined);
  return {
    createGitHub: createGitHubClient,
    createGit: async (dir, location) => (await later)[0].createGit(dir, location),
    startCodex: async (options) => (await later)[1].startMcpSession(options),
  };
}

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
        ...outcome,
        conclusion: 'failed',
        reason: "the run took too long and was stopped by the action's watchdog.",
        hint: 'Look at the run log for the stage that hung.',
      };
      await reporter?.finish(late, task, activity.commands.length);
      core.setFailed(late.reason as string);
    });

    const decision = decideTask(runner.eventName, payload, settings, runner.actor);
    if (decision.kind === 'skip') {
      outcome = { conclusion: 'skipped', reason: decision.reason };
      inertLog.info(`Skipped: ${decision.reason}`);
      return;
    }
    task = decision.task;
    const deps = dependencies ?? (await loadDefaultDependencies());
    // GitHub takes replies only to a thread's first comment: a trigger that is itself a reply names that one.
    const threadRoot = (payload.comment as { in_reply_to_id?: number } | undefined)?.in_reply_to_id;
    const reviewThread =
      task.source.kind === 'review-comment' && task.thread
        ? { pullNumber: task.thread.number, commentId: threadRoot ?? task.source.commentId }
        : undefined;
    const { github: gh, scanner } = connect(settings, runner, deps, reviewThread);
    reporter = new Reporter({ github: gh, redact: scanner.redact, runUrl: runner.runUrl });
    activity.redact = scanner.redact;

    const gate = await checkActor(task.requester, settings, gh);
    const pull = gate.allowed && task.thread?.isPullRequest ? await gh.getPullRequest(task.thread.number) : undefined;
    const isFork = pull !== undefined && isForkOf(pull, runner.owner, runner.repo);
    // A review is read-only and pushes nothing, so `allow-forks: review` is enough for a fork's pull request.
    const pullGate = pull
      ? checkPullRequest(pull, isFork, { allowForks: task.review ? settings.allowForkReviews : settings.allowForks })
      : gate;
    const headGate = pull && isFork && pullGate.allowed ? await checkForkHead(task, pull, gh) : pullGate;
    const refusal = !gate.allowed ? gate.reason : !headGate.allowed ? headGate.reason : undefined;
    if (refusal !== undefined) {
      outcome = { conclusion: 'refused', reason: refusal };
      await reporter.refuse(task, refusal);
      return;
    }
    inertLog.info(
      `Task from @${task.requester.login} (${gate.allowed ? gate.why : ''}): ${task.request || '(the issue itself)'}`,
    );
    // Before the eyes and the tracking comment promise work: is there a checkout to work on?
    ensureCheckout(runner.workspace);
    // The thread is read before the tracking comment exists: it gives Codex context and names other runs still working.
    const conversation = await loadConversation(gh, task, runner.runUrl).catch((error: unknown) => {
      core.warning(`The earlier comments could not be read, so Codex works without them: ${getErrorMessage(error)}`);
      return undefined;
    });
    await reporter.acknowledge(task, conversation?.otherRuns);
    reporter.trackProgress(activity, task.requester.login);

    const { doTheWork } = await import('./work.js');
    const defaultBranchFromEvent = (payload.repository as { default_branch?: string } | undefined)?.default_branch;
    outcome = await doTheWork({
      task,
      settings,
      runner,
      github: gh,
      deps,
      activity,
      scanner,
      pull,
      isFork,
      defaultBranchFromEvent,
      conversation,
    });
  } catch (error) {
    outcome = {
      ...outcome,
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

/** The GitHub client and the redactor that keeps the run's two secrets out of everything it writes. */
function connect(
  settings: InputErrorAudience,
  runner: RunnerContext,
  deps: Dependencies,
  reviewThread?: GitHubClientOptions['reviewThread'],
): { github: GitHubClient; scanner: SecretScanner } {
  const github = deps.createGitHub({
    token: settings.githubToken,
    apiUrl: runner.apiUrl,
    owner: runner.owner,
    repo: runner.repo,
    runUrl: runner.runUrl,
    reviewThread,
  });
  const scanner = createSecretScanner([
    { name: 'the GitHub token', value: settings.githubToken },
    { name: 'the OpenAI key', value: settings.openaiApiKey },
  ]);
  return { github, scanner };
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
