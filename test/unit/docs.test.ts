// The README, the example workflows and .env.example against action.yml: the generated tables are current,
// every input is documented, every `with:` key shown for this action is an input that exists, and every
// example is a workflow a maintainer can copy as is (triggers, permissions, a job that uses the action).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  PROJECT_ROOT,
  driftedTables,
  parseActionYml,
  readSection,
  renderTables,
  updateReadme,
} from '../../scripts/docs.ts';
import { changelogSection, packageVersion, releaseTags } from '../../scripts/release.ts';
import { DEFAULT_CODEX_VERSION } from '../../src/settings.ts';

const read = (file: string): string => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const actionYml = read('action.yml');
const readme = read('README.md');
const actionInputs = parseActionYml(actionYml).inputs;
const inputNames = new Set(actionInputs.map((input) => input.name));
const requiredInputs = actionInputs.filter((input) => input.required).map((input) => input.name);
const inputDefault = (name: string): string => actionInputs.find((input) => input.name === name)?.default ?? '';

const EXAMPLES_DIR = 'examples/workflows';
const exampleFiles = fs
  .readdirSync(path.join(PROJECT_ROOT, EXAMPLES_DIR))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => path.join(EXAMPLES_DIR, name));

/** The bodies of the README's code blocks tagged yaml (fences may be indented, as inside a list item). */
function yamlBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const pattern = /^( *)```yaml[ \t]*\n([\s\S]*?)^ *```[ \t]*$/gm;
  for (const match of markdown.matchAll(pattern)) {
    const indent = (match[1] as string).length;
    blocks.push(
      (match[2] as string)
        .split('\n')
        .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
        .join('\n'),
    );
  }
  return blocks;
}

/** `uses:` values that mean this action: the published one at any ref, or the repository itself. */
const usesThisAction = (uses: unknown): boolean =>
  typeof uses === 'string' && (/(^|\/)codex-task-action@[^\s@]+$/.test(uses.trim()) || uses.trim() === './');

/** The `with:` keys of every step anywhere in a YAML document that uses this action. */
function actionWithKeys(yamlText: string): string[][] {
  const found: string[][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const map = node as Record<string, unknown>;
    if (usesThisAction(map.uses)) {
      const withBlock = map.with ?? {};
      assert.ok(
        typeof withBlock === 'object' && withBlock !== null && !Array.isArray(withBlock),
        `'with:' of ${String(map.uses)} is not a mapping`,
      );
      found.push(Object.keys(withBlock));
    }
    Object.values(map).forEach(visit);
  };
  visit(parse(yamlText));
  return found;
}

function assertRealInputs(where: string, yamlText: string): number {
  const steps = actionWithKeys(yamlText);
  for (const keys of steps) {
    for (const key of keys) assert.ok(inputNames.has(key), `${where}: 'with: ${key}' is not an input in action.yml`);
  }
  return steps.length;
}

describe('README.md against action.yml', () => {
  it('holds exactly the tables action.yml renders (run `npm run docs` when this fails)', () => {
    const tables = renderTables(actionYml);
    assert.equal(readSection(readme, 'inputs'), tables.inputs);
    assert.equal(readSection(readme, 'outputs'), tables.outputs);
    assert.deepEqual(driftedTables(readme, tables), []);
    assert.equal(updateReadme(readme, tables), readme);
  });

  it('names every input and every output', () => {
    assert.ok(inputNames.size > 0, 'action.yml declares inputs');
    for (const name of inputNames) assert.ok(readme.includes(`\`${name}\``), `input '${name}' is not in README.md`);
    for (const output of parseActionYml(actionYml).outputs)
      assert.ok(readme.includes(`\`${output.name}\``), `output '${output.name}' is not in README.md`);
  });

  it('uses only real inputs under `with:` in its yaml examples', () => {
    const blocks = yamlBlocks(readme);
    assert.ok(blocks.length > 0, 'README.md has yaml blocks');
    let steps = 0;
    blocks.forEach((block, index) => {
      steps += assertRealInputs(`README.md yaml block ${index + 1}`, block);
    });
    assert.ok(steps > 0, 'some README yaml block uses the action');
  });

  it('shows examples/workflows/codex.yml verbatim in a yaml block', () => {
    const example = read(path.join(EXAMPLES_DIR, 'codex.yml')).trimEnd();
    assert.ok(
      yamlBlocks(readme).some((block) => block.trimEnd() === example),
      'the Quick start block differs from examples/workflows/codex.yml',
    );
  });
});

describe('examples/workflows against action.yml', () => {
  it('uses only real inputs under `with:`', () => {
    assert.ok(exampleFiles.length > 0, 'there are example workflows');
    let steps = 0;
    for (const file of exampleFiles) steps += assertRealInputs(file, read(file));
    assert.ok(steps > 0, 'some example workflow uses the action');
  });

  it('holds the issue-comment, workflow_dispatch and scheduled examples', () => {
    for (const name of ['codex.yml', 'workflow-dispatch.yml', 'scheduled-maintenance.yml']) {
      assert.ok(exampleFiles.includes(path.join(EXAMPLES_DIR, name)), `${EXAMPLES_DIR}/${name} exists`);
    }
  });

  it('are each linked from README.md', () => {
    for (const file of exampleFiles) assert.ok(readme.includes(`(${file})`), `README.md links ${file}`);
  });
});

type YamlMap = Record<string, unknown>;
const isMap = (value: unknown): value is YamlMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
type Level = 'none' | 'read' | 'write';
const LEVELS: Level[] = ['none', 'read', 'write'];
/** Events whose runs comment on an issue or pull request, which needs `issues: write`. */
const THREAD_EVENTS = ['issue_comment', 'issues', 'pull_request_review_comment'];

/** The event names of an `on:` (a name, a list of names, or a mapping keyed by name). */
function eventNames(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return isMap(on) ? Object.keys(on) : [];
}

/** The level a `permissions:` value grants for one scope (`read-all`, `write-all` or a mapping). */
function granted(permissions: unknown, scope: string): Level {
  if (permissions === 'write-all') return 'write';
  if (permissions === 'read-all') return 'read';
  const level = isMap(permissions) ? permissions[scope] : undefined;
  return LEVELS.includes(level as Level) ? (level as Level) : 'none';
}

/** What README's Permissions table asks for, for a mode (an expression may pick any mode: the most is asked). */
function neededPermissions(mode: string, events: string[]): Record<string, Level> {
  // A review writes only on pull requests: pull-requests: write covers its review, reaction and comment.
  if (mode === 'review') return { contents: 'read', 'pull-requests': 'write' };
  const needed: Record<string, Level> = { contents: mode === 'patch' ? 'read' : 'write' };
  if (mode !== 'patch' && mode !== 'commit') needed['pull-requests'] = 'write';
  if (events.some((event) => THREAD_EVENTS.includes(event))) needed.issues = 'write';
  return needed;
}

/**
 * What is wrong with a workflow a maintainer would copy: `on:` with an event, `permissions:` on every job, a
 * step using this action with real inputs, the required ones, the key from a secret, the permissions README's
 * table asks for its mode, and a job `if:` that looks for the phrase and label the action is given. Pure.
 */
function workflowProblems(yamlText: string): string[] {
  const problems: string[] = [];
  const doc: unknown = parse(yamlText);
  if (!isMap(doc)) return ['the file is not a YAML mapping'];
  const jobs = isMap(doc.jobs) ? doc.jobs : {};
  const events = eventNames(doc.on);
  if (typeof doc.name !== 'string') problems.push('name: is missing');
  if (events.length === 0) problems.push('on: names no event');
  if (Object.keys(jobs).length === 0) problems.push('jobs: is empty');
  let actionSteps = 0;
  for (const [jobName, job] of Object.entries(jobs)) {
    if (!isMap(job)) {
      problems.push(`job ${jobName} is not a mapping`);
      continue;
    }
    const permissions = job.permissions ?? doc.permissions;
    if (permissions === undefined)
      problems.push(`job ${jobName}: no permissions: (its own or the workflow's), so the repository default applies`);
    const steps = Array.isArray(job.steps) ? job.steps.filter(isMap) : [];
    for (const step of steps.filter((candidate) => usesThisAction(candidate.uses))) {
      actionSteps++;
      const withBlock = isMap(step.with) ? step.with : {};
      for (const key of Object.keys(withBlock))
        if (!inputNames.has(key)) problems.push(`job ${jobName}: 'with: ${key}' is not an input in action.yml`);
      for (const name of requiredInputs)
        if (!(name in withBlock)) problems.push(`job ${jobName}: the required input '${name}' is missing`);
      if (!/^\$\{\{\s*secrets\.\w+\s*\}\}$/.test(String(withBlock['openai-api-key'] ?? '')))
        problems.push(`job ${jobName}: openai-api-key does not come from a secret`);

      const rawMode = String(withBlock.mode ?? inputDefault('mode'));
      const mode = rawMode.includes('${{') ? 'pull-request' : rawMode;
      for (const [scope, level] of Object.entries(neededPermissions(mode, events))) {
        const has = permissions === undefined ? 'none' : granted(permissions, scope);
        if (LEVELS.indexOf(has) < LEVELS.indexOf(level))
          problems.push(
            `job ${jobName} (mode ${rawMode}): '${scope}: ${has}' where README's Permissions table asks for '${level}'`,
          );
      }

      // A job-level pre-filter must let through what the action would act on.
      if (
        events.some((event) => THREAD_EVENTS.includes(event)) &&
        withBlock.prompt === undefined &&
        job.if !== undefined
      ) {
        const condition = String(job.if);
        const phrase = String(withBlock['trigger-phrase'] ?? inputDefault('trigger-phrase'));
        if (!condition.includes(`'${phrase}'`))
          problems.push(`job ${jobName}: the if: does not look for the trigger phrase '${phrase}'`);
        const label = withBlock['trigger-label'];
        if (label && !condition.includes(`'${String(label)}'`))
          problems.push(`job ${jobName}: the if: does not look for the trigger label '${String(label)}'`);
      }
    }
  }
  if (actionSteps === 0) problems.push('no step uses codex-task-action/codex-task-action@<ref>');
  return problems;
}

describe('each example workflow is one to copy as is', () => {
  for (const file of exampleFiles) {
    it(file, () => assert.deepEqual(workflowProblems(read(file)), []));
  }
});

describe('workflowProblems', () => {
  const workflow = (lines: string[]): string => lines.join('\n');
  const job = [
    'jobs:',
    '  codex:',
    "    if: contains(github.event.comment.body, '/codex')",
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: codex-task-action/codex-task-action@v1',
    '        with:',
    '          openai-api-key: ${{ secrets.OPENAI_API_KEY }}',
  ];

  it('accepts a minimal comment workflow with the permissions of pull-request mode', () => {
    assert.deepEqual(
      workflowProblems(
        workflow([
          'name: C',
          'on: issue_comment',
          'permissions: { contents: write, pull-requests: write, issues: write }',
          ...job,
        ]),
      ),
      [],
    );
  });

  it('finds missing permissions, a missing pre-filter phrase, a made-up input and an inline key', () => {
    const text = workflow([
      'name: C',
      'on: [issue_comment]',
      'permissions: { contents: read, issues: write }',
      ...job.map((line) => line.replace("'/codex'", "'@codex'")),
      '          trigger-phrase: /codex',
      '          mode: pull-request',
      '          model-name: gpt-5.5',
    ]).replace('${{ secrets.OPENAI_API_KEY }}', 'sk-inline');
    assert.deepEqual(workflowProblems(text), [
      "job codex: 'with: model-name' is not an input in action.yml",
      'job codex: openai-api-key does not come from a secret',
      "job codex (mode pull-request): 'contents: read' where README's Permissions table asks for 'write'",
      "job codex (mode pull-request): 'pull-requests: none' where README's Permissions table asks for 'write'",
      "job codex: the if: does not look for the trigger phrase '/codex'",
    ]);
  });

  it('asks less of patch mode on workflow_dispatch, and flags a workflow without permissions or the action', () => {
    const dispatch = ['name: D', 'on: workflow_dispatch', ...job, '          mode: patch', '          prompt: do it'];
    assert.deepEqual(
      workflowProblems(workflow([...dispatch.slice(0, 2), 'permissions: { contents: read }', ...dispatch.slice(2)])),
      [],
    );
    assert.deepEqual(workflowProblems(workflow(dispatch)), [
      "job codex: no permissions: (its own or the workflow's), so the repository default applies",
      "job codex (mode patch): 'contents: none' where README's Permissions table asks for 'read'",
    ]);
    assert.deepEqual(
      workflowProblems(
        workflow([
          'name: X',
          'on: push',
          'permissions: read-all',
          'jobs:',
          '  a:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - run: true',
        ]),
      ),
      ['no step uses codex-task-action/codex-task-action@<ref>'],
    );
  });
});

describe('.env.example (npm run local-action)', () => {
  const variables = [...read('.env.example').matchAll(/^([A-Za-z_][\w.-]*)=/gm)].map((match) => match[1] as string);

  it('sets only inputs that exist, and every required one', () => {
    const inputs = variables
      .filter((name) => name.startsWith('INPUT_'))
      .map((name) => name.slice('INPUT_'.length).toLowerCase());
    assert.ok(inputs.length > 0, '.env.example sets inputs');
    for (const name of inputs)
      assert.ok(inputNames.has(name), `INPUT_${name.toUpperCase()} is not an input in action.yml`);
    for (const name of requiredInputs) assert.ok(inputs.includes(name), `the required input '${name}' is set`);
  });

  it('holds no real-looking secret: the tokens are fakes only the emulation accepts', () => {
    const secrets = read('.env.example')
      .split('\n')
      .filter((line) => /^[A-Za-z_][\w.-]*(TOKEN|KEY)=/.test(line));
    assert.ok(secrets.length > 0, '.env.example sets the token and the key');
    for (const line of secrets) assert.match(line, /=\S*fake/i, `${line.split('=')[0]} is an obvious fake`);
  });
});

describe('renderTables and updateReadme', () => {
  const sample = [
    'name: sample',
    'inputs:',
    '  token:',
    '    description: The token | with a pipe, and <prefix>',
    '    default: ${{ github.token }}',
    '  key:',
    '    description: A key.',
    '    required: true',
    '  globs:',
    '    description: Globs.',
    '    default: |-',
    '      a/**',
    '      b',
    'outputs:',
    '  result:',
    '    description: What happened.',
  ].join('\n');

  it('renders defaults as code, marks required inputs and escapes cell text', () => {
    const { inputs, outputs } = renderTables(sample);
    assert.equal(
      inputs,
      [
        '| Input | Description | Default |',
        '|---|---|---|',
        '| `token` | The token \\| with a pipe, and \\<prefix> | `${{ github.token }}` |',
        '| `key` | A key. | **required** |',
        '| `globs` | Globs. | `a/**`<br>`b` |',
      ].join('\n'),
    );
    assert.equal(outputs, ['| Output | Description |', '|---|---|', '| `result` | What happened. |'].join('\n'));
  });

  it('replaces only what lies between the markers, and reports drift per table', () => {
    const tables = renderTables(sample);
    const before =
      '# T\n\n<!-- inputs:start -->\nold\n<!-- inputs:end -->\n\ntext\n\n<!-- outputs:start -->\n<!-- outputs:end -->\n';
    assert.deepEqual(driftedTables(before, tables), ['inputs', 'outputs']);
    const after = updateReadme(before, tables);
    assert.equal(
      after,
      `# T\n\n<!-- inputs:start -->\n${tables.inputs}\n<!-- inputs:end -->\n\ntext\n\n<!-- outputs:start -->\n${tables.outputs}\n<!-- outputs:end -->\n`,
    );
    assert.deepEqual(driftedTables(after, tables), []);
    assert.equal(updateReadme(after, tables), after);
  });

  it('refuses a README without the markers', () => {
    assert.throws(() => updateReadme('# T\n', renderTables(sample)), /no <!-- inputs:start -->/);
  });
});

describe('releases: the refs the examples name and the default Codex version', () => {
  const version = packageVersion();
  const tags = releaseTags(version);
  /** What the Versioning section shows as the way to pin a commit; not a ref, a placeholder to fill in. */
  const SHA_PLACEHOLDER = '<full 40-character commit SHA>';
  const docs = [
    'README.md',
    'CHANGELOG.md',
    'SECURITY.md',
    'CONTRIBUTING.md',
    'bench/README.md',
    ...fs.readdirSync(path.join(PROJECT_ROOT, 'docs')).map((name) => `docs/${name}`),
  ].filter((file) => file.endsWith('.md') && fs.existsSync(path.join(PROJECT_ROOT, file)));

  it('package.json and CHANGELOG.md agree: the version has its dated section, or is the one Unreleased will become', () => {
    const changelog = read('CHANGELOG.md');
    const released = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+[^\]]*)\] - \d{4}-\d{2}-\d{2}/gm)].map(
      (match) => match[1] as string,
    );
    if (changelogSection(changelog, version)) return;
    assert.match(
      changelog,
      /^## \[Unreleased\]/m,
      `CHANGELOG.md has neither '## [${version}] - <date>' nor '## [Unreleased]'`,
    );
    for (const earlier of released) assert.notEqual(earlier, version);
  });

  it('every example names a ref the release workflow creates', () => {
    const files = [
      'README.md',
      ...docs.filter((file) => file !== 'README.md' && file !== 'CHANGELOG.md'),
      ...exampleFiles,
    ];
    const refs = files.flatMap((file) =>
      [...read(file).matchAll(/codex-task-action\/codex-task-action@([^\s`'"]+(?: [^\s#`]+)*)/g)].map((match) => ({
        file,
        ref: match[1] as string,
      })),
    );
    assert.ok(refs.length >= exampleFiles.length, 'the examples name the action');
    const created = [tags.exact, tags.major].filter(Boolean);
    for (const { file, ref } of refs) {
      if (ref.startsWith('<full')) {
        assert.equal(ref, SHA_PLACEHOLDER, file);
        continue;
      }
      assert.ok(
        created.includes(ref),
        `${file}: @${ref} is not a ref the release of ${version} creates (${created.join(', ')})`,
      );
    }
  });

  it('the release workflow tags vX.Y.Z and moves vX, from scripts/release.ts, after the CI checks', () => {
    const workflow = parse(read('.github/workflows/release.yml')) as YamlMap;
    assert.ok(isMap(workflow.on) && 'workflow_dispatch' in workflow.on, 'started by hand');
    assert.equal(granted(workflow.permissions, 'contents'), 'write');
    const steps = Object.values(workflow.jobs as YamlMap).flatMap((job) => ((job as YamlMap).steps as YamlMap[]) ?? []);
    const runs = steps.map((step) => String(step.run ?? ''));
    const at = (pattern: RegExp): number => runs.findIndex((run) => pattern.test(run));
    assert.ok(at(/scripts\/release\.ts check/) >= 0, 'reads the tags from scripts/release.ts');
    assert.ok(at(/\.ci\/run/) >= 0, 'runs the CI checks');
    const tagging = at(/git tag -a "\$EXACT"/);
    assert.ok(tagging > at(/\.ci\/run/), 'tags only after the checks');
    assert.match(runs[tagging] as string, /git push origin "refs\/tags\/\$EXACT"/);
    assert.match(runs[tagging] as string, /git tag -fa "\$MAJOR"[\s\S]*git push --force origin "refs\/tags\/\$MAJOR"/);
  });

  it('releaseTags and changelogSection', () => {
    assert.deepEqual(releaseTags('1.4.2'), { exact: 'v1.4.2', major: 'v1' });
    assert.deepEqual(releaseTags('2.0.0-rc.1'), { exact: 'v2.0.0-rc.1', major: undefined });
    assert.throws(() => releaseTags('1.4'), /not X\.Y\.Z/);
    const changelog =
      '# C\n\n## [Unreleased]\n\n## [1.1.0] - 2026-12-01\n\n### Fixed\n\n- A.\n\n## [1.0.0] - 2026-11-01\n\n- B.\n';
    assert.deepEqual(changelogSection(changelog, '1.1.0'), { date: '2026-12-01', notes: '### Fixed\n\n- A.' });
    assert.deepEqual(changelogSection(changelog, '1.0.0'), { date: '2026-11-01', notes: '- B.' });
    assert.equal(changelogSection(changelog, '1.0'), undefined);
  });

  it('every statement of the default Codex version agrees with action.yml', () => {
    const expected = inputDefault('codex-version');
    assert.match(expected, /^\d+\.\d+\.\d+$/);
    assert.equal(DEFAULT_CODEX_VERSION, expected, 'src/settings.ts DEFAULT_CODEX_VERSION');
    const statements = docs.flatMap((file) =>
      defaultCodexVersionStatements(read(file)).map((statement) => ({ file, ...statement })),
    );
    assert.ok(statements.length > 0, 'the docs state the default Codex version somewhere');
    for (const { file, sentence, versions } of statements)
      assert.deepEqual(versions, [expected], `${file}: "${sentence}"`);
  });

  it('finds statements of the default Codex version, in prose and in table rows', () => {
    const text = [
      '| 0.150.0 | Tested; the default `codex-version`. The last one. |',
      'With `codex-server: auto` (the default) it runs 0.169.0 through the bridge.',
      'The action installs Codex 0.170.0 by default.',
      'The default Codex release runs against a server on 127.0.0.1.',
    ].join('\n');
    assert.deepEqual(
      defaultCodexVersionStatements(text).map((statement) => statement.versions),
      [['0.150.0'], ['0.170.0']],
    );
  });
});

/**
 * Sentences (each table row and list item starts its own) that say which Codex release is installed by default:
 * "the default `codex-version`", "the default Codex version/release", "Codex X.Y.Z by default",
 * "`codex-version` defaults to X.Y.Z"; with the versions they name.
 */
function defaultCodexVersionStatements(markdown: string): Array<{ sentence: string; versions: string[] }> {
  const saysDefault = [
    /\bdefault\s+(?:`codex-version`|Codex\s+(?:version|release))/i,
    /(?:`codex-version`|Codex\s+(?:version|release))\s+(?:defaults\s+to|by\s+default|is\s+by\s+default)/i,
    /\bCodex\s+\d+\.\d+\.\d+\s+by\s+default/i,
  ];
  return markdown
    .split(/\n(?:\s*\n)+|\n(?=\s*(?:[|#]|[-*] ))/)
    .flatMap((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').split(/(?<=\.)\s+(?=[A-Z`(|])/))
    .filter((sentence) => saysDefault.some((pattern) => pattern.test(sentence)))
    .map((sentence) => ({
      sentence: sentence.trim(),
      versions: [...new Set(sentence.match(/(?<![\d.])\d+\.\d+\.\d+(?![\d.]*\d)/g) ?? [])],
    }))
    .filter((statement) => statement.versions.length > 0);
}
