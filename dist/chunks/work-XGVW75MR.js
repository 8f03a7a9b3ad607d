import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  applyPolicedPatch,
  buildCodexInput,
  createWorkspaceCopy,
  prepareWorkspace,
  removeTree,
  runCodexTask,
  stage
} from "./chunk-DVTCKOC6.js";
import {
  ACTION_MARKER,
  commitMessage,
  pullRequestBody,
  taskTitle,
  workBranchName
} from "./chunk-LOYICKCV.js";
import {
  inertLog
} from "./chunk-T5LBMU7D.js";
import "./chunk-RS6VKZPD.js";
import "./chunk-ZFCLGZUM.js";
import "./chunk-XVCY5ING.js";
import {
  sweepRunProcesses
} from "./chunk-I37MTC3O.js";
import {
  existingRunMarker
} from "./chunk-KLVSOTVW.js";
import {
  ActionError,
  fail,
  getErrorMessage,
  ok
} from "./chunk-LBANA4DG.js";
import "./chunk-XQUXGMXX.js";
import {
  info,
  saveState,
  warning
} from "./chunk-3XAZ5657.js";

// src/work.ts
import fs3 from "node:fs/promises";
import path3 from "node:path";

// src/publish/api-commit.ts
import fs from "node:fs/promises";
var API_COMMIT_MAX_FILE_BYTES = 10 * 1024 * 1024;
var PLAIN_FILE = "100644";
async function whatTheApiCannotCarry(files, patchPath, blobSize) {
  const problems = [];
  const special = files.filter((file) => file.status !== "deleted" && file.mode !== PLAIN_FILE);
  for (const file of special) {
    const kind = file.mode === "120000" ? "a symlink" : file.mode === "160000" ? "a submodule" : file.mode === "100755" ? "an executable file" : `file mode ${file.mode}`;
    problems.push(`\`${file.path}\` is ${kind}`);
  }
  const patch = patchPath ? await fs.readFile(patchPath, "utf8").catch(() => "") : "";
  for (const match of patch.matchAll(/^diff --git a\/(.+) b\/.+\nold mode (\d+)\nnew mode (\d+)$/gm)) {
    if (!special.some((file) => file.path === match[1]))
      problems.push(`\`${match[1]}\` changes its mode from ${match[2]} to ${match[3]}`);
  }
  for (const file of files.filter((candidate) => candidate.status !== "deleted" && candidate.mode === PLAIN_FILE)) {
    const size = await blobSize(file.path);
    if (size > API_COMMIT_MAX_FILE_BYTES)
      problems.push(
        `\`${file.path}\` is ${size} bytes, over the ${API_COMMIT_MAX_FILE_BYTES} bytes an API commit carries per file`
      );
  }
  if (problems.length === 0) return void 0;
  return `with 'commit-signing: api' the commit is made through GitHub's API, which carries file contents only, and this change has more: ${problems.join("; ")}. Nothing was published, so no part of the change is lost.`;
}
async function commitThroughApi(input) {
  const blobs = /* @__PURE__ */ new Map();
  const blob = async (file) => {
    const cached = blobs.get(file) ?? await input.git.stagedBlob(file);
    blobs.set(file, cached);
    return cached;
  };
  const refusal = await whatTheApiCannotCarry(input.files, input.patchPath, async (file) => (await blob(file)).length);
  if (refusal) return fail(refusal);
  const head = await input.git.headSha();
  const [headline = "", ...rest] = input.message.split("\n");
  const additions = [];
  for (const file of input.files.filter((candidate) => candidate.status !== "deleted"))
    additions.push({ path: file.path, contents: await blob(file.path) });
  try {
    if (input.newBranch) await input.github.createBranch(input.branch, head);
    const commit = await input.github.createCommitOnBranch({
      branch: input.branch,
      expectedHeadSha: head,
      headline,
      body: rest.join("\n").trim(),
      additions,
      deletions: input.files.filter((file) => file.status === "deleted").map((file) => file.path)
    });
    return ok(commit.sha);
  } catch (error) {
    return fail(`GitHub's API did not make the commit on '${input.branch}': ${getErrorMessage(error)}`);
  }
}
function rejectedForSignature(pushError) {
  return /GH013|verified signature|signed commits/i.test(pushError);
}
var SIGNING_HINT = "This repository's rules require verified (signed) commits: set `commit-signing: api` so GitHub's API makes and signs the commit. Apply the kept patch by hand meanwhile.";

// src/publish/publish.ts
async function publish(input, files) {
  const { plan, mode } = input;
  const base = {
    conclusion: "failed",
    changedFiles: files,
    patchPath: input.patchPath,
    finalMessage: input.finalMessage
  };
  if (mode === "patch") return { ...base, conclusion: "patch" };
  if (mode === "commit") return commitToCheckedOutBranch(input, base, files);
  if (plan.followUp && plan.workBranch) {
    inertLog.info(
      `Continuing pull request #${plan.followUp.number}: adding a commit to '${plan.workBranch}' instead of opening another pull request.`
    );
    const outcome = await commitToCheckedOutBranch(input, base, files);
    return outcome.conclusion === "committed" ? { ...outcome, prUrl: plan.followUp.url, prNumber: plan.followUp.number, prUpdated: true } : outcome;
  }
  return openPullRequest(input, base, files);
}
async function commitAndPublish(input, branch, newBranch, files) {
  const message = input.redact(commitMessage(input.task, input.run.url));
  if (input.commitSigning === "api") {
    const made = await commitThroughApi({
      git: input.git,
      github: input.github,
      branch,
      newBranch,
      message,
      files,
      patchPath: input.patchPath
    });
    return made.ok ? { commitSha: made.value } : {
      error: made.error,
      hint: "The patch is kept; apply it by hand, or ask again without the parts the API cannot carry."
    };
  }
  const commitSha = await input.git.commit(message, input.author);
  const pushed = await input.git.push(branch, input.auth);
  if (pushed.ok) return { commitSha };
  return {
    commitSha,
    error: `the push ${newBranch ? "of" : "to"} '${branch}' was rejected: ${pushed.error}`,
    hint: rejectedForSignature(pushed.error) ? SIGNING_HINT : void 0
  };
}
async function commitToCheckedOutBranch(input, base, files) {
  const branch = input.plan.workBranch;
  if (!branch || branch === input.plan.defaultBranch) {
    return {
      ...base,
      reason: `mode 'commit' pushes to the checked-out branch, and that is ${branch ? `the default branch '${branch}'` : "no branch (a detached HEAD)"}, which the action never pushes to.`,
      hint: "Use mode 'pull-request', or run on a pull request or a feature branch."
    };
  }
  const { commitSha, error, hint } = await commitAndPublish(input, branch, false, files);
  if (error !== void 0) {
    return {
      ...base,
      commitSha,
      reason: error,
      hint: hint ?? "Someone may have pushed to the branch meanwhile, or it is protected; apply the kept patch by hand or ask again."
    };
  }
  return { ...base, conclusion: "committed", branch, commitSha };
}
async function openPullRequest(input, base, files) {
  const { git, task, plan } = input;
  const branch = workBranchName(input.branchPrefix, task.thread?.number, input.run.id, input.run.attempt);
  if (!await git.isValidBranchName(branch) || branch === plan.defaultBranch) {
    return { ...base, reason: `'${branch}' is not a valid branch name.`, hint: "Change the 'branch-prefix' input." };
  }
  await git.createBranch(branch);
  const { commitSha, error, hint } = await commitAndPublish(input, branch, true, files);
  if (error !== void 0)
    return { ...base, commitSha, reason: error, hint: hint ?? "Check branch protection rules for the branch prefix." };
  const compareUrl = `${input.run.repoUrl}/compare/${encodeURIComponent(plan.baseBranch)}...${encodeURIComponent(branch)}?expand=1`;
  const pull = {
    title: input.redact(taskTitle(task)),
    body: input.redact(pullRequestBody({ task, finalMessage: input.finalMessage, files, runUrl: input.run.url })),
    head: branch,
    base: plan.baseBranch,
    draft: input.draft
  };
  let opened;
  try {
    opened = await createOrUpdatePullRequest(input.github, pull);
  } catch (error2) {
    return {
      ...base,
      branch,
      commitSha,
      compareUrl,
      reason: `the branch '${branch}' was pushed, but the pull request could not be opened: ${getErrorMessage(error2)}`,
      hint: `Open it from ${compareUrl}${actionsMayNotOpenPullRequests(error2) ? ` ${ALLOW_ACTIONS_PULL_REQUESTS}` : ""}`
    };
  }
  await decorate(input, opened.number);
  return {
    ...base,
    conclusion: "pull-request",
    branch,
    commitSha,
    prUrl: opened.url,
    prNumber: opened.number,
    prUpdated: opened.updated
  };
}
function actionsMayNotOpenPullRequests(error) {
  return /not permitted to create or approve pull requests/i.test(getErrorMessage(error));
}
var ALLOW_ACTIONS_PULL_REQUESTS = 'To let the action open pull requests, turn on Settings \u2192 Actions \u2192 General \u2192 Workflow permissions \u2192 "Allow GitHub Actions to create and approve pull requests" (for an organisation, in its settings first), or give the action a `github-token` that may: a fine-grained personal access token or a GitHub App token (actions/create-github-app-token) with pull-requests: write and contents: write.';
async function createOrUpdatePullRequest(github, pull) {
  try {
    return { ...await github.createPullRequest(pull), updated: false };
  } catch (error) {
    if (!/already exists/i.test(getErrorMessage(error))) throw error;
    const existing = await github.findOpenPullRequest(pull.head, pull.base);
    if (!existing) throw error;
    await github.updatePullRequest(existing.number, { title: pull.title, body: pull.body });
    return { ...existing, updated: true };
  }
}
async function decorate(input, number) {
  const reviewers = [...new Set(input.reviewers)].filter((login) => login.toLowerCase() !== "github-actions[bot]");
  const extras = [];
  if (input.labels.length > 0)
    extras.push([`add labels ${input.labels.join(", ")}`, () => input.github.addLabels(number, input.labels)]);
  if (reviewers.length > 0)
    extras.push([
      `request reviews from ${reviewers.join(", ")}`,
      () => input.github.requestReviewers(number, reviewers)
    ]);
  for (const [what, action] of extras) {
    try {
      await action();
    } catch (error) {
      warning(`Could not ${what} on pull request #${number}: ${getErrorMessage(error)}`);
    }
  }
}

// src/report/artifact.ts
import path from "node:path";
async function uploadPatchArtifact(patchPath, runId, runAttempt) {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    info(
      "Workflow artifacts are not available here (no ACTIONS_RESULTS_URL); the patch stays on the runner only."
    );
    return void 0;
  }
  const name2 = `codex-task-action-patch-${runId}-${runAttempt}`;
  try {
    const { DefaultArtifactClient } = await import("./artifact-A455YL7J.js");
    await new DefaultArtifactClient().uploadArtifact(name2, [patchPath], path.dirname(patchPath), { retentionDays: 14 });
    info(`Uploaded the patch as the workflow artifact '${name2}'.`);
    return name2;
  } catch (error) {
    warning(`Could not upload the patch as an artifact: ${getErrorMessage(error)}`);
    return void 0;
  }
}

// src/workspace/changes.ts
import fs2 from "node:fs/promises";
import path2 from "node:path";

// src/workspace/policy.ts
var MAX_NAMED = 10;
var name = (files) => files.slice(0, MAX_NAMED).map((file) => `'${file}'`).join(", ") + (files.length > MAX_NAMED ? ` and ${files.length - MAX_NAMED} more` : "");
function checkPolicy(facts, policy) {
  const violations = [];
  const add = (rule, files, message) => {
    if (files.length > 0) violations.push({ rule, files, message });
  };
  const paths = facts.files.map((file) => file.path);
  const matchers = policy.protectedPaths.map(globToRegExp);
  const outside = paths.filter((file) => file.startsWith("/") || file.split("/").includes(".."));
  add("outside-workspace", outside, `${name(outside)} ${outside.length === 1 ? "is" : "are"} outside the workspace.`);
  const protectedHits = paths.filter((file) => matchers.some((matcher) => matcher.test(file)));
  add(
    "protected-paths",
    protectedHits,
    `${name(protectedHits)} ${protectedHits.length === 1 ? "is" : "are"} protected ('protected-paths'); Codex may not change ${protectedHits.length === 1 ? "it" : "them"}.`
  );
  const symlinks = facts.files.filter((file) => file.status !== "deleted" && file.mode === "120000").map((file) => file.path);
  add(
    "symlinks",
    symlinks,
    `${name(symlinks)} ${symlinks.length === 1 ? "is a symbolic link" : "are symbolic links"}; the action does not publish links, which can point outside the repository.`
  );
  const submodules = facts.files.filter((file) => file.mode === "160000").map((file) => file.path);
  add(
    "submodules",
    submodules,
    `${name(submodules)} ${submodules.length === 1 ? "is a submodule" : "are submodules"}; the action does not change submodules.`
  );
  const nested = (facts.nestedRepositories ?? []).map((entry) => entry.replace(/\/$/, ""));
  add(
    "nested-repositories",
    nested,
    `${name(nested)} ${nested.length === 1 ? "is a git repository" : "are git repositories"} that Codex created inside the checkout; the action never publishes one (it would be a submodule whose own configuration can run commands).`
  );
  const large = paths.filter((file) => (facts.sizes.get(file) ?? 0) > policy.maxFileBytes);
  add(
    "max-file-bytes",
    large,
    `${name(large)} ${large.length === 1 ? "is" : "are"} larger than ${policy.maxFileBytes} bytes ('max-file-bytes').`
  );
  if (facts.files.length > policy.maxChangedFiles) {
    violations.push({
      rule: "max-changed-files",
      files: [],
      message: `the change touches ${facts.files.length} files, more than ${policy.maxChangedFiles} ('max-changed-files').`
    });
  }
  if (facts.patchBytes > policy.maxDiffBytes) {
    violations.push({
      rule: "max-diff-bytes",
      files: [],
      message: `the diff is ${facts.patchBytes} bytes, more than ${policy.maxDiffBytes} ('max-diff-bytes').`
    });
  }
  for (const { file, kinds } of facts.secrets) {
    violations.push({
      rule: "secrets",
      files: [file],
      message: `'${file}' contains ${kinds.join(" and ")}; secrets are never published (the kept patch has them replaced by ***).`
    });
  }
  return violations;
}
function globToRegExp(pattern) {
  let glob = pattern.trim().replace(/^\.\//, "");
  if (glob.endsWith("/")) glob += "**";
  const anchored = glob.includes("/");
  if (glob.startsWith("/")) glob = glob.slice(1);
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${anchored ? "" : "(?:.*/)?"}${source}$`, "i");
}
function addedLinesByFile(patch) {
  const added = /* @__PURE__ */ new Map();
  let current = "(a file of the change)";
  let inHunk = false;
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = pathOfDiffHeader(line) ?? "(a file of the change)";
      inHunk = false;
    } else if (line.startsWith("@@")) inHunk = true;
    else if (inHunk && line.startsWith("+")) added.set(current, `${added.get(current) ?? ""}${line.slice(1)}
`);
  }
  return added;
}
function binaryFilesIn(patch) {
  const files = [];
  let current;
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) current = pathOfDiffHeader(line);
    else if (current !== void 0 && (line === "GIT binary patch" || line.startsWith("Binary files "))) {
      files.push(current);
      current = void 0;
    }
  }
  return files;
}
function pathOfDiffHeader(line) {
  const rest = line.slice("diff --git ".length);
  if (rest.startsWith('"')) {
    const end = closingQuote(rest, 0);
    const name3 = end === void 0 ? void 0 : unquoteC(rest.slice(1, end));
    return name3?.startsWith("a/") ? name3.slice(2) : void 0;
  }
  if (!rest.startsWith("a/") || (rest.length - 5) % 2 !== 0) return void 0;
  const length = (rest.length - 5) / 2;
  const name2 = rest.slice(2, 2 + length);
  return rest.slice(2 + length) === ` b/${name2}` ? name2 : void 0;
}
function closingQuote(text, open) {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return void 0;
}
var C_ESCAPES = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
function unquoteC(quoted) {
  const bytes = [];
  for (let i = 0; i < quoted.length; i++) {
    const char = quoted[i];
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = quoted[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

// src/workspace/changes.ts
async function collectChanges(git, patchPath, scanner) {
  const nestedRepositories = (await git.untracked({ ignored: false, collapse: false })).filter(
    (entry) => entry.endsWith("/")
  );
  const files = await git.stageAll(nestedRepositories);
  if (files.length === 0)
    return {
      files,
      patchPath: void 0,
      facts: { files, sizes: /* @__PURE__ */ new Map(), patchBytes: 0, secrets: [], nestedRepositories }
    };
  const patch = await git.stagedPatch();
  await writeWithoutFollowingLinks(patchPath, patch, git.dir);
  const sizes = /* @__PURE__ */ new Map();
  await Promise.all(
    files.filter((file) => file.status !== "deleted").map(async (file) => {
      const stat = await fs2.lstat(path2.join(git.dir, file.path)).catch(() => void 0);
      if (stat) sizes.set(file.path, stat.size);
    })
  );
  const found = /* @__PURE__ */ new Map();
  const note = (file, kinds) => {
    for (const kind of kinds) found.set(file, (found.get(file) ?? /* @__PURE__ */ new Set()).add(kind));
  };
  for (const [file, added] of addedLinesByFile(patch)) note(file, scanner.detect(added));
  for (const file of binaryFilesIn(patch)) note(file, await detectInFile(path2.join(git.dir, file), scanner));
  for (const file of files) note(file.path, scanner.detect(file.path));
  const secrets = [...found].map(([file, kinds]) => ({ file, kinds: [...kinds] }));
  if (secrets.length > 0)
    await writeWithoutFollowingLinks(patchPath, redactPatch(patch, new Set(found.keys()), scanner.redact), git.dir);
  return {
    files,
    patchPath,
    facts: { files, sizes, patchBytes: Buffer.byteLength(patch), secrets, nestedRepositories }
  };
}
function redactPatch(patch, secretFiles, redact) {
  const sections = patch.split(/^(?=diff --git )/m);
  const dropped = [];
  const kept = sections.filter((section) => {
    const file = pathOfDiffHeader(section.slice(0, section.indexOf("\n")));
    const binary = /^(GIT binary patch|Binary files )/m.test(section);
    if (binary && (file === void 0 || secretFiles.has(file))) {
      dropped.push(file ?? "(a file of the change)");
      return false;
    }
    return true;
  });
  const note = [
    "# codex-task-action: this change holds secrets, so it was not published and they are replaced by *** here.",
    ...dropped.length > 0 ? [`# Left out, binary files that hold a secret: ${dropped.join(", ")}`] : [],
    ""
  ].join("\n");
  return note + redact(kept.join(""));
}
var CHUNK_BYTES = 4 * 1024 * 1024;
var CHUNK_OVERLAP = 4096;
async function detectInFile(file, scanner) {
  const stat = await fs2.lstat(file).catch(() => void 0);
  if (!stat?.isFile()) return [];
  const kinds = /* @__PURE__ */ new Set();
  const handle = await fs2.open(file, "r");
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES + CHUNK_OVERLAP);
    let carried = 0;
    for (; ; ) {
      const { bytesRead } = await handle.read(buffer, carried, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, carried + bytesRead);
      for (const text of [chunk.toString("latin1"), chunk.toString("utf16le"), chunk.subarray(1).toString("utf16le")]) {
        for (const kind of scanner.detect(text)) kinds.add(kind);
      }
      carried = Math.min(CHUNK_OVERLAP, chunk.length);
      chunk.copy(buffer, 0, chunk.length - carried);
    }
  } finally {
    await handle.close();
  }
  return [...kinds];
}
async function writeWithoutFollowingLinks(file, content, workspace) {
  const inside = path2.relative(workspace, path2.dirname(file));
  if (inside && !inside.startsWith("..") && !path2.isAbsolute(inside)) {
    let dir = workspace;
    for (const part of inside.split(path2.sep)) {
      dir = path2.join(dir, part);
      if ((await fs2.lstat(dir).catch(() => void 0))?.isSymbolicLink()) await fs2.unlink(dir);
    }
  }
  await fs2.mkdir(path2.dirname(file), { recursive: true });
  await fs2.rm(file, { force: true });
  await fs2.writeFile(file, content, { flag: "wx" });
}

// src/work.ts
async function doTheWork(input) {
  if (input.task.review) return (await import("./run-CM7WLK5L.js")).reviewPullRequest(input, input.task.review.focus);
  const outcome = await runStages(input);
  if (outcome.patchPath && (outcome.conclusion === "failed" || outcome.conclusion === "patch")) {
    const artifact = await uploadPatchArtifact(outcome.patchPath, input.runner.runId, input.runner.runAttempt);
    if (artifact) return { ...outcome, patchArtifact: artifact };
  }
  return outcome;
}
async function runStages(input) {
  const { task, settings, runner, activity, scanner } = input;
  const stateDir = path3.join(runner.runnerTemp, `codex-task-action-${runner.runId}-${runner.runAttempt}`);
  const patchPath = settings.patchPath ? path3.resolve(runner.workspace, settings.patchPath) : path3.join(stateDir, "changes.patch");
  const auth = { serverUrl: runner.serverUrl, token: settings.githubToken };
  const scratchDir = path3.join(stateDir, "scratch");
  const git = await input.deps.createGit(runner.workspace);
  const restoreCredentials = await git.hideCredentials();
  let copy;
  try {
    const plan = await stage(
      "Prepare the workspace",
      async () => prepareWorkspace({
        git,
        pull: input.pull,
        isFork: input.isFork,
        settings,
        defaultBranch: input.defaultBranchFromEvent ?? await input.github.getDefaultBranch(),
        auth,
        continuesPullRequest: input.pull !== void 0 && (task.source.kind === "review-comment" || input.pull.body.includes(ACTION_MARKER) && input.pull.headRef.startsWith(settings.branchPrefix))
      })
    );
    if (input.isFork) await refuseUnsafeForkCommits(git, plan.trustedRef, settings);
    const codexInput = buildCodexInput(task, {
      owner: runner.owner,
      repo: runner.repo,
      publishNote: settings.mode === "patch" ? "the action saves your changes as a patch." : "the action commits your changes and publishes them.",
      maintainerInstructions: settings.instructions,
      agentsMd: await git.readFileAt(plan.trustedRef, "AGENTS.md"),
      conversation: input.conversation,
      pullRequestFiles: input.pull ? await git.changedSince(plan.trustedRef).catch(() => void 0) : void 0
    });
    await fs3.mkdir(stateDir, { recursive: true });
    saveState("scratch-dir", scratchDir);
    const workCopy = await stage("Copy the checkout for Codex", () => createWorkspaceCopy(git, scratchDir));
    copy = workCopy;
    const result = await stage(
      "Codex",
      () => runCodexTask({
        settings,
        prompt: codexInput.prompt,
        instructions: codexInput.instructions,
        copy: { workTree: workCopy.dir, gitDir: workCopy.gitDir, tmpDir: workCopy.tmpDir },
        toolCache: runner.toolCache,
        stateDir: scratchDir,
        startSession: input.deps.startCodex,
        onEvent: activity.listener
      })
    );
    sweepRunProcesses({ marker: existingRunMarker(), dirs: [scratchDir] });
    const changes = await stage("Collect the changes", () => collectChanges(workCopy.git, patchPath, scanner));
    const facts = {
      conclusion: "failed",
      finalMessage: result.finalMessage,
      threadId: result.threadId,
      usage: result.usage ?? activity.usage,
      commandsRun: activity.commands.length,
      changedFiles: changes.files,
      patchPath: changes.patchPath,
      dials: result.dials
    };
    if (result.status !== "completed")
      return { ...facts, reason: `Codex ${result.status === "timed-out" ? "timed out" : "failed"}: ${result.error}` };
    if (changes.files.length === 0 && (changes.facts.nestedRepositories ?? []).length === 0)
      return { ...facts, conclusion: "no-changes" };
    const violations = checkPolicy(changes.facts, settings);
    const messageSecrets = scanner.detect(result.finalMessage);
    if (messageSecrets.length > 0) {
      violations.push({
        rule: "secrets",
        files: [],
        message: `Codex's final message contains ${messageSecrets.join(" and ")}; a run that surfaces a secret is not published.`
      });
    }
    if (violations.length > 0) {
      inertLog.error(
        `The change breaks the diff policy:
${violations.map((violation) => `- [${violation.rule}] ${violation.message}`).join("\n")}`
      );
      return {
        ...facts,
        reason: `the change was not published because it breaks the diff policy: ${violations.map((violation) => violation.message).join(" ")}`,
        hint: "Review the kept patch. If the change is wanted, make it by hand, or adjust protected-paths or the max-* inputs."
      };
    }
    const brought = await stage(
      "Bring the change into the checkout",
      () => applyPolicedPatch(git, patchPath, settings.mode !== "patch")
    );
    if (!brought.ok) {
      return {
        ...facts,
        reason: `the change passed the diff policy but could not be applied to the checkout: ${brought.error}`,
        hint: "An earlier step may have changed the same files in the checkout; apply the kept patch by hand."
      };
    }
    const published = await stage(
      `Publish (${settings.mode})`,
      () => publish(
        {
          git,
          github: input.github,
          task,
          plan,
          mode: settings.mode,
          draft: settings.draft,
          commitSigning: settings.commitSigning,
          author: settings.commitAuthor,
          branchPrefix: settings.branchPrefix,
          labels: settings.labels,
          reviewers: settings.requestReview ? [...settings.reviewers, task.requester.login] : settings.reviewers,
          finalMessage: result.finalMessage,
          patchPath,
          auth,
          redact: scanner.redact,
          run: {
            id: runner.runId,
            attempt: runner.runAttempt,
            url: runner.runUrl,
            repoUrl: `${runner.serverUrl}/${runner.owner}/${runner.repo}`
          }
        },
        changes.files
      )
    );
    return { ...facts, ...published };
  } finally {
    sweepRunProcesses({ marker: existingRunMarker(), dirs: [scratchDir] });
    await (copy?.remove() ?? removeTree(scratchDir)).catch(
      (error) => warning(`Codex's copy of the checkout at ${scratchDir} could not be removed: ${getErrorMessage(error)}`)
    );
    await restoreCredentials();
  }
}
async function refuseUnsafeForkCommits(git, trustedRef, settings) {
  const files = await git.changedSince(trustedRef);
  const unlimited = {
    maxFileBytes: Number.POSITIVE_INFINITY,
    maxChangedFiles: Number.POSITIVE_INFINITY,
    maxDiffBytes: Number.POSITIVE_INFINITY
  };
  const violations = checkPolicy(
    { files, sizes: /* @__PURE__ */ new Map(), patchBytes: 0, secrets: [] },
    { ...settings, ...unlimited }
  );
  if (violations.length > 0) {
    throw new ActionError(
      `the fork's own commits break the diff policy, so the action will not carry them into this repository: ${violations.map((violation) => violation.message).join(" ")}`,
      "Ask the contributor to drop those changes, or make the change on a branch of this repository."
    );
  }
}
export {
  doTheWork
};
