// The source's import graph: no file imports one that imports it back (static, type-only or dynamic import),
// and no stage folder imports from a folder that imports from it. Reads src/ as text, the way a reader would.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const SRC = path.resolve(import.meta.dirname, '../../src');
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Each file of src/ (relative, with '/') and the files of src/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((match) =>
      path
        .relative(SRC, path.resolve(path.dirname(file), String(match[1]).replace(/\.js$/, '.ts')))
        .split(path.sep)
        .join('/'),
    );
    graph.set(path.relative(SRC, file).split(path.sep).join('/'), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const walk = (node: string, trail: string[]): void => {
    const seen = trail.indexOf(node);
    if (seen >= 0) return void found.push([...trail.slice(seen), node]);
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) walk(next, [...trail, node]);
    done.add(node);
  };
  for (const node of graph.keys()) walk(node, []);
  return found;
}

/** The folder graph: src/<folder>/… importing from src/<other>/…; files at the top of src/ are not a folder. */
function folderGraph(files: Map<string, string[]>): Map<string, string[]> {
  const folder = (file: string): string | undefined => (file.includes('/') ? file.split('/')[0] : undefined);
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = folder(file);
    if (!from) continue;
    for (const target of targets) {
      const to = folder(target);
      if (to && to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return new Map([...graph].map(([from, to]) => [from, [...to]]));
}

describe('import graph of src/', () => {
  const graph = importGraph();

  it('reads the imports it checks', () => {
    assert.ok(graph.size > 40, `only ${graph.size} files found under ${SRC}`);
    assert.ok(graph.get('main.ts')?.includes('settings.ts'), 'main.ts imports settings.ts');
    for (const [file, targets] of graph)
      for (const target of targets) assert.ok(graph.has(target), `${file} imports ${target}, which is not in src/`);
  });

  it('has no file that imports one that imports it back', () => {
    assert.deepEqual(
      cycles(graph).map((cycle) => cycle.join(' → ')),
      [],
    );
  });

  it('has no two stage folders that import from each other, directly or around a loop', () => {
    assert.deepEqual(
      cycles(folderGraph(graph)).map((cycle) => cycle.join(' → ')),
      [],
    );
  });
});
