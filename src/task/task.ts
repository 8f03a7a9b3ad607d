// Owns the decision "is there a task in this event, and what is it": event name + webhook payload + settings
// in, a Task or a Skip with its reason out. Pure: no API calls, no logging, no environment.
import { ACTION_MARKER } from '../report/markers.js';
import type { Settings } from '../settings.js';
import { findTrigger } from './trigger.js';

/** The identity of GITHUB_TOKEN: what it writes never triggers the action. */
export const ACTIONS_BOT = 'github-actions[bot]';

export interface Actor {
  login: string;
  id: number | undefined;
  type: string | undefined;
}

/** The issue or pull request the task belongs to; where replies go. */
export interface Thread {
  number: number;
  title: string;
  body: string;
  url: string;
  author: string | undefined;
  isPullRequest: boolean;
  /** A pull request's head commit as the event payload recorded it (pull_request_* events only; never an issue comment). */
  headShaAtTrigger?: string;
}

/** Where in a pull request's diff a review comment was written. */
export interface CodeLocation {
  path: string;
  startLine: number | undefined;
  line: number | undefined;
  diffHunk: string;
}

export type TriggerSource =
  | { kind: 'comment'; commentId: number; url: string; createdAt?: string }
  | { kind: 'review-comment'; commentId: number; url: string; createdAt?: string; location: CodeLocation }
  | { kind: 'issue' }
  | { kind: 'workflow' };

export interface Task {
  eventName: string;
  /** What the requester asked for: the text after the trigger phrase, or the `prompt` input. */
  request: string;
  /** Who asked: their permission is checked, their name goes in the commit trailer. */
  requester: Actor;
  thread: Thread | undefined;
  source: TriggerSource;
  /** Set for a review of the pull request (`/codex review [focus]`, or mode review): read-only, nothing pushed. */
  review?: { focus: string };
}

/** The pull_request actions that start a review under `mode: review`. */
export const REVIEW_ACTIONS = ['opened', 'synchronize', 'ready_for_review'] as const;
/** `/codex review`, optionally followed by what to focus on. */
const REVIEW_REQUEST = /^review\b[\s:,-]*/i;

export type TaskDecision = { kind: 'task'; task: Task } | { kind: 'skip'; reason: string };

interface Payload {
  action?: string;
  comment?: {
    id?: number;
    body?: string | null;
    html_url?: string;
    user?: PayloadUser | null;
    created_at?: string;
    path?: string;
    line?: number | null;
    start_line?: number | null;
    original_line?: number | null;
    diff_hunk?: string;
  };
  assignee?: PayloadUser | null;
  issue?: PayloadIssue;
  pull_request?: PayloadIssue;
  label?: { name?: string };
  sender?: PayloadUser;
}
interface PayloadUser {
  login?: string;
  id?: number;
  type?: string;
}
interface PayloadIssue {
  number?: number;
  title?: string;
  body?: string | null;
  html_url?: string;
  user?: PayloadUser | null;
  pull_request?: unknown;
  head?: { sha?: string };
  draft?: boolean;
}

const skip = (reason: string): TaskDecision => ({ kind: 'skip', reason });

/** The inputs that decide whether an event is a task (mode only when the inputs are valid). */
type TaskSettings = Pick<Settings, 'prompt' | 'triggerPhrase' | 'triggerLabel' | 'triggerAssignee'> &
  Partial<Pick<Settings, 'mode'>>;

export function decideTask(
  eventName: string,
  rawPayload: unknown,
  settings: TaskSettings,
  fallbackActor?: string,
): TaskDecision {
  const decision = decideAnyTask(eventName, rawPayload, settings, fallbackActor);
  if (decision.kind === 'skip' || decision.task.review) return decision;
  const { task } = decision;
  // `/codex review ...` on a pull request, or any task under mode review, is a review.
  const asked = REVIEW_REQUEST.exec(task.request);
  if (task.thread?.isPullRequest && (settings.mode === 'review' || asked)) {
    return {
      kind: 'task',
      task: { ...task, review: { focus: asked ? task.request.slice(asked[0].length).trim() : task.request } },
    };
  }
  if (settings.mode === 'review')
    return skip("mode 'review' reviews pull requests, and this task is not on a pull request.");
  return decision;
}

function decideAnyTask(
  eventName: string,
  rawPayload: unknown,
  settings: TaskSettings,
  fallbackActor?: string,
): TaskDecision {
  const payload = (rawPayload ?? {}) as Payload;
  const issue = payload.issue ?? payload.pull_request;
  const thread = issue ? toThread(issue, payload.pull_request !== undefined) : undefined;
  const requester = toActor(payload.sender, fallbackActor);

  if (eventName === 'pull_request' && settings.mode === 'review') {
    const action = payload.action ?? '';
    if (!(REVIEW_ACTIONS as readonly string[]).includes(action))
      return skip(`Pull request was ${action || 'changed'}; mode review runs on ${REVIEW_ACTIONS.join(', ')}.`);
    if (payload.pull_request?.draft)
      return skip('The pull request is a draft; it is reviewed when it is ready for review.');
    // The pull request's author asks for the review: they pass the gate like any requester.
    const author = toActor(payload.pull_request?.user ?? undefined, undefined);
    if (!thread || !author) return skip('The pull_request payload has no pull request or author.');
    return {
      kind: 'task',
      task: {
        eventName,
        request: settings.prompt ?? '',
        requester: author,
        thread,
        source: { kind: 'issue' },
        review: { focus: settings.prompt?.trim() ?? '' },
      },
    };
  }

  if (settings.prompt !== undefined) {
    if (!requester)
      return skip(
        `The '${eventName}' event names no sender and GITHUB_ACTOR is not set; nobody to check permissions for.`,
      );
    const source: TriggerSource =
      eventName === 'issue_comment' && payload.comment?.id
        ? {
            kind: 'comment',
            commentId: payload.comment.id,
            url: payload.comment.html_url ?? '',
            ...(payload.comment.created_at ? { createdAt: payload.comment.created_at } : {}),
          }
        : thread
          ? { kind: 'issue' }
          : { kind: 'workflow' };
    return { kind: 'task', task: { eventName, request: settings.prompt, requester, thread, source } };
  }

  if (eventName === 'issue_comment' || eventName === 'pull_request_review_comment') {
    const review = eventName === 'pull_request_review_comment';
    if (payload.action !== 'created')
      return skip(
        `${review ? 'Review comment' : 'Comment'} was ${payload.action ?? 'changed'}, not created; only new comments trigger.`,
      );
    const comment = payload.comment;
    const body = comment?.body ?? '';
    if (!comment?.id || !thread || !requester)
      return skip(`The ${eventName} payload has no comment, ${review ? 'pull request' : 'issue'} or sender.`);
    if (body.includes(ACTION_MARKER)) return skip('The comment was written by this action.');
    if (comment.user?.login === ACTIONS_BOT) return skip('The comment was written by GitHub Actions.');
    const trigger = findTrigger(body, settings.triggerPhrase);
    if (!trigger.found)
      return skip(
        `The ${review ? 'review comment' : 'comment'} does not contain the trigger phrase '${settings.triggerPhrase}'.`,
      );
    const url = comment.html_url ?? thread.url;
    const source: TriggerSource = review
      ? {
          kind: 'review-comment',
          commentId: comment.id,
          url,
          createdAt: comment.created_at,
          location: {
            path: comment.path ?? '',
            startLine: comment.start_line ?? undefined,
            line: comment.line ?? comment.original_line ?? undefined,
            diffHunk: comment.diff_hunk ?? '',
          },
        }
      : { kind: 'comment', commentId: comment.id, url, createdAt: comment.created_at };
    return { kind: 'task', task: { eventName, request: trigger.request, requester, thread, source } };
  }

  if (eventName === 'issues') {
    if (!thread || !requester) return skip('The issues payload has no issue or sender.');
    if (payload.action === 'opened') {
      if (thread.body.includes(ACTION_MARKER)) return skip('The issue was written by this action.');
      const trigger = findTrigger(thread.body, settings.triggerPhrase);
      if (!trigger.found)
        return skip(`The issue body does not contain the trigger phrase '${settings.triggerPhrase}'.`);
      return {
        kind: 'task',
        task: { eventName, request: trigger.request, requester, thread, source: { kind: 'issue' } },
      };
    }
    if (payload.action === 'labeled') {
      if (!settings.triggerLabel) return skip("An issue was labeled, but no 'trigger-label' is configured.");
      // GitHub treats label names case-insensitively ('Codex' and 'codex' are one label), and so does the action.
      if ((payload.label?.name ?? '').toLowerCase() !== settings.triggerLabel.toLowerCase()) {
        return skip(`The label '${payload.label?.name ?? ''}' is not the trigger label '${settings.triggerLabel}'.`);
      }
      // Labeling hands over the whole issue: the request is the issue itself.
      return { kind: 'task', task: { eventName, request: '', requester, thread, source: { kind: 'issue' } } };
    }
    if (payload.action === 'assigned') {
      if (!settings.triggerAssignee) return skip("An issue was assigned, but no 'trigger-assignee' is configured.");
      const assignee = payload.assignee?.login ?? '';
      if (assignee.toLowerCase() !== settings.triggerAssignee.toLowerCase())
        return skip(
          `The issue was assigned to '${assignee}', not to the trigger assignee '${settings.triggerAssignee}'.`,
        );
      // Assigning the issue hands it over whole, like the trigger label.
      return { kind: 'task', task: { eventName, request: '', requester, thread, source: { kind: 'issue' } } };
    }
    return skip(`Issue was ${payload.action ?? 'changed'}; only 'opened', 'labeled' and 'assigned' trigger.`);
  }

  if (eventName === 'workflow_dispatch')
    return skip("A workflow_dispatch run needs the 'prompt' input to say what to do.");
  return skip(`The '${eventName}' event is not supported without the 'prompt' input.`);
}

function toThread(issue: PayloadIssue, fromPullRequestEvent: boolean): Thread | undefined {
  if (typeof issue.number !== 'number') return undefined;
  return {
    number: issue.number,
    title: issue.title ?? '',
    body: issue.body ?? '',
    url: issue.html_url ?? '',
    author: issue.user?.login,
    isPullRequest: fromPullRequestEvent || issue.pull_request !== undefined,
    ...(fromPullRequestEvent && issue.head?.sha ? { headShaAtTrigger: issue.head.sha } : {}),
  };
}

function toActor(user: PayloadUser | undefined, fallbackLogin: string | undefined): Actor | undefined {
  if (user?.login) return { login: user.login, id: user.id, type: user.type };
  if (fallbackLogin) return { login: fallbackLogin, id: undefined, type: undefined };
  return undefined;
}
