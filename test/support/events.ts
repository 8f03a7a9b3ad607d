// Realistic webhook payloads for the events the action handles, shaped like GitHub's own
// (only the fields a consumer would plausibly read are filled in).

export const OWNER = 'octo-org';
export const REPO = 'octo-repo';
const REPO_URL = `https://github.com/${OWNER}/${REPO}`;

export interface PayloadUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export const users = {
  maintainer: { login: 'mona', id: 1001, type: 'User' } as PayloadUser,
  reader: { login: 'reader-rita', id: 1002, type: 'User' } as PayloadUser,
  triager: { login: 'triage-tom', id: 1003, type: 'User' } as PayloadUser,
  bot: { login: 'renovate[bot]', id: 29139614, type: 'Bot' } as PayloadUser,
};

function user(u: PayloadUser): Record<string, unknown> {
  return {
    login: u.login,
    id: u.id,
    node_id: `U_${u.id}`,
    type: u.type,
    html_url: `https://github.com/${u.login}`,
    site_admin: false,
  };
}

function repository(): Record<string, unknown> {
  return {
    id: 4242,
    node_id: 'R_4242',
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    private: false,
    owner: { login: OWNER, id: 9000, type: 'Organization' },
    html_url: REPO_URL,
    default_branch: 'main',
    fork: false,
  };
}

export interface IssueShape {
  number: number;
  title: string;
  body: string;
  author?: PayloadUser;
  isPullRequest?: boolean;
  labels?: string[];
}

function issue(shape: IssueShape): Record<string, unknown> {
  const kind = shape.isPullRequest ? 'pull' : 'issues';
  return {
    id: 70000 + shape.number,
    node_id: `I_${shape.number}`,
    number: shape.number,
    title: shape.title,
    body: shape.body,
    state: 'open',
    locked: false,
    user: user(shape.author ?? users.maintainer),
    labels: (shape.labels ?? []).map((name, index) => ({ id: index + 1, name })),
    html_url: `${REPO_URL}/${kind}/${shape.number}`,
    url: `https://api.github.com/repos/${OWNER}/${REPO}/issues/${shape.number}`,
    author_association: 'MEMBER',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    ...(shape.isPullRequest
      ? {
          pull_request: {
            url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${shape.number}`,
            html_url: `${REPO_URL}/pull/${shape.number}`,
          },
        }
      : {}),
  };
}

export function issueCommentEvent(options: {
  issue: IssueShape;
  body: string;
  sender: PayloadUser;
  commentId?: number;
  action?: 'created' | 'edited' | 'deleted';
}): Record<string, unknown> {
  const commentId = options.commentId ?? 555001;
  return {
    action: options.action ?? 'created',
    issue: issue(options.issue),
    comment: {
      id: commentId,
      node_id: `IC_${commentId}`,
      body: options.body,
      user: user(options.sender),
      html_url: `${REPO_URL}/issues/${options.issue.number}#issuecomment-${commentId}`,
      author_association: 'MEMBER',
      created_at: '2026-11-24T12:00:00Z',
      updated_at: '2026-11-24T12:00:00Z',
    },
    repository: repository(),
    sender: user(options.sender),
  };
}

export function issuesEvent(options: {
  issue: IssueShape;
  action: 'opened' | 'labeled' | 'edited';
  label?: string;
  sender?: PayloadUser;
}): Record<string, unknown> {
  return {
    action: options.action,
    issue: issue(options.issue),
    ...(options.label ? { label: { id: 77, name: options.label, color: 'ededed' } } : {}),
    repository: repository(),
    sender: user(options.sender ?? options.issue.author ?? users.maintainer),
  };
}

export function workflowDispatchEvent(
  sender: PayloadUser = users.maintainer,
  inputs: Record<string, string> = {},
): Record<string, unknown> {
  return {
    inputs,
    ref: 'refs/heads/main',
    repository: repository(),
    sender: user(sender),
    workflow: '.github/workflows/codex.yml',
  };
}

export function pullRequestReviewCommentEvent(options: {
  pull: { number: number; title: string; body: string; head: string; base?: string };
  body: string;
  sender: PayloadUser;
  path: string;
  line: number;
  startLine?: number;
  diffHunk: string;
  commentId?: number;
}): Record<string, unknown> {
  const commentId = options.commentId ?? 777001;
  return {
    action: 'created',
    comment: {
      id: commentId,
      node_id: `PRRC_${commentId}`,
      body: options.body,
      path: options.path,
      line: options.line,
      start_line: options.startLine ?? null,
      original_line: options.line,
      side: 'RIGHT',
      diff_hunk: options.diffHunk,
      user: user(options.sender),
      html_url: `${REPO_URL}/pull/${options.pull.number}#discussion_r${commentId}`,
      author_association: 'MEMBER',
      created_at: '2026-11-24T12:00:00Z',
      updated_at: '2026-11-24T12:00:00Z',
    },
    pull_request: {
      number: options.pull.number,
      title: options.pull.title,
      body: options.pull.body,
      state: 'open',
      html_url: `${REPO_URL}/pull/${options.pull.number}`,
      user: user(options.sender),
      head: { ref: options.pull.head, sha: '0'.repeat(40), repo: { full_name: `${OWNER}/${REPO}`, fork: false } },
      base: { ref: options.pull.base ?? 'main', repo: { full_name: `${OWNER}/${REPO}` } },
    },
    repository: repository(),
    sender: user(options.sender),
  };
}

export function issueAssignedEvent(options: {
  issue: IssueShape;
  assignee: string;
  sender?: PayloadUser;
}): Record<string, unknown> {
  return {
    ...issuesEvent({ issue: options.issue, action: 'opened', sender: options.sender }),
    action: 'assigned',
    assignee: { login: options.assignee, id: 4242, type: 'User' },
  };
}

/** A `pull_request` event (opened, synchronize, ready_for_review, ...) for a pull request of this repository or a fork. */
export function pullRequestEvent(options: {
  action: string;
  pull: {
    number: number;
    title: string;
    body: string;
    head: string;
    headSha: string;
    base?: string;
    draft?: boolean;
    headRepo?: string;
  };
  author: PayloadUser;
  sender?: PayloadUser;
}): Record<string, unknown> {
  const headRepo = options.pull.headRepo ?? `${OWNER}/${REPO}`;
  return {
    action: options.action,
    number: options.pull.number,
    pull_request: {
      number: options.pull.number,
      title: options.pull.title,
      body: options.pull.body,
      state: 'open',
      draft: options.pull.draft ?? false,
      html_url: `${REPO_URL}/pull/${options.pull.number}`,
      user: user(options.author),
      head: {
        ref: options.pull.head,
        sha: options.pull.headSha,
        repo: { full_name: headRepo, fork: headRepo !== `${OWNER}/${REPO}` },
      },
      base: { ref: options.pull.base ?? 'main', repo: { full_name: `${OWNER}/${REPO}` } },
    },
    repository: repository(),
    sender: user(options.sender ?? options.author),
  };
}
