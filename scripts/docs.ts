// `npm run docs`: renders the Inputs and Outputs tables of README.md from action.yml, so the two never drift.
//   node --import tsx scripts/docs.ts          rewrites the tables between their markers in README.md
//   node --import tsx scripts/docs.ts --check  writes nothing; exits 1 and names each table that differs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface ActionField {
  name: string;
  description: string;
  required: boolean;
  default: string | undefined;
}

export interface ActionMetadata {
  inputs: ActionField[];
  outputs: ActionField[];
}

export interface Tables {
  inputs: string;
  outputs: string;
}

export type TableName = keyof Tables;
export const TABLE_NAMES: readonly TableName[] = ['inputs', 'outputs'];

export const markers = (name: TableName): { start: string; end: string } => ({
  start: `<!-- ${name}:start -->`,
  end: `<!-- ${name}:end -->`,
});

type YamlMap = Record<string, unknown>;
const isMap = (value: unknown): value is YamlMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `inputs:` and `outputs:` of an action.yml, in file order. Throws, naming the entry, on a shape it does not expect. */
export function parseActionYml(text: string): ActionMetadata {
  const doc: unknown = parse(text);
  if (!isMap(doc)) throw new Error('action.yml is not a YAML mapping.');
  const section = (name: keyof ActionMetadata): ActionField[] => {
    const entries = doc[name] ?? {};
    if (!isMap(entries)) throw new Error(`action.yml: '${name}' is not a mapping.`);
    return Object.entries(entries).map(([field, raw]) => {
      const spec = raw ?? {};
      if (!isMap(spec)) throw new Error(`action.yml: ${name}.${field} is not a mapping.`);
      const scalar = (key: string): string | undefined => {
        const value = spec[key];
        if (value === undefined || value === null) return undefined;
        if (typeof value === 'object') throw new Error(`action.yml: ${name}.${field}.${key} is not a scalar.`);
        return String(value);
      };
      return {
        name: field,
        description: scalar('description') ?? '',
        required: scalar('required') === 'true',
        default: scalar('default'),
      };
    });
  };
  return { inputs: section('inputs'), outputs: section('outputs') };
}

/** Text for a table cell: one line, pipes escaped, and '<' escaped so GitHub does not take `<prefix>` for HTML. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '\\<')
    .trim();
}

/** A code span that survives any backticks inside the value. */
function code(value: string): string {
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function defaultCell(field: ActionField): string {
  const parts: string[] = [];
  // A multi-line default (a list of globs, say) shows one code span per line.
  const lines = (field.default ?? '').split('\n').filter((line) => line.trim() !== '');
  if (lines.length > 0) parts.push(lines.map(code).join('<br>'));
  if (field.required) parts.push('**required**');
  return parts.join(' ');
}

/** The markdown tables for README.md, from the text of action.yml. Pure. */
export function renderTables(actionYmlText: string): Tables {
  const { inputs, outputs } = parseActionYml(actionYmlText);
  const inputRows = inputs.map(
    (field) => `| ${code(field.name)} | ${cell(field.description)} | ${defaultCell(field)} |`,
  );
  const outputRows = outputs.map((field) => `| ${code(field.name)} | ${cell(field.description)} |`);
  return {
    inputs: ['| Input | Description | Default |', '|---|---|---|', ...inputRows].join('\n'),
    outputs: ['| Output | Description |', '|---|---|', ...outputRows].join('\n'),
  };
}

function sectionBounds(readme: string, name: TableName): { contentStart: number; contentEnd: number } {
  const { start, end } = markers(name);
  const startAt = readme.indexOf(start);
  const endAt = readme.indexOf(end);
  if (startAt < 0 || endAt < 0) throw new Error(`README.md has no ${start} ... ${end} markers.`);
  if (readme.indexOf(start, startAt + 1) >= 0 || readme.indexOf(end, endAt + 1) >= 0)
    throw new Error(`README.md has the ${name} markers more than once.`);
  if (endAt < startAt) throw new Error(`README.md has ${end} before ${start}.`);
  return { contentStart: startAt + start.length, contentEnd: endAt };
}

/** The table currently between a pair of markers, without the surrounding blank lines. */
export function readSection(readme: string, name: TableName): string {
  const { contentStart, contentEnd } = sectionBounds(readme, name);
  return readme.slice(contentStart, contentEnd).trim();
}

/** README text with each table replaced between its markers. Pure; throws when a marker pair is missing. */
export function updateReadme(readme: string, tables: Tables): string {
  let text = readme;
  for (const name of TABLE_NAMES) {
    const { contentStart, contentEnd } = sectionBounds(text, name);
    text = `${text.slice(0, contentStart)}\n${tables[name]}\n${text.slice(contentEnd)}`;
  }
  return text;
}

/** The tables whose text in the README differs from what action.yml renders. */
export function driftedTables(readme: string, tables: Tables): TableName[] {
  return TABLE_NAMES.filter((name) => readSection(readme, name) !== tables[name].trim());
}

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(args: string[]): number {
  const check = args.includes('--check');
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`Unknown argument(s): ${unknown.join(' ')}. Usage: scripts/docs.ts [--check]`);
    return 2;
  }
  const readmePath = path.join(PROJECT_ROOT, 'README.md');
  const tables = renderTables(fs.readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8'));
  const readme = fs.readFileSync(readmePath, 'utf8');
  if (check) {
    const drifted = driftedTables(readme, tables);
    if (drifted.length === 0) {
      console.log('README.md tables match action.yml.');
      return 0;
    }
    for (const name of drifted) console.error(`README.md: the ${name} table differs from action.yml.`);
    console.error("Run 'npm run docs' to regenerate it.");
    return 1;
  }
  const updated = updateReadme(readme, tables);
  if (updated === readme) {
    console.log('README.md tables are already up to date.');
  } else {
    fs.writeFileSync(readmePath, updated);
    console.log(`README.md: rewrote the ${driftedTables(readme, tables).join(' and ')} table(s) from action.yml.`);
  }
  return 0;
}

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
