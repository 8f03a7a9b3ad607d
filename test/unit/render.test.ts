// Unit tests for the words a person reads (src/report/render.ts): tracking comment, refusal, job summary.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { finalComment, jobSummary, refusedComment, workingComment } from '../../src/report/render.ts';
import type { RenderContext } from '../../src/report/render.ts';
import type { Conclusion, RunOutcome } from '../../src/outcome.ts';
import { ACTION_MARKER } from '../../src/report/markers.ts';
import type { ChangedFile } from '../../src/git/git.ts';

const RUN_URL = 'https://github.com/octo-org/octo-repo/actions/runs/987654321';
const CTX: RenderContext = { runUrl: RUN_URL, requester: 'alice', durationMs: 83_400 };
const SUMMARY_CTX = { ...CTX, task: 'handle an empty config file', commandsRun: 4 };
const PATCH = '/home/runner/work/_temp/codex-task-action-987654321-1/changes.patch';
const FILES: ChangedFile[] = [
  { path: 'src/config.ts', status: 'modified', mode: '100644', additions: 12, deletions: 3 },
  { path: 'test/config.test.ts', status: 'added', mode: '100644', additions: 40, deletions: 0 },
];
const USAGE = { input: 24_000, cachedInput: 1_000, output: 800, total: 24_800 };
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b';

// Outcomes as publish.ts and main.ts build them.
const changed = {
  changedFiles: FILES,
  patchPath: PATCH,
  finalMessage: 'Empty config files now load as defaults.',
  usage: USAGE,
};
const OUTCOMES: { [C in Conclusion]: Extract<RunOutcome, { conclusion: C }> } = {
  'pull-request': {
    ...changed,
    conclusion: 'pull-request',
    branch: 'codex/issue-42-987654321',
    commitSha: SHA,
    pullRequest: { url: 'https://github.com/octo-org/octo-repo/pull/43', number: 43 },
    prUpdated: false,
  },
  committed: { ...changed, conclusion: 'committed', branch: 'feature/config', commitSha: SHA },
  patch: { ...changed, conclusion: 'patch' },
  'no-changes': { conclusion: 'no-changes', changedFiles: [], finalMessage: 'Nothing needed changing.' },
  reviewed: {
    conclusion: 'reviewed',
    finalMessage: 'The config loader misses one case.',
    usage: USAGE,
    review: {
      url: 'https://github.com/octo-org/octo-repo/pull/43#pullrequestreview-1',
      inline: [
        {
          path: 'src/config.ts',
          line: 12,
          startLine: undefined,
          body: 'An empty file throws here.',
          suggestion: 'return {};',
        },
      ],
      outsideDiff: [
        { path: 'src/other.ts', line: 3, startLine: undefined, body: 'Same issue here.', suggestion: undefined },
      ],
      structured: true,
    },
  },
  skipped: { conclusion: 'skipped', reason: "The comment does not contain the trigger phrase '/codex'." },
  refused: { conclusion: 'refused', reason: '@mallory has read permission; this action needs write.' },
  failed: {
    ...changed,
    conclusion: 'failed',
    branch: 'codex/issue-42-987654321',
    commitSha: SHA,
    reason:
      "the branch 'codex/issue-42-987654321' was pushed, but the pull request could not be opened: Validation Failed",
    hint: 'Open it from https://github.com/octo-org/octo-repo/compare/main...codex%2Fissue-42-987654321?expand=1',
  },
};
const MINIMAL_FAILED: RunOutcome = { conclusion: 'failed', reason: 'the action stopped before it started.' };

function assertClean(text: string, label: string): void {
  assert.doesNotMatch(text, /undefined|NaN|\[object Object\]/, `${label}:\n${text}`);
}

describe('workingComment', () => {
  it('starts with the marker, greets the requester and links the run', () => {
    const comment = workingComment({ runUrl: RUN_URL, requester: 'alice' });
    assert.ok(comment.startsWith(`${ACTION_MARKER}\n`));
    assert.match(comment, /@alice/);
    assert.ok(comment.includes(`(${RUN_URL})`));
    assertClean(comment, 'working');
  });
});

describe('refusedComment', () => {
  it('starts with the marker and gives the reason', () => {
    const comment = refusedComment('@mallory has read permission; this action needs write.');
    assert.ok(comment.startsWith(`${ACTION_MARKER}\n`));
    assert.match(comment, /can't run this request: @mallory has read permission; this action needs write\.$/);
  });
});

describe('finalComment', () => {
  for (const [conclusion, outcome] of Object.entries(OUTCOMES)) {
    it(`renders '${conclusion}' with the marker first, the run link, and no undefined or NaN`, () => {
      const comment = finalComment(outcome, CTX);
      assert.ok(comment.startsWith(`${ACTION_MARKER}\n`), comment);
      assert.ok(comment.includes(`[workflow run](${RUN_URL})`));
      assert.match(comment, /took 1 min 23 s/);
      assertClean(comment, conclusion);
    });
  }

  it('renders a minimal failure without undefined or NaN', () => {
    const comment = finalComment(MINIMAL_FAILED, { ...CTX, durationMs: 250 });
    assert.ok(comment.startsWith(`${ACTION_MARKER}\n`));
    assert.match(comment, /The task failed: the action stopped before it started\./);
    assert.match(comment, /took 250 ms<\/sub>$/);
    assertClean(comment, 'minimal failed');
    assertClean(finalComment({ conclusion: 'failed', reason: '' }, CTX), 'failed without reason');
  });

  it('links the pull request, and says whether it was opened or updated', () => {
    const opened = finalComment(OUTCOMES['pull-request'], CTX);
    assert.match(opened, /Opened pull request #43: https:\/\/github\.com\/octo-org\/octo-repo\/pull\/43/);
    const updated = finalComment({ ...OUTCOMES['pull-request'], prUpdated: true }, CTX);
    assert.match(updated, /Updated pull request #43: https:\/\/github\.com\/octo-org\/octo-repo\/pull\/43/);
  });

  it('names the short commit and the branch for committed', () => {
    assert.match(finalComment(OUTCOMES.committed, CTX), /Pushed 3f786850e387 to `feature\/config`\./);
  });

  it('gives the patch path for patch', () => {
    assert.ok(finalComment(OUTCOMES.patch, CTX).includes(`\`${PATCH}\``));
  });

  it('gives the reason, the hint and the kept patch for failed', () => {
    const comment = finalComment(OUTCOMES.failed, CTX);
    assert.match(
      comment,
      /❌ The task failed: the branch 'codex\/issue-42-987654321' was pushed, but the pull request could not be opened/,
    );
    assert.match(comment, /\*\*What to do:\*\* Open it from https:\/\/github\.com\/octo-org\/octo-repo\/compare\//);
    assert.ok(comment.includes(`the patch is at \`${PATCH}\``));
  });

  it('does not claim a rejected push pushed the branch', () => {
    // The outcome publish.ts returns in mode 'commit' when the push is rejected.
    const outcome: RunOutcome = {
      ...changed,
      conclusion: 'failed',
      commitSha: SHA,
      reason: "the push to 'feature/config' was rejected: ! [rejected] HEAD -> feature/config (fetch first)",
    };
    assert.doesNotMatch(finalComment(outcome, CTX), /was pushed/);
  });

  it('lists the changed files except for no-changes', () => {
    assert.match(
      finalComment(OUTCOMES['pull-request'], CTX),
      /<summary>2 changed file\(s\)<\/summary>[\s\S]*- `src\/config\.ts` \(modified, \+12 −3\)/,
    );
    assert.doesNotMatch(finalComment({ ...OUTCOMES['no-changes'], changedFiles: FILES }, CTX), /changed file\(s\)/);
  });

  it("quotes Codex's summary, clipped", () => {
    assert.match(
      finalComment(OUTCOMES.patch, CTX),
      /<summary>Codex's summary<\/summary>\n\nEmpty config files now load as defaults\.\n\n<\/details>/,
    );
    const long = finalComment({ ...OUTCOMES.patch, finalMessage: 'z'.repeat(5000) }, CTX);
    assert.ok(long.includes(`${'z'.repeat(3000)}…`));
    assert.ok(!long.includes('z'.repeat(3001)));
    assert.doesNotMatch(finalComment({ ...OUTCOMES.patch, finalMessage: '  ' }, CTX), /Codex's summary/);
  });

  it('reports token usage', () => {
    assert.match(finalComment(OUTCOMES['pull-request'], CTX), /24,800 tokens \(24,000 in, 800 out\)/);
  });

  it('rounds a duration just under a whole minute up to the next minute', () => {
    const comment = finalComment(OUTCOMES.patch, { ...CTX, durationMs: 119_600 });
    assert.match(comment, /took 2 min 0 s/);
  });
});

describe('jobSummary', () => {
  for (const [conclusion, outcome] of Object.entries(OUTCOMES)) {
    it(`renders '${conclusion}' as a table with the outcome, and no undefined or NaN`, () => {
      const summary = jobSummary(outcome, SUMMARY_CTX);
      assert.ok(summary.startsWith('## codex-task-action\n\n| | |\n|---|---|\n'));
      assert.match(summary, new RegExp(`^\\| Outcome \\| ${conclusion} \\|$`, 'm'));
      assert.match(summary, /^\| Requested by \| @alice \|$/m);
      assert.match(summary, /^\| Commands run \| 4 \|$/m);
      assertClean(summary, conclusion);
    });
  }

  it('renders a minimal failure without undefined or NaN', () => {
    const summary = jobSummary(MINIMAL_FAILED, { ...SUMMARY_CTX, task: '', commandsRun: 0 });
    assert.match(summary, /^\| Task \| \(the issue itself\) \|$/m);
    assert.match(summary, /^\| Token usage \| not reported \|$/m);
    assertClean(summary, 'minimal failed');
  });

  it('links the pull request and names branch, commit and patch', () => {
    const summary = jobSummary(OUTCOMES['pull-request'], SUMMARY_CTX);
    assert.match(summary, /^\| Pull request \| https:\/\/github\.com\/octo-org\/octo-repo\/pull\/43 \|$/m);
    assert.match(summary, /^\| Branch \| `codex\/issue-42-987654321` \|$/m);
    assert.match(summary, new RegExp(`^\\| Commit \\| \`${SHA}\` \\|$`, 'm'));
    assert.ok(summary.includes(`| Patch | \`${PATCH}\` |`));
    assert.match(summary, /### Changed files\n- `src\/config\.ts`/);
  });

  it('keeps a multi-line task with pipes inside its row', () => {
    const summary = jobSummary(OUTCOMES.patch, { ...SUMMARY_CTX, task: 'make a | b\nwork' });
    assert.match(summary, /^\| Task \| make a \\\| b work \|$/m);
  });

  it('keeps a multi-line reason with pipes inside its row', () => {
    const outcome: RunOutcome = { conclusion: 'failed', reason: 'Codex failed: exit 1\nerror: a | b' };
    const summary = jobSummary(outcome, SUMMARY_CTX);
    const table = summary.split('\n\n')[1] ?? '';
    for (const line of table.split('\n').filter(Boolean)) assert.match(line, /^\|[^|]*\|(?:[^|\\]|\\\|)*\|$/, line);
  });
});
