import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  debug,
  error,
  info,
  warning
} from "./chunk-3XAZ5657.js";

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

// src/report/inert-text.ts
var BREAK = "\u200B";
var CLOSING_REFERENCE = /(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?=[\s:*_~`[\]()<>\u200B]{0,16}(?:#\d|gh-\d|[\w.-]+\/[\w.-]+#\d|https?:\/\/|www\.|github\.com))/gi;
function inertText(text, target = "markdown") {
  const rendered = target === "plain" ? text : text.replace(/</g, `<${BREAK}`).replace(/!\[/g, `!${BREAK}[`).replace(/^([ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?[ \t>]*)\[(?=[^\]\n]*\]:)/gm, `$1${BREAK}[`).replace(/(```+|~~~+)([ \t]*)(?=(?:mermaid|geojson|topojson|stl)\b)/gi, `$1$2${BREAK}`);
  return rendered.replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g, `@${BREAK}`).replace(CLOSING_REFERENCE, (keyword) => `${keyword.slice(0, 1)}${BREAK}${keyword.slice(1)}`);
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
  return `the ${spent.budget} budget of ${spent.limit.toLocaleString("en-US")} was reached (${dials.modelRequests} model request(s), ${dials.tokensUsed.toLocaleString("en-US")} tokens used), so Codex was stopped`;
}
function dialsSummary(dials, usage) {
  if (!dials) return "";
  const limit = (value) => value === void 0 ? "no limit" : `limit ${value.toLocaleString("en-US")}`;
  const rows = [
    ["Tokens used", `${dials.tokensUsed.toLocaleString("en-US")} (max-tokens: ${limit(dials.maxTokens)})`],
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

export {
  inertLogText,
  inertLog,
  createSecretScanner,
  inertText,
  dialsOutputs,
  budgetReason,
  dialsSummary
};
