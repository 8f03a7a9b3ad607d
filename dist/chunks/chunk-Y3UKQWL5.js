import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  ActionError
} from "./chunk-LBANA4DG.js";
import {
  getInput,
  setSecret
} from "./chunk-3TNFEIE5.js";

// src/inputs.ts
var PERMISSION_LEVELS = ["none", "read", "triage", "write", "maintain", "admin"];
var SANDBOX_MODES = ["read-only", "workspace-write", "danger-full-access"];
var PUBLISH_MODES = ["pull-request", "commit", "patch", "review"];
var COMMIT_SIGNING = ["git", "api"];
var CODEX_SERVERS = ["auto", "native", "bridge"];
var DEFAULT_CODEX_VERSION = "0.169.0";
var DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
var INPUT_DEFAULTS = {
  "trigger-phrase": "/codex",
  "required-permission": "write",
  "codex-version": DEFAULT_CODEX_VERSION,
  sandbox: "workspace-write",
  "network-access": "false",
  "approval-policy": "never",
  "timeout-minutes": "30",
  mode: "pull-request",
  "branch-prefix": "codex/",
  draft: "false",
  "commit-signing": "git",
  "commit-author": "codex-task-action[bot] <codex-task-action[bot]@users.noreply.github.com>",
  "codex-server": "auto",
  "allow-forks": "false",
  "allow-dangerous-sandbox": "false",
  "protected-paths": ".github/**\n.gitmodules\n.gitattributes\n.husky/**\nCODEOWNERS\nAGENTS.md\nAGENTS.override.md\n**/.agents/**\n**/.codex/**",
  "max-file-bytes": "1048576",
  "max-changed-files": "200",
  "max-diff-bytes": "2097152",
  "request-review": "false",
  "review-verdicts": "false"
};

// src/dials.ts
var PACKAGE_REGISTRY_HOSTS = [
  // npm
  "registry.npmjs.org",
  // PyPI: the index and the files it points to
  "pypi.org",
  "files.pythonhosted.org",
  // crates.io: the index and the crate downloads
  "crates.io",
  "index.crates.io",
  "static.crates.io",
  // Go: the module proxy and the checksum database
  "proxy.golang.org",
  "sum.golang.org",
  // RubyGems
  "rubygems.org",
  "index.rubygems.org",
  // Maven Central
  "repo.maven.apache.org",
  "repo1.maven.org"
];
var NETWORK_PRESETS = {
  "package-registries": PACKAGE_REGISTRY_HOSTS
};
var APPROVAL_POLICIES = ["never", "on-request"];
var HOST = /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
function parseNetworkAccess(value) {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (lower === "false" || lower === "") return { open: false, hosts: [] };
  if (lower === "true") return { open: true, hosts: [] };
  const hosts = /* @__PURE__ */ new Set();
  const bad = [];
  for (const entry of lower.split(/[\s,]+/).filter(Boolean)) {
    const preset = NETWORK_PRESETS[entry];
    if (preset) for (const host of preset) hosts.add(host);
    else if (HOST.test(entry) && !/^[\d.]+$/.test(entry.replace(/^\*\./, ""))) hosts.add(entry);
    else bad.push(entry);
  }
  if (bad.length > 0 || hosts.size === 0) {
    return {
      problem: `Input 'network-access' is '${trimmed}'${bad.length ? ` (not a host name: ${bad.map((entry) => `'${entry}'`).join(", ")})` : ""}; accepted values: true, false, or host names one per line or comma separated (such as registry.npmjs.org or *.pythonhosted.org; no IP addresses, ports or URLs), and the preset ${Object.keys(NETWORK_PRESETS).join(", ")}.`
    };
  }
  return { open: false, hosts: [...hosts].sort() };
}
function parseDials(read, problems) {
  const network = parseNetworkAccess(read("network-access"));
  if ("problem" in network) problems.push(network.problem);
  const policyText = read("approval-policy").trim() || "never";
  const approvalPolicy = APPROVAL_POLICIES.includes(policyText) ? policyText : "never";
  if (approvalPolicy !== policyText)
    problems.push(`Input 'approval-policy' is '${policyText}'; accepted values: ${APPROVAL_POLICIES.join(", ")}.`);
  const budget = (name, max) => {
    const text = read(name).trim();
    if (text === "" || text === "0") return void 0;
    const value = Number(text);
    if (Number.isInteger(value) && value >= 1 && value <= max) return value;
    problems.push(
      `Input '${name}' is '${text}'; give a whole number from 1 to ${max}, or leave it empty (or 0) for no limit.`
    );
    return 1;
  };
  return {
    networkAccess: "problem" in network ? false : network.open,
    networkHosts: "problem" in network ? [] : network.hosts,
    approvalPolicy,
    maxTokens: budget("max-tokens", 1e9),
    maxModelRequests: budget("max-model-requests", 1e5)
  };
}

// src/input-values.ts
function inputValues(read, problems) {
  const text = (name) => read(name).trim();
  const optional = (name) => text(name) || void 0;
  const oneOf = (name, allowed, fallback = allowed[0]) => {
    const value = text(name);
    if (allowed.includes(value)) return value;
    problems.push(`Input '${name}' is '${value}'; accepted values: ${allowed.join(", ")}.`);
    return fallback;
  };
  const bool = (name) => {
    const value = text(name).toLowerCase();
    if (value === "true") return true;
    if (value === "false") return false;
    problems.push(`Input '${name}' is '${text(name)}'; accepted values: true, false.`);
    return false;
  };
  const required = (name, why) => {
    const value = text(name);
    if (!value) problems.push(`Input '${name}' is required: ${why}`);
    return value;
  };
  const list = (name) => text(name).split(/[\s,]+/).filter(Boolean);
  const count = (name, min, max) => {
    const value = Number(text(name));
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`Input '${name}' is '${text(name)}'; give a whole number from ${min} to ${max}.`);
    return min;
  };
  const lines = (name) => text(name).split(/[\n,]+/).map((entry) => entry.trim()).filter(Boolean);
  return { text, optional, oneOf, bool, required, list, lines, count };
}
function isBranchPrefix(prefix) {
  const badComponent = prefix.split("/").slice(0, -1).some((part) => part === "" || part.startsWith(".") || part.endsWith(".lock"));
  return /^[A-Za-z0-9._/-]*$/.test(prefix) && !prefix.includes("..") && !prefix.startsWith("/") && !badComponent;
}
function forkSettings(value, problems) {
  const lower = value.toLowerCase();
  if (lower === "true") return { allowForks: true, allowForkReviews: true };
  if (lower === "review") return { allowForks: false, allowForkReviews: true };
  if (lower !== "false") problems.push(`Input 'allow-forks' is '${value}'; accepted values: true, false, review.`);
  return { allowForks: false, allowForkReviews: false };
}
function parseIdentity(value) {
  const match = /^([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(value.trim());
  if (!match) return void 0;
  return { name: match[1], email: match[2] };
}
function isHttpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

// src/settings.ts
var readActionInput = (name) => {
  const value = getInput(name, { trimWhitespace: name !== "prompt" });
  if (value !== "") return value;
  return INPUT_DEFAULTS[name] ?? "";
};
function loadSettings(read = readActionInput) {
  const { settings, error } = tryParseSettings(read);
  if (!error) return { ok: true, settings };
  const invalid = new Set(error.message.match(/Input '[\w-]+'/g)?.map((found) => found.slice("Input '".length, -1)));
  const audience = invalid.has("github-token") || invalid.has("trigger-phrase") ? void 0 : {
    githubToken: settings.githubToken,
    openaiApiKey: settings.openaiApiKey,
    prompt: settings.prompt,
    triggerPhrase: settings.triggerPhrase,
    triggerLabel: settings.triggerLabel,
    triggerAssignee: settings.triggerAssignee,
    requiredPermission: invalid.has("required-permission") ? "admin" : settings.requiredPermission,
    allowedBots: invalid.has("allowed-bots") ? [] : settings.allowedBots
  };
  return { ok: false, error, audience };
}
function tryParseSettings(read = readActionInput) {
  const problems = [];
  const { text, optional, oneOf, bool, required, list, lines, count } = inputValues(read, problems);
  const githubToken = required("github-token", "the action needs a token to reply and open pull requests.");
  const openaiApiKey = required("openai-api-key", "Codex needs an OpenAI API key; pass it from a secret.");
  if (githubToken) setSecret(githubToken);
  if (openaiApiKey) setSecret(openaiApiKey);
  let triggerPhrase = text("trigger-phrase");
  if (!triggerPhrase || /\s/.test(triggerPhrase)) {
    problems.push(`Input 'trigger-phrase' is '${triggerPhrase}'; it must be one word without spaces, such as /codex.`);
    triggerPhrase = INPUT_DEFAULTS["trigger-phrase"];
  }
  const requiredPermission = oneOf(
    "required-permission",
    ["read", "triage", "write", "maintain", "admin"],
    "admin"
  );
  const allowedBots = list("allowed-bots");
  for (const bot of allowedBots) {
    if (/[*?]/.test(bot))
      problems.push(`Input 'allowed-bots' contains '${bot}'; list exact bot names, wildcards are not accepted.`);
  }
  const codexVersion = text("codex-version");
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(codexVersion)) {
    problems.push(
      `Input 'codex-version' is '${codexVersion}'; give an exact version such as ${DEFAULT_CODEX_VERSION}.`
    );
  }
  const openaiBaseUrl = (optional("openai-base-url") ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "");
  if (!isHttpUrl(openaiBaseUrl)) {
    problems.push(
      `Input 'openai-base-url' is '${openaiBaseUrl}'; give an http(s) URL such as ${DEFAULT_OPENAI_BASE_URL}.`
    );
  }
  const timeoutText = text("timeout-minutes");
  const timeoutMinutes = Number(timeoutText);
  if (!Number.isFinite(timeoutMinutes) || timeoutMinutes <= 0 || timeoutMinutes > 360) {
    problems.push(
      `Input 'timeout-minutes' is '${timeoutText}'; give a number of minutes greater than 0 and at most 360.`
    );
  }
  const branchPrefix = text("branch-prefix");
  if (!isBranchPrefix(branchPrefix)) {
    problems.push(`Input 'branch-prefix' is '${branchPrefix}'; use letters, digits, '.', '_', '-' and '/' only.`);
  }
  const baseBranch = optional("base-branch");
  if (baseBranch !== void 0 && !/^[A-Za-z0-9._/-]+$/.test(baseBranch)) {
    problems.push(`Input 'base-branch' is '${baseBranch}'; give a branch name such as main.`);
  }
  const sandbox = oneOf("sandbox", SANDBOX_MODES);
  const allowDangerousSandbox = bool("allow-dangerous-sandbox");
  if (sandbox === "danger-full-access" && !allowDangerousSandbox) {
    problems.push(
      "Input 'sandbox' is 'danger-full-access', which lets Codex's commands touch the whole runner; set 'allow-dangerous-sandbox: true' to accept that."
    );
  }
  const commitAuthor = parseIdentity(text("commit-author"));
  if (!commitAuthor) {
    problems.push(`Input 'commit-author' is '${text("commit-author")}'; use the form 'Name <email@example.com>'.`);
  }
  const settings = {
    githubToken,
    openaiApiKey,
    prompt: read("prompt").trim() ? read("prompt") : void 0,
    triggerPhrase,
    triggerLabel: optional("trigger-label"),
    requiredPermission,
    allowedBots,
    codexVersion,
    codexPath: optional("codex-path"),
    openaiBaseUrl,
    model: optional("model"),
    sandbox: sandbox === "danger-full-access" && !allowDangerousSandbox ? "workspace-write" : sandbox,
    ...parseDials(read, problems),
    timeoutMinutes,
    mode: oneOf("mode", PUBLISH_MODES),
    baseBranch,
    branchPrefix,
    draft: bool("draft"),
    commitSigning: oneOf("commit-signing", COMMIT_SIGNING),
    commitAuthor: commitAuthor ?? { name: "", email: "" },
    codexServer: oneOf("codex-server", CODEX_SERVERS),
    ...forkSettings(text("allow-forks"), problems),
    reviewVerdicts: bool("review-verdicts"),
    allowDangerousSandbox,
    protectedPaths: lines("protected-paths"),
    maxFileBytes: count("max-file-bytes", 1, 1024 * 1024 * 1024),
    maxChangedFiles: count("max-changed-files", 1, 1e5),
    maxDiffBytes: count("max-diff-bytes", 1, 1024 * 1024 * 1024),
    patchPath: optional("patch-path"),
    labels: lines("labels"),
    reviewers: list("reviewers").map((reviewer) => reviewer.replace(/^@/, "")),
    requestReview: bool("request-review"),
    triggerAssignee: optional("trigger-assignee")?.replace(/^@/, ""),
    instructions: read("instructions").trim() || void 0
  };
  if (problems.length === 0) return { settings, error: void 0 };
  const error = new ActionError(
    problems.length === 1 ? problems[0] : `the action's inputs have ${problems.length} problems:
- ${problems.join("\n- ")}`,
    "Fix the inputs under `with:` in the workflow file."
  );
  return { settings, error };
}
function permissionAtLeast(actual, required) {
  return PERMISSION_LEVELS.indexOf(actual) >= PERMISSION_LEVELS.indexOf(required);
}

export {
  PERMISSION_LEVELS,
  loadSettings,
  permissionAtLeast
};
