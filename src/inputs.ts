// Owns the action's input vocabulary: every input's name, the defaults action.yml also declares, and the values
// the enumerated inputs accept. Data only; reading and validating the inputs is settings.ts's job.
export const PERMISSION_LEVELS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export const SANDBOX_MODES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

export const PUBLISH_MODES = ['pull-request', 'commit', 'patch', 'review'] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];

/** How the commit reaches GitHub: a git push, or GitHub's API (which signs it, for rules that require signed commits). */
export const COMMIT_SIGNING = ['git', 'api'] as const;
export type CommitSigning = (typeof COMMIT_SIGNING)[number];

export const CODEX_SERVERS = ['auto', 'native', 'bridge'] as const;
/** How the action reaches Codex over MCP: `codex mcp-server` (native), our bridge over `codex app-server`, or whichever the release has. */
export type CodexServerChoice = (typeof CODEX_SERVERS)[number];

/** The newest release that passes the whole end-to-end suite (through the bridge over `codex app-server`). */
export const DEFAULT_CODEX_VERSION = '0.169.0';
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * Defaults for inputs that action.yml declares with a default. The runner applies action.yml's defaults,
 * but the action also runs without a runner (local-action, our tests), so it applies them itself;
 * a unit test keeps this table and action.yml in step.
 */
export const INPUT_DEFAULTS = {
  'trigger-phrase': '/codex',
  'required-permission': 'write',
  'codex-version': DEFAULT_CODEX_VERSION,
  sandbox: 'workspace-write',
  'network-access': 'false',
  'approval-policy': 'never',
  'timeout-minutes': '30',
  mode: 'pull-request',
  'branch-prefix': 'codex/',
  draft: 'false',
  'commit-signing': 'git',
  'commit-author': 'codex-task-action[bot] <codex-task-action[bot]@users.noreply.github.com>',
  'codex-server': 'auto',
  'allow-forks': 'false',
  'allow-dangerous-sandbox': 'false',
  'protected-paths':
    '.github/**\n.gitmodules\n.gitattributes\n.husky/**\nCODEOWNERS\nAGENTS.md\nAGENTS.override.md\n**/.agents/**\n**/.codex/**',
  'max-file-bytes': '1048576',
  'max-changed-files': '200',
  'max-diff-bytes': '2097152',
  'request-review': 'false',
  'review-verdicts': 'false',
} as const;

export const INPUT_NAMES = [
  'github-token',
  'openai-api-key',
  'prompt',
  'trigger-phrase',
  'trigger-label',
  'required-permission',
  'allowed-bots',
  'codex-version',
  'codex-path',
  'openai-base-url',
  'model',
  'sandbox',
  'network-access',
  'timeout-minutes',
  'mode',
  'base-branch',
  'branch-prefix',
  'draft',
  'commit-signing',
  'commit-author',
  'codex-server',
  'allow-forks',
  'allow-dangerous-sandbox',
  'protected-paths',
  'max-file-bytes',
  'max-changed-files',
  'max-diff-bytes',
  'patch-path',
  'labels',
  'reviewers',
  'request-review',
  'trigger-assignee',
  'instructions',
  'review-verdicts',
  // The approval dials (dials.ts).
  'approval-policy',
  'max-tokens',
  'max-model-requests',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];
