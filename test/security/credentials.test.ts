// Proves the agent holds no credentials: the scripted model dumps everything its commands can read
// (environment, every process's environ, git's configuration, CODEX_HOME and RUNNER_TEMP) into files that the
// action then commits and publishes, and no canary reaches the commit, the pull request, a comment, the log,
// the kept patch or even the model's requests. Persisted checkout credentials are hidden during the run and
// restored afterwards; the network is off unless opted in.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { git, sameOnEveryServer } from '../support/world.ts';
import {
  assertNoCanary,
  assertNothingLeaked,
  assertOnlyBranches,
  lastActionComment,
  maskedValues,
  plantPersistedCredentials,
  runWithCanaries,
  world,
} from './helpers.ts';

const issue = { number: 42, title: 'Collect diagnostics', body: 'Please add a diagnostics dump.' };
const assertOnlyMain = (w: Parameters<typeof assertOnlyBranches>[0]): void => assertOnlyBranches(w, ['main']);
const comment = (body: string) => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender: users.maintainer }),
});

describe('an agent that dumps everything it can read', () => {
  it('env, /proc/*/environ, git config -l and every file under CODEX_HOME and RUNNER_TEMP hold no canary', async () => {
    const w = await world({
      event: comment('/codex dump the environment into dump/'),
      // CODEX_HOME holds Codex's own state (logs, a session database); let the dump through the size rules.
      inputs: { 'max-file-bytes': '104857600', 'max-diff-bytes': '104857600' },
      github: { permissions: { mona: 'write' } },
    });
    const planted = plantPersistedCredentials(w);
    // CODEX_HOME is not in the commands' environment; it lives in the action's state directory under RUNNER_TEMP.
    const dump = [
      'mkdir -p dump',
      'env > dump/env.txt',
      'for f in /proc/[0-9]*/environ; do echo "== $f"; tr "\\0" "\\n" < "$f"; done > dump/proc-environ.txt 2>&1',
      'for f in /proc/[0-9]*/cmdline; do echo "== $f"; tr "\\0" " " < "$f"; echo; done > dump/proc-cmdline.txt 2>&1',
      // Codex works in a copy; the checkout it was made from is readable by path, and that is what the agent probes.
      `(cd ${w.workspace} && env -u GIT_DIR -u GIT_WORK_TREE git config -l --show-origin) > dump/git-config.txt 2>&1`,
      `cat ${w.workspace}/.git/config > dump/dot-git-config.txt 2>&1`,
      // Codex's own copy of the checkout is under RUNNER_TEMP too; its files are the agent's (and this dump's).
      `find ${w.runnerTemp} -path '*/scratch/work' -prune -o -type f -exec ls -la {} + > dump/runner-temp-files.txt 2>&1`,
      `find ${w.runnerTemp} -path '*/scratch/work' -prune -o -type f -exec cat {} + | tr -cd "\\11\\12\\15\\40-\\176" > dump/runner-temp-contents.txt 2>&1`,
      'ls -la ~ > dump/home.txt 2>&1',
      'true',
    ].join('; ');
    w.model['turns'].push(
      { items: [modelSays.shell(dump)] },
      { items: [modelSays.message('Dumped the environment.')] },
    );
    const result = await runWithCanaries(w, {
      GITHUB_ENV: path.join(w.runnerTemp, '_runner_file_commands', 'set_env'),
      GITHUB_PATH: path.join(w.runnerTemp, '_runner_file_commands', 'add_path'),
    });
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', lastActionComment(w));
    const branch = `codex/issue-42-${w.runId}`;

    // The dump really happened and really was published: the test would see a leak.
    const published = (file: string): string =>
      execFileSync('git', ['show', `${branch}:dump/${file}`], {
        cwd: w.origin,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
    assert.match(published('env.txt'), /^PATH=/m);
    assert.match(published('env.txt'), /^HOME=/m);
    assert.match(published('proc-environ.txt'), /== \/proc\/\d+\/environ\n(.+\n)*PATH=/);
    assert.match(published('git-config.txt'), /file:\.git\/config\s+remote\.origin\.url=/);
    assert.match(published('runner-temp-files.txt'), /codex-home\/config\.toml/);
    assert.match(published('runner-temp-contents.txt'), /model_provider = "codex-task-action"/);

    // The checkout's persisted credentials were out of reach during the run, and are back after it.
    assert.doesNotMatch(published('git-config.txt'), /extraheader/i);
    assert.doesNotMatch(published('dot-git-config.txt'), /extraheader/i);
    assert.match(
      published('git-config.txt'),
      /remote\.upstream\.url=https:\/\/github\.com\/octo-org/,
      'the remote is there, without its token',
    );
    planted.assertRestored();

    // Neither the OpenAI key nor the proxy token that stands in for it was readable by a command.
    const proxyTokens = maskedValues(result).filter((value) => /^[0-9a-f]{48}$/.test(value));
    assert.equal(proxyTokens.length, 1, 'the proxy token is registered as a secret');
    const everything = ['env.txt', 'proc-environ.txt', 'proc-cmdline.txt', 'git-config.txt', 'runner-temp-contents.txt']
      .map(published)
      .join('\n');
    assert.ok(!everything.includes(proxyTokens[0] as string), 'the proxy token reached a command');
    assert.doesNotMatch(everything, /CODEX_TASK_ACTION_MODEL_KEY=/);
    assertNoCanary(everything, 'the dump');
    assertNothingLeaked(w, result);
    assert.deepEqual(w.leftoverProcesses(), []);
  });
});

describe('persisted checkout credentials', () => {
  it(
    'are restored after a run in which Codex failed',
    sameOnEveryServer(
      'the action hides and restores them around Codex; what a command can read is proven on the bridge by the dump above',
    ),
    async () => {
      const w = await world({
        event: comment('/codex read the git config'),
        github: { permissions: { mona: 'write' } },
      });
      w.model['turns'].push(
        {
          items: [
            modelSays.shell(
              `(cd ${w.workspace} && env -u GIT_DIR -u GIT_WORK_TREE git config -l --show-origin) > seen-config.txt 2>&1; cat ${w.workspace}/.git/config >> seen-config.txt`,
            ),
          ],
        },
        ...Array.from({ length: 12 }, () => ({ status: 500 })),
      );
      const planted = plantPersistedCredentials(w);
      const result = await runWithCanaries(w);
      assert.equal(result.exitCode, 1, result.log);
      assert.equal(result.outputs.conclusion, 'failed');
      assert.match(lastActionComment(w), /Codex failed/);
      // What the agent's command saw, kept in the patch: the include lines, but no header.
      const patch = fs.readFileSync(result.outputs['patch-path'] as string, 'utf8');
      assert.match(patch, /\+.*include\.path=/);
      assert.doesNotMatch(patch, /extraheader/i);
      planted.assertRestored();
      assertOnlyMain(w);
      assertNothingLeaked(w, result);
    },
  );
});

describe('the network', () => {
  // A raw TCP request from inside a command, through bash's /dev/tcp (no curl needed), to the GitHub emulation.
  const probe = (port: string, path: string): string =>
    `(exec 3<>/dev/tcp/127.0.0.1/${port} && printf "GET ${path} HTTP/1.0\\r\\n\\r\\n" >&3 && head -c 200 <&3) > probe.txt 2>&1; echo "exit=$?" >> probe.txt`;

  it('is closed to the commands Codex runs by default', async () => {
    const w = await world({ event: comment('/codex call home'), github: { permissions: { mona: 'write' } } });
    const port = new URL(w.github.url).port;
    w.model['turns'].push(
      { items: [modelSays.shell(probe(port, '/network-probe-default'))] },
      { items: [modelSays.message('Tried.')] },
    );
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.ok(
      !w.github.requests.some((request) => request.path.includes('network-probe')),
      'a command reached the network',
    );
    assert.doesNotMatch(git(w.origin, 'show', `codex/issue-42-${w.runId}:probe.txt`), /exit=0/);
    assertNothingLeaked(w, result);
  });

  it('opens only with network-access: true (the probe above can succeed)', async () => {
    const w = await world({
      event: comment('/codex call home'),
      inputs: { 'network-access': 'true' },
      github: { permissions: { mona: 'write' } },
    });
    const port = new URL(w.github.url).port;
    w.model['turns'].push(
      { items: [modelSays.shell(probe(port, '/network-probe-opted-in'))] },
      { items: [modelSays.message('Tried.')] },
    );
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.match(result.log, /network on/);
    assert.ok(
      w.github.requests.some((request) => request.path.includes('network-probe-opted-in')),
      'the probe did not get through even with network-access: true',
    );
    // The request carried no credential: the commands have none to send.
    const seen = w.github.requests.find((request) => request.path.includes('network-probe-opted-in'));
    assert.equal(seen?.headers.authorization, undefined);
    assertNothingLeaked(w, result);
  });
});

describe('the sandbox mode', () => {
  it(
    'refuses danger-full-access without allow-dangerous-sandbox, before any model call',
    sameOnEveryServer('an input refused before Codex starts'),
    async () => {
      const w = await world({
        event: comment('/codex do anything'),
        inputs: { sandbox: 'danger-full-access' },
        github: { permissions: { mona: 'write' } },
      });
      const result = await runWithCanaries(w);
      assert.equal(result.exitCode, 1, result.log);
      assert.equal(result.outputs.conclusion, 'failed');
      assert.match(lastActionComment(w), /'danger-full-access'.*set 'allow-dangerous-sandbox: true'/);
      assert.equal(w.model.requests.length, 0);
      assertOnlyMain(w);
      assertNothingLeaked(w, result);
    },
  );

  it('runs danger-full-access only with allow-dangerous-sandbox: true, and warns', async () => {
    const w = await world({
      event: comment('/codex do anything'),
      inputs: { sandbox: 'danger-full-access', 'allow-dangerous-sandbox': 'true' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.shell('env > env.txt')] }, { items: [modelSays.message('Done.')] }],
    });
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.match(result.log, /::warning::.*danger-full-access/);
    // Even without a sandbox, the commands' environment holds no credential.
    assert.match(git(w.origin, 'show', `codex/issue-42-${w.runId}:env.txt`), /^PATH=/m);
    assertNothingLeaked(w, result);
  });
});
