// The README and the example workflows against action.yml: the generated tables are current, every input is
// documented, and every `with:` key shown for this action is an input that exists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { PROJECT_ROOT, driftedTables, parseActionYml, readSection, renderTables, updateReadme } from '../../scripts/docs.ts';

const read = (file: string): string => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const actionYml = read('action.yml');
const readme = read('README.md');
const inputNames = new Set(parseActionYml(actionYml).inputs.map((input) => input.name));

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
    blocks.push((match[2] as string).split('\n').map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length))).join('\n'));
  }
  return blocks;
}

/** `uses:` values that mean this action: the published one at any ref, or the repository itself. */
const usesThisAction = (uses: unknown): boolean => typeof uses === 'string' && (/(^|\/)codex-task-action@[^\s@]+$/.test(uses.trim()) || uses.trim() === './');

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
      assert.ok(typeof withBlock === 'object' && withBlock !== null && !Array.isArray(withBlock), `'with:' of ${String(map.uses)} is not a mapping`);
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
    for (const output of parseActionYml(actionYml).outputs) assert.ok(readme.includes(`\`${output.name}\``), `output '${output.name}' is not in README.md`);
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
    const before = '# T\n\n<!-- inputs:start -->\nold\n<!-- inputs:end -->\n\ntext\n\n<!-- outputs:start -->\n<!-- outputs:end -->\n';
    assert.deepEqual(driftedTables(before, tables), ['inputs', 'outputs']);
    const after = updateReadme(before, tables);
    assert.equal(after, `# T\n\n<!-- inputs:start -->\n${tables.inputs}\n<!-- inputs:end -->\n\ntext\n\n<!-- outputs:start -->\n${tables.outputs}\n<!-- outputs:end -->\n`);
    assert.deepEqual(driftedTables(after, tables), []);
    assert.equal(updateReadme(after, tables), after);
  });

  it('refuses a README without the markers', () => {
    assert.throws(() => updateReadme('# T\n', renderTables(sample)), /no <!-- inputs:start -->/);
  });
});
