import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  ACTION_MARKER,
  WORKING_MARKER,
  createSecretScanner,
  dialsOutputs,
  dialsSummary,
  formatFileList,
  inertLog,
  inertLogText,
  inertText,
  reviewCommentList,
  stage
} from "./chunks/chunk-WSYKP46Q.js";
import {
  loadSettings,
  permissionAtLeast
} from "./chunks/chunk-Y3UKQWL5.js";
import {
  groupDigits
} from "./chunks/chunk-RUGKA76V.js";
import {
  ActionError,
  getErrorMessage
} from "./chunks/chunk-LBANA4DG.js";
import {
  debug,
  error,
  info,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunks/chunk-3TNFEIE5.js";

// src/main.ts
import path3 from "node:path";

// src/deps.ts
async function loadDefaultDependencies() {
  const { createGitHubClient } = await import("./chunks/github-LNWMSJSZ.js");
  const later = Promise.all([import("./chunks/git-3IUNVE6S.js"), import("./chunks/session-K3Y4PAQ2.js")]);
  later.catch(() => void 0);
  return {
    createGitHub: createGitHubClient,
    createGit: async (dir, location) => (await later)[0].createGit(dir, location),
    startCodex: async (options) => (await later)[1].startMcpSession(options)
  };
}
function connect(settings, runner, deps, reviewThread) {
  const github = deps.createGitHub({
    token: settings.githubToken,
    apiUrl: runner.apiUrl,
    owner: runner.owner,
    repo: runner.repo,
    runUrl: runner.runUrl,
    reviewThread
  });
  const scanner = createSecretScanner([
    { name: "the GitHub token", value: settings.githubToken },
    { name: "the OpenAI key", value: settings.openaiApiKey }
  ]);
  return { github, scanner };
}

// src/gate.ts
async function gateTask(task, settings, runner, github) {
  const actor = await checkActor(task.requester, settings, github);
  if (!actor.allowed) return actor;
  if (!task.thread?.isPullRequest) return { ...actor, pull: void 0, isFork: false };
  const pull = await github.getPullRequest(task.thread.number);
  const isFork = isForkOf(pull, runner.owner, runner.repo);
  const open = checkPullRequest(pull, isFork, {
    allowForks: task.review ? settings.allowForkReviews : settings.allowForks
  });
  const head = isFork && open.allowed ? await checkForkHead(task, pull, github) : open;
  if (!head.allowed) return head;
  return { ...actor, pull, isFork };
}
function isBot(actor) {
  return actor.type === "Bot" || actor.login.toLowerCase().endsWith("[bot]");
}
async function checkActor(actor, settings, github) {
  if (isBot(actor)) {
    if (settings.allowedBots.includes(actor.login))
      return { allowed: true, why: `@${actor.login} is listed in 'allowed-bots'` };
    return { allowed: false, reason: `@${actor.login} is a bot account and is not listed in 'allowed-bots'.` };
  }
  let permission;
  try {
    permission = await github.getPermission(actor.login);
  } catch (error2) {
    throw new ActionError(
      `the permission of @${actor.login} could not be checked, so the task did not start: ${getErrorMessage(error2)}`,
      "This is GitHub failing, not a refusal: ask again once the API answers."
    );
  }
  if (!permissionAtLeast(permission, settings.requiredPermission)) {
    return {
      allowed: false,
      reason: `@${actor.login} has '${permission}' permission on this repository; '${settings.requiredPermission}' or higher is required.`
    };
  }
  return { allowed: true, why: `@${actor.login} has '${permission}' permission` };
}
function isForkOf(pull, owner, repo) {
  return pull.headRepo?.toLowerCase() !== `${owner}/${repo}`.toLowerCase();
}
function checkPullRequest(pull, isFork, settings) {
  if (pull.state !== "open") return { allowed: false, reason: `pull request #${pull.number} is ${pull.state}.` };
  if (isFork && !settings.allowForks) {
    return {
      allowed: false,
      reason: `pull request #${pull.number} comes from the fork ${pull.headRepo ?? "(a deleted repository)"}, and 'allow-forks' is off; ask on an issue, or push the branch to this repository.`
    };
  }
  return { allowed: true, why: isFork ? "fork allowed by allow-forks" : "same repository" };
}
async function checkForkHead(task, pull, github) {
  const ask = "Look at the new commits, then ask again.";
  const recorded = task.thread?.headShaAtTrigger;
  if (recorded) {
    if (recorded === pull.headSha)
      return { allowed: true, why: `the fork's head is ${short(recorded)}, as when the request was made` };
    return {
      allowed: false,
      reason: `the head of pull request #${pull.number} moved from ${short(recorded)} to ${short(pull.headSha)} after the request was made, so the action will not work on commits the requester has not seen. ${ask}`
    };
  }
  const askedAt = task.source.kind === "comment" || task.source.kind === "review-comment" ? task.source.createdAt : void 0;
  if (!askedAt || Number.isNaN(Date.parse(askedAt))) {
    return {
      allowed: false,
      reason: `the event does not say which head of pull request #${pull.number} the request was made on, so the action will not work on a fork's commits.`
    };
  }
  const since = Date.parse(askedAt);
  const changes = (await github.listHeadEvents(pull.number)).filter((event) => {
    const when = event.event === "committed" ? event.committerDate : event.createdAt;
    return when === void 0 || Number.isNaN(Date.parse(when)) || Date.parse(when) >= since;
  });
  if (changes.length > 0) {
    const what = changes.map(
      (change) => change.event === "committed" ? `commit ${short(change.sha)}` : `${change.event.replace(/_/g, " ")}${change.sha ? ` to ${short(change.sha)}` : ""}`
    );
    return {
      allowed: false,
      reason: `the head of pull request #${pull.number} changed after the request was made (${what.join(", ")}), so the action will not work on commits the requester has not seen. ${ask}`
    };
  }
  return { allowed: true, why: `the fork's head ${short(pull.headSha)} has not changed since the request` };
}
var short = (sha) => sha ? sha.slice(0, 12) : "an unknown commit";

// src/report/activity.ts
var redactTokenShapes = createSecretScanner([]).redact;
var MAX_STEPS = 50;
var MAX_LOGGED_OUTPUT_LINES = 12;
var MAX_LINE = 300;
var Activity = class {
  constructor(write = info) {
    this.write = write;
  }
  write;
  commands = [];
  steps = [];
  droppedSteps = 0;
  /** Called after every event that changes what the progress comment shows. */
  onChange;
  patchedFiles = /* @__PURE__ */ new Set();
  usage;
  /** Scrubs secrets from every log line; the runner masks only the values it was told about. */
  redact = redactTokenShapes;
  log(line) {
    this.write(inertLogText(this.redact(line)));
  }
  listener = (event) => {
    switch (event.type) {
      case "session":
        this.log(`Codex session ${event.threadId}${event.model ? ` (model ${event.model})` : ""}`);
        break;
      case "command-start":
        this.log(`$ ${clip(event.command)}`);
        this.addStep({ kind: "command", id: event.id, command: event.command, state: "running" });
        break;
      case "command-end": {
        this.commands.push({ command: event.command, exitCode: event.exitCode, durationMs: event.durationMs });
        const running = this.steps.find(
          (step) => step.kind === "command" && step.id === event.id && step.state === "running"
        );
        if (running?.kind === "command")
          Object.assign(running, {
            state: event.exitCode === 0 ? "ok" : "failed",
            exitCode: event.exitCode,
            durationMs: event.durationMs
          });
        else
          this.addStep({
            kind: "command",
            id: event.id,
            command: event.command,
            state: event.exitCode === 0 ? "ok" : "failed",
            exitCode: event.exitCode,
            durationMs: event.durationMs
          });
        this.onChange?.();
        this.log(`  exit ${event.exitCode} in ${formatDuration(event.durationMs)}`);
        if (event.exitCode !== 0) {
          const lines = event.output.trimEnd().split("\n").filter(Boolean);
          for (const line of lines.slice(-MAX_LOGGED_OUTPUT_LINES)) this.log(`  | ${clip(line)}`);
        }
        break;
      }
      case "patch":
        for (const file of event.files) this.patchedFiles.add(file);
        this.log(`${event.success ? "patched" : "patch FAILED on"} ${event.files.join(", ")}`);
        this.addStep({ kind: "edit", files: event.files, ok: event.success });
        break;
      case "message":
        this.log(`Codex: ${event.text}`);
        break;
      case "usage":
        this.usage = event.usage;
        break;
      case "warning":
        this.log(`warning: ${clip(event.message)}`);
        break;
      case "error":
        this.log(`error: ${clip(event.message)}`);
        break;
      case "complete":
        break;
    }
  };
  addStep(step) {
    this.steps.push(step);
    if (this.steps.length > MAX_STEPS) {
      this.steps.shift();
      this.droppedSteps++;
    }
    this.onChange?.();
  }
};
function clip(text) {
  const line = text.replace(/\s*[\r\n]\s*/g, " \u23CE ");
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}\u2026` : line;
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 59950) return `${(ms / 1e3).toFixed(1)} s`;
  const seconds = Math.round(ms / 1e3);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
function formatUsage(usage) {
  if (!usage) return "not reported";
  return `${groupDigits(usage.total)} tokens (${groupDigits(usage.input)} in, ${groupDigits(usage.output)} out)`;
}

// src/report/view.ts
function viewOutcome(outcome) {
  switch (outcome.conclusion) {
    case "pull-request":
      return {
        facts: outcome,
        pullRequest: outcome.pullRequest,
        branch: outcome.branch,
        commitSha: outcome.commitSha,
        patchPath: outcome.patchPath,
        patchArtifact: outcome.patchArtifact
      };
    case "committed":
      return {
        facts: outcome,
        pullRequest: outcome.pullRequest,
        branch: outcome.branch,
        commitSha: outcome.commitSha,
        patchPath: outcome.patchPath,
        patchArtifact: outcome.patchArtifact
      };
    case "patch":
      return { facts: outcome, patchPath: outcome.patchPath, patchArtifact: outcome.patchArtifact };
    case "no-changes":
      return { facts: outcome };
    case "reviewed":
      return { facts: outcome, review: outcome.review };
    case "skipped":
    case "refused":
      return { facts: {}, reason: outcome.reason };
    case "failed":
      return {
        facts: outcome,
        branch: outcome.branch,
        commitSha: outcome.commitSha,
        patchPath: outcome.patchPath,
        patchArtifact: outcome.patchArtifact,
        reason: outcome.reason,
        hint: outcome.hint
      };
  }
}

// src/report/render.ts
var working = (runUrl) => `${WORKING_MARKER} ${runUrl} -->`;
function workingComment(ctx) {
  const others = ctx.otherRuns?.length ? `

\u2139\uFE0F ${ctx.otherRuns.length === 1 ? "Another run is" : `${ctx.otherRuns.length} other runs are`} still working on this thread (${ctx.otherRuns.map((url, index) => `[run ${index + 1}](${url})`).join(", ")}). This run works on its own branch and publishes separately; nothing is overwritten.` : "";
  return `${ACTION_MARKER}
${working(ctx.runUrl)}
\u{1F440} Working on it, @${ctx.requester}. Codex is on the task; this comment will show the result. [Follow the run](${ctx.runUrl}).${others}`;
}
var PROGRESS_STEPS_SHOWN = 12;
function progressComment(progress, ctx) {
  const lines = [
    ACTION_MARKER,
    working(ctx.runUrl),
    `\u23F3 Working on it, @${ctx.requester}: ${formatDuration(ctx.elapsedMs)} so far. [Follow the run](${ctx.runUrl}).`,
    ""
  ];
  const hidden = progress.droppedSteps + Math.max(0, progress.steps.length - PROGRESS_STEPS_SHOWN);
  if (hidden > 0) lines.push(`- \u2026 ${hidden} earlier step(s)`);
  for (const step of progress.steps.slice(-PROGRESS_STEPS_SHOWN)) lines.push(renderStep(step));
  if (progress.steps.length === 0) lines.push("- [ ] reading the task");
  return lines.join("\n");
}
function renderStep(step) {
  if (step.kind === "edit")
    return `- [${step.ok ? "x" : " "}] ${step.ok ? "edited" : "could not edit"} ${step.files.map(code).join(", ")}`;
  if (step.state === "running") return `- [ ] ${code(step.command)} \u2190 running`;
  const timing = step.durationMs !== void 0 ? `, ${formatDuration(step.durationMs)}` : "";
  return `- [x] ${code(step.command)} (${step.state === "ok" ? "exit 0" : `\u274C exit ${step.exitCode}`}${timing})`;
}
function code(text) {
  const line = text.replace(/\s*[\r\n]\s*/g, " \u23CE ");
  const clipped = inertText(line.length > 100 ? `${line.slice(0, 100)}\u2026` : line);
  const fence = "`".repeat((clipped.match(/`+/g) ?? []).reduce((longest, run2) => Math.max(longest, run2.length), 0) + 1);
  return `${fence}${fence.length > 1 ? " " : ""}${clipped}${fence.length > 1 ? " " : ""}${fence}`;
}
function refusedComment(reason) {
  return `${ACTION_MARKER}
\u{1F6AB} I can't run this request: ${reason}`;
}
var MAX_MESSAGE = 3e3;
function quoteMessage(message) {
  const text = message?.trim();
  if (!text) return void 0;
  const clipped = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}\u2026` : text;
  return `<details><summary>Codex's summary</summary>

${inertText(clipped)}

</details>`;
}
function finalComment(fullOutcome, ctx) {
  const outcome = inertOutcome(fullOutcome);
  const lines = [ACTION_MARKER];
  switch (outcome.conclusion) {
    case "pull-request":
      lines.push(
        `\u2705 ${outcome.prUpdated ? "Updated" : "Opened"} pull request #${outcome.pullRequest.number}: ${outcome.pullRequest.url}`
      );
      break;
    case "committed":
      lines.push(
        `\u2705 Pushed ${outcome.commitSha.slice(0, 12)} to \`${outcome.branch}\`${outcome.pullRequest ? ` (pull request #${outcome.pullRequest.number})` : ""}.`
      );
      break;
    case "patch":
      lines.push(
        `\u2705 Codex's change is saved as a patch (mode \`patch\`): \`${outcome.patchPath}\` on the runner. Nothing was pushed.`
      );
      break;
    case "no-changes":
      lines.push("\u2139\uFE0F Codex finished without changing any files, so there is nothing to commit.");
      break;
    case "reviewed": {
      const review = outcome.review;
      const outside = review.outsideDiff.length;
      const counts = `: ${review.inline.length} inline comment(s)${outside > 0 ? `, ${outside} on lines outside the diff (in the summary)` : ""}`;
      lines.push(`\u2705 Reviewed the pull request${counts}. [Read the review](${review.url}).`);
      if (!review.structured)
        lines.push("\nCodex's answer was not in the review format, so the review is its plain message.");
      break;
    }
    case "skipped":
      lines.push(`\u2139\uFE0F Skipped: ${outcome.reason}`);
      break;
    case "refused":
      lines.push(`\u{1F6AB} I can't run this request: ${outcome.reason}`);
      break;
    case "failed": {
      lines.push(`\u274C The task failed: ${outcome.reason || "an unexpected error."}`);
      if (outcome.hint) lines.push(`
**What to do:** ${outcome.hint}`);
      if (outcome.patchPath) {
        const where = outcome.patchArtifact ? `in the workflow artifact \`${outcome.patchArtifact}\` of [the run](${ctx.runUrl}) and ` : "";
        lines.push(
          `
Codex's change is kept: the patch is ${where}at \`${outcome.patchPath}\` on the runner${outcome.branch ? `, and the branch \`${outcome.branch}\` was pushed` : ""}.`
        );
      }
      break;
    }
  }
  const { facts } = viewOutcome(outcome);
  const files = facts.changedFiles ?? [];
  if (files.length > 0 && outcome.conclusion !== "no-changes") {
    lines.push(
      `
<details><summary>${files.length} changed file(s)</summary>

${formatFileList(files)}

</details>`
    );
  }
  const message = quoteMessage(facts.finalMessage);
  if (message) lines.push(`
${message}`);
  const footer = [`[workflow run](${ctx.runUrl})`, `took ${formatDuration(ctx.durationMs)}`];
  if (facts.usage) footer.push(formatUsage(facts.usage));
  lines.push(`
<sub>${footer.join(" \xB7 ")}</sub>`);
  return lines.join("\n");
}
function jobSummary(fullOutcome, ctx) {
  const outcome = inertOutcome(fullOutcome);
  const view = viewOutcome(outcome);
  const rows = [
    ["Outcome", outcome.conclusion],
    ["Requested by", `@${ctx.requester}`],
    ["Task", inertText(ctx.task) || "(the issue itself)"]
  ];
  if (view.pullRequest) rows.push(["Pull request", view.pullRequest.url]);
  if (view.branch) rows.push(["Branch", `\`${view.branch}\``]);
  if (view.commitSha) rows.push(["Commit", `\`${view.commitSha}\``]);
  if (view.patchPath) rows.push(["Patch", `\`${view.patchPath}\``]);
  if (view.review) rows.push(["Review", view.review.url]);
  if (view.reason) rows.push(["Reason", view.reason]);
  rows.push(["Commands run", String(ctx.commandsRun)]);
  rows.push(["Token usage", formatUsage(view.facts.usage)]);
  rows.push(["Duration", formatDuration(ctx.durationMs)]);
  const table = ["| | |", "|---|---|", ...rows.map(([key, value]) => `| ${key} | ${tableCell(value)} |`)].join("\n");
  const parts = ["## codex-task-action", table];
  if (view.facts.changedFiles?.length) parts.push(`### Changed files
${formatFileList(view.facts.changedFiles)}`);
  if (view.review)
    parts.push(reviewCommentList(view.review.inline, view.review.outsideDiff) || "The review has no line comments.");
  if (ctx.commands && ctx.commands.length > 0) {
    const shown = ctx.commands.slice(0, 50).map((command) => `- ${code(command.command)}: exit ${command.exitCode}, ${formatDuration(command.durationMs)}`);
    if (ctx.commands.length > 50) shown.push(`- \u2026 and ${ctx.commands.length - 50} more`);
    parts.push(
      `<details><summary>${ctx.commands.length} command(s) Codex ran</summary>

${shown.join("\n")}

</details>`
    );
  }
  const message = quoteMessage(view.facts.finalMessage);
  if (message) parts.push(message);
  return `${parts.join("\n\n")}
`;
}
function inertOutcome(outcome) {
  const inert = (text) => text === void 0 ? void 0 : inertText(text);
  switch (outcome.conclusion) {
    case "skipped":
    case "refused":
      return { ...outcome, reason: inertText(outcome.reason) };
    case "failed":
      return {
        ...outcome,
        reason: inertText(outcome.reason),
        hint: inert(outcome.hint),
        branch: inert(outcome.branch)
      };
    case "pull-request":
    case "committed":
      return { ...outcome, branch: inertText(outcome.branch) };
    default:
      return outcome;
  }
}
function tableCell(text) {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

// src/report/report.ts
var PROGRESS_EDIT_INTERVAL_MS = 1e4;
var Reporter = class {
  constructor(options) {
    this.options = options;
  }
  options;
  trackingCommentId;
  startedAt = Date.now();
  activity;
  lastProgressEdit = 0;
  pendingProgress;
  progressEdit = Promise.resolve();
  finished = false;
  /** Eyes on the trigger, and one comment that the final result will replace. */
  async acknowledge(task, otherRuns = []) {
    if (!task.thread) return;
    const target = task.source.kind === "comment" || task.source.kind === "review-comment" ? { kind: task.source.kind, id: task.source.commentId } : { kind: "issue", number: task.thread.number };
    await this.attempt("add the eyes reaction", () => this.options.github.addReaction(target, "eyes"));
    await this.attempt("post the tracking comment", async () => {
      const comment = await this.options.github.createComment(
        task.thread.number,
        this.options.redact(
          workingComment({ runUrl: this.options.runUrl, requester: task.requester.login, otherRuns })
        )
      );
      this.trackingCommentId = comment.id;
      info(`Tracking comment: ${comment.url}`);
    });
  }
  /** Shows Codex's steps in the tracking comment as they happen, throttled to one edit per window. */
  trackProgress(activity, requester) {
    this.activity = activity;
    activity.onChange = () => {
      if (this.trackingCommentId === void 0 || this.finished || this.pendingProgress) return;
      const wait = Math.max(0, this.lastProgressEdit + PROGRESS_EDIT_INTERVAL_MS - Date.now());
      this.pendingProgress = setTimeout(() => {
        this.pendingProgress = void 0;
        if (this.finished || this.trackingCommentId === void 0) return;
        this.lastProgressEdit = Date.now();
        const body = this.options.redact(
          progressComment(activity, { runUrl: this.options.runUrl, requester, elapsedMs: Date.now() - this.startedAt })
        );
        const id = this.trackingCommentId;
        this.progressEdit = this.attempt(
          "show progress in the tracking comment",
          () => this.options.github.updateComment(id, body)
        );
      }, wait);
      this.pendingProgress.unref();
    };
  }
  async refuse(task, reason) {
    inertLog.info(`Refused: ${reason}`);
    if (!task.thread) return;
    const number = task.thread.number;
    await this.attempt(
      "reply with the refusal",
      () => this.options.github.createComment(number, this.options.redact(refusedComment(reason)))
    );
  }
  /** Edits the tracking comment to its final state, writes the job summary and sets every output. */
  async finish(outcome, task, commandsRun) {
    this.finished = true;
    clearTimeout(this.pendingProgress);
    await this.progressEdit;
    const durationMs = Date.now() - this.startedAt;
    const requester = task?.requester.login ?? "unknown";
    const ctx = { runUrl: this.options.runUrl, requester, durationMs };
    if (task?.thread && outcome.conclusion !== "skipped" && outcome.conclusion !== "refused") {
      const body = this.options.redact(finalComment(outcome, ctx));
      const number = task.thread.number;
      await this.attempt("update the tracking comment", async () => {
        if (this.trackingCommentId !== void 0) await this.options.github.updateComment(this.trackingCommentId, body);
        else await this.options.github.createComment(number, body);
      });
    }
    if (outcome.conclusion !== "skipped") {
      const { facts } = viewOutcome(outcome);
      await this.attempt("write the job summary", async () => {
        const commands = this.activity?.commands ?? [];
        await summary.addRaw(
          this.options.redact(
            [
              jobSummary(outcome, { ...ctx, task: task?.request ?? "", commandsRun, commands }),
              dialsSummary(facts.dials, facts.usage)
            ].filter(Boolean).join("\n\n")
          ),
          true
        ).write();
      });
    }
    this.setOutputs(outcome);
  }
  setOutputs(outcome) {
    const view = viewOutcome(outcome);
    const outputs = {
      conclusion: outcome.conclusion,
      "pr-url": view.pullRequest?.url ?? "",
      "pr-number": view.pullRequest ? String(view.pullRequest.number) : "",
      branch: view.branch ?? "",
      "commit-sha": view.commitSha ?? "",
      "patch-path": view.patchPath ?? "",
      "changed-files": JSON.stringify((view.facts.changedFiles ?? []).map((file) => file.path)),
      "final-message": view.facts.finalMessage ?? "",
      "thread-id": view.facts.threadId ?? "",
      "review-url": view.review?.url ?? "",
      "review-comments": view.review ? String(view.review.inline.length + view.review.outsideDiff.length) : "",
      ...dialsOutputs(view.facts.dials)
    };
    for (const [name, value] of Object.entries(outputs)) setOutput(name, this.options.redact(value));
  }
  async attempt(what, action) {
    try {
      await action();
    } catch (error2) {
      inertLog.warning(`Could not ${what}: ${getErrorMessage(error2)}${this.missingIssuesWriteHint(error2)}`);
    }
  }
  toldAboutIssuesWrite = false;
  /** A 403 on a comment or reaction almost always means the workflow's token lacks issues: write; said once per run. */
  missingIssuesWriteHint(error2) {
    if (this.toldAboutIssuesWrite || error2?.status !== 403) return "";
    if (/rate limit/i.test(getErrorMessage(error2))) return "";
    this.toldAboutIssuesWrite = true;
    return ". The token lacks `issues: write`, so the action cannot react or reply on the issue. Add it to the job's `permissions:` block in the workflow file (`permissions: { contents: write, pull-requests: write, issues: write }`), or pass a `github-token` that has it.";
  }
};

// src/runner.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
function readRunnerContext(env = process.env) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) {
    throw new ActionError(
      `GITHUB_REPOSITORY is '${repository}'; expected 'owner/repo'.`,
      "Run the action from a GitHub Actions workflow."
    );
  }
  const workspace = env.GITHUB_WORKSPACE;
  if (!workspace)
    throw new ActionError(
      "GITHUB_WORKSPACE is not set.",
      "Run the action from a GitHub Actions workflow after actions/checkout."
    );
  const serverUrl = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const runId = env.GITHUB_RUN_ID ?? "0";
  const runAttempt = env.GITHUB_RUN_ATTEMPT ?? "1";
  const runnerTemp = env.RUNNER_TEMP || os.tmpdir();
  return {
    workspace: path.resolve(workspace),
    runnerTemp,
    toolCache: env.RUNNER_TOOL_CACHE || path.join(runnerTemp, "tool-cache"),
    owner,
    repo,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    runId,
    runAttempt,
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}${runAttempt !== "1" ? `/attempts/${runAttempt}` : ""}`,
    eventName: env.GITHUB_EVENT_NAME ?? "",
    eventPath: env.GITHUB_EVENT_PATH,
    actor: env.GITHUB_ACTOR
  };
}
function readEventPayload(eventPath) {
  if (!eventPath || !fs.existsSync(eventPath)) return {};
  return JSON.parse(fs.readFileSync(eventPath, "utf8"));
}

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

// src/task/conversation.ts
var MAX_COMMENTS_READ = 100;
var MAX_CONVERSATION_CHARS = 12e3;
var STALE_AFTER_MS = 6 * 60 * 6e4;
async function loadConversation(github, task, ownRunUrl) {
  if (!task.thread) return { comments: [], omitted: 0, otherRuns: [] };
  const all = await github.listComments(task.thread.number, MAX_COMMENTS_READ);
  return selectConversation(all, task, ownRunUrl);
}
function workingRunOf(comment, ownRunUrl) {
  if (comment.author !== ACTIONS_BOT) return void 0;
  const runs = /^(.*\/actions\/runs\/)\d+(?:\/attempts\/\d+)?$/.exec(ownRunUrl)?.[1];
  if (!runs) return void 0;
  const url = new RegExp(`${escapeRegExp2(WORKING_MARKER)} (\\S+) -->`).exec(comment.body)?.[1];
  return url !== void 0 && url.startsWith(runs) && /^\d+(?:\/attempts\/\d+)?$/.test(url.slice(runs.length)) ? url : void 0;
}
var escapeRegExp2 = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function writtenBefore(comment, trigger) {
  const sameSequence = trigger.kind === "comment";
  if (trigger.createdAt === void 0) return sameSequence ? comment.id < trigger.commentId : true;
  const written = Date.parse(comment.createdAt);
  const asked = Date.parse(trigger.createdAt);
  if (written !== asked) return written < asked;
  return sameSequence ? comment.id < trigger.commentId : true;
}
function selectConversation(all, task, ownRunUrl, now = Date.now()) {
  const otherRuns = all.filter((comment) => now - Date.parse(comment.updatedAt) < STALE_AFTER_MS).map((comment) => workingRunOf(comment, ownRunUrl)).filter((url) => url !== void 0 && url !== ownRunUrl);
  const trigger = task.source.kind === "comment" || task.source.kind === "review-comment" ? task.source : void 0;
  const cutoff = trigger?.createdAt;
  const earlier = all.filter(
    (comment) => comment.id !== trigger?.commentId && (trigger === void 0 || writtenBefore(comment, trigger)) && (cutoff === void 0 || comment.updatedAt <= cutoff) && comment.author !== ACTIONS_BOT && !comment.body.includes(ACTION_MARKER)
  );
  const kept = [];
  let size = 0;
  for (const comment of [...earlier].reverse()) {
    size += comment.body.length;
    if (size > MAX_CONVERSATION_CHARS && kept.length > 0) break;
    kept.unshift(comment);
  }
  return { comments: kept, omitted: earlier.length - kept.length, otherRuns: [...new Set(otherRuns)] };
}

// src/watchdog.ts
var WATCHDOG_MARGIN_MS = 10 * 6e4;
function startWatchdog(budgetMs, onExpire, finalReportMs = 3e4) {
  const timer = setTimeout(() => {
    error(
      `The action did not finish within ${Math.round(budgetMs / 6e4)} minutes; its watchdog is stopping it.`
    );
    const last = Promise.race([
      onExpire().catch(() => void 0),
      new Promise((resolve) => setTimeout(resolve, finalReportMs))
    ]);
    void last.finally(() => process.exit(1));
  }, budgetMs);
  timer.unref();
  return { stop: () => clearTimeout(timer) };
}

// src/workspace/checkout.ts
import fs2 from "node:fs";
import path2 from "node:path";
function ensureCheckout(workspace) {
  if (fs2.existsSync(path2.join(workspace, ".git"))) return;
  throw new ActionError(
    `the workspace (${path2.basename(workspace) || workspace}) is not a git repository: the job has no \`actions/checkout\` step before this action, or checks out into a sub-directory with \`path:\`.`,
    "Add `- uses: actions/checkout@v5` (without `path:`) as a step before codex-task-action in the workflow file."
  );
}

// src/main.ts
async function run(dependencies) {
  let outcome = { conclusion: "failed", reason: "the action stopped before it started." };
  let task;
  let reporter;
  const activity = new Activity();
  let watchdog;
  try {
    const loaded = loadSettings();
    const runner = readRunnerContext();
    const payload = readEventPayload(runner.eventPath);
    if (!loaded.ok) {
      outcome = { conclusion: "failed", reason: loaded.error.message, hint: loaded.error.hint };
      ({ task, reporter } = await whoSeesTheInputError(loaded.audience, runner, payload, dependencies));
      return;
    }
    const settings = loaded.settings;
    watchdog = startWatchdog(settings.timeoutMinutes * 6e4 + WATCHDOG_MARGIN_MS, async () => {
      const { closeAllSessions } = await import("./chunks/session-K3Y4PAQ2.js");
      await closeAllSessions();
      const late = {
        conclusion: "failed",
        reason: "the run took too long and was stopped by the action's watchdog.",
        hint: "Look at the run log for the stage that hung."
      };
      await reporter?.finish(late, task, activity.commands.length);
      setFailed(late.reason);
    });
    const decision = decideTask(runner.eventName, payload, settings, runner.actor);
    if (decision.kind === "skip") {
      outcome = { conclusion: "skipped", reason: decision.reason };
      inertLog.info(`Skipped: ${decision.reason}`);
      return;
    }
    task = decision.task;
    const deps = dependencies ?? await loadDefaultDependencies();
    const { github, scanner } = connect(settings, runner, deps, reviewThreadOf(task, payload));
    reporter = new Reporter({ github, redact: scanner.redact, runUrl: runner.runUrl });
    activity.redact = scanner.redact;
    const gate = await gateTask(task, settings, runner, github);
    if (!gate.allowed) {
      outcome = { conclusion: "refused", reason: gate.reason };
      await reporter.refuse(task, gate.reason);
      return;
    }
    inertLog.info(`Task from @${task.requester.login} (${gate.why}): ${task.request || "(the issue itself)"}`);
    ensureCheckout(runner.workspace);
    const conversation = await loadConversation(github, task, runner.runUrl).catch((error2) => {
      warning(`The earlier comments could not be read, so Codex works without them: ${getErrorMessage(error2)}`);
      return void 0;
    });
    await reporter.acknowledge(task, conversation?.otherRuns);
    reporter.trackProgress(activity, task.requester.login);
    const stages = await import("./chunks/stages-KXOWWOLZ.js");
    const work = {
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
      defaultBranchFromEvent: payload.repository?.default_branch
    };
    if (task.review) outcome = await stages.reviewPullRequest({ ...work, focus: task.review.focus });
    else outcome = await stages.keepUnpublishedPatch(await changeTheCode(work, stages), runner);
  } catch (error2) {
    outcome = {
      conclusion: "failed",
      reason: getErrorMessage(error2),
      hint: error2 instanceof ActionError ? error2.hint : void 0
    };
  } finally {
    watchdog?.stop();
    if (reporter) await reporter.finish(outcome, task, activity.commands.length);
    else setOutput("conclusion", outcome.conclusion);
    if (outcome.conclusion === "failed")
      setFailed(inertLogText(`${outcome.reason}${outcome.hint ? ` ${outcome.hint}` : ""}`));
    debug(`peak RSS of the action: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  }
}
async function changeTheCode(work, stages) {
  const { task, settings, runner, activity, scanner, pull } = work;
  const patchPath = settings.patchPath ? path3.resolve(runner.workspace, settings.patchPath) : path3.join(stages.runStateDir(runner), "changes.patch");
  const auth = { serverUrl: runner.serverUrl, token: settings.githubToken };
  const workspace = { runner, createGit: work.deps.createGit, startCodex: work.deps.startCodex };
  return stages.withCodexWorkspace({ ...workspace, onEvent: activity.listener }, async ({ git, runCodex }) => {
    const plan = await stage(
      "Prepare the workspace",
      async () => stages.prepareWorkspace({
        git,
        pull,
        isFork: work.isFork,
        settings,
        defaultBranch: work.defaultBranchFromEvent ?? await work.github.getDefaultBranch(),
        auth,
        continuesPullRequest: stages.continuesPullRequest(task, pull, settings.branchPrefix)
      })
    );
    if (work.isFork) await stages.checkForkCommits(git, plan.trustedRef, settings);
    const codexInput = stages.buildCodexInput(task, {
      owner: runner.owner,
      repo: runner.repo,
      publishNote: settings.mode === "patch" ? "the action saves your changes as a patch." : "the action commits your changes and publishes them.",
      maintainerInstructions: settings.instructions,
      agentsMd: await git.readFileAt(plan.trustedRef, "AGENTS.md"),
      conversation: work.conversation,
      pullRequestFiles: pull ? await git.changedSince(plan.trustedRef).catch(() => void 0) : void 0
    });
    const { result, copy } = await runCodex({ name: "Codex", settings, input: codexInput });
    const changes = await stage("Collect the changes", () => stages.collectChanges(copy.git, patchPath, scanner));
    const facts = {
      finalMessage: result.finalMessage,
      threadId: result.threadId,
      usage: result.usage ?? activity.usage,
      commandsRun: activity.commands.length,
      changedFiles: changes.files,
      patchPath: changes.patchPath,
      dials: result.dials
    };
    if (result.status !== "completed")
      return {
        ...facts,
        conclusion: "failed",
        reason: `Codex ${result.status === "timed-out" ? "timed out" : "failed"}: ${result.error}`
      };
    if (changes.files.length === 0 && (changes.facts.nestedRepositories ?? []).length === 0)
      return { ...facts, conclusion: "no-changes" };
    const violations = stages.checkPolicy(changes.facts, settings);
    const messageSecrets = stages.secretsInFinalMessage(scanner, result.finalMessage, "run");
    if (messageSecrets !== void 0) violations.push({ rule: "secrets", files: [], message: messageSecrets });
    if (violations.length > 0) return { ...facts, ...refusedByPolicy(violations) };
    const brought = await stage(
      "Bring the change into the checkout",
      () => stages.applyPolicedPatch(git, patchPath, settings.mode !== "patch")
    );
    if (!brought.ok) {
      return {
        ...facts,
        conclusion: "failed",
        reason: `the change passed the diff policy but could not be applied to the checkout: ${brought.error}`,
        hint: "An earlier step may have changed the same files in the checkout; apply the kept patch by hand."
      };
    }
    const reviewers = settings.requestReview ? [...settings.reviewers, task.requester.login] : settings.reviewers;
    const repoUrl = `${runner.serverUrl}/${runner.owner}/${runner.repo}`;
    const published = await stage(
      `Publish (${settings.mode})`,
      () => stages.publish(
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
          run: { id: runner.runId, attempt: runner.runAttempt, url: runner.runUrl, repoUrl }
        },
        changes.files
      )
    );
    return { ...facts, ...published };
  });
}
function refusedByPolicy(violations) {
  inertLog.error(
    `The change breaks the diff policy:
${violations.map((violation) => `- [${violation.rule}] ${violation.message}`).join("\n")}`
  );
  return {
    conclusion: "failed",
    reason: `the change was not published because it breaks the diff policy: ${violations.map((violation) => violation.message).join(" ")}`,
    hint: "Review the kept patch. If the change is wanted, make it by hand, or adjust protected-paths or the max-* inputs."
  };
}
function reviewThreadOf(task, payload) {
  if (task.source.kind !== "review-comment" || !task.thread) return void 0;
  const threadRoot = payload.comment?.in_reply_to_id;
  return { pullNumber: task.thread.number, commentId: threadRoot ?? task.source.commentId };
}
async function whoSeesTheInputError(audience, runner, payload, dependencies) {
  if (!audience) return {};
  const decision = decideTask(runner.eventName, payload, audience, runner.actor);
  if (decision.kind === "skip" || !decision.task.thread) return {};
  const deps = dependencies ?? await loadDefaultDependencies();
  const { github, scanner } = connect(audience, runner, deps);
  const gate = await checkActor(decision.task.requester, audience, github);
  if (!gate.allowed) {
    info(`The input error is not posted on the issue: ${gate.reason}`);
    return {};
  }
  return { task: decision.task, reporter: new Reporter({ github, redact: scanner.redact, runUrl: runner.runUrl }) };
}

// src/index.ts
await run();
process.exit();
