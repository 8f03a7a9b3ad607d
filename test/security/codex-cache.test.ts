// Proves a poisoned Codex package in the tool directory (where an Actions cache entry is restored to, keyed
// only by version and platform, which any workflow run that can write the cache can fill) cannot swap the
// binary: the tool directory holds what an attacker's cache entry would, the package tarball and the codex
// extracted from it, and both codex binaries write a marker before running the real one. The run notices the
// tarball does not match the integrity the npm registry publishes, says so as a warning, downloads the package
// afresh and never runs the planted binary. npm and tar run with the allowlisted environment: their recorded
// environments hold no canary.
// The test plants the files itself rather than letting a first run install Codex and overwriting what it left
// (an npm pack, an extraction and a listing of the ~130 MB tarball: about 12 CPU-seconds). That the planted
// layout is the action's own is checked after the run: the warning names the planted tarball, and the only
// codex the tool directory then holds is the planted path, rewritten from the registry's package, so a change
// of layout fails here. The run needs no Codex session: it asks for a host list under the read-only sandbox,
// which the action refuses once it has Codex (the checked package extracted and its --version run, which would
// run a planted binary) and before starting it; the install test proves an installed Codex does a task.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
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
    const { version, inputs } = codexFlavour();
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

    // The tool directory for this version and platform as a poisoned cache entry leaves it: the package tarball
    // (npm pack's name) and the codex extracted from it. Both codex binaries are the attacker's; the package is
    // the dev dependency's layout (the same release from the registry), so the codex sits where the real one does.
    const realCodex = inputs['codex-path'] as string;
    const inPackage = path.relative(
      realCodex.slice(0, realCodex.lastIndexOf(`${path.sep}vendor${path.sep}`)),
      realCodex,
    );
    const platform = `${process.platform}-${process.arch}`;
    const toolDir = path.join(w.toolCache, 'codex-task-action', 'codex', version, platform);
    const tarball = path.join(toolDir, 'tarball', `openai-codex-${version}-${platform}.tgz`);
    const extracted = path.join(toolDir, 'extracted', 'package', inPackage);
    const marker = path.join(w.dir, 'planted-codex-ran');
    const planted = `#!/bin/sh\ntouch '${marker}'\nexec '${realCodex}' "$@"\n`;
    const unpacked = path.join(w.dir, 'attacker', 'package', inPackage);
    for (const binary of [unpacked, extracted]) {
      fs.mkdirSync(path.dirname(binary), { recursive: true });
      fs.writeFileSync(binary, planted, { mode: 0o755 });
    }
    fs.mkdirSync(path.dirname(tarball), { recursive: true });
    execFileSync('tar', ['-czf', tarball, '-C', path.join(w.dir, 'attacker'), 'package']);

    const result = await runWithCanaries(w, {
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
      PATH: `${shim}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      'INPUT_NETWORK-ACCESS': 'example.com',
      INPUT_SANDBOX: 'read-only',
    });
    assert.ok(!fs.existsSync(marker), 'the planted codex binary ran');
    assert.ok(
      result.log.includes(
        `::warning::The Codex package from the tool directory (${tarball}) does not match the integrity the npm registry publishes`,
      ),
      result.log,
    );
    assert.match(result.log, new RegExp(`Codex ${version.replace(/\./g, '\\.')} \\(npm\\)`));
    assert.match(result.log, /Codex was not started/);
    assert.equal(result.outputs.conclusion, 'failed');
    // The planted layout is the action's: the codex it extracted from the registry's package is the one the test
    // planted, now overwritten, and no other codex is there.
    const binaries = filesUnder(path.join(w.toolCache, 'codex-task-action')).filter(
      (file) => path.basename(file) === 'codex',
    );
    assert.deepEqual(binaries, [extracted]);
    const head = Buffer.alloc(planted.length);
    const fd = fs.openSync(extracted, 'r');
    fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    assert.notEqual(head.toString('utf8'), planted, "the planted codex was replaced by the registry's");

    const recorded = fs.readFileSync(log, 'utf8');
    assert.match(recorded, /^== npm (view|pack)/m);
    assert.match(recorded, /^== tar -xzf/m);
    assertNoCanary(recorded, 'the environment of npm or tar');
    assertNothingLeaked(w, result);
  });
});
