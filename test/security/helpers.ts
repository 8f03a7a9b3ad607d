// Shared by the adversarial suite in test/security: worlds with canary secrets everywhere a runner keeps
// them (environment, persisted checkout credentials, an includeIf'd credentials file), and the one check
// every attack ends with: no canary, in plain, URL-encoded or base64 form, anywhere a person could read it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import type { RunResult, WorldOptions } from '../support/world.ts';
import { CANARY, World, git } from '../support/world.ts';

/** Secrets a runner holds beyond the ones world.ts already sets; none may reach Codex or anything published. */
export const EXTRA_CANARY = {
  idTokenRequestToken: 'canary-id-token-request-token-5d1e8b',
  idTokenRequestUrl: 'https://pipelines.example.invalid/canary-id-token-url-2c9f4a',
  deployKey: 'canary-secret-deploy-key-93ab17e4c0',
  cacheToken: 'canary-actions-cache-token-41f0d2',
  /** The token an actions/checkout-style includeIf'd credentials file holds. */
  persistedToken: 'ghs_canaryPersistedCheckoutToken0123456789ab',
  /** A token an earlier step wrote into a remote's URL and a url.<base>.insteadOf rewrite. */
  urlToken: 'ghp_canaryTokenInRemoteUrl0123456789abcdefAB',
};

export const ALL_CANARIES: Record<string, string> = { ...CANARY, ...EXTRA_CANARY };

/** The environment a real runner gives a step that has secrets mapped into it. */
export const CANARY_ENV: Record<string, string> = {
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: EXTRA_CANARY.idTokenRequestToken,
  ACTIONS_ID_TOKEN_REQUEST_URL: EXTRA_CANARY.idTokenRequestUrl,
  ACTIONS_CACHE_TOKEN: EXTRA_CANARY.cacheToken,
  SECRET_DEPLOY_KEY: EXTRA_CANARY.deployKey,
  OPENAI_API_KEY: CANARY.openaiKey,
  GH_TOKEN: CANARY.githubToken,
};

const worlds: World[] = [];
after(async () => {
  for (const world of worlds) await world.dispose();
});

/** A world that is disposed after the file's tests. */
export async function world(options: WorldOptions): Promise<World> {
  const created = await World.create(options);
  worlds.push(created);
  return created;
}

/** Runs the action with every extra canary in its environment. */
export function runWithCanaries(w: World, env: Record<string, string> = {}): Promise<RunResult> {
  return w.run({ env: { ...CANARY_ENV, ...env } });
}

/** The forms a secret takes inside a longer text: plain, URL-encoded, and base64 at each byte alignment. */
export function leakForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('\0'.repeat(shift) + secret).toString('base64');
    // The first and last characters depend on the neighbouring bytes; the middle is fixed.
    forms.add(encoded.slice(Math.ceil((shift * 4) / 3) + 1, -4));
  }
  return [...forms];
}

/** Fails naming the canary and the place when any form of any canary is in `text`. */
export function assertNoCanary(text: string, where: string, extra: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries({ ...ALL_CANARIES, ...extra })) {
    for (const form of leakForms(value)) {
      assert.ok(!text.includes(form), `canary ${name} (as '${form}') reached ${where}`);
    }
  }
}

/**
 * The log as the runner shows it: the runner replaces every value the action registered with `::add-mask::`
 * (and its base64 and URL-encoded forms) by ***. Only the action's own registrations count here, so a secret
 * the action forgot to register stays visible and fails the check.
 */
export function runnerVisibleLog(result: RunResult): string {
  let log = result.log;
  const forms = maskedValues(result)
    .flatMap(leakForms)
    .sort((a, b) => b.length - a.length);
  for (const form of forms) log = log.split(form).join('***');
  return log;
}

/** Everything a person could read after the run, plus the kept patch, which a maintainer may apply. */
export function assertNothingLeaked(
  w: World,
  result: RunResult,
  extra: Record<string, string> = {},
  options: { modelWasGivenTheSecret?: boolean } = {},
): void {
  assertNoCanary(
    w.publishedText({ ...result, log: runnerVisibleLog(result) }),
    'the published text (log, comments, pull requests, outputs, summary, commits)',
    extra,
  );
  const patchPath = result.outputs['patch-path'];
  if (patchPath && fs.existsSync(patchPath))
    assertNoCanary(fs.readFileSync(patchPath, 'utf8'), 'the kept patch', extra);
  // What Codex sent back to the model includes every command's output (function_call_output). A test whose
  // scripted model itself writes a canary (to attack the diff scan) has it in its own requests, by construction.
  if (!options.modelWasGivenTheSecret)
    assertNoCanary(JSON.stringify(w.model.requests.map((request) => request.body)), "the model's requests", extra);
}

/** A fresh name under /tmp for a file an attack would create if it worked. */
export function markerPath(label: string): string {
  return path.join('/tmp', `cta-${label}-${randomBytes(6).toString('hex')}`);
}

/** The proxy token the action registered as a secret (it stands in for the OpenAI key inside Codex). */
export function maskedValues(result: RunResult): string[] {
  return result.log
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length).trim())
    .filter(Boolean);
}

export interface PlantedCredentials {
  /** The credentials file that .git/config includes, as actions/checkout v5+ writes it. */
  includedFile: string;
  extraheaderKey: string;
  /** Fails unless .git/config and the included file hold exactly what they held before the run. */
  assertRestored(): void;
}

const basicHeader = (token: string): string =>
  `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

/**
 * Persists credentials the way actions/checkout does: an http.<server>/.extraheader in .git/config, and one
 * in a file under RUNNER_TEMP that .git/config pulls in through includeIf.gitdir and through include.path;
 * and the way other steps do: a token in a remote's URL and in a url.<base>.insteadOf rewrite.
 */
export function plantPersistedCredentials(w: World): PlantedCredentials {
  const extraheaderKey = 'http.https://github.com/.extraheader';
  git(w.workspace, 'config', '--local', extraheaderKey, basicHeader(CANARY.githubToken));
  const includedFile = path.join(w.runnerTemp, `git-credentials-${randomBytes(4).toString('hex')}.config`);
  fs.writeFileSync(
    includedFile,
    `[http "https://github.com/"]\n\textraheader = ${basicHeader(EXTRA_CANARY.persistedToken)}\n`,
  );
  git(w.workspace, 'config', '--local', `includeIf.gitdir:${path.join(w.workspace, '.git')}/.path`, includedFile);
  const plainInclude = path.join(w.runnerTemp, 'more-credentials.config');
  fs.writeFileSync(
    plainInclude,
    `[http "https://github.com/"]\n\textraheader = ${basicHeader(EXTRA_CANARY.persistedToken)}\n`,
  );
  git(w.workspace, 'config', '--local', 'include.path', plainInclude);
  // Tokens written into URLs, as `git remote set-url ... https://x-access-token:$TOKEN@github.com/...` leaves them.
  const tokenUrl = `https://x-access-token:${EXTRA_CANARY.urlToken}@github.com/`;
  git(w.workspace, 'remote', 'add', 'upstream', `${tokenUrl}octo-org/octo-repo.git`);
  git(w.workspace, 'config', '--local', `url.${tokenUrl}.insteadOf`, 'https://github.com/');
  const configPath = path.join(w.workspace, '.git', 'config');
  const before = {
    config: fs.readFileSync(configPath, 'utf8'),
    included: fs.readFileSync(includedFile, 'utf8'),
    plain: fs.readFileSync(plainInclude, 'utf8'),
  };
  return {
    includedFile,
    extraheaderKey,
    assertRestored() {
      // The workspace's own configuration (no includes followed, as `config --local --get` reads it), one
      // process for the three keys; the last value of a key is the one `--get` gives.
      const local = new Map(
        git(w.workspace, 'config', '--local', '--null', '--list')
          .split('\0')
          .filter(Boolean)
          .map((entry) => {
            // `key\nvalue`, or `key` alone for a key without a value.
            const split = entry.includes('\n') ? entry.indexOf('\n') : entry.length;
            return [entry.slice(0, split), entry.slice(split + 1)] as const;
          }),
      );
      assert.equal(
        local.get(extraheaderKey),
        basicHeader(CANARY.githubToken),
        'the extraheader is back in .git/config',
      );
      assert.equal(
        fs.readFileSync(includedFile, 'utf8'),
        before.included,
        'the includeIf credentials file is restored',
      );
      assert.equal(
        fs.readFileSync(plainInclude, 'utf8'),
        before.plain,
        'the include.path credentials file is restored',
      );
      assert.match(fs.readFileSync(configPath, 'utf8'), /includeIf "gitdir:/, 'the includeIf entry is still there');
      assert.equal(local.get('remote.upstream.url'), `${tokenUrl}octo-org/octo-repo.git`, 'the remote URL is restored');
      assert.equal(local.get(`url.${tokenUrl}.insteadof`), 'https://github.com/', 'the insteadOf rewrite is restored');
    },
  };
}

/** Refs on origin other than main and the branches a test expects: anything else was pushed by someone. */
export function assertOnlyBranches(w: World, expected: string[]): void {
  assert.deepEqual(w.remoteBranches().sort(), [...expected].sort());
}

/** The tracking comment or reply the action left on the thread (the last one it wrote). */
export function lastActionComment(w: World): string {
  const comments = w.actionComments();
  assert.ok(comments.length > 0, 'the action wrote a comment');
  return (comments[comments.length - 1] as (typeof comments)[number]).body;
}

const tidyUpEvent = {
  name: 'issue_comment',
  payload: issueCommentEvent({
    issue: { number: 42, title: 'Tidy up', body: 'Please tidy the repository.' },
    body: '/codex tidy up the repository',
    sender: users.maintainer,
  }),
};

/** A world in which @mona asks on issue #42, and the model runs one shell command and then says it is done. */
export async function agentRuns(command: string, inputs: Record<string, string> = {}): Promise<World> {
  return world({
    event: tidyUpEvent,
    inputs,
    github: { permissions: { mona: 'write' } },
    modelTurns: [{ items: [modelSays.shell(command)] }, { items: [modelSays.message('Tidied up.')] }],
  });
}

/**
 * A refused publish: the step fails naming the rule and the files, on the issue and in the log, nothing is
 * pushed and no pull request opened, and the patch with the change is kept on the runner.
 */
export function assertPolicyRefusal(
  w: World,
  result: RunResult,
  rule: string,
  named: RegExp,
  leak: Parameters<typeof assertNothingLeaked>[3] = {},
): string {
  assert.equal(result.exitCode, 1, result.log);
  assert.equal(result.outputs.conclusion, 'failed');
  const reply = lastActionComment(w);
  assert.match(reply, /the change was not published because it breaks the diff policy/);
  assert.match(reply, named);
  assert.match(result.log, new RegExp(`::error::The change breaks the diff policy:.*\\[${rule}\\]`));
  assertOnlyBranches(w, ['main']);
  assert.equal(w.github.pulls.length, 0);
  const patchPath = result.outputs['patch-path'] as string;
  assert.ok(patchPath && fs.existsSync(patchPath), 'the patch is kept');
  assert.ok(reply.includes(patchPath), 'the reply says where the patch is');
  assertNothingLeaked(w, result, {}, leak);
  return fs.readFileSync(patchPath, 'utf8');
}

/** What the action posts: comments, pull requests, outputs and the job summary (the log is the runner's). */
export function postedText(w: World, result: RunResult): string {
  return [
    ...w.github.comments.flatMap((comment) => comment.edits),
    ...w.github.pulls.map((pull) => `${pull.title}\n${pull.body}`),
    JSON.stringify(result.outputs),
    result.summary,
  ].join('\n');
}
