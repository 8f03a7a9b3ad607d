// The integrity values shipped with the action (src/codex/known-packages.ts) must be the registry's: npm recorded
// the registry's own value for the Codex releases the tests install in package-lock.json, so they must agree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { KNOWN_PACKAGE_INTEGRITY } from '../../src/codex/known-packages.ts';
import { PROJECT_ROOT } from '../support/world.ts';

describe('the Codex package integrity shipped with the action', () => {
  it("agrees with the registry's value npm recorded for every release the tests install", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; integrity?: string }>;
    };
    const installed = Object.entries(lock.packages).filter(([where]) =>
      where.endsWith('node_modules/@openai/codex-linux-x64'),
    );
    assert.ok(installed.length >= 2, 'both Codex releases of the dev dependencies are in the lock file');
    let compared = 0;
    for (const [, entry] of installed) {
      const known = KNOWN_PACKAGE_INTEGRITY[`@openai/codex@${entry.version}`];
      if (!known) continue;
      assert.equal(known, entry.integrity, `@openai/codex@${entry.version}`);
      compared++;
    }
    assert.ok(compared >= 1, 'at least one shipped value was compared');
  });

  it('holds sha512 values only', () => {
    for (const [spec, integrity] of Object.entries(KNOWN_PACKAGE_INTEGRITY))
      assert.match(integrity, /^sha512-[A-Za-z0-9+/]{86}==$/, spec);
  });
});
