// Proves every form in which git keeps a credential is out of the agent's reach while Codex runs, and is back,
// byte for byte, after the run: http.extraheader with and without a URL, in .git/config, in an included file
// named by a relative path and in a file that an included file includes; credential helpers (an inline one
// that prints a token, `store --file`, and the default store in the home directory's global configuration);
// url.<base>.insteadOf and pushInsteadOf with user info; a remote's URL and a proxy URL with user info.
// The scripted model lists git's whole configuration with origins, prints every file it names, asks git's
// credential machinery for a password, and the action publishes what it saw.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { issueCommentEvent, users } from '../support/events.ts';
import { modelSays } from '../support/model-server.ts';
import type { World } from '../support/world.ts';
import { git } from '../support/world.ts';
import { assertNoCanary, assertNothingLeaked, lastActionComment, runWithCanaries, world } from './helpers.ts';

const issue = { number: 42, title: 'Config', body: 'Show the git configuration.' };

/** A canary per form, so a failure names the form that leaked. */
const FORM_CANARY = {
  bareExtraheader: 'canary-bare-extraheader-9f1c2a',
  relativeInclude: 'canary-relative-include-3b7d0e',
  nestedInclude: 'canary-nested-include-6a2f81',
  inlineHelper: 'canary-inline-helper-c4e915',
  storeFile: 'canary-store-file-0d8b37',
  globalStore: 'canary-global-store-e51a6c',
  pushInsteadOf: 'canary-push-insteadof-7c30fd',
  remoteUrl: 'canary-remote-url-2e94b1',
  proxy: 'canary-proxy-password-58f0a3',
};

const header = (token: string): string =>
  `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

/** Plants each form; returns the files that hold them, to compare after the run, and the files to print. */
function plantEveryForm(w: World, home: string): { files: string[]; printed: string[] } {
  const dotGit = path.join(w.workspace, '.git');
  const config = (...args: string[]): string => git(w.workspace, 'config', '--local', ...args);
  const secrets = path.join(w.runnerTemp, 'secrets');
  fs.mkdirSync(secrets, { recursive: true });
  config('http.extraheader', header(FORM_CANARY.bareExtraheader));
  // An include named relative to .git/, which itself includes a file relative to its own directory.
  const relative = path.join(secrets, 'relative.config');
  const nested = path.join(secrets, 'nested', 'deeper.config');
  fs.mkdirSync(path.dirname(nested));
  fs.writeFileSync(nested, `[http "https://github.com/"]\n\textraheader = ${header(FORM_CANARY.nestedInclude)}\n`);
  fs.writeFileSync(
    relative,
    `[http "https://api.github.com/"]\n\textraheader = ${header(FORM_CANARY.relativeInclude)}\n[include]\n\tpath = nested/deeper.config\n`,
  );
  config('include.path', path.relative(dotGit, relative));
  // Credential helpers: one that prints a token itself, and `store` with a file of its own.
  config(
    'credential.https://github.com.helper',
    `!f() { echo username=x-access-token; echo password=${FORM_CANARY.inlineHelper}; }; f`,
  );
  const store = path.join(secrets, 'store-credentials');
  fs.writeFileSync(store, `https://x-access-token:${FORM_CANARY.storeFile}@example.com\n`);
  config('--add', 'credential.helper', `store --file=${store}`);
  // The home directory's global configuration with the default store.
  fs.writeFileSync(path.join(home, '.gitconfig'), '[credential]\n\thelper = store\n');
  fs.writeFileSync(
    path.join(home, '.git-credentials'),
    `https://x-access-token:${FORM_CANARY.globalStore}@github.com\n`,
  );
  config(`url.https://x-access-token:${FORM_CANARY.pushInsteadOf}@github.com/.pushInsteadOf`, 'https://github.com/');
  git(
    w.workspace,
    'remote',
    'add',
    'fork',
    `https://x-access-token:${FORM_CANARY.remoteUrl}@github.com/octo-org/fork.git`,
  );
  config('http.proxy', `http://proxy-user:${FORM_CANARY.proxy}@proxy.invalid:3128`);
  return {
    files: [
      path.join(dotGit, 'config'),
      relative,
      nested,
      store,
      path.join(home, '.gitconfig'),
      path.join(home, '.git-credentials'),
    ],
    printed: [relative, nested, store, path.join(home, '.git-credentials')],
  };
}

describe('every form of persisted git credential', () => {
  it('is hidden while Codex runs and restored byte for byte afterwards', async () => {
    const w = await world({
      event: {
        name: 'issue_comment',
        payload: issueCommentEvent({ issue, body: '/codex show the config', sender: users.maintainer }),
      },
      github: { permissions: { mona: 'write' } },
    });
    const home = path.join(w.dir, 'home');
    fs.mkdirSync(home);
    const planted = plantEveryForm(w, home);
    const before = new Map(planted.files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
    const look = [
      // Codex works in a copy; the checkout it was made from is readable by path, and that is what the agent probes.
      `(cd ${w.workspace} && env -u GIT_DIR -u GIT_WORK_TREE git config --list --show-origin --show-scope) > seen.txt 2>&1`,
      ...planted.printed.map((file) => `(echo "== ${file}"; cat ${file}) >> seen.txt 2>&1`),
      `printf 'protocol=https\\nhost=github.com\\n\\n' | (cd ${w.workspace} && env -u GIT_DIR -u GIT_WORK_TREE GIT_TERMINAL_PROMPT=0 git credential fill) >> seen.txt 2>&1`,
      `printf 'protocol=https\\nhost=example.com\\n\\n' | (cd ${w.workspace} && env -u GIT_DIR -u GIT_WORK_TREE GIT_TERMINAL_PROMPT=0 git credential fill) >> seen.txt 2>&1`,
      'true',
    ].join('; ');
    w.model['turns'].push(
      { items: [modelSays.shell(look)] },
      { items: [modelSays.message('Listed the configuration.')] },
    );
    const result = await runWithCanaries(w, { HOME: home });
    assert.equal(result.exitCode, 0, result.log);
    assert.equal(result.outputs.conclusion, 'pull-request', lastActionComment(w));

    const seen = git(w.origin, 'show', `codex/issue-42-${w.runId}:seen.txt`);
    // The look really happened: git's listing, the include lines and each printed file are there.
    assert.match(seen, /file:\.git\/config\s+remote\.origin\.url=/);
    assert.match(seen, /include\.path=/);
    for (const file of planted.printed) assert.ok(seen.includes(`== ${file}`), `the agent printed ${file}`);
    assert.match(
      seen,
      /remote\.fork\.url=https:\/\/github\.com\/octo-org\/fork\.git/,
      'the remote is there, without its user info',
    );
    assertNoCanary(seen, 'what the agent saw', FORM_CANARY);
    assertNothingLeaked(w, result, FORM_CANARY);

    for (const [file, content] of before)
      assert.equal(fs.readFileSync(file, 'utf8'), content, `${file} is restored byte for byte`);
    assert.deepEqual(
      fs.readdirSync(w.runnerTemp).filter((name) => name.endsWith('.vault')),
      [],
      'the vault is removed after the main step restored',
    );
  });
});
