// `npm test`: runs every test file under test/ with node's test runner, then the end-to-end suites
// (test/e2e, test/security) a second time through the MCP bridge on the newest Codex release.
// Node 20 has no glob support in `node --test`, so the files are listed here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const list = (dir) => {
  const full = path.join(root, 'test', dir);
  return fs.existsSync(full)
    ? fs
        .readdirSync(full)
        .filter((name) => name.endsWith('.test.ts'))
        .sort()
        .map((name) => path.join('test', dir, name))
    : [];
};
const only = process.argv.slice(2);
const endToEnd = [...list('e2e'), ...list('security')];
const INSTALLER_FILES = ['install.test.ts', 'codex-cache.test.ts'];
const passes = [
  {
    name: 'unit, end-to-end (native codex mcp-server 0.153.4), bench smoke',
    flavour: 'native',
    files: [...list('unit'), ...endToEnd, ...list('bench')],
  },
  // Getting Codex (npm, the cache, the integrity check) does not depend on the MCP server in front of it, and
  // its two files spend minutes in npm: they run in the first pass only.
  {
    name: 'end-to-end through the MCP bridge (codex app-server, newest Codex)',
    flavour: 'bridge',
    files: endToEnd.filter((file) => !INSTALLER_FILES.some((name) => file.endsWith(name))),
  },
];

let passed = 0;
let failed = 0;
for (const pass of passes) {
  const files = only.length ? pass.files.filter((file) => only.some((pattern) => file.includes(pattern))) : pass.files;
  if (files.length === 0) continue;
  process.stdout.write(`\n### ${pass.name}: ${files.length} files\n`);
  // Three files at a time: an end-to-end case mostly waits (Codex starting, the scripted model, git), so a third
  // file keeps two cores busy; the full suite took as long at a load average of 12 as at 4.
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-reporter=spec', ...files],
    {
      cwd: root,
      env: { ...process.env, CTA_CODEX_FLAVOUR: pass.flavour },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  process.stdout.write(result.stdout);
  const count = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(result.stdout)?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + (result.status !== 0 && count('fail') === 0 ? 1 : 0);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
