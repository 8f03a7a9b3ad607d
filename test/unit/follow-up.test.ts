// Unit tests for which pull request a run adds its commit to (src/publish/follow-up.ts): only one the action
// opened, recognised by its marker AND a branch name the action gives, or the one a review comment is on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { continuesPullRequest } from '../../src/publish/follow-up.ts';
import { workBranchName } from '../../src/publish/naming.ts';
import { ACTION_MARKER } from '../../src/report/markers.ts';

const onComment = { source: { kind: 'comment' as const, commentId: 1, url: '' } };
const opened = { body: `${ACTION_MARKER}\nAdded the flag.`, headRef: workBranchName('codex/', 42, '1234', '1') };

describe('continuesPullRequest', () => {
  it('continues a pull request the action opened: its marker and a branch the action named', () => {
    assert.equal(continuesPullRequest(onComment, opened, 'codex/'), true);
    assert.equal(continuesPullRequest(onComment, { ...opened, headRef: 'codex/run-99-2' }, 'codex/'), true);
  });

  it('does not continue a pull request whose body carries the marker on a branch the action did not name', () => {
    // Anyone can paste the hidden marker into a body; a branch under the prefix can be anyone's too.
    assert.equal(continuesPullRequest(onComment, { ...opened, headRef: 'codex/my-feature' }, 'codex/'), false);
    assert.equal(continuesPullRequest(onComment, { ...opened, headRef: 'main' }, ''), false);
    assert.equal(continuesPullRequest(onComment, { ...opened, headRef: 'feature/issue-1-2' }, 'codex/'), false);
  });

  it('does not continue a pull request on the action branch without the marker, or when there is none', () => {
    assert.equal(continuesPullRequest(onComment, { ...opened, body: 'Added the flag.' }, 'codex/'), false);
    assert.equal(continuesPullRequest(onComment, undefined, 'codex/'), false);
  });

  it("continues the pull request a review comment is on, whoever's branch it is", () => {
    const review = { source: { kind: 'review-comment' as const, commentId: 2, url: '', location: LOCATION } };
    assert.equal(continuesPullRequest(review, { body: '', headRef: 'feature/loud' }, 'codex/'), true);
    assert.equal(continuesPullRequest(review, undefined, 'codex/'), false);
  });
});

const LOCATION = { path: 'a.js', startLine: undefined, line: 1, diffHunk: '' };
