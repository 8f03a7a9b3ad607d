import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  inertText
} from "./chunk-T5LBMU7D.js";

// src/task/trigger.ts
var escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function findTrigger(text, phrase) {
  if (!phrase) return { found: false };
  const pattern = new RegExp(`(^|\\s)${escapeRegExp(phrase)}(?=\\s|$)`, "u");
  const withoutCode = blankOutCode(text);
  const match = pattern.exec(withoutCode);
  if (!match) return { found: false };
  const end = match.index + match[0].length;
  return { found: true, request: text.slice(end).trim() };
}
function blankOutCode(text) {
  const blank = (fragment) => fragment.replace(/[^\n]/g, " ");
  return text.replace(/<!--[\s\S]*?(-->|$)/g, blank).replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(^\1[^\S\n]*$|(?![\s\S]))/gm, blank).replace(/`[^`\n]*`/g, blank);
}

// src/task/task.ts
var ACTION_MARKER = "<!-- codex-task-action -->";
var WORKING_MARKER = "<!-- codex-task-action:working";
var ACTIONS_BOT = "github-actions[bot]";
var REVIEW_ACTIONS = ["opened", "synchronize", "ready_for_review"];
var REVIEW_REQUEST = /^review\b[\s:,-]*/i;
var skip = (reason) => ({ kind: "skip", reason });
function decideTask(eventName, rawPayload, settings, fallbackActor) {
  const decision = decideAnyTask(eventName, rawPayload, settings, fallbackActor);
  if (decision.kind === "skip" || decision.task.review) return decision;
  const { task } = decision;
  const asked = REVIEW_REQUEST.exec(task.request);
  if (task.thread?.isPullRequest && (settings.mode === "review" || asked)) {
    return {
      kind: "task",
      task: { ...task, review: { focus: asked ? task.request.slice(asked[0].length).trim() : task.request } }
    };
  }
  if (settings.mode === "review")
    return skip("mode 'review' reviews pull requests, and this task is not on a pull request.");
  return decision;
}
function decideAnyTask(eventName, rawPayload, settings, fallbackActor) {
  const payload = rawPayload ?? {};
  const issue = payload.issue ?? payload.pull_request;
  const thread = issue ? toThread(issue, payload.pull_request !== void 0) : void 0;
  const requester = toActor(payload.sender, fallbackActor);
  if (eventName === "pull_request" && settings.mode === "review") {
    const action = payload.action ?? "";
    if (!REVIEW_ACTIONS.includes(action))
      return skip(`Pull request was ${action || "changed"}; mode review runs on ${REVIEW_ACTIONS.join(", ")}.`);
    if (payload.pull_request?.draft)
      return skip("The pull request is a draft; it is reviewed when it is ready for review.");
    const author = toActor(payload.pull_request?.user ?? void 0, void 0);
    if (!thread || !author) return skip("The pull_request payload has no pull request or author.");
    return {
      kind: "task",
      task: {
        eventName,
        request: settings.prompt ?? "",
        requester: author,
        thread,
        source: { kind: "issue" },
        review: { focus: settings.prompt?.trim() ?? "" }
      }
    };
  }
  if (settings.prompt !== void 0) {
    if (!requester)
      return skip(
        `The '${eventName}' event names no sender and GITHUB_ACTOR is not set; nobody to check permissions for.`
      );
    const source = eventName === "issue_comment" && payload.comment?.id ? {
      kind: "comment",
      commentId: payload.comment.id,
      url: payload.comment.html_url ?? "",
      ...payload.comment.created_at ? { createdAt: payload.comment.created_at } : {}
    } : thread ? { kind: "issue" } : { kind: "workflow" };
    return { kind: "task", task: { eventName, request: settings.prompt, requester, thread, source } };
  }
  if (eventName === "issue_comment" || eventName === "pull_request_review_comment") {
    const review = eventName === "pull_request_review_comment";
    if (payload.action !== "created")
      return skip(
        `${review ? "Review comment" : "Comment"} was ${payload.action ?? "changed"}, not created; only new comments trigger.`
      );
    const comment = payload.comment;
    const body = comment?.body ?? "";
    if (!comment?.id || !thread || !requester)
      return skip(`The ${eventName} payload has no comment, ${review ? "pull request" : "issue"} or sender.`);
    if (body.includes(ACTION_MARKER)) return skip("The comment was written by this action.");
    if (comment.user?.login === ACTIONS_BOT) return skip("The comment was written by GitHub Actions.");
    const trigger = findTrigger(body, settings.triggerPhrase);
    if (!trigger.found)
      return skip(
        `The ${review ? "review comment" : "comment"} does not contain the trigger phrase '${settings.triggerPhrase}'.`
      );
    const url = comment.html_url ?? thread.url;
    const source = review ? {
      kind: "review-comment",
      commentId: comment.id,
      url,
      createdAt: comment.created_at,
      location: {
        path: comment.path ?? "",
        startLine: comment.start_line ?? void 0,
        line: comment.line ?? comment.original_line ?? void 0,
        diffHunk: comment.diff_hunk ?? ""
      }
    } : { kind: "comment", commentId: comment.id, url, createdAt: comment.created_at };
    return { kind: "task", task: { eventName, request: trigger.request, requester, thread, source } };
  }
  if (eventName === "issues") {
    if (!thread || !requester) return skip("The issues payload has no issue or sender.");
    if (payload.action === "opened") {
      if (thread.body.includes(ACTION_MARKER)) return skip("The issue was written by this action.");
      const trigger = findTrigger(thread.body, settings.triggerPhrase);
      if (!trigger.found)
        return skip(`The issue body does not contain the trigger phrase '${settings.triggerPhrase}'.`);
      return {
        kind: "task",
        task: { eventName, request: trigger.request, requester, thread, source: { kind: "issue" } }
      };
    }
    if (payload.action === "labeled") {
      if (!settings.triggerLabel) return skip("An issue was labeled, but no 'trigger-label' is configured.");
      if ((payload.label?.name ?? "").toLowerCase() !== settings.triggerLabel.toLowerCase()) {
        return skip(`The label '${payload.label?.name ?? ""}' is not the trigger label '${settings.triggerLabel}'.`);
      }
      return { kind: "task", task: { eventName, request: "", requester, thread, source: { kind: "issue" } } };
    }
    if (payload.action === "assigned") {
      if (!settings.triggerAssignee) return skip("An issue was assigned, but no 'trigger-assignee' is configured.");
      const assignee = payload.assignee?.login ?? "";
      if (assignee.toLowerCase() !== settings.triggerAssignee.toLowerCase())
        return skip(
          `The issue was assigned to '${assignee}', not to the trigger assignee '${settings.triggerAssignee}'.`
        );
      return { kind: "task", task: { eventName, request: "", requester, thread, source: { kind: "issue" } } };
    }
    return skip(`Issue was ${payload.action ?? "changed"}; only 'opened', 'labeled' and 'assigned' trigger.`);
  }
  if (eventName === "workflow_dispatch")
    return skip("A workflow_dispatch run needs the 'prompt' input to say what to do.");
  return skip(`The '${eventName}' event is not supported without the 'prompt' input.`);
}
function toThread(issue, fromPullRequestEvent) {
  if (typeof issue.number !== "number") return void 0;
  return {
    number: issue.number,
    title: issue.title ?? "",
    body: issue.body ?? "",
    url: issue.html_url ?? "",
    author: issue.user?.login,
    isPullRequest: fromPullRequestEvent || issue.pull_request !== void 0,
    ...fromPullRequestEvent && issue.head?.sha ? { headShaAtTrigger: issue.head.sha } : {}
  };
}
function toActor(user, fallbackLogin) {
  if (user?.login) return { login: user.login, id: user.id, type: user.type };
  if (fallbackLogin) return { login: fallbackLogin, id: void 0, type: void 0 };
  return void 0;
}

// src/publish/naming.ts
function workBranchName(prefix, issueNumber, runId, runAttempt) {
  const run = `${runId.replace(/\D/g, "") || "0"}${runAttempt !== "1" ? `-${runAttempt.replace(/\D/g, "")}` : ""}`;
  return issueNumber !== void 0 ? `${prefix}issue-${issueNumber}-${run}` : `${prefix}run-${run}`;
}
function summaryLine(text, max = 72) {
  const firstLine = text.replace(/<!--[\s\S]*?-->/g, " ").split("\n").find((candidate) => candidate.trim() !== "") ?? "";
  const line = firstLine.replace(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g, " ").replace(/[`*_#>[\]]/g, "").replace(/@(?=\w)/g, "");
  const collapsed = line.replace(/\s+/g, " ").trim();
  if (collapsed.length <= max) return collapsed;
  let cut = "";
  for (const character of collapsed) {
    if (cut.length + character.length > max - 1) break;
    cut += character;
  }
  return `${cut.trimEnd()}\u2026`;
}
function taskTitle(task) {
  const fromRequest = summaryLine(task.request);
  if (fromRequest) return inertText(fromRequest, "plain");
  if (task.thread) return inertText(summaryLine(task.thread.title), "plain") || `Resolve #${task.thread.number}`;
  return "Codex task";
}
function commitMessage(task, runUrl) {
  const lines = [taskTitle(task), ""];
  lines.push(
    task.thread ? `Requested by @${task.requester.login} in #${task.thread.number}.` : `Requested by @${task.requester.login}.`
  );
  lines.push(`Made by Codex in ${runUrl}`);
  const trailer = coAuthorTrailer(task);
  if (trailer) lines.push("", trailer);
  return `${lines.join("\n")}
`;
}
function coAuthorTrailer(task) {
  const { login, id } = task.requester;
  if (task.requester.type === "Bot" || login.endsWith("[bot]")) return void 0;
  const email = id !== void 0 ? `${id}+${login}@users.noreply.github.com` : `${login}@users.noreply.github.com`;
  return `Co-authored-by: ${login} <${email}>`;
}
function pullRequestBody({ task, finalMessage, files, runUrl }) {
  const parts = [ACTION_MARKER];
  parts.push(inertText(finalMessage.trim()) || "_Codex did not describe its change._");
  parts.push(`### Changed files
${formatFileList(files)}`);
  const footer = [];
  if (task.thread && !task.thread.isPullRequest) footer.push(`Closes #${task.thread.number}`);
  else if (task.thread) footer.push(`Follows up on #${task.thread.number}`);
  footer.push(`Requested by @${task.requester.login} \xB7 [workflow run](${runUrl}) \xB7 made with codex-task-action`);
  parts.push(footer.join("\n\n"));
  return parts.join("\n\n");
}
function formatFileList(files, limit = 100) {
  const shown = files.slice(0, limit).map((file) => `- \`${inertFileName(file.path)}\` (${file.status}, +${file.additions} \u2212${file.deletions})`);
  if (files.length > limit) shown.push(`- \u2026 and ${files.length - limit} more`);
  return shown.join("\n") || "_none_";
}
function inertFileName(name) {
  const visible = name.replace(/`/g, "'").replace(/[\u0000-\u001F\u007F]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return inertText(visible);
}

export {
  ACTION_MARKER,
  WORKING_MARKER,
  ACTIONS_BOT,
  decideTask,
  workBranchName,
  taskTitle,
  commitMessage,
  pullRequestBody,
  formatFileList
};
