import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addFilesPatch, modelSays, ScriptedModelServer } from '../test/support/model-server.ts';
import { codexBinary, git } from '../test/support/world.ts';
import { renderCodexConfig, MODEL_KEY_ENV } from '../src/codex/home.ts';
const model = await ScriptedModelServer.start({ turns: [
    { items: [modelSays.patch(addFilesPatch({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' }))] },
    { items: [modelSays.message('Added three files.')] },
] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-'));
const ws = path.join(dir, 'ws'); fs.mkdirSync(ws); git(ws, 'init', '-q', '-b', 'main'); fs.writeFileSync(path.join(ws, 'README.md'), 'x\n'); git(ws, 'add', '-A'); git(ws, '-c', 'user.name=a', '-c', 'user.email=a@b', 'commit', '-qm', 'i');
const home = path.join(dir, 'home'); fs.mkdirSync(home);
fs.writeFileSync(path.join(home, 'config.toml'), renderCodexConfig({ baseUrl: model.baseUrl, model: 'gpt-5.5', sandbox: 'workspace-write', networkAccess: false }));
const t = performance.now();
const res = spawnSync(codexBinary('mcp'), ['exec', '--skip-git-repo-check', '-s', 'workspace-write', '-C', ws, '--json', 'add three files'], { env: { PATH: process.env.PATH!, HOME: process.env.HOME!, CODEX_HOME: home, [MODEL_KEY_ENV]: 'k' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
console.log(res.status, performance.now() - t);
console.log(res.stdout); console.log(res.stderr.slice(-2000));
console.log(fs.readdirSync(ws));
await model.stop();
