// The JSON GitHub returns for each resource (users, repositories, labels, comments, review comments, reaction
// summaries, pull requests), with every field the OpenAPI description requires (test/unit/emulator-openapi.test.ts).
import { REACTIONS, fakeSha, userIdFor } from './model.ts';
import type { EmulatedUser, EmulatedComment, EmulatedPull, EmulatedReviewComment } from './model.ts';
import { EmulatorState } from './state.ts';

export class EmulatorViews extends EmulatorState {
  /** GitHub's simple-user: every URL it lists, for a user, a bot or (as a repository owner) an organization. */
  protected userJson(user: EmulatedUser, typeOverride?: 'Organization'): Record<string, unknown> {
    const type = typeOverride ?? user.type ?? (user.login.endsWith('[bot]') ? 'Bot' : 'User');
    const htmlUrl =
      type === 'Bot' ? `${this.webUrl}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${this.webUrl}/${user.login}`;
    const api = `${this.url}/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: `${type === 'Bot' ? 'BOT' : type === 'Organization' ? 'O' : 'U'}_kgDO${user.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: htmlUrl,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** GitHub's repository object as GET /repos/{owner}/{repo} and a pull request's head and base carry it. */
  protected repoJson(fullName = this.fullName, fork = false): Record<string, unknown> {
    const [owner = this.owner, name = this.repo] = fullName.split('/');
    const id = fork ? 700_000_000 + (userIdFor(fullName) % 1_000_000) : 700_000_001;
    const api = `${this.url}/repos/${fullName}`;
    const host = new URL(this.webUrl).host;
    const created = '2024-01-02T03:04:05Z';
    return {
      id,
      node_id: `R_kgDO${id}`,
      name,
      full_name: fullName,
      private: false,
      owner: this.userJson(
        { login: owner, id: userIdFor(owner) },
        owner.toLowerCase() === this.owner.toLowerCase() ? 'Organization' : undefined,
      ),
      html_url: `${this.webUrl}/${fullName}`,
      description: null,
      fork,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://${host}/${fullName}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@${host}:${fullName}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${this.webUrl}/${fullName}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: `${this.webUrl}/${fullName}`,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: this.defaultBranch,
      open_issues_count: 0,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: created,
      created_at: created,
      updated_at: created,
      allow_forking: true,
      web_commit_signoff_required: false,
      license: null,
      forks: 0,
      open_issues: 0,
      watchers: 0,
      network_count: 0,
      subscribers_count: 0,
    };
  }

  protected authorAssociation(user: EmulatedUser): string {
    if (user.login.toLowerCase() === this.owner.toLowerCase()) return 'OWNER';
    const entry = this.permissions.get(user.login.toLowerCase());
    return entry && entry.role !== 'none' ? 'COLLABORATOR' : 'NONE';
  }

  protected labelJson(name: string): Record<string, unknown> {
    const id = userIdFor(`label:${name}`);
    return {
      id,
      node_id: `LA_kwDO${id}`,
      url: `${this.apiRepoUrl}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      // The description says a string here (a pull request's labels); an empty one is what GitHub keeps.
      description: '',
    };
  }

  protected commentJson(comment: EmulatedComment): Record<string, unknown> {
    const times = this.times.get(`comment:${comment.id}`);
    return {
      id: comment.id,
      node_id: `IC_kwDO${comment.id}`,
      url: `${this.apiRepoUrl}/issues/comments/${comment.id}`,
      html_url: comment.html_url,
      issue_url: `${this.apiRepoUrl}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: this.userJson(comment.user),
      created_at: times?.created_at,
      updated_at: times?.updated_at,
      author_association: this.authorAssociation(comment.user),
      reactions: this.reactionSummary('comment', comment.id),
    };
  }

  protected reviewCommentJson(comment: EmulatedReviewComment): Record<string, unknown> {
    const times = this.times.get(`review-comment:${comment.id}`);
    const pull = this.findPull(comment.pullNumber);
    const htmlUrl = `${pull?.html_url ?? `${this.webUrl}/${this.owner}/${this.repo}/pull/${comment.pullNumber}`}#discussion_r${comment.id}`;
    return {
      url: `${this.apiRepoUrl}/pulls/comments/${comment.id}`,
      pull_request_review_id: 3_000_000_000 + (comment.id % 1_000_000),
      id: comment.id,
      node_id: `PRRC_kwDO${comment.id}`,
      diff_hunk: '@@ -1 +1 @@',
      path: comment.path,
      position: comment.line,
      original_position: comment.line,
      commit_id: fakeSha(`${this.fullName}:${pull?.head ?? ''}`),
      original_commit_id: fakeSha(`${this.fullName}:${pull?.head ?? ''}`),
      ...(comment.inReplyToId !== undefined ? { in_reply_to_id: comment.inReplyToId } : {}),
      user: this.userJson(comment.user),
      body: comment.body,
      created_at: times?.created_at,
      updated_at: times?.updated_at,
      html_url: htmlUrl,
      pull_request_url: `${this.apiRepoUrl}/pulls/${comment.pullNumber}`,
      author_association: this.authorAssociation(comment.user),
      _links: {
        self: { href: `${this.apiRepoUrl}/pulls/comments/${comment.id}` },
        html: { href: htmlUrl },
        pull_request: { href: `${this.apiRepoUrl}/pulls/${comment.pullNumber}` },
      },
      reactions: this.reactionSummary('review-comment', comment.id),
      line: comment.line,
      original_line: comment.line,
      side: 'RIGHT',
      subject_type: 'line',
    };
  }

  protected reactionSummary(subject: 'comment' | 'review-comment' | 'issue', id: number): Record<string, unknown> {
    const mine = this.reactions.filter((r) => r.subject === subject && r.id === id);
    const counts: Record<string, number> = {};
    for (const content of REACTIONS) counts[content] = mine.filter((r) => r.content === content).length;
    const url =
      subject === 'issue'
        ? `${this.apiRepoUrl}/issues/${id}/reactions`
        : `${this.apiRepoUrl}/${subject === 'comment' ? 'issues' : 'pulls'}/comments/${id}/reactions`;
    return { url, total_count: mine.length, ...counts };
  }

  protected pullJson(pull: EmulatedPull): Record<string, unknown> {
    const times = this.times.get(`pull:${pull.number}`);
    const headOwner = pull.headRepoFullName.split('/')[0] ?? this.owner;
    const fork = pull.headRepoFullName.toLowerCase() !== this.fullName.toLowerCase();
    const reviewers = this.requestedReviewers.get(pull.number) ?? [];
    const self = `${this.apiRepoUrl}/pulls/${pull.number}`;
    const headSha = pull.headSha ?? fakeSha(`${pull.headRepoFullName}:${pull.head}`);
    return {
      url: self,
      id: 1_500_000_000 + pull.number,
      node_id: `PR_kwDO${pull.number}`,
      html_url: pull.html_url,
      diff_url: `${pull.html_url}.diff`,
      patch_url: `${pull.html_url}.patch`,
      issue_url: `${this.apiRepoUrl}/issues/${pull.number}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.userJson(pull.user),
      body: pull.body,
      labels: (this.issueLabels.get(pull.number) ?? []).map((name) => this.labelJson(name)),
      created_at: times?.created_at,
      updated_at: times?.updated_at,
      closed_at: times?.closed_at ?? null,
      merged_at: null,
      merge_commit_sha: null,
      requested_reviewers: reviewers.map((login) => this.userJson(this.userFor(login))),
      requested_teams: [],
      head: {
        label: `${headOwner}:${pull.head}`,
        ref: pull.head,
        sha: headSha,
        user: this.userJson({ login: headOwner, id: userIdFor(headOwner) }, fork ? undefined : 'Organization'),
        repo: this.repoJson(pull.headRepoFullName, fork),
      },
      base: {
        label: `${this.owner}:${pull.base}`,
        ref: pull.base,
        sha: fakeSha(`${this.fullName}:${pull.base}`),
        user: this.userJson({ login: this.owner, id: userIdFor(this.owner) }, 'Organization'),
        repo: this.repoJson(),
      },
      author_association: this.authorAssociation(pull.user),
      draft: pull.draft,
      merged: false,
      mergeable: null,
      mergeable_state: 'unknown',
      active_lock_reason: null,
      assignee: null,
      assignees: [],
      milestone: null,
      auto_merge: null,
      commits_url: `${self}/commits`,
      review_comments_url: `${self}/comments`,
      review_comment_url: `${this.apiRepoUrl}/pulls/comments{/number}`,
      comments_url: `${this.apiRepoUrl}/issues/${pull.number}/comments`,
      statuses_url: `${this.apiRepoUrl}/statuses/${headSha}`,
      _links: {
        self: { href: self },
        html: { href: pull.html_url },
        issue: { href: `${this.apiRepoUrl}/issues/${pull.number}` },
        comments: { href: `${this.apiRepoUrl}/issues/${pull.number}/comments` },
        review_comments: { href: `${self}/comments` },
        review_comment: { href: `${this.apiRepoUrl}/pulls/comments{/number}` },
        commits: { href: `${self}/commits` },
        statuses: { href: `${this.apiRepoUrl}/statuses/${headSha}` },
      },
      merged_by: null,
      maintainer_can_modify: false,
      review_comments: this.reviewComments.filter((c) => c.pullNumber === pull.number).length,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0,
      comments: this.comments.filter((c) => c.issueNumber === pull.number).length,
    };
  }
}
