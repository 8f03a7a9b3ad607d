// Owns review mode from a passed gate to a posted review: the pull request's head in the checkout, its
// base…head diff, a disposable copy where Codex reads under the read-only sandbox, the structured answer read
// back (or the plain message when it does not validate), and one pull request review. main.ts hands a review
// task here and nothing else of a task's pipeline (collect, policy, publish) runs.
// Must never: commit, push, or bring anything from Codex's copy back into the checkout.
import * as core from '@actions/core';
import { withCodexWorkspace } from '../codex/in-copy.js';
import type { Dependencies } from '../deps.js';
import { ActionError, getErrorMessage } from '../errors.js';
import type { GitHubClient, PullRequestInfo } from '../github.js';
import type { FailedOutcome, ReviewedOutcome } from '../outcome.js';
import type { Activity } from '../report/activity.js';
import type { SecretScanner } from '../report/redact.js';
import { secretsInFinalMessage } from '../report/redact.js';
import { makeReviewTextInert } from '../report/review.js';
import type { RunnerContext } from '../runner.js';
import type { Settings } from '../settings.js';
import { stage } from '../stage.js';
import type { Task } from '../task/task.js';
import { prepareWorkspace } from '../workspace/prepare.js';
import { REVIEW_OUTPUT_SCHEMA, parseReviewAnswer, type ReviewAnswer } from './answer.js';
import { indexDiff, placeComments } from './diff-lines.js';
import { postReview } from './post.js';
import { buildReviewInput } from './prompt.js';

export interface ReviewInput {
  task: Task;
  focus: string;
  settings: Settings;
  runner: RunnerContext;
  github: GitHubClient;
  deps: Pick<Dependencies, 'createGit' | 'startCodex'>;
  activity: Activity;
  scanner: SecretScanner;
  /** The pull request the review was asked on, and whether it comes from a fork (the gate checked both). */
  pull: PullRequestInfo | undefined;
  isFork: boolean;
  /** The event payload names the default branch; when it does not, the pull request's base stands in. */
  defaultBranchFromEvent: string | undefined;
}

export async function reviewPullRequest(input: ReviewInput): Promise<ReviewedOutcome | FailedOutcome> {
  const { task, runner, activity, scanner, pull } = input;
  if (!pull)
    throw new ActionError(
      'a review needs a pull request, and this task is not on one.',
      'Ask for a review on a pull request.',
    );
  // Read-only whatever the inputs say: a review changes nothing, and has no use for the network.
  const settings = { ...input.settings, sandbox: 'read-only' as const, networkAccess: false };
  const auth = { serverUrl: runner.serverUrl, token: settings.githubToken };
  const workspace = { runner, createGit: input.deps.createGit, startCodex: input.deps.startCodex };
  return withCodexWorkspace({ ...workspace, onEvent: activity.listener }, async ({ git, runCodex }) => {
    const plan = await stage('Prepare the workspace', async () =>
      prepareWorkspace({
        git,
        pull,
        isFork: input.isFork,
        settings,
        defaultBranch: input.defaultBranchFromEvent ?? pull.baseRef,
        auth,
        continuesPullRequest: false,
      }),
    );
    const headSha = await git.headSha();
    const diff = await git.unifiedDiffSince(plan.trustedRef).catch((error: unknown) => {
      throw new ActionError(
        `the diff of pull request #${pull.number} (${pull.baseRef}...head) could not be computed: ${getErrorMessage(error)}`,
        'A shallow checkout may lack the commit where the branches meet: give actions/checkout `fetch-depth: 0`.',
      );
    });
    const codexInput = buildReviewInput(task, {
      owner: runner.owner,
      repo: runner.repo,
      focus: input.focus,
      diff,
      maintainerInstructions: settings.instructions,
      agentsMd: await git.readFileAt(plan.trustedRef, 'AGENTS.md'),
    });
    const { result } = await runCodex({
      name: 'Codex (review, read-only)',
      settings,
      input: codexInput,
      outputSchema: REVIEW_OUTPUT_SCHEMA as unknown as Record<string, unknown>,
    });
    const facts = {
      threadId: result.threadId,
      usage: result.usage ?? activity.usage,
      commandsRun: activity.commands.length,
    };
    if (result.status !== 'completed')
      return {
        ...facts,
        conclusion: 'failed',
        finalMessage: result.finalMessage,
        reason: `Codex ${result.status === 'timed-out' ? 'timed out' : 'failed'}: ${result.error}`,
      };
    const secrets = secretsInFinalMessage(scanner, result.finalMessage, 'review');
    if (secrets !== undefined) return { ...facts, conclusion: 'failed', reason: secrets };

    const parsed = parseReviewAnswer(result.finalMessage);
    let answer: ReviewAnswer;
    let unstructured: string | undefined;
    if (parsed.ok) {
      answer = parsed.answer;
    } else {
      core.warning(`Codex's answer is not a valid review (${parsed.why}); posting its message as a plain summary.`);
      unstructured = parsed.why;
      answer = { summary: result.finalMessage.trim() || 'Codex gave no answer.', comments: [], verdict: 'comment' };
    }
    const placed = placeComments(answer.comments, indexDiff(diff));
    const posted = await stage('Post the review', () =>
      postReview({
        github: input.github,
        pullNumber: pull.number,
        headSha,
        answer,
        ...placed,
        runUrl: runner.runUrl,
        redact: scanner.redact,
        unstructured,
        followVerdict: settings.reviewVerdicts && !input.isFork,
      }),
    );
    core.info(
      `Review (${posted.event}): ${posted.url} (${posted.inline.length} inline comment(s), ${posted.outsideDiff.length} outside the diff)`,
    );
    return {
      ...facts,
      conclusion: 'reviewed',
      // The summary is agent text: what the tracking comment quotes and the output carries is the inert version.
      finalMessage: makeReviewTextInert(answer.summary),
      review: { url: posted.url, inline: posted.inline, outsideDiff: posted.outsideDiff, structured: parsed.ok },
    };
  });
}
