// Owns the action's inputs: reads every input once, applies the defaults that action.yml also declares,
// validates them, and returns one typed Settings object. Every error names the input and what it accepts.
// Nothing else in the action calls core.getInput.
import * as core from '@actions/core';
import type { Dials } from './dials.js';
import { parseDials } from './dials.js';
import { ActionError } from './errors.js';
import type { Identity } from './input-values.js';
import { forkSettings, inputValues, isBranchPrefix, isHttpUrl, parseIdentity } from './input-values.js';
import {
  PERMISSION_LEVELS,
  SANDBOX_MODES,
  PUBLISH_MODES,
  COMMIT_SIGNING,
  CODEX_SERVERS,
  DEFAULT_CODEX_VERSION,
  DEFAULT_OPENAI_BASE_URL,
  INPUT_DEFAULTS,
} from './inputs.js';
import type {
  PermissionLevel,
  SandboxMode,
  PublishMode,
  CommitSigning,
  CodexServerChoice,
  InputName,
} from './inputs.js';
// The vocabulary is re-exported so that the rest of the action reads inputs from one place.
export * from './inputs.js';
export type { Identity } from './input-values.js';
export { parseIdentity } from './input-values.js';

export interface Settings extends Dials {
  githubToken: string;
  openaiApiKey: string;
  /** The task given directly by the workflow; when set, any event runs it. */
  prompt: string | undefined;
  triggerPhrase: string;
  triggerLabel: string | undefined;
  requiredPermission: Exclude<PermissionLevel, 'none'>;
  allowedBots: string[];
  codexVersion: string;
  codexPath: string | undefined;
  openaiBaseUrl: string;
  model: string | undefined;
  sandbox: SandboxMode;
  timeoutMinutes: number;
  mode: PublishMode;
  baseBranch: string | undefined;
  branchPrefix: string;
  draft: boolean;
  commitSigning: CommitSigning;
  commitAuthor: Identity;
  codexServer: CodexServerChoice;
  allowForks: boolean;
  /** `allow-forks: review` (or `true`): a fork's pull request may be reviewed, read-only, nothing pushed. */
  allowForkReviews: boolean;
  /** A review may approve or request changes when Codex says so (never on a fork's pull request); else it is a comment. */
  reviewVerdicts: boolean;
  allowDangerousSandbox: boolean;
  /** Glob patterns (gitignore-like: `**`, `*`, a trailing `/`) of paths Codex may not change. */
  protectedPaths: string[];
  maxFileBytes: number;
  maxChangedFiles: number;
  maxDiffBytes: number;
  /** Where the patch of Codex's change is written; empty means a file in RUNNER_TEMP. */
  patchPath: string | undefined;
  labels: string[];
  reviewers: string[];
  requestReview: boolean;
  triggerAssignee: string | undefined;
  /** The maintainer's own instructions, appended to the action's. Trusted: they come from the workflow file. */
  instructions: string | undefined;
}

/** Reads an input as the runner passes it (INPUT_<NAME>), or its default. */
export type InputReader = (name: InputName) => string;

export const readActionInput: InputReader = (name) => {
  const value = core.getInput(name, { trimWhitespace: name !== 'prompt' });
  if (value !== '') return value;
  return (INPUT_DEFAULTS as Record<string, string>)[name] ?? '';
};

/**
 * The inputs, parsed once: either every input is valid and `settings` is the typed object the run uses, or
 * `error` lists every problem (each names the input, the value and what is accepted) and the run stops.
 * An invalid run gets no Settings at all, only `audience`: what the action needs to decide whether the
 * requester may read the error on the issue (see InputErrorAudience).
 */
export type SettingsResult =
  { ok: true; settings: Settings } | { ok: false; error: ActionError; audience: InputErrorAudience | undefined };

/**
 * The inputs that decide whether an event is a task and who passed the gate, used only to decide where an
 * input error is reported. An invalid one is replaced by its strictest reading: an invalid required-permission
 * by 'admin' and an invalid allowed-bots by none, so that a typo can only narrow who sees the error and never
 * turns into a refusal or an acceptance of anyone. Undefined when no reading is safe (no token to post with,
 * or a trigger-phrase that cannot be matched): then the error is only in the log.
 */
export type InputErrorAudience = Pick<
  Settings,
  | 'githubToken'
  | 'openaiApiKey'
  | 'prompt'
  | 'triggerPhrase'
  | 'triggerLabel'
  | 'triggerAssignee'
  | 'requiredPermission'
  | 'allowedBots'
>;

/** Parses and validates every input; throws one ActionError listing every problem found. */
export function parseSettings(read: InputReader = readActionInput): Settings {
  const result = loadSettings(read);
  if (!result.ok) throw result.error;
  return result.settings;
}

export function loadSettings(read: InputReader = readActionInput): SettingsResult {
  const { settings, error } = tryParseSettings(read);
  if (!error) return { ok: true, settings };
  // Every problem starts with the input it is about (`Input 'name' ...`).
  const invalid = new Set(error.message.match(/Input '[\w-]+'/g)?.map((found) => found.slice("Input '".length, -1)));
  const audience: InputErrorAudience | undefined =
    invalid.has('github-token') || invalid.has('trigger-phrase')
      ? undefined
      : {
          githubToken: settings.githubToken,
          openaiApiKey: settings.openaiApiKey,
          prompt: settings.prompt,
          triggerPhrase: settings.triggerPhrase,
          triggerLabel: settings.triggerLabel,
          triggerAssignee: settings.triggerAssignee,
          requiredPermission: invalid.has('required-permission') ? 'admin' : settings.requiredPermission,
          allowedBots: invalid.has('allowed-bots') ? [] : settings.allowedBots,
        };
  return { ok: false, error, audience };
}

/**
 * The parsing itself: settings in which every invalid input fell back to a safe value, next to the problems.
 * Only loadSettings reads the fallbacks, and only for InputErrorAudience; the run never sees them.
 */
function tryParseSettings(read: InputReader = readActionInput): { settings: Settings; error: ActionError | undefined } {
  const problems: string[] = [];
  const { text, optional, oneOf, bool, required, list, lines, count } = inputValues(read, problems);

  const githubToken = required('github-token', 'the action needs a token to reply and open pull requests.');
  const openaiApiKey = required('openai-api-key', 'Codex needs an OpenAI API key; pass it from a secret.');
  // Mask before anything else can print them.
  if (githubToken) core.setSecret(githubToken);
  if (openaiApiKey) core.setSecret(openaiApiKey);

  let triggerPhrase = text('trigger-phrase');
  if (!triggerPhrase || /\s/.test(triggerPhrase)) {
    problems.push(`Input 'trigger-phrase' is '${triggerPhrase}'; it must be one word without spaces, such as /codex.`);
    triggerPhrase = INPUT_DEFAULTS['trigger-phrase'];
  }

  // On an invalid value the strictest level stands, so a typo never opens the gate.
  const requiredPermission = oneOf(
    'required-permission',
    ['read', 'triage', 'write', 'maintain', 'admin'] as const,
    'admin',
  );

  const allowedBots = list('allowed-bots');
  for (const bot of allowedBots) {
    if (/[*?]/.test(bot))
      problems.push(`Input 'allowed-bots' contains '${bot}'; list exact bot names, wildcards are not accepted.`);
  }

  const codexVersion = text('codex-version');
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(codexVersion)) {
    problems.push(
      `Input 'codex-version' is '${codexVersion}'; give an exact version such as ${DEFAULT_CODEX_VERSION}.`,
    );
  }

  const openaiBaseUrl = (optional('openai-base-url') ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, '');
  if (!isHttpUrl(openaiBaseUrl)) {
    problems.push(
      `Input 'openai-base-url' is '${openaiBaseUrl}'; give an http(s) URL such as ${DEFAULT_OPENAI_BASE_URL}.`,
    );
  }

  const timeoutText = text('timeout-minutes');
  const timeoutMinutes = Number(timeoutText);
  if (!Number.isFinite(timeoutMinutes) || timeoutMinutes <= 0 || timeoutMinutes > 360) {
    problems.push(
      `Input 'timeout-minutes' is '${timeoutText}'; give a number of minutes greater than 0 and at most 360.`,
    );
  }

  const branchPrefix = text('branch-prefix');
  if (!isBranchPrefix(branchPrefix)) {
    problems.push(`Input 'branch-prefix' is '${branchPrefix}'; use letters, digits, '.', '_', '-' and '/' only.`);
  }

  const baseBranch = optional('base-branch');
  if (baseBranch !== undefined && !/^[A-Za-z0-9._/-]+$/.test(baseBranch)) {
    problems.push(`Input 'base-branch' is '${baseBranch}'; give a branch name such as main.`);
  }

  const sandbox = oneOf('sandbox', SANDBOX_MODES);
  const allowDangerousSandbox = bool('allow-dangerous-sandbox');
  if (sandbox === 'danger-full-access' && !allowDangerousSandbox) {
    problems.push(
      "Input 'sandbox' is 'danger-full-access', which lets Codex's commands touch the whole runner; set 'allow-dangerous-sandbox: true' to accept that.",
    );
  }

  const commitAuthor = parseIdentity(text('commit-author'));
  if (!commitAuthor) {
    problems.push(`Input 'commit-author' is '${text('commit-author')}'; use the form 'Name <email@example.com>'.`);
  }

  const settings: Settings = {
    githubToken,
    openaiApiKey,
    prompt: read('prompt').trim() ? read('prompt') : undefined,
    triggerPhrase,
    triggerLabel: optional('trigger-label'),
    requiredPermission,
    allowedBots,
    codexVersion,
    codexPath: optional('codex-path'),
    openaiBaseUrl,
    model: optional('model'),
    sandbox: sandbox === 'danger-full-access' && !allowDangerousSandbox ? 'workspace-write' : sandbox,
    ...parseDials(read, problems),
    timeoutMinutes,
    mode: oneOf('mode', PUBLISH_MODES),
    baseBranch,
    branchPrefix,
    draft: bool('draft'),
    commitSigning: oneOf('commit-signing', COMMIT_SIGNING),
    commitAuthor: commitAuthor ?? { name: '', email: '' },
    codexServer: oneOf('codex-server', CODEX_SERVERS),
    ...forkSettings(text('allow-forks'), problems),
    reviewVerdicts: bool('review-verdicts'),
    allowDangerousSandbox,
    protectedPaths: lines('protected-paths'),
    maxFileBytes: count('max-file-bytes', 1, 1024 * 1024 * 1024),
    maxChangedFiles: count('max-changed-files', 1, 100_000),
    maxDiffBytes: count('max-diff-bytes', 1, 1024 * 1024 * 1024),
    patchPath: optional('patch-path'),
    labels: lines('labels'),
    reviewers: list('reviewers').map((reviewer) => reviewer.replace(/^@/, '')),
    requestReview: bool('request-review'),
    triggerAssignee: optional('trigger-assignee')?.replace(/^@/, ''),
    instructions: read('instructions').trim() || undefined,
  };

  if (problems.length === 0) return { settings, error: undefined };
  const error = new ActionError(
    problems.length === 1
      ? (problems[0] as string)
      : `the action's inputs have ${problems.length} problems:\n- ${problems.join('\n- ')}`,
    'Fix the inputs under `with:` in the workflow file.',
  );
  return { settings, error };
}

export function permissionAtLeast(actual: PermissionLevel, required: PermissionLevel): boolean {
  return PERMISSION_LEVELS.indexOf(actual) >= PERMISSION_LEVELS.indexOf(required);
}
