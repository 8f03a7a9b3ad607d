// Unit tests for input parsing and validation (src/settings.ts), and for action.yml staying in step with it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ActionError } from '../../src/errors.ts';
import {
  DEFAULT_CODEX_VERSION,
  INPUT_DEFAULTS,
  INPUT_NAMES,
  loadSettings,
  parseIdentity,
  parseSettings,
  permissionAtLeast,
} from '../../src/settings.ts';
import type { InputName, InputReader, Settings } from '../../src/settings.ts';

const REQUIRED = { 'github-token': 'ghs_unit_test_token', 'openai-api-key': 'sk-unit-test-key' };

/** Reads from a plain object, falling back to INPUT_DEFAULTS the way the runner falls back to action.yml. */
function reader(values: Partial<Record<InputName, string>>): InputReader {
  return (name) => values[name] ?? (INPUT_DEFAULTS as Record<string, string>)[name] ?? '';
}

const parse = (values: Partial<Record<InputName, string>>): Settings =>
  parseSettings(reader({ ...REQUIRED, ...values }));

function parseError(
  values: Partial<Record<InputName, string>>,
  base: Partial<Record<InputName, string>> = REQUIRED,
): ActionError {
  try {
    parseSettings(reader({ ...base, ...values }));
  } catch (error) {
    assert.ok(error instanceof ActionError, `expected an ActionError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(values)} to be rejected`);
}

describe('parseSettings', () => {
  it('turns the defaults into the documented settings', () => {
    assert.deepEqual(parse({}), {
      githubToken: 'ghs_unit_test_token',
      openaiApiKey: 'sk-unit-test-key',
      prompt: undefined,
      triggerPhrase: '/codex',
      triggerLabel: undefined,
      requiredPermission: 'write',
      allowedBots: [],
      codexVersion: DEFAULT_CODEX_VERSION,
      codexPath: undefined,
      openaiBaseUrl: 'https://api.openai.com/v1',
      model: undefined,
      sandbox: 'workspace-write',
      networkAccess: false,
      networkHosts: [],
      approvalPolicy: 'never',
      maxTokens: undefined,
      maxModelRequests: undefined,
      timeoutMinutes: 30,
      mode: 'pull-request',
      baseBranch: undefined,
      branchPrefix: 'codex/',
      draft: false,
      commitSigning: 'git',
      commitAuthor: { name: 'codex-task-action[bot]', email: 'codex-task-action[bot]@users.noreply.github.com' },
      codexServer: 'auto',
      allowForks: false,
      allowForkReviews: false,
      reviewVerdicts: false,
      allowDangerousSandbox: false,
      protectedPaths: [
        '.github/**',
        '.gitmodules',
        '.gitattributes',
        '.husky/**',
        'CODEOWNERS',
        'AGENTS.md',
        'AGENTS.override.md',
        '**/.agents/**',
        '**/.codex/**',
      ],
      maxFileBytes: 1048576,
      maxChangedFiles: 200,
      maxDiffBytes: 2097152,
      patchPath: undefined,
      labels: [],
      reviewers: [],
      requestReview: false,
      triggerAssignee: undefined,
      instructions: undefined,
    });
  });

  it('refuses danger-full-access unless allow-dangerous-sandbox is true', () => {
    assert.match(parseError({ sandbox: 'danger-full-access' }).message, /allow-dangerous-sandbox: true/);
    assert.equal(
      parse({ sandbox: 'danger-full-access', 'allow-dangerous-sandbox': 'true' }).sandbox,
      'danger-full-access',
    );
  });

  it('gives no settings for invalid inputs, and reads the gate strictly for deciding who sees the error', () => {
    const result = loadSettings(
      reader({
        ...REQUIRED,
        'required-permission': 'writ',
        'allowed-bots': 'renovate[bot], *',
        'timeout-minutes': 'abc',
      }),
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(
      result.error.message,
      /Input 'required-permission' is 'writ'; accepted values: read, triage, write, maintain, admin\./,
    );
    assert.match(result.error.message, /Input 'timeout-minutes' is 'abc'/);
    assert.equal(result.audience?.requiredPermission, 'admin');
    assert.deepEqual(result.audience?.allowedBots, []);
    assert.equal(
      'timeoutMinutes' in (result.audience ?? {}),
      false,
      'nothing beyond the gate leaks out of an invalid parse',
    );
  });

  it('reports an input error only in the log when no token or no usable trigger phrase is given', () => {
    for (const values of [{ 'github-token': '' }, { 'trigger-phrase': 'two words' }]) {
      const result = loadSettings(reader({ ...REQUIRED, mode: 'yolo', ...values }));
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.audience, undefined, JSON.stringify(values));
    }
    const valid = loadSettings(reader(REQUIRED));
    assert.equal(valid.ok, true);
  });

  it('reads every accepted non-default value', () => {
    const settings = parse({
      prompt: 'Bump the version',
      'trigger-phrase': '@bot+',
      'trigger-label': 'codex',
      'required-permission': 'maintain',
      'codex-version': '0.150.0-alpha.2',
      'codex-path': '/opt/codex/bin/codex',
      'openai-base-url': 'http://127.0.0.1:8080/v1',
      model: 'gpt-5.5',
      sandbox: 'read-only',
      'network-access': 'TRUE',
      'timeout-minutes': '7.5',
      mode: 'patch',
      'base-branch': 'release/1.x',
      'branch-prefix': 'bots/codex-',
      draft: 'true',
      'commit-author': 'Release Bot <release@example.com>',
    });
    assert.equal(settings.prompt, 'Bump the version');
    assert.equal(settings.triggerPhrase, '@bot+');
    assert.equal(settings.triggerLabel, 'codex');
    assert.equal(settings.requiredPermission, 'maintain');
    assert.equal(settings.codexVersion, '0.150.0-alpha.2');
    assert.equal(settings.codexPath, '/opt/codex/bin/codex');
    assert.equal(settings.openaiBaseUrl, 'http://127.0.0.1:8080/v1');
    assert.equal(settings.model, 'gpt-5.5');
    assert.equal(settings.sandbox, 'read-only');
    assert.equal(settings.networkAccess, true);
    assert.equal(settings.timeoutMinutes, 7.5);
    assert.equal(settings.mode, 'patch');
    assert.equal(settings.baseBranch, 'release/1.x');
    assert.equal(settings.branchPrefix, 'bots/codex-');
    assert.equal(settings.draft, true);
    assert.deepEqual(settings.commitAuthor, { name: 'Release Bot', email: 'release@example.com' });
  });

  it('keeps the prompt as written and treats a blank prompt as none', () => {
    assert.equal(parse({ prompt: '  Fix it.\n\nThen test.\n' }).prompt, '  Fix it.\n\nThen test.\n');
    assert.equal(parse({ prompt: ' \n ' }).prompt, undefined);
  });

  it('trims the other inputs', () => {
    const settings = parse({ mode: ' commit ', 'trigger-label': '  ', model: ' gpt-5.5\n' });
    assert.equal(settings.mode, 'commit');
    assert.equal(settings.triggerLabel, undefined);
    assert.equal(settings.model, 'gpt-5.5');
  });

  it('splits allowed-bots on commas and whitespace', () => {
    assert.deepEqual(parse({ 'allowed-bots': 'renovate[bot], dependabot[bot]  my-app[bot],\nother-bot' }).allowedBots, [
      'renovate[bot]',
      'dependabot[bot]',
      'my-app[bot]',
      'other-bot',
    ]);
    assert.deepEqual(parse({ 'allowed-bots': ' , ' }).allowedBots, []);
  });

  it('allow-forks: review allows reviews of forks only; true allows both', () => {
    assert.deepEqual(
      [parse({ 'allow-forks': 'review' }).allowForks, parse({ 'allow-forks': 'review' }).allowForkReviews],
      [false, true],
    );
    assert.deepEqual(
      [parse({ 'allow-forks': 'true' }).allowForks, parse({ 'allow-forks': 'true' }).allowForkReviews],
      [true, true],
    );
    assert.deepEqual(
      [parse({ 'allow-forks': 'false' }).allowForks, parse({ 'allow-forks': 'false' }).allowForkReviews],
      [false, false],
    );
  });

  it('strips trailing slashes from openai-base-url', () => {
    assert.equal(
      parse({ 'openai-base-url': 'https://gateway.example.com/openai/v1/' }).openaiBaseUrl,
      'https://gateway.example.com/openai/v1',
    );
    assert.equal(
      parse({ 'openai-base-url': 'https://gateway.example.com//' }).openaiBaseUrl,
      'https://gateway.example.com',
    );
  });

  describe('rejects invalid inputs, naming the input and what it accepts', () => {
    const cases: Array<[string, Partial<Record<InputName, string>>, RegExp[]]> = [
      ['mode', { mode: 'push' }, [/'mode' is 'push'/, /pull-request, commit, patch, review/]],
      ['commit-signing', { 'commit-signing': 'gpg' }, [/'commit-signing' is 'gpg'/, /git, api/]],
      ['allow-forks', { 'allow-forks': 'reviews' }, [/'allow-forks' is 'reviews'/, /true, false, review/]],
      ['sandbox', { sandbox: 'none' }, [/'sandbox' is 'none'/, /read-only, workspace-write, danger-full-access/]],
      [
        'required-permission',
        { 'required-permission': 'none' },
        [/'required-permission' is 'none'/, /read, triage, write, maintain, admin/],
      ],
      [
        'required-permission (typo)',
        { 'required-permission': 'writer' },
        [/'required-permission' is 'writer'/, /read, triage, write, maintain, admin/],
      ],
      ['network-access', { 'network-access': 'yes' }, [/'network-access' is 'yes'/, /true, false/]],
      ['draft', { draft: '1' }, [/'draft' is '1'/, /true, false/]],
      ['timeout-minutes 0', { 'timeout-minutes': '0' }, [/'timeout-minutes' is '0'/, /greater than 0 and at most 360/]],
      [
        'timeout-minutes abc',
        { 'timeout-minutes': 'abc' },
        [/'timeout-minutes' is 'abc'/, /greater than 0 and at most 360/],
      ],
      ['timeout-minutes 1000', { 'timeout-minutes': '1000' }, [/'timeout-minutes' is '1000'/, /at most 360/]],
      ['timeout-minutes negative', { 'timeout-minutes': '-5' }, [/'timeout-minutes' is '-5'/]],
      [
        'codex-version latest',
        { 'codex-version': 'latest' },
        [/'codex-version' is 'latest'/, /exact version such as 0\.169\.0/],
      ],
      ['codex-version range', { 'codex-version': '^0.153.0' }, [/'codex-version' is '\^0\.153\.0'/]],
      ['openai-base-url ftp', { 'openai-base-url': 'ftp://x' }, [/'openai-base-url' is 'ftp:\/\/x'/, /http\(s\) URL/]],
      [
        'openai-base-url not a URL',
        { 'openai-base-url': 'api.openai.com' },
        [/'openai-base-url' is 'api\.openai\.com'/],
      ],
      [
        'branch-prefix with spaces',
        { 'branch-prefix': 'my prefix/' },
        [/'branch-prefix' is 'my prefix\/'/, /letters, digits, '\.', '_', '-' and '\/'/],
      ],
      ['branch-prefix with ..', { 'branch-prefix': 'codex/../main' }, [/'branch-prefix' is 'codex\/\.\.\/main'/]],
      ['branch-prefix starting with /', { 'branch-prefix': '/codex/' }, [/'branch-prefix' is '\/codex\/'/]],
      ['base-branch', { 'base-branch': 'main; rm -rf /' }, [/'base-branch' is 'main; rm -rf \/'/, /branch name/]],
      [
        'commit-author without email',
        { 'commit-author': 'Codex Bot' },
        [/'commit-author' is 'Codex Bot'/, /'Name <email@example\.com>'/],
      ],
      [
        'allowed-bots wildcard',
        { 'allowed-bots': 'renovate[bot], *' },
        [/'allowed-bots' contains '\*'/, /wildcards are not accepted/],
      ],
      ['allowed-bots glob', { 'allowed-bots': 'dependabot*' }, [/'allowed-bots' contains 'dependabot\*'/]],
      [
        'trigger-phrase with spaces',
        { 'trigger-phrase': 'hey codex' },
        [/'trigger-phrase' is 'hey codex'/, /one word/],
      ],
    ];
    for (const [label, values, patterns] of cases) {
      it(label, () => {
        const error = parseError(values);
        for (const pattern of patterns) assert.match(error.message, pattern);
        assert.doesNotMatch(error.message, /problems:/, 'a single problem is reported on its own');
        assert.match(error.hint ?? '', /with:/);
      });
    }
  });

  it('lists every problem at once', () => {
    const error = parseError({ mode: 'push', sandbox: 'none', 'timeout-minutes': 'abc', 'allowed-bots': '*' });
    assert.match(error.message, /^the action's inputs have 4 problems:\n- /i);
    for (const name of ['allowed-bots', 'timeout-minutes', 'sandbox', 'mode'])
      assert.match(error.message, new RegExp(`\\n- Input '${name}'`));
  });

  it('requires github-token and openai-api-key', () => {
    const missingBoth = parseError({}, {});
    assert.match(missingBoth.message, /2 problems/);
    assert.match(missingBoth.message, /Input 'github-token' is required/);
    assert.match(missingBoth.message, /Input 'openai-api-key' is required/);
    assert.match(parseError({ 'openai-api-key': '  ' }).message, /^Input 'openai-api-key' is required/);
    assert.match(parseError({ 'github-token': '' }).message, /^Input 'github-token' is required/);
  });

  it('never puts the secrets in an error message', () => {
    const error = parseError({ mode: 'push' });
    assert.ok(!error.message.includes(REQUIRED['github-token']));
    assert.ok(!error.message.includes(REQUIRED['openai-api-key']));
  });
});

describe('parseIdentity', () => {
  it('parses Name <email>', () => {
    assert.deepEqual(parseIdentity('Mona Lisa <mona@example.com>'), { name: 'Mona Lisa', email: 'mona@example.com' });
    assert.deepEqual(parseIdentity('  bot[bot]   <1+bot[bot]@users.noreply.github.com>  '), {
      name: 'bot[bot]',
      email: '1+bot[bot]@users.noreply.github.com',
    });
  });

  it('rejects anything else', () => {
    for (const value of [
      '',
      'Mona',
      'mona@example.com',
      '<mona@example.com>',
      'Mona <mona>',
      'Mona <mona@example.com',
      'Mona <a b@example.com>',
      'A <x@y> <z@w>',
    ]) {
      assert.equal(parseIdentity(value), undefined, value);
    }
  });
});

describe('permissionAtLeast', () => {
  it('orders none < read < triage < write < maintain < admin', () => {
    assert.equal(permissionAtLeast('write', 'write'), true);
    assert.equal(permissionAtLeast('admin', 'write'), true);
    assert.equal(permissionAtLeast('maintain', 'write'), true);
    assert.equal(permissionAtLeast('triage', 'write'), false);
    assert.equal(permissionAtLeast('read', 'triage'), false);
    assert.equal(permissionAtLeast('none', 'read'), false);
    assert.equal(permissionAtLeast('read', 'read'), true);
    assert.equal(permissionAtLeast('maintain', 'admin'), false);
  });
});

describe('action.yml', () => {
  /** Reads `inputs:` of action.yml: each input's name and its `default:` (unquoted), if any. */
  function readActionInputs(): Map<string, string | undefined> {
    const text = readFileSync(fileURLToPath(new URL('../../action.yml', import.meta.url)), 'utf8');
    const action = parseYaml(text) as { inputs: Record<string, { default?: unknown }> };
    return new Map(
      Object.entries(action.inputs).map(([name, input]) => [
        name,
        input.default === undefined ? undefined : String(input.default),
      ]),
    );
  }

  const declared = readActionInputs();

  it('is read correctly by this test', () => {
    assert.ok(declared.size >= 10, `found only ${declared.size} inputs`);
    assert.equal(declared.get('mode'), 'pull-request');
    assert.equal(declared.has('openai-api-key'), true);
  });

  it('declares exactly the inputs in INPUT_NAMES', () => {
    assert.deepEqual([...declared.keys()].sort(), [...INPUT_NAMES].sort());
  });

  it('declares the defaults in INPUT_DEFAULTS, and no others', () => {
    const withDefault = [...declared].filter(([name, value]) => value !== undefined && name !== 'github-token');
    assert.deepEqual(Object.fromEntries(withDefault), { ...INPUT_DEFAULTS });
    assert.equal(declared.get('github-token'), '${{ github.token }}');
  });
});

describe('the dial inputs', () => {
  const read = (values: Record<string, string>) => (name: InputName) =>
    values[name] ?? (INPUT_DEFAULTS as Record<string, string>)[name] ?? '';
  const base = { 'github-token': 'ghs_unit_test_token', 'openai-api-key': 'sk-unit-test-key' };

  it('reads a host list, the package-registries preset and the budgets', () => {
    const result = loadSettings(
      read({
        ...base,
        'network-access': 'Registry.npmjs.org, *.pythonhosted.org\npackage-registries',
        'max-tokens': '50000',
        'max-model-requests': '0',
        'approval-policy': 'on-request',
      }),
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    const { settings } = result;
    assert.equal(settings.networkAccess, false);
    assert.ok(
      settings.networkHosts.includes('registry.npmjs.org') &&
        settings.networkHosts.includes('*.pythonhosted.org') &&
        settings.networkHosts.includes('proxy.golang.org'),
    );
    assert.equal(settings.maxTokens, 50000);
    assert.equal(settings.maxModelRequests, undefined);
    assert.equal(settings.approvalPolicy, 'on-request');
  });

  for (const value of ['10.0.0.1', 'https://registry.npmjs.org', 'example.com:8080', '*']) {
    it(`refuses '${value}' in network-access: the run stops, never with open network`, () => {
      const result = loadSettings(read({ ...base, 'network-access': value }));
      assert.ok(!result.ok);
      assert.match(result.error.message, new RegExp(`not a host name: '${value.replace(/[.*/:]/g, '\\$&')}'`));
    });
  }

  it('refuses an unknown approval policy and a negative budget, naming both', () => {
    const result = loadSettings(read({ ...base, 'approval-policy': 'always', 'max-model-requests': '-3' }));
    assert.ok(!result.ok);
    assert.match(result.error.message, /'approval-policy' is 'always'; accepted values: never, on-request/);
    assert.match(result.error.message, /'max-model-requests' is '-3'/);
  });
});
