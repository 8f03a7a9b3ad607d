import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  groupDigits
} from "./chunk-RUGKA76V.js";
import {
  debug,
  endGroup,
  error,
  info,
  startGroup,
  warning
} from "./chunk-3TNFEIE5.js";

// src/report/redact.ts
var TOKEN_SHAPES = [
  { name: "a GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g },
  { name: "a GitHub fine-grained token", pattern: /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g },
  { name: "an OpenAI-style API key", pattern: /\bsk-[A-Za-z0-9_-]{20,}\b/g },
  { name: "a private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g }
];
function createSecretScanner(secrets) {
  const forms = [];
  for (const { name, value } of secrets) {
    if (value.length < 6) continue;
    for (const literal of encodedForms(value)) forms.push({ name, literal });
  }
  forms.sort((a, b) => b.literal.length - a.literal.length);
  return {
    redact(text) {
      let clean = text;
      for (const { literal } of forms) clean = clean.split(literal).join("***");
      for (const { pattern } of TOKEN_SHAPES) clean = clean.replace(pattern, "***");
      return clean;
    },
    detect(text) {
      const found = /* @__PURE__ */ new Set();
      for (const { name, literal } of forms) if (text.includes(literal)) found.add(name);
      for (const { name, pattern } of TOKEN_SHAPES) if (new RegExp(pattern.source).test(text)) found.add(name);
      return [...found];
    }
  };
}
function encodedForms(secret) {
  const forms = /* @__PURE__ */ new Set([secret, encodeURIComponent(secret)]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from("\0".repeat(shift) + secret).toString("base64");
    const stable = encoded.slice(Math.ceil(shift * 4 / 3) + 1, -4);
    if (stable.length >= 8) forms.add(stable);
  }
  return forms;
}
function secretsInFinalMessage(scanner, message, becomes) {
  const secrets = scanner.detect(message);
  if (secrets.length === 0) return void 0;
  return becomes === "review" ? `Codex's review contains ${secrets.join(" and ")}; a review that surfaces a secret is not posted.` : `Codex's final message contains ${secrets.join(" and ")}; a run that surfaces a secret is not published.`;
}

// src/report/inert-log.ts
var LINE_BREAK = /(\r\n|\r|\n)/;
var IGNORABLE = String.raw`[\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]`;
var COMMAND_AT_LINE_START = new RegExp(String.raw`^(?:\s|${IGNORABLE})*:${IGNORABLE}*:`, "u");
var LEGACY_COMMAND = new RegExp(String.raw`#${IGNORABLE}*#${IGNORABLE}*\[`, "gu");
function inertLogText(text) {
  return text.split(LINE_BREAK).map((part, index) => {
    if (index % 2 === 1) return part;
    const line = part.replace(LEGACY_COMMAND, "##\\[");
    return COMMAND_AT_LINE_START.test(line) ? `\\${line}` : line;
  }).join("");
}
var inertLog = {
  info: (text) => info(inertLogText(text)),
  warning: (text) => warning(inertLogText(text)),
  error: (text) => error(inertLogText(text)),
  debug: (text) => debug(inertLogText(text))
};

// src/report/markers.ts
var ACTION_MARKER = "<!-- codex-task-action -->";
var WORKING_MARKER = "<!-- codex-task-action:working";

// src/report/inert-text.ts
var BREAK = "\u200B";
var CLOSING_REFERENCE = /(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?=[\s:*_~`[\]()<>\u200B]{0,16}(?:#\d|gh-\d|[\w.-]+\/[\w.-]+#\d|https?:\/\/|www\.|github\.com))/gi;
function inertText(text, target = "markdown") {
  const rendered = target === "plain" ? text : text.replace(/</g, `<${BREAK}`).replace(/!\[/g, `!${BREAK}[`).replace(/^([ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?[ \t>]*)\[(?=[^\]\n]*\]:)/gm, `$1${BREAK}[`).replace(/(```+|~~~+)([ \t]*)(?=(?:mermaid|geojson|topojson|stl)\b)/gi, `$1$2${BREAK}`);
  return rendered.replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g, `@${BREAK}`).replace(CLOSING_REFERENCE, (keyword) => `${keyword.slice(0, 1)}${BREAK}${keyword.slice(1)}`);
}

// src/report/review.ts
var REVIEW_MARKER = "<!-- codex-task-action:review -->";
var MAX_BODY = 6e4;
function makeReviewTextInert(text) {
  return inertText(text.replace(/\r\n?/g, "\n").replace(/^(\s*)(`{3,}|~{3,})\s*suggestion\b/gim, "$1$2text"));
}
function fenceFor(content, info2) {
  const longest = (content.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info2}
${content.replace(/\n$/, "")}
${fence}`;
}
function inlineCommentBody(comment, redact) {
  const parts = [makeReviewTextInert(redact(comment.body)).trim()];
  if (comment.suggestion !== void 0) parts.push(fenceFor(redact(comment.suggestion), "suggestion"));
  return parts.join("\n\n").slice(0, MAX_BODY);
}
function where(comment) {
  const lines = comment.startLine !== void 0 ? `lines ${comment.startLine}-${comment.line}` : `line ${comment.line}`;
  return `\`${comment.path.replace(/`/g, "'")}\` ${lines}`;
}
function reviewBody(input, redact) {
  const lines = [
    REVIEW_MARKER,
    `### Codex review of ${input.headSha.slice(0, 12)}`,
    "",
    makeReviewTextInert(redact(input.answer.summary)).trim() || "(no summary)"
  ];
  if (input.unstructured)
    lines.push(
      "",
      `<sub>Codex's answer was not in the review format (${input.unstructured}), so this is its plain message and there are no inline comments.</sub>`
    );
  if (input.outsideDiff.length > 0) {
    lines.push("", `#### On lines outside the diff (${input.outsideDiff.length})`);
    for (const comment of input.outsideDiff) {
      lines.push("", `**${where(comment)}**`, "", makeReviewTextInert(redact(comment.body)).trim());
      if (comment.suggestion !== void 0)
        lines.push("", "Proposed replacement:", "", fenceFor(redact(comment.suggestion), ""));
    }
  }
  lines.push(
    "",
    `<sub>[workflow run](${input.runUrl}) \xB7 an earlier review by this action is collapsed when a new one is posted</sub>`
  );
  const body = lines.join("\n");
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}

[... truncated]` : body;
}
function supersededReviewBody(newReviewUrl) {
  return `${REVIEW_MARKER}
<sub>This review is out of date: see the [newer review](${newReviewUrl}). Its inline comments are left as they are.</sub>`;
}
function reviewCommentList(inline, outsideDiff) {
  const line = (comment) => `- ${where(comment)}: ${firstLine(comment.body)}${comment.suggestion !== void 0 ? " (suggestion)" : ""}`;
  const parts = [];
  if (inline.length > 0) parts.push(`### Inline comments (${inline.length})`, ...inline.map(line));
  if (outsideDiff.length > 0)
    parts.push(`### Comments outside the diff, in the summary (${outsideDiff.length})`, ...outsideDiff.map(line));
  return parts.join("\n");
}
function firstLine(text) {
  const line = makeReviewTextInert(text).split("\n").find((part) => part.trim()) ?? "";
  const clipped = line.trim().replace(/^[#>*\-\s]+/, "");
  return clipped.length > 120 ? `${clipped.slice(0, 120)}\u2026` : clipped;
}

// src/stage.ts
async function stage(name, work) {
  const started = performance.now();
  startGroup(name);
  try {
    return await work();
  } finally {
    endGroup();
    info(`${name}: ${Math.round(performance.now() - started)} ms`);
  }
}

// src/report/file-list.ts
function formatFileList(files, limit = 100) {
  const shown = files.slice(0, limit).map((file) => `- \`${inertFileName(file.path)}\` (${file.status}, +${file.additions} \u2212${file.deletions})`);
  if (files.length > limit) shown.push(`- \u2026 and ${files.length - limit} more`);
  return shown.join("\n") || "_none_";
}
function inertFileName(name) {
  const visible = name.replace(/`/g, "'").replace(/[\u0000-\u001F\u007F]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return inertText(visible);
}

// src/report/prices.ts
var PRICES_DATE = "2026-12-06";
var MODEL_PRICES = {
  "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5-codex": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5.1": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5.1-codex": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5.1-codex-max": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5.1-codex-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5-nano": { input: 0.05, cachedInput: 5e-3, output: 0.4 }
};
function priceOf(model) {
  return model ? MODEL_PRICES[model.toLowerCase()] : void 0;
}
function estimateCost(price, usage) {
  const cached = Math.min(usage.cachedInput, usage.input);
  return ((usage.input - cached) * price.input + cached * price.cachedInput + usage.output * price.output) / 1e6;
}

// src/report/dials.ts
function dialsOutputs(dials) {
  return {
    "tokens-used": dials ? String(dials.tokensUsed) : "",
    "model-requests": dials ? String(dials.modelRequests) : ""
  };
}
var code = (text) => {
  const flat = text.replace(/\s+/g, " ").slice(0, 200);
  const fence = flat.includes("`") ? "``" : "`";
  return `${fence} ${flat} ${fence}`;
};
var cell = (text) => text.replace(/\|/g, "\\|");
function budgetReason(dials) {
  const spent = dials.budgetExceeded;
  if (!spent) return void 0;
  return `the ${spent.budget} budget of ${groupDigits(spent.limit)} was reached (${dials.modelRequests} model request(s), ${groupDigits(dials.tokensUsed)} tokens used), so Codex was stopped`;
}
function dialsSummary(dials, usage) {
  if (!dials) return "";
  const limit = (value) => value === void 0 ? "no limit" : `limit ${groupDigits(value)}`;
  const rows = [
    ["Tokens used", `${groupDigits(dials.tokensUsed)} (max-tokens: ${limit(dials.maxTokens)})`],
    ["Model requests", `${dials.modelRequests} (max-model-requests: ${limit(dials.maxModelRequests)})`]
  ];
  const price = priceOf(dials.model);
  if (price && usage)
    rows.push([
      "Estimated cost",
      `$${estimateCost(price, usage).toFixed(4)} (${dials.model} at prices of ${PRICES_DATE})`
    ]);
  if (dials.budgetExceeded)
    rows.push(["Budget", `${dials.budgetExceeded.budget} reached: Codex was stopped and nothing was published`]);
  const network = dials.network.mode === "hosts" ? `only ${dials.network.hosts.map(code).join(", ")}` : dials.network.mode === "open" ? "any host" : "none";
  rows.push(["Network for commands", network]);
  rows.push(["Approval policy", dials.approvalPolicy]);
  const parts = [
    "### Dials",
    ["| | |", "|---|---|", ...rows.map(([key, value]) => `| ${key} | ${cell(value)} |`)].join("\n")
  ];
  const activity = networkActivitySummary(dials.network.activity);
  if (activity) parts.push(activity);
  if (dials.approvals.length > 0) {
    const lines = dials.approvals.map(
      (approval) => `- ${approval.decision}: ${code(approval.request)} (${approval.why})`
    );
    parts.push(`#### Approval requests (${dials.approvals.length})
${lines.join("\n")}`);
  } else {
    parts.push("No approval requests.");
  }
  return parts.join("\n\n");
}
function networkActivitySummary(activity) {
  if (!activity) return "";
  const reached = activity.reached.length > 0 ? activity.reached.map(code).join(", ") : "none";
  const refused = activity.refused.length > 0 ? activity.refused.map((entry) => `${code(entry.host)} (${entry.reason})`).join(", ") : "none";
  const lines = [
    "#### Network",
    `- Hosts reached: ${reached}`,
    `- Refused: ${refused}`,
    ...activity.omitted > 0 ? [`- ${activity.omitted} more decision(s) about other hosts, not listed here`] : []
  ];
  return lines.join("\n");
}

export {
  createSecretScanner,
  secretsInFinalMessage,
  inertLogText,
  inertLog,
  inertText,
  formatFileList,
  ACTION_MARKER,
  WORKING_MARKER,
  REVIEW_MARKER,
  makeReviewTextInert,
  inlineCommentBody,
  reviewBody,
  supersededReviewBody,
  reviewCommentList,
  dialsOutputs,
  budgetReason,
  dialsSummary,
  stage
};
