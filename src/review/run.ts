// Owns review mode from a passed gate to a posted review: the pull request's head in the checkout, its
// base…head diff, a disposable copy where Codex reads under the read-only sandbox, the structured answer read
// back (or the plain message when it does not validate), and one pull request review. work.ts hands a review
// task here and nothing else of a task's pipeline (collect, policy, publish) runs.
// Must never: commit, push, or bring anything from Codex's copy back into the checkout.
import * as core from '@actions/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { runCodexTask } from '../codex/run.js';
import { ActionError, getErrorMessage } from '../errors.js';
import type { RunOutcome } from '../outcome.js';
import { makeReviewTextInert } from '../report/review.js';
import { stage } from '../stage.js';
import type { WorkInput } from '../work.js';
import type { WorkspaceCopy } from '../workspace/copy.js';
import { createWorkspaceCopy, removeTree } from '../workspace/copy.js';
import { prepareWorkspace } from '../workspace/prepare.js';
import { REVIEW_OUTPUT_SCHEMA, parseReviewAnswer, type ReviewAnswer } from './answer.js';
import { indexDiff, placeComments } from './diff-lines.js';
import { postReview } from './post.js';
import { buildReviewInput } from './prompt.js';

export async function reviewPullRequest(input: WorkInput, focus: string): Promise<RunOutcome> {
  const { task, runner, activity, scanner, pull } = input;
  if (!pull)
    throw new ActionError(
      'a review needs a pull request, and this task is not on one.',
      'Ask for a review on a pull request.',
    );
  // Read-only whatever the inputs say: a review changes nothing, and has no use for the network.
  const settings = { ...input.settings, sandbox: 'read-only' as const, networkAccess: false };
  const stateDir = path.join(runner.runnerTemp, `codex-task-action-${runner.runId}-${runner.runAttempt}`);
  const scratchDir = path.join(stateDir, 'scratch');
  const auth = { serverUrl: runner.serverUrl, token: settings.githubToken };
  const git = await input.deps.createGit(runner.workspace);
  const restoreCredentials = await git.hideCredentials();
  let copy: WorkspaceCopy | undefined;
  try {
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
      focus,
      diff,
      maintainerInstructions: settings.instructions,
      agentsMd: await git.readFileAt(plan.trustedRef, 'AGENTS.md'),
    });
    await fs.mkdir(stateDir, { recursive: true });
    core.saveState('scratch-dir', scratchDir);
    const workCopy = await stage('Copy the checkout for Codex', () => createWorkspaceCopy(git, scratchDir));
    copy = workCopy;
    const result = await stage('Codex (review, read-only)', () =>
      runCodexTask({
        settings,
        prompt: codexInput.prompt,
        instructions: codexInput.instructions,
        copy: { workTree: workCopy.dir, gitDir: workCopy.gitDir, tmpDir: workCopy.tmpDir },
        toolCache: runner.toolCache,
        stateDir: scratchDir,
        startSession: input.deps.startCodex,
        onEvent: activity.listener,
        outputSchema: REVIEW_OUTPUT_SCHEMA as unknown as Record<string, unknown>,
      }),
    );
    const facts: RunOutcome = {
      conclusion: 'failed',
      threadId: result.threadId,
      usage: result.usage ?? activity.usage,
      commandsRun: activity.commands.length,
    };
    if (result.status !== 'completed')
      return {
        ...facts,
        finalMessage: result.finalMessage,
        reason: `Codex ${result.status === 'timed-out' ? 'timed out' : 'failed'}: ${result.error}`,
      };
    const secrets = scanner.detect(result.finalMessage);
    if (secrets.length > 0)
      return {
        ...facts,
        reason: `Codex's review contains ${secrets.join(' and ')}; a review that surfaces a secret is not posted.`,
      };

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
  } finally {
    await (copy?.remove() ?? removeTree(scratchDir)).catch((error: unknown) =>
      core.warning(`Codex's copy of the checkout at ${scratchDir} could not be removed: ${getErrorMessage(error)}`),
    );
    await restoreCredentials();
  }
}
