import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  childEnvironment
} from "./chunk-BPCLRSEQ.js";
import {
  getInput,
  info,
  saveState,
  warning
} from "./chunk-3TNFEIE5.js";

// src/git/credentials.ts
import fs2 from "node:fs";
import os2 from "node:os";
import path3 from "node:path";

// src/git/config-files.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
var OUTSIDE_ANY_REPOSITORY = "/";
function gitSync(args, cwd) {
  return execFileSync("git", args, {
    cwd,
    encoding: "buffer",
    env: { ...childEnvironment("git"), GIT_TERMINAL_PROMPT: "0" },
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 3e4
  }).toString("utf8");
}
function gitSyncQuiet(args, cwd) {
  try {
    return gitSync(args, cwd);
  } catch {
    return "";
  }
}
function listEntries(file) {
  const listing = gitSyncQuiet(["config", "--file", file, "--null", "--list"], OUTSIDE_ANY_REPOSITORY);
  return listing.split("\0").filter(Boolean).map((entry) => {
    const newline = entry.indexOf("\n");
    return newline < 0 ? [entry, ""] : [entry.slice(0, newline), entry.slice(newline + 1)];
  });
}
function configurationFiles(dir, from = process.env, known) {
  const home = from.HOME ?? os.homedir();
  const start = [];
  const [revGitDir = "", revCommonDir = ""] = known ? [known.gitDir, known.commonDir] : gitSyncQuiet(["rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir"], dir).split("\n");
  const gitDir = revGitDir.trim() || dotGitDir(dir);
  const commonDir = revCommonDir.trim() || commonDirOf(gitDir);
  if (commonDir) start.push(path.join(commonDir, "config"));
  if (gitDir) start.push(path.join(gitDir, "config.worktree"));
  start.push(
    path.join(from.XDG_CONFIG_HOME || path.join(home, ".config"), "git", "config"),
    path.join(home, ".gitconfig")
  );
  const seen = /* @__PURE__ */ new Map();
  const queue = start.filter((file) => fs.existsSync(file));
  while (queue.length > 0 && seen.size < 100) {
    const file = path.resolve(queue.shift());
    if (seen.has(file) || !isRegularFile(file)) continue;
    const entries = listEntries(file);
    seen.set(file, { file, entries });
    for (const [key, value] of entries) {
      if (!/^include(if\..*)?\.path$/i.test(key) || !value) continue;
      const included = value.startsWith("~/") ? path.join(home, value.slice(2)) : path.resolve(path.dirname(file), value);
      if (fs.existsSync(included)) queue.push(included);
    }
  }
  return [...seen.values()];
}
function dotGitDir(dir) {
  const dotGit = path.join(dir, ".git");
  try {
    if (fs.statSync(dotGit).isDirectory()) return dotGit;
    const named = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, "utf8"))?.[1]?.trim();
    return named ? path.resolve(dir, named) : "";
  } catch {
    return "";
  }
}
function commonDirOf(gitDir) {
  if (!gitDir) return "";
  try {
    return path.resolve(gitDir, fs.readFileSync(path.join(gitDir, "commondir"), "utf8").trim());
  } catch {
    return gitDir;
  }
}
function isRegularFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// src/git/vault.ts
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import path2 from "node:path";
var VAULT_STATE = "credentials-vault";
var VAULT_NAME = /^codex-task-action-credentials-[0-9a-f]{16}\.vault$/;
var VAULT_CONTEXT = "codex-task-action credentials vault v1";
function vaultKey(token, salt) {
  return Buffer.from(hkdfSync("sha256", Buffer.from(token, "utf8"), salt, VAULT_CONTEXT, 32));
}
function sealVault(content, token) {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", vaultKey(token, salt), iv);
  cipher.setAAD(Buffer.from(VAULT_CONTEXT));
  const data = Buffer.concat([cipher.update(JSON.stringify(content), "utf8"), cipher.final()]);
  return JSON.stringify({
    v: 1,
    salt: salt.toString("base64"),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64")
  });
}
function openVault(sealed, token) {
  try {
    const parsed = JSON.parse(sealed);
    if (parsed.v !== 1) return new Error(`unknown vault version ${String(parsed.v)}`);
    const decipher = createDecipheriv(
      "aes-256-gcm",
      vaultKey(token, Buffer.from(parsed.salt, "base64")),
      Buffer.from(parsed.iv, "base64")
    );
    decipher.setAAD(Buffer.from(VAULT_CONTEXT));
    decipher.setAuthTag(Buffer.from(parsed.tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(parsed.data, "base64")), decipher.final()]).toString(
      "utf8"
    );
    return JSON.parse(plain);
  } catch {
    return new Error("the vault does not open with the github-token input (a different token, or a changed file)");
  }
}
function isVaultPath(vault, runnerTemp) {
  return path2.isAbsolute(vault) && path2.dirname(vault) === path2.resolve(runnerTemp) && VAULT_NAME.test(path2.basename(vault));
}
function newVaultPath(runnerTemp) {
  return path2.join(runnerTemp, `codex-task-action-credentials-${randomBytes(8).toString("hex")}.vault`);
}

// src/git/credentials.ts
var USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;
var hasUserinfo = (text) => new RegExp(USERINFO.source, "i").test(text);
var withoutUserinfo = (text) => text.replace(USERINFO, "$1");
function storeFiles(helper, from) {
  const words = helper.trim().split(/\s+/);
  if (!/(^|\/)(git-credential-)?store$/.test(words[0] ?? "")) return [];
  const home = from.HOME ?? os2.homedir();
  const fileArg = words.findIndex((word) => word === "--file" || word.startsWith("--file="));
  if (fileArg >= 0) {
    const named = words[fileArg] === "--file" ? words[fileArg + 1] : words[fileArg]?.slice("--file=".length);
    if (named) return [named.startsWith("~/") ? path3.join(home, named.slice(2)) : path3.resolve(home, named)];
  }
  return [];
}
function defaultStoreFiles(from) {
  const home = from.HOME ?? os2.homedir();
  return [
    path3.join(home, ".git-credentials"),
    path3.join(from.XDG_CONFIG_HOME || path3.join(home, ".config"), "git", "credentials")
  ];
}
function treatmentOf(key, value) {
  if (/^http\.(.+\.)?extraheader$/i.test(key)) return "remove";
  if (/^credential\.(.+\.)?helper$/i.test(key)) return "remove";
  if (hasUserinfo(key)) return "remove";
  if (hasUserinfo(value)) return "strip";
  return void 0;
}
function findCredentials(dir, from = process.env, known) {
  const files = [];
  const stores = new Set(defaultStoreFiles(from));
  const scratch = fs2.mkdtempSync(path3.join(os2.tmpdir(), "cta-credentials-"));
  try {
    for (const { file, entries } of configurationFiles(dir, from, known)) {
      const treated = /* @__PURE__ */ new Map();
      for (const [key, value] of entries) {
        const treatment = treatmentOf(key, value);
        if (treatment && treated.get(key) !== "remove") treated.set(key, treatment);
        if (/^credential\.(.+\.)?helper$/i.test(key)) for (const store of storeFiles(value, from)) stores.add(store);
      }
      if (treated.size === 0) continue;
      const original = fs2.readFileSync(file);
      const copy = path3.join(scratch, "config");
      fs2.writeFileSync(copy, original, { mode: 384 });
      const originals = [];
      for (const [key, treatment] of treated) {
        const values = entries.filter(([name]) => name === key).map(([, value]) => value);
        originals.push({ key, values });
        gitSyncQuiet(["config", "--file", copy, "--unset-all", key], scratch);
        if (treatment === "strip")
          for (const value of values)
            gitSyncQuiet(["config", "--file", copy, "--add", key, withoutUserinfo(value)], scratch);
      }
      files.push({
        path: file,
        mode: fs2.statSync(file).mode & 4095,
        original: original.toString("base64"),
        hidden: fs2.readFileSync(copy).toString("base64"),
        entries: originals
      });
    }
  } finally {
    fs2.rmSync(scratch, { recursive: true, force: true });
  }
  for (const store of stores) {
    if (!isRegularFile(store) || fs2.statSync(store).size === 0) continue;
    files.push({
      path: store,
      mode: fs2.statSync(store).mode & 4095,
      original: fs2.readFileSync(store).toString("base64"),
      hidden: "",
      entries: []
    });
  }
  return { files };
}
function applyHidden(credentials) {
  for (const file of credentials.files)
    fs2.writeFileSync(file.path, Buffer.from(file.hidden, "base64"), { mode: file.mode });
}
function restoreCredentials(credentials) {
  const failed = [];
  for (const file of credentials.files) {
    try {
      const current = fs2.existsSync(file.path) ? fs2.readFileSync(file.path).toString("base64") : file.hidden;
      if (current === file.hidden || current === file.original) {
        fs2.writeFileSync(file.path, Buffer.from(file.original, "base64"), { mode: file.mode });
        continue;
      }
      if (file.entries.length === 0) {
        failed.push(file.path);
        continue;
      }
      for (const entry of file.entries) {
        gitSyncQuiet(["config", "--file", file.path, "--unset-all", entry.key], OUTSIDE_ANY_REPOSITORY);
        for (const value of entry.values)
          gitSync(["config", "--file", file.path, "--add", entry.key, value], OUTSIDE_ANY_REPOSITORY);
      }
    } catch {
      failed.push(file.path);
    }
  }
  return failed;
}
function vaultFromEnvironment() {
  const runnerTemp = process.env.RUNNER_TEMP;
  const token = getInput("github-token");
  if (!runnerTemp || !token) return void 0;
  return { runnerTemp, token };
}
async function hideCheckoutCredentials(dir, known, vault = vaultFromEnvironment()) {
  const credentials = findCredentials(dir, process.env, known);
  if (credentials.files.length === 0) return async () => void 0;
  let vaultPath;
  if (vault) {
    vaultPath = newVaultPath(vault.runnerTemp);
    const temporary = `${vaultPath}.partial`;
    fs2.writeFileSync(temporary, sealVault(credentials, vault.token), { mode: 384 });
    fs2.renameSync(temporary, vaultPath);
    saveState(VAULT_STATE, vaultPath);
  } else {
    info(
      "No github-token: the hidden checkout credentials can be put back only by this step, not by the post step after a kill."
    );
  }
  info(`Hid the credentials persisted in ${credentials.files.length} file(s) for the length of the run.`);
  applyHidden(credentials);
  return async () => {
    const failed = restoreCredentials(credentials);
    if (failed.length > 0) warning(`Could not put the persisted credentials back into ${failed.join(", ")}.`);
    else if (vaultPath) fs2.rmSync(vaultPath, { force: true });
  };
}
function restoreFromVault(vaultPath, options) {
  if (!isVaultPath(vaultPath, options.runnerTemp))
    return `the saved vault path '${vaultPath}' is not one the action writes; nothing was restored.`;
  if (!fs2.existsSync(vaultPath)) return "the main step had put the credentials back already.";
  const opened = openVault(fs2.readFileSync(vaultPath, "utf8"), options.token);
  if (opened instanceof Error) return `the persisted credentials were not put back: ${opened.message}.`;
  const credentials = opened;
  const failed = restoreCredentials(credentials);
  if (failed.length > 0) return `could not put the persisted credentials back into ${failed.join(", ")}.`;
  fs2.rmSync(vaultPath, { force: true });
  return `put the persisted credentials back into ${credentials.files.length} file(s).`;
}

export {
  hideCheckoutCredentials,
  restoreFromVault
};
