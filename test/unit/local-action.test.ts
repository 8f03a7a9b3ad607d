// Unit tests for the command line and overrides of `npm run local-action` (scripts/local-action.ts): inputs are
// overridden from the command line or the gitignored .env, never by editing .env.example.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyOverrides, parseArguments } from '../../scripts/local-action.ts';

describe('npm run local-action arguments', () => {
  it('reads --input name=value (both spellings) as INPUT_ variables, and --clean', () => {
    const parsed = parseArguments(['--input', 'mode=patch', '--input=trigger-label=Needs Codex', '--clean']);
    assert.equal(parsed.clean, true);
    assert.deepEqual(
      [...parsed.inputs],
      [
        ['INPUT_MODE', 'patch'],
        ['INPUT_TRIGGER-LABEL', 'Needs Codex'],
      ],
    );
  });

  it('names a made-up input, a missing value and an unknown argument', () => {
    assert.throws(() => parseArguments(['--input', 'modes=patch']), /'modes' is not an input of action.yml/);
    assert.throws(() => parseArguments(['--input', 'mode']), /--input takes <name>=<value>/);
    assert.throws(() => parseArguments(['--verbose']), /Unknown argument '--verbose'/);
  });
});

describe('applyOverrides', () => {
  it('replaces a variable in place and appends one the template lacks, taking values literally', () => {
    const template = '# inputs\nINPUT_MODE=pull-request\nINPUT_MODEL=gpt-5.5\n';
    const result = applyOverrides(
      template,
      new Map([
        ['INPUT_MODE', 'patch'],
        ['INPUT_LABELS', 'a,$&'],
      ]),
    );
    assert.equal(
      result,
      '# inputs\nINPUT_MODE=patch\nINPUT_MODEL=gpt-5.5\n\n# Overrides (the command line and .env)\nINPUT_LABELS=a,$&\n',
    );
    assert.equal(applyOverrides(template, new Map()), template);
  });
});
