// Proves a poisoned Codex package in the tool directory (where an Actions cache entry is restored to, keyed
// only by version and platform, which any workflow run that can write the cache can fill) cannot swap the
// binary: every codex binary and every package tarball there is replaced by one whose codex writes a marker
// before running the real one. The next run notices the tarball does not match the integrity the npm registry
// publishes, says so as a warning, downloads the package afresh and never runs the planted binary. npm and tar
// run with the allowlisted environment: their recorded environments hold no canary.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import { codexFlavour } from '../support/world.ts';
import { assertNoCanary, assertNothingLeaked, runWithCanaries, world } from './helpers.ts';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => fs.lstatSync(file).isFile());
}

describe('a Codex package restored from the cache', () => {
  it('is checked against the registry before it runs: a poisoned one is discarded, loudly, and never run', async () => {
    const { version } = codexFlavour();
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({
          issue: { number: 3, title: 'Docs', body: '' },
          body: '/codex write docs',
          sender: users.maintainer,
        }),
      },
      inputs: { 'codex-path': '', 'codex-version': version },
      github: { permissions: { mona: 'write' } },
      modelTurns: [{ items: [modelSays.message('Nothing to do.')] }],
    });
    // npm and tar record their environment, then run the real program.
    const shim = path.join(w.dir, 'shim');
    fs.mkdirSync(shim);
    const log = path.join(w.dir, 'children.log');
    for (const name of ['npm', 'tar']) {
      const real = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      fs.writeFileSync(
        path.join(shim, name),
        `#!/bin/sh\nrecord="$(echo "== ${name} $*"; env)"\nprintf '%s\\n' "$record" >> '${log}'\nexec '${real}' "$@"\n`,
        { mode: 0o755 },
      );
    }
    const env = {
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
      PATH: `${shim}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    };
    // The first run only fills the tool directory, the way the action does; it needs no Codex session: it asks
    // for a host list under the read-only sandbox, which the action refuses once it has Codex (installed, and its
    // --version run) and before starting it.
    const first = await runWithCanaries(w, {
      ...env,
      'INPUT_NETWORK-ACCESS': 'example.com',
      INPUT_SANDBOX: 'read-only',
    });
    assert.match(first.log, new RegExp(`Codex ${version.replace(/\./g, '\\.')} \\(npm\\)`));
    assert.match(first.log, /Codex was not started/);

    // Poison everything the tool directory holds for this version, as a cache entry written by an attacker would.
    const marker = path.join(w.dir, 'planted-codex-ran');
    const planted = `#!/bin/sh\ntouch '${marker}'\nexec '${codexFlavour().inputs['codex-path']}' "$@"\n`;
    const files = filesUnder(path.join(w.toolCache, 'codex-task-action'));
    const binaries = files.filter((file) => path.basename(file) === 'codex');
    const tarballs = files.filter((file) => file.endsWith('.tgz'));
    assert.ok(binaries.length + tarballs.length > 0, 'the first run left Codex in the tool directory');
    for (const binary of binaries) fs.writeFileSync(binary, planted, { mode: 0o755 });
    // The attacker's tarball holds the planted codex at every place the real one has a codex, and nothing else:
    // it needs no more to be run, and listing the real one is cheaper than unpacking and repacking its ~330 MB.
    for (const tarball of tarballs) {
      const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
        .split('\n')
        .filter((entry) => path.posix.basename(entry) === 'codex');
      assert.ok(entries.length > 0, `${tarball} holds a codex binary`);
      const unpacked = fs.mkdtempSync(path.join(w.dir, 'repack-'));
      for (const entry of entries) {
        fs.mkdirSync(path.dirname(path.join(unpacked, entry)), { recursive: true });
        fs.writeFileSync(path.join(unpacked, entry), planted, { mode: 0o755 });
      }
      execFileSync('tar', [
        '-czf',
        tarball,
        '-C',
        unpacked,
        ...new Set(entries.map((entry) => entry.split('/')[0] as string)),
      ]);
    }

    const second = await runWithCanaries(w, env);
    assert.equal(second.exitCode, 0, second.log);
    assert.ok(!fs.existsSync(marker), 'the planted codex binary ran');
    assert.match(
      second.log,
      /::warning::The Codex package from the tool directory .* does not match the integrity the npm registry publishes/,
    );
    assert.match(second.log, new RegExp(`Codex ${version.replace(/\./g, '\\.')} \\(npm\\)`));
    assert.equal(second.outputs.conclusion, 'no-changes');

    const recorded = fs.readFileSync(log, 'utf8');
    assert.match(recorded, /^== npm (view|pack)/m);
    assertNoCanary(recorded, 'the environment of npm or tar');
    for (const result of [first, second]) assertNothingLeaked(w, result);
  });
});
