// Proves the post step (dist/post.js, `runs.post` in action.yml) cleans up after a main step that was killed
// mid-task, as a watchdog, a cancellation or a job timeout would kill it: the agent's commands that detached
// (setsid + nohup, a double fork) are stopped, the checkout's credentials are back from the encrypted vault,
// and the scratch directory is gone, without following a symlink out of it. The post step is run the way the
// runner runs it: the same INPUT_* environment, and STATE_<name> for each state the main step saved.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import type { World } from '../support/world.ts';
import {
  DIST_ENTRY,
  PROJECT_ROOT,
  codexFlavour,
  parseOutputs,
  runnerNode,
  sameOnEveryServer,
} from '../support/world.ts';
import { CANARY_ENV, plantPersistedCredentials, world } from './helpers.ts';

const POST_ENTRY = path.join(PROJECT_ROOT, 'dist/post.js');
const issue = { number: 42, title: 'Long job', body: 'Run the long job.' };

/** A world for a case that runs dist/post.js alone: its event names no task, and the main step never runs. */
function worldForThePostStepAlone(): ReturnType<typeof world> {
  return world({
    event: {
      name: 'issue_comment',
      payload: issueCommentEvent({ issue, body: 'no trigger here', sender: users.maintainer }),
    },
  });
}

/** Pids (with their command lines) of live processes whose command line holds `token`. */
function processesWith(token: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // A zombie is dead already; only its parent's wait is missing.
      if (cmdline.includes(token) && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z')
        found.push(`${pid}: ${cmdline}`);
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs a built entry as the runner runs a step; resolves with its exit code and log. */
function runStep(
  entry: string,
  w: World,
  env: Record<string, string>,
): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; log: string }> } {
  const child = spawn(runnerNode(), [entry], {
    cwd: w.workspace,
    env: w.environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, log }))) };
}

describe('the post step after the action was killed mid-task', () => {
  it('stops the commands that detached, puts the credentials back and removes the scratch directory', async (t) => {
    // Durations unique to this test, so the check finds exactly these sleeps.
    const unique = `${Math.floor(Math.random() * 9000) + 1000}`;
    const detached = `600.${unique}1`;
    const doubleForked = `600.${unique}2`;
    const blocking = `300.${unique}3`;
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({ issue, body: '/codex run the long job', sender: users.maintainer }),
      },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        {
          items: [
            modelSays.shell(
              `setsid nohup sleep ${detached} >/dev/null 2>&1 & (nohup sh -c 'sleep ${doubleForked}' >/dev/null 2>&1 &) ; sleep ${blocking}`,
            ),
          ],
        },
        { hang: true },
        { hang: true },
      ],
    });
    const planted = plantPersistedCredentials(w);
    const fileCommands = path.join(w.runnerTemp, '_runner_file_commands');
    fs.mkdirSync(fileCommands, { recursive: true });
    const mainState = path.join(fileCommands, 'save_state_main');
    fs.writeFileSync(mainState, '');
    const env = { ...CANARY_ENV, GITHUB_STATE: mainState };

    const main = runStep(DIST_ENTRY, w, env);
    try {
      await waitFor(
        'the agent to start its commands',
        () => [detached, doubleForked, blocking].every((token) => processesWith(`sleep ${token}`).length > 0),
        90_000,
      );
    } catch (error) {
      main.child.kill('SIGKILL');
      assert.fail(`${(error as Error).message}\n${(await main.done).log}`);
    }
    // While Codex runs, the credentials are hidden (the vault holds them, encrypted).
    assert.throws(() => planted.assertRestored());
    main.child.kill('SIGKILL');
    const killed = await main.done;
    assert.equal(killed.code, null, 'the main step died by the signal');
    const survivors = processesWith(unique);
    // Native `codex mcp-server` leaves its commands running when its client dies, so the post step has work to do.
    // The bridge stops its app-server's whole tree when its stdin closes: it may have done the post step's work.
    if (codexFlavour().name === 'native')
      assert.ok(survivors.length > 0, 'something of the run outlives the main step, so the post step has work to do');
    t.diagnostic(`alive after the main step was killed: ${survivors.join('; ') || 'nothing'}`);

    const saved = parseOutputs(fs.readFileSync(mainState, 'utf8'));
    assert.ok(saved['run-marker'], `the main step saved its run marker: ${JSON.stringify(saved)}`);
    assert.ok(saved['credentials-vault'], 'the main step saved the vault path');
    const vaultText = fs.readFileSync(saved['credentials-vault'] as string, 'utf8');
    assert.ok(!vaultText.includes('canary') && !vaultText.includes('x-access-token'), 'the vault is encrypted');

    const stateEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(saved)) stateEnv[`STATE_${name}`] = value;
    const postState = path.join(fileCommands, 'save_state_post');
    fs.writeFileSync(postState, '');
    const post = await runStep(POST_ENTRY, w, { ...env, GITHUB_STATE: postState, ...stateEnv }).done;
    assert.equal(post.code, 0, post.log);

    await waitFor('the killed processes to be reaped', () => processesWith(unique).length === 0, 5_000).catch(
      () => undefined,
    );
    assert.deepEqual(
      processesWith(unique),
      [],
      `left running after the post step (before it: ${survivors.join('; ')})\n${post.log}`,
    );
    assert.deepEqual(w.leftoverProcesses(), []);
    planted.assertRestored();
    assert.ok(!fs.existsSync(saved['credentials-vault'] as string), 'the vault is removed once used');
    if (saved['scratch-dir']) assert.ok(!fs.existsSync(saved['scratch-dir']), 'the scratch directory is removed');
  });

  it(
    'does nothing, quickly, after a run that saved no state',
    sameOnEveryServer('the post step alone, no Codex'),
    async () => {
      const w = await worldForThePostStepAlone();
      const started = Date.now();
      const post = await runStep(POST_ENTRY, w, {}).done;
      assert.equal(post.code, 0, post.log);
      assert.equal(post.log, '');
      assert.ok(Date.now() - started < 5_000);
    },
  );

  it(
    'removes a scratch directory with locked directories, without following a symlink out of it',
    sameOnEveryServer('the post step alone, no Codex'),
    async () => {
      const w = await worldForThePostStepAlone();
      const outside = path.join(w.dir, 'outside-keep');
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(outside, 'keep.txt'), 'keep');
      fs.chmodSync(outside, 0o750);
      const outsideMode = fs.statSync(outside).mode;
      const scratch = path.join(w.runnerTemp, 'codex-task-action-scratch');
      fs.mkdirSync(path.join(scratch, 'locked', 'inner'), { recursive: true });
      fs.writeFileSync(path.join(scratch, 'locked', 'inner', 'file.txt'), 'x');
      fs.symlinkSync(outside, path.join(scratch, 'locked', 'link-out'));
      fs.chmodSync(path.join(scratch, 'locked', 'inner'), 0o000);
      fs.chmodSync(path.join(scratch, 'locked'), 0o500);
      const post = await runStep(POST_ENTRY, w, { 'STATE_scratch-dir': scratch }).done;
      assert.equal(post.code, 0, post.log);
      assert.ok(!fs.existsSync(scratch), post.log);
      assert.equal(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8'), 'keep', 'the symlink was not followed');
      assert.equal(fs.statSync(outside).mode, outsideMode, 'nothing outside was chmod-ed');
    },
  );

  it(
    "refuses a vault that does not open with the token, and a scratch-dir that is not the action's",
    sameOnEveryServer('the post step alone, no Codex'),
    async () => {
      const w = await worldForThePostStepAlone();
      const forged = path.join(w.runnerTemp, 'codex-task-action-credentials-0123456789abcdef.vault');
      fs.writeFileSync(
        forged,
        JSON.stringify({ v: 1, salt: '', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', data: '' }),
      );
      const outside = path.join(w.dir, 'not-scratch');
      fs.mkdirSync(outside);
      // Also one inside RUNNER_TEMP that is not the action's (the runner's own file commands live there).
      const others = path.join(w.runnerTemp, '_runner_file_commands');
      fs.mkdirSync(others, { recursive: true });
      const post = await runStep(POST_ENTRY, w, { 'STATE_credentials-vault': forged, 'STATE_scratch-dir': outside })
        .done;
      const again = await runStep(POST_ENTRY, w, { 'STATE_scratch-dir': others }).done;
      assert.match(again.log, /left alone/);
      assert.ok(fs.existsSync(others));
      assert.equal(post.code, 0, post.log);
      assert.match(post.log, /not put back: the vault does not open/);
      assert.match(post.log, /not a codex-task-action-\* directory inside RUNNER_TEMP; it is left alone/);
      assert.ok(fs.existsSync(outside));
    },
  );
});

describe('the end of a run that finished normally', () => {
  it('leaves no command running that detached from Codex, even without the sandbox that would reap it', async () => {
    // Without a sandbox no PID namespace dies with Codex: only the action's own sweep by run marker finds these.
    const unique = `${Math.floor(Math.random() * 9000) + 1000}`;
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({ issue, body: '/codex run the long job', sender: users.maintainer }),
      },
      inputs: { sandbox: 'danger-full-access', 'allow-dangerous-sandbox': 'true' },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        {
          items: [
            modelSays.shell(
              `setsid nohup sleep 600.${unique}1 >/dev/null 2>&1 & (nohup sh -c 'sleep 600.${unique}2' >/dev/null 2>&1 &) ; cd / && (setsid sleep 600.${unique}3 >/dev/null 2>&1 &) ; true`,
            ),
          ],
        },
        { items: [modelSays.message('Started the long job.')] },
      ],
    });
    const main = await runStep(DIST_ENTRY, w, CANARY_ENV).done;
    assert.equal(main.code, 0, main.log);
    await waitFor('the swept processes to be reaped', () => processesWith(`600.${unique}`).length === 0, 5_000).catch(
      () => undefined,
    );
    assert.deepEqual(processesWith(`600.${unique}`), []);
  });
});
