// Proves that nothing Codex writes survives in the checkout except the published change: Codex works in a
// disposable copy, a repository it plants (with an fsmonitor command, a .gitmodules entry) never reaches the
// checkout, so actions/checkout's post step and a later `git status` run nothing of it; what earlier steps left
// in the checkout (an ignored node_modules/, untracked build output) stays usable by Codex's commands and comes
// out byte for byte the same; /tmp is not Codex's to write; and the copy is gone after the run.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import type { World } from '../support/world.ts';
import { git } from '../support/world.ts';
import { assertNothingLeaked, runWithCanaries, world } from './helpers.ts';

const issue = { number: 42, title: 'Notes', body: 'Please update the notes.' };
const comment = (body = '/codex update the notes') => ({
  name: 'issue_comment',
  payload: issueCommentEvent({ issue, body, sender: users.maintainer }),
});
const agentRuns = (...commands: string[]) => [
  { items: commands.map((command) => modelSays.shell(command)) },
  { items: [modelSays.message('Updated the notes.')] },
];

/** Everything about the checkout that a later step could be affected by: files (with ignored ones), index, config, hooks. */
function fingerprint(workspace: string): { files: string; head: string; index: string; config: string } {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      // Of .git, what a later git command acts on; objects, refs and logs change with the published commit.
      if (dir === path.join(workspace, '.git') && !['hooks', 'info', 'modules', 'worktrees', 'config'].includes(name))
        continue;
      const stat = fs.lstatSync(full);
      const relative = path.relative(workspace, full);
      if (stat.isDirectory()) {
        files.push(`${relative}/ ${stat.mode.toString(8)}`);
        walk(full);
      } else if (stat.isSymbolicLink()) files.push(`${relative} -> ${fs.readlinkSync(full)}`);
      else
        files.push(
          `${relative} ${stat.mode.toString(8)} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`,
        );
    }
  };
  walk(workspace);
  return {
    files: files.join('\n'),
    head: git(workspace, 'rev-parse', 'HEAD'),
    index: git(workspace, 'ls-files', '--stage'),
    config: fs.readFileSync(path.join(workspace, '.git', 'config'), 'utf8'),
  };
}

/** The git commands actions/checkout's post step runs in the workspace, then a `git status` as a later step would. */
function runCheckoutPostStepAndStatus(workspace: string): void {
  const run = (...args: string[]): void => {
    try {
      execFileSync('git', args, { cwd: workspace, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    } catch {
      // actions/checkout tolerates these failing (nothing to unset); what matters is what they run.
    }
  };
  run('config', '--local', '--name-only', '--get-regexp', 'core\\.sshCommand');
  run(
    'submodule',
    'foreach',
    '--recursive',
    `sh -c "git config --local --name-only --get-regexp 'core\\.sshCommand' && git config --local --unset-all 'core.sshCommand' || :"`,
  );
  run('config', '--local', '--name-only', '--get-regexp', 'http\\.https\\:\\/\\/github\\.com\\/\\.extraheader');
  run(
    'submodule',
    'foreach',
    '--recursive',
    `sh -c "git config --local --name-only --get-regexp 'http\\.https\\:\\/\\/github\\.com\\/\\.extraheader' && git config --local --unset-all 'http.https://github.com/.extraheader' || :"`,
  );
  run(
    'submodule',
    'foreach',
    '--recursive',
    'git config --local --show-origin --name-only --get-regexp remote.origin.url',
  );
  run('status');
  run('status', '--ignored', '--untracked-files=all');
}

function scratchLeft(w: World): string[] {
  return fs.existsSync(w.runnerTemp)
    ? fs
        .readdirSync(w.runnerTemp, { recursive: true })
        .map(String)
        .filter((entry) => entry.split(path.sep).includes('scratch'))
    : [];
}

describe('the checkout after the action', () => {
  it('holds nothing of a repository Codex planted (fsmonitor, hooks, .gitmodules): the checkout post step and git status run none of it', async () => {
    const w = await world({ event: comment(), github: { permissions: { mona: 'write' } } });
    const fired = path.join(w.dir, 'planted-command-ran');
    const before = fingerprint(w.workspace);
    // What a hijacked agent does: a nested repository whose fsmonitor is a command, a hook in it, a .gitmodules
    // entry that makes it a submodule for `git submodule foreach`, and an ordinary change next to them.
    const plant = [
      'unset GIT_DIR GIT_WORK_TREE',
      'git init -q vendor/lib',
      `git -C vendor/lib config core.fsmonitor 'touch ${fired}-fsmonitor; false'`,
      `printf '#!/bin/sh\\ntouch ${fired}-hook\\n' > vendor/lib/.git/hooks/post-checkout; chmod +x vendor/lib/.git/hooks/post-checkout`,
      'echo lib > vendor/lib/lib.txt',
      `printf '[submodule "vendor/lib"]\\n\\tpath = vendor/lib\\n\\turl = ./vendor/lib\\n' > .gitmodules`,
      'echo updated > notes.txt',
    ].join('; ');
    w.model['turns'].push(...agentRuns(plant));
    const result = await runWithCanaries(w);
    assert.equal(result.outputs.conclusion, 'failed', result.log);
    assert.match(result.log, /vendor\/lib.{0,40}git repositor/, 'the nested repository is named as the reason');

    runCheckoutPostStepAndStatus(w.workspace);
    assert.deepEqual(
      ['-fsmonitor', '-hook'].filter((suffix) => fs.existsSync(fired + suffix)),
      [],
      'a command the agent planted ran',
    );
    assert.equal(fs.existsSync(path.join(w.workspace, 'vendor')), false, 'the planted repository is in the checkout');
    assert.deepEqual(fingerprint(w.workspace), before, 'the checkout changed');
    assert.deepEqual(scratchLeft(w), [], "Codex's copy is left behind");
    assert.deepEqual(w.leftoverProcesses(), []);
    assertNothingLeaked(w, result);
  });

  it("keeps what earlier steps left (an ignored node_modules/, untracked output) usable by Codex's commands and unchanged; /tmp is not Codex's to write", async () => {
    const w = await world({
      event: comment(),
      github: { permissions: { mona: 'write' } },
      files: {
        'README.md': '# octo-repo\n',
        '.gitignore': 'node_modules/\nbuild/\n',
        'src/report.js': 'export const report = () => "ok";\n',
      },
    });
    // What `npm ci` and a build step leave in a checkout before the action runs.
    fs.mkdirSync(path.join(w.workspace, 'node_modules', 'left-pad'), { recursive: true });
    fs.writeFileSync(
      path.join(w.workspace, 'node_modules', 'left-pad', 'index.js'),
      'module.exports = "padded by the dependency";\n',
    );
    fs.writeFileSync(path.join(w.workspace, 'node_modules', '.package-lock.json'), '{}\n');
    fs.mkdirSync(path.join(w.workspace, 'build'));
    fs.writeFileSync(path.join(w.workspace, 'build', 'out.js'), 'built\n');
    fs.writeFileSync(path.join(w.workspace, 'generated.txt'), 'an untracked file an earlier step wrote\n');
    const before = fingerprint(w.workspace);
    const inTmp = `/tmp/cta-planted-${w.runId}-${process.pid}`;
    // The agent uses the dependency (its output goes into the change), then tries to tamper with everything it
    // did not make: the dependency, the build output, the untracked file, and /tmp.
    w.model['turns'].push(
      ...agentRuns(
        'node -e "console.log(require(\'./node_modules/left-pad\'))" > uses-dependency.txt',
        'echo tampered >> node_modules/left-pad/index.js; echo new > node_modules/planted.js; mv node_modules/.package-lock.json node_modules/moved.json; echo tampered > build/out.js; echo tampered >> generated.txt; ' +
          `echo planted > ${inTmp}; true`,
      ),
    );
    const result = await runWithCanaries(w);
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', result.log);
    const branch = `codex/issue-42-${w.runId}`;
    assert.equal(
      git(w.origin, 'show', `${branch}:uses-dependency.txt`),
      'padded by the dependency',
      "Codex's commands could use node_modules/",
    );
    assert.deepEqual(
      JSON.parse(result.outputs['changed-files'] ?? '[]'),
      ['uses-dependency.txt'],
      'only the change Codex made is published, not the linked entries',
    );
    const after = fingerprint(w.workspace);
    // The published change is now committed on the new branch: the files differ from before by exactly it.
    const expected = before.files
      .split('\n')
      .concat(`uses-dependency.txt 100644 ${createHash('sha256').update('padded by the dependency\n').digest('hex')}`)
      .sort()
      .join('\n');
    assert.equal(
      after.files.split('\n').sort().join('\n'),
      expected,
      'the checkout holds something other than what it had plus the published change',
    );
    assert.equal(after.config, before.config, "the checkout's git configuration changed");
    assert.equal(
      git(w.workspace, 'show', '--format=', '--name-only', 'HEAD'),
      'uses-dependency.txt',
      'the commit holds exactly the published change',
    );
    assert.equal(fs.existsSync(inTmp), false, 'Codex wrote into /tmp');
    assert.deepEqual(scratchLeft(w), [], "Codex's copy is left behind");
    assertNothingLeaked(w, result);
  });
});
