import fs from 'node:fs';
import path from 'node:path';
import { modelSays } from '../test/support/model-server.ts';
import { World, codexBinary } from '../test/support/world.ts';
import { happyWorldOptions, runAction } from './harness.ts';
const cmd = process.argv[2] ?? 'seq 1 50000';
const turns = [{ items: [modelSays.shell(cmd)] }, { items: [modelSays.message('done')] }];
const tdir = fs.mkdtempSync('/tmp/tap-');
const tap = path.join(tdir, 'tap.jsonl');
const wrapper = path.join(tdir, 'codex-tap');
fs.writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = "mcp-server" ]; then\n  "${codexBinary('mcp')}" "$@" | tee "${tap}"\nelse\n  exec "${codexBinary('mcp')}" "$@"\nfi\n`, { mode: 0o755 });
const w = await World.create({ ...happyWorldOptions(turns), inputs: { 'codex-path': wrapper } });
const r = await runAction(w);
console.log(r.exitCode, Math.round(r.wallMs), r.stages, r.debugPeakRssMiB, r.sampledPeakRssMiB, r.lines.length);
const counts: Record<string, number> = {};
let sizes = 0;
for (const line of fs.readFileSync(tap, 'utf8').split('\n')) {
  if (!line) continue;
  const m = JSON.parse(line);
  const k = m.method === 'codex/event' ? `ev:${m.params?.msg?.type}` : (m.method ?? 'response');
  counts[k] = (counts[k] ?? 0) + 1; sizes += line.length;
}
console.log(counts, sizes);
console.log(r.log.split('\n').slice(-25).join('\n'));
if (process.env.KEEP) { fs.copyFileSync(tap, process.env.KEEP); }
await w.dispose();
