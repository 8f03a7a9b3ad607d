// Proves no child process the action starts gets the action's own environment: every program it runs (codex
// for --version, `help mcp-server` and the server itself, git, the sandbox probe's unshare, ps) is replaced by
// a recording wrapper that appends its arguments and environment to a log outside the workspace, then runs the
// real program. No canary and no INPUT_*, ACTIONS_* or GITHUB_TOKEN variable may be in any recorded environment;
// the one credential a child holds is the push token that git fetch and push get as an HTTP header.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { codexFlavour } from '../support/world.ts';
import { assertNoCanary, assertNothingLeaked, lastActionComment, runWithCanaries, world } from './helpers.ts';

const issue = { number: 42, title: 'Notes', body: 'Please add notes.' };
const WRAPPED = ['git', 'unshare', 'ps', 'sudo', 'npm', 'tar'];

/** A wrapper that records `name args` and the environment into `log`, then runs `real` with the same arguments. */
function recorder(name: string, real: string, log: string): string {
  return [
    '#!/bin/sh',
    // One write per record, so concurrent children do not interleave.
    `record="$(echo "== ${name} $*"; env)"`,
    `( exec 2>/dev/null; printf '%s\\n' "$record" >> '${log}' ) || true`,
    `exec '${real}' "$@"`,
    '',
  ].join('\n');
}

describe('the environment of every child process', () => {
  it('holds no credential: codex --version, codex help, the server, git, the sandbox probe', async () => {
    // The codex-path input names the wrapper, so it is made before the world.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-child-env-'));
    after(() => fs.rmSync(outside, { recursive: true, force: true }));
    const log = path.join(outside, 'children.log');
    fs.writeFileSync(log, '');
    const codex = path.join(outside, 'codex-wrapper');
    fs.writeFileSync(codex, recorder('codex', codexFlavour().inputs['codex-path'], log), { mode: 0o755 });
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({ issue, body: '/codex add notes', sender: users.maintainer }),
      },
      inputs: { 'codex-path': codex },
      github: { permissions: { mona: 'write' } },
      modelTurns: [
        { items: [modelSays.shell('echo notes > NOTES.md')] },
        { items: [modelSays.message('Added notes.')] },
      ],
    });
    const shim = path.join(w.dir, 'shim');
    fs.mkdirSync(shim);
    for (const name of WRAPPED) {
      let real: string;
      try {
        real = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      } catch {
        continue;
      }
      fs.writeFileSync(path.join(shim, name), recorder(name, real, log), { mode: 0o755 });
    }

    const result = await runWithCanaries(w, { PATH: `${shim}:${process.env.PATH ?? '/usr/bin:/bin'}` });
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', lastActionComment(w));

    const recorded = fs.readFileSync(log, 'utf8');
    // The wrappers really ran for each kind of child.
    assert.match(recorded, /^== codex --version$/m);
    assert.match(recorded, /^== codex help mcp-server$/m);
    assert.match(recorded, codexFlavour().name === 'native' ? /^== codex mcp-server$/m : /^== codex app-server/m);
    assert.match(recorded, /^== git .*\b(config|rev-parse)\b/m);
    assert.match(recorded, /^== git .*\bpush --no-verify/m);
    assert.match(recorded, /^== unshare --user/m);
    assert.match(recorded, /^PATH=/m);
    // The one credential a child is meant to hold: git fetch and push get the token as an HTTP header for the
    // server's origin, through GIT_CONFIG_VALUE_0. It is taken out here; anything else fails.
    const records = recorded.split(/^(?=== )/m);
    const withoutPushAuth = records
      .map((record) => {
        if (!/^== git .*\b(push|fetch)\b/.test(record)) return record;
        assert.match(record, /^GIT_CONFIG_KEY_0=http\.https:\/\/github\.com\/\.extraheader$/m);
        return record.replace(/^GIT_CONFIG_VALUE_0=AUTHORIZATION: basic \S+$/m, '');
      })
      .join('');
    assertNoCanary(withoutPushAuth, 'the environment of a child process');
    const names = [...recorded.matchAll(/^([A-Za-z_][A-Za-z0-9_-]*)=/gm)].map((match) => match[1] as string);
    assert.deepEqual(
      [
        ...new Set(
          names.filter((name) => /^(INPUT_|ACTIONS_|GITHUB_TOKEN$|GH_TOKEN$|OPENAI_API_KEY$|SECRET_)/.test(name)),
        ),
      ],
      [],
    );
    assertNothingLeaked(w, result);
  });
});
