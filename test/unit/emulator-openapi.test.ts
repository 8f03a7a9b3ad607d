// Holds the GitHub REST emulator (test/support/github-emulator.ts) to GitHub's own OpenAPI description
// (@octokit/openapi): the action's client (src/github.ts) makes every REST call it makes in a run against
// the emulator, and each request body must validate against the operation's request schema and each
// answer against the operation's response schema for the status returned. Error answers the action reads
// (422 body too long, 404, 403 rate limit) are checked the same way. When the emulator and the
// description disagree, the emulator is wrong: this test must never be made to pass by loosening a schema.
//
// The description used is generated/api.github.com.json (OpenAPI 3.0.3, 13 MB, components referenced by
// $ref). Ajv resolves those references itself once the components are registered, and reads OpenAPI 3.0's
// `nullable: true` natively. The .deref.json variant is the same OpenAPI version with every reference
// inlined: 73 MB to parse, with no gain in what can be checked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import nodePath from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createGitHubClient } from '../../src/github.ts';
import { GitHubEmulator } from '../support/github-emulator.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  requestBody?: Schema;
  responses: Record<string, Schema>;
}
interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, Schema>>;
}

const TOKEN = 'ghs_openapi_token';
const OWNER = 'octo-org';
const REPO = 'octo-repo';
const COMPONENTS_ID = 'https://api.github.com/openapi/components';

const description = createRequire(import.meta.url)('@octokit/openapi/generated/api.github.com.json') as Description;

// Ajv knows neither OpenAPI's annotations (example, discriminator, x-github) nor needs to: strict off.
// The description is not a JSON Schema document, so it is not checked against a meta-schema either.
const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
addFormats(ajv);
// GitHub's own format for "owner/name"; ajv would otherwise warn that it ignores it.
ajv.addFormat('repo.nwo', /^[^/]+\/[^/]+$/);
ajv.addSchema({ $id: COMPONENTS_ID, components: openApi30ToAjv(description.components) });

/**
 * OpenAPI 3.0 marks a value that may be null with `nullable: true`, which ajv reads only next to a `type`.
 * GitHub's description also puts it beside `allOf`/`anyOf`/`$ref` alone ("a simple-user, or null"):
 * there it becomes "this, or null", which is what GitHub means and what OpenAPI 3.1 would write.
 */
function openApi30ToAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApi30ToAjv);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = openApi30ToAjv(value);
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

/** Points the description's local references at the registered components. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${COMPONENTS_ID}${value}`
        : anchored(value);
  }
  return out;
}

/** Follows a `#/components/...` reference (a shared response or request body) to its object. */
function deref(node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  let target: unknown = description;
  for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown>)[part];
  return deref(target as Schema);
}

function jsonSchemaOf(node: Schema | undefined): Schema | undefined {
  if (!node) return undefined;
  const content = deref(node).content as Record<string, { schema?: Schema }> | undefined;
  return content?.['application/json']?.schema;
}

const compiled = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Schema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(anchored(openApi30ToAjv(schema)) as Schema);
    compiled.set(key, validate);
  }
  return validate;
}

// Every path template of the description as a pattern; literal segments first, so that
// /pulls/comments/{comment_id} wins over /pulls/{pull_number}/... for the same request.
const templates = Object.keys(description.paths)
  .map((template) => {
    const segments = template.split('/');
    const pattern = new RegExp(
      `^${segments.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`,
    );
    return { template, pattern, literals: segments.filter((s) => !s.startsWith('{')).length };
  })
  .sort((a, b) => b.literals - a.literals);

function operationFor(method: string, path: string): { template: string; operation: Operation } {
  for (const { template, pattern } of templates) {
    if (!pattern.test(path)) continue;
    const operation = description.paths[template]?.[method.toLowerCase()];
    if (operation) return { template, operation };
  }
  throw new Error(`GitHub's description has no operation for ${method} ${path}`);
}

interface Exchange {
  method: string;
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 40)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n  ');
}

/** Checks one exchange against the description; returns what the operation was, for coverage. */
function checkExchange(exchange: Exchange): string {
  const { method, path, status } = exchange;
  const { operation } = operationFor(method, path);
  const where = `${method} ${path} (${operation.operationId})`;
  if (exchange.requestBody !== undefined) {
    const requestSchema = jsonSchemaOf(operation.requestBody);
    assert.ok(requestSchema, `${where}: the description takes no JSON body, the action sent one`);
    const validate = validatorFor(`${operation.operationId} request`, requestSchema);
    assert.ok(
      validate(exchange.requestBody),
      `${where}: the action's request does not validate:\n  ${describeErrors(validate)}`,
    );
  }
  const response = operation.responses[String(status)];
  assert.ok(
    response,
    `${where}: the emulator answered ${status}, which the description does not list (${Object.keys(operation.responses).join(', ')})`,
  );
  const responseSchema = jsonSchemaOf(response);
  if (responseSchema) {
    const validate = validatorFor(`${operation.operationId} ${status}`, responseSchema);
    assert.ok(
      validate(exchange.responseBody),
      `${where}: the emulator's ${status} answer does not validate:\n  ${describeErrors(validate)}`,
    );
  } else {
    assert.equal(
      exchange.responseBody,
      undefined,
      `${where}: the description gives ${status} no body, the emulator sent one`,
    );
  }
  return operation.operationId;
}

/** Every exchange the client has with the emulator, as the emulator saw it on the wire. */
function recordExchanges(emulator: GitHubEmulator): { exchanges: Exchange[]; restore: () => void } {
  return { exchanges: emulator.exchanges, restore: () => undefined };
}

const DIFF = [
  'diff --git a/src/app.ts b/src/app.ts',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -1,2 +1,3 @@',
  ' const a = 1;',
  '+const b = 2;',
  ' export { a };',
  '',
].join('\n');

/** A bare repository with one commit on main, for the emulator to create refs in as GitHub would. */
function bareOrigin(): { dir: string; head: string } {
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'emulator-openapi-'));
  const git = (args: string[], input?: string): string =>
    execFileSync('git', args, {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Mona',
        GIT_AUTHOR_EMAIL: 'mona@example.com',
        GIT_COMMITTER_NAME: 'Mona',
        GIT_COMMITTER_EMAIL: 'mona@example.com',
      },
    }).trim();
  git(['init', '-q', '--bare', '-b', 'main']);
  const tree = git(['mktree'], '');
  const head = git(['commit-tree', tree, '-m', 'init']);
  git(['update-ref', 'refs/heads/main', head]);
  return { dir, head };
}

async function startEmulator(origin: string): Promise<GitHubEmulator> {
  const emulator = await GitHubEmulator.start({
    token: TOKEN,
    owner: OWNER,
    repo: REPO,
    permissions: { mona: 'maintain', erin: { roleName: 'release-manager', base: 'write' } },
    issues: [{ number: 7, title: 'Bug', body: 'It breaks.' }],
    pulls: [{ number: 9, head: 'feature', base: 'main', title: 'Feature', body: 'Adds b.' }],
    comments: [
      { id: 1001, issueNumber: 7, body: '/codex fix it', user: { login: 'mona', id: 1, type: 'User' } },
      { id: 1002, issueNumber: 9, body: 'looks fine', user: { login: 'mona', id: 1, type: 'User' } },
    ],
    reviewComments: [
      {
        id: 501,
        pullNumber: 9,
        body: '/codex rename this',
        user: { login: 'mona', id: 1, type: 'User' },
        path: 'src/app.ts',
        line: 2,
      },
    ],
  });
  emulator.attachOrigin(origin);
  emulator.setPullDiff(9, DIFF);
  emulator.pushToPull(9, { sha: 'a'.repeat(40), message: 'Add b' });
  emulator.pushToPull(9, { sha: 'b'.repeat(40), forced: true });
  return emulator;
}

describe("the emulator answers as GitHub's OpenAPI description says", () => {
  let emulator: GitHubEmulator;
  let recording: ReturnType<typeof recordExchanges>;
  let origin: ReturnType<typeof bareOrigin>;
  before(async () => {
    origin = bareOrigin();
    emulator = await startEmulator(origin.dir);
    recording = recordExchanges(emulator);
  });
  after(async () => {
    recording.restore();
    await emulator.stop();
    fs.rmSync(origin.dir, { recursive: true, force: true });
  });

  it('for every REST call the action makes, its request and the answer', async () => {
    const client = createGitHubClient({ token: TOKEN, apiUrl: emulator.url, owner: OWNER, repo: REPO, retries: 0 });
    const inThread = createGitHubClient({
      token: TOKEN,
      apiUrl: emulator.url,
      owner: OWNER,
      repo: REPO,
      retries: 0,
      reviewThread: { pullNumber: 9, commentId: 501 },
    });

    assert.equal(await client.getPermission('mona'), 'maintain');
    assert.equal(await client.getPermission('erin'), 'write');
    assert.equal(await client.getPermission('stranger'), 'none');
    assert.equal(await client.getDefaultBranch(), 'main');
    const pull = await client.getPullRequest(9);
    await client.addReaction({ kind: 'comment', id: 1001 }, 'eyes');
    await client.addReaction({ kind: 'review-comment', id: 501 }, 'eyes');
    await client.addReaction({ kind: 'issue', number: 7 }, 'rocket');
    const comment = await client.createComment(7, 'Working on it.');
    await client.updateComment(comment.id, 'Done.');
    const reply = await inThread.createComment(9, 'Looking at the thread.');
    await inThread.updateComment(reply.id, 'Renamed.');
    await client.listComments(7, 50);
    await client.createBranch('codex/issue-7', origin.head);
    assert.equal(await client.findOpenPullRequest('codex/issue-7', 'main'), undefined);
    const created = await client.createPullRequest({
      title: 'Fix the bug',
      body: 'Fixes the bug.',
      head: 'codex/issue-7',
      base: 'main',
      draft: false,
    });
    assert.ok(await client.findOpenPullRequest('codex/issue-7', 'main'));
    await client.updatePullRequest(created.number, { title: 'Fix the bug (again)', body: 'Fixes it again.' });
    await client.addLabels(created.number, ['codex']);
    await client.requestReviewers(created.number, ['mona']);
    await client.listHeadEvents(9);
    const review = await client.createReview(9, {
      commitId: pull.headSha,
      body: 'Two remarks.',
      event: 'COMMENT',
      comments: [{ path: 'src/app.ts', line: 2, side: 'RIGHT', body: 'Name this `second`.' }],
    });
    assert.ok((await client.listReviews(9)).some((listed) => listed.id === review.id));
    await client.updateReview(9, review.id, 'Two remarks, updated.');

    const rest = recording.exchanges.filter((exchange) => exchange.path !== '/graphql');
    const covered = new Set<string>();
    const failures: string[] = [];
    for (const exchange of rest) {
      try {
        covered.add(checkExchange(exchange));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    assert.equal(failures.length, 0, failures.join('\n'));
    // Each client method's route, so that a call the action stops making (or starts making) is noticed here.
    assert.deepEqual(
      [...covered].sort(),
      [
        'issues/add-labels',
        'issues/create-comment',
        'issues/list-comments',
        'issues/list-events-for-timeline',
        'issues/update-comment',
        'git/create-ref',
        'pulls/create',
        'pulls/create-reply-for-review-comment',
        'pulls/create-review',
        'pulls/get',
        'pulls/list',
        'pulls/list-reviews',
        'pulls/request-reviewers',
        'pulls/update',
        'pulls/update-review',
        'pulls/update-review-comment',
        'reactions/create-for-issue',
        'reactions/create-for-issue-comment',
        'reactions/create-for-pull-request-review-comment',
        'repos/get',
        'repos/get-collaborator-permission-level',
      ].sort(),
    );
  });

  it('for the errors the action reads: 422 body too long, 404 no collaborator, 403 rate limit', async () => {
    const call = async (method: string, path: string, body?: unknown): Promise<Exchange> => {
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: {
          authorization: `token ${TOKEN}`,
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        method,
        path,
        requestBody: body,
        status: response.status,
        responseBody: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
    };
    const base = `/repos/${OWNER}/${REPO}`;
    const tooLong = 'x'.repeat(65_537);

    const longComment = await call('POST', `${base}/issues/7/comments`, { body: tooLong });
    assert.equal(longComment.status, 422);
    checkExchange(longComment);
    const longPull = await call('POST', `${base}/pulls`, {
      title: 'Long',
      head: 'feature',
      base: 'main',
      body: tooLong,
    });
    assert.equal(longPull.status, 422);
    checkExchange(longPull);

    const stranger = await call('GET', `${base}/collaborators/stranger/permission`);
    assert.equal(stranger.status, 404);
    checkExchange(stranger);
    const missingIssue = await call('POST', `${base}/issues/404/comments`, { body: 'x' });
    assert.equal(missingIssue.status, 404);
    checkExchange(missingIssue);

    emulator.exhaustPrimaryRateLimit(3600);
    const limited = await call('POST', `${base}/issues/7/comments`, { body: 'x' });
    assert.equal(limited.status, 403);
    checkExchange(limited);
  });
});
