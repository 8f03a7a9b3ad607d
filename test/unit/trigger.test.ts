// Unit tests for trigger-phrase detection (src/task/trigger.ts).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findTrigger } from '../../src/task/trigger.ts';

const requestOf = (text: string, phrase = '/codex'): string | undefined => {
  const match = findTrigger(text, phrase);
  return match.found ? match.request : undefined;
};

describe('findTrigger', () => {
  describe('where the phrase may stand', () => {
    it('triggers on the phrase at the start of the text', () => {
      assert.deepEqual(findTrigger('/codex fix the typo', '/codex'), { found: true, request: 'fix the typo' });
    });

    it('triggers on the phrase at the start of a later line', () => {
      assert.equal(requestOf('Thanks for the report.\n/codex add a test for it'), 'add a test for it');
    });

    it('triggers on the phrase after a space or a tab', () => {
      assert.equal(requestOf('please /codex fix it'), 'fix it');
      assert.equal(requestOf('please\t/codex fix it'), 'fix it');
    });

    it('triggers on the phrase alone, with an empty request', () => {
      assert.deepEqual(findTrigger('/codex', '/codex'), { found: true, request: '' });
      assert.deepEqual(findTrigger('  /codex   \n\n', '/codex'), { found: true, request: '' });
    });

    it('does not trigger on the phrase inside a word', () => {
      assert.deepEqual(findTrigger('see x/codex for details', '/codex'), { found: false });
      assert.deepEqual(findTrigger('path/to/codex fix', '/codex'), { found: false });
    });

    it('does not trigger on a longer command that starts with the phrase', () => {
      assert.deepEqual(findTrigger('/codexify the README', '/codex'), { found: false });
      assert.deepEqual(findTrigger('/codex-review this', '/codex'), { found: false });
    });

    it('does not trigger on text without the phrase', () => {
      assert.deepEqual(findTrigger('Looks good to me, merging.', '/codex'), { found: false });
      assert.deepEqual(findTrigger('', '/codex'), { found: false });
    });

    it('never triggers on an empty phrase', () => {
      assert.deepEqual(findTrigger('/codex fix it', ''), { found: false });
    });
  });

  describe('code', () => {
    it('does not trigger on the phrase in inline code', () => {
      assert.deepEqual(findTrigger('Comment `/codex fix it` to ask Codex.', '/codex'), { found: false });
    });

    it('does not trigger on the phrase in a fenced code block', () => {
      const text = 'Usage:\n```\n/codex fix the bug\n```\nThat is all.';
      assert.deepEqual(findTrigger(text, '/codex'), { found: false });
    });

    it('does not trigger on the phrase in an unclosed fenced code block', () => {
      assert.deepEqual(findTrigger('Example:\n```sh\n/codex run it', '/codex'), { found: false });
    });

    it('triggers on the phrase outside code even when code quotes it too', () => {
      const text = 'Run `/codex` like this:\n```\n/codex example\n```\n/codex rename foo to bar';
      assert.equal(requestOf(text), 'rename foo to bar');
    });

    it('does not trigger on the phrase in a ~~~ fenced code block', () => {
      assert.deepEqual(findTrigger('Usage:\n~~~\n/codex fix the bug\n~~~\n', '/codex'), { found: false });
    });

    it('does not trigger on the phrase in an HTML comment', () => {
      assert.deepEqual(findTrigger('<!-- Comment /codex <task> to ask Codex -->\nThe build is broken.', '/codex'), {
        found: false,
      });
    });
  });

  describe('the request', () => {
    it('is everything after the phrase, over several lines, trimmed', () => {
      const text = 'Hi team,\n/codex   update the changelog\n\n- add 1.2.0\n- mention the fix\n\n';
      assert.equal(requestOf(text), 'update the changelog\n\n- add 1.2.0\n- mention the fix');
    });

    it('keeps code blocks that follow the phrase, from the original text', () => {
      const text = '/codex make this compile:\n```ts\nconst x: number = "1";\n```';
      assert.equal(requestOf(text), 'make this compile:\n```ts\nconst x: number = "1";\n```');
    });

    it('starts after the first standing occurrence of the phrase', () => {
      assert.equal(requestOf('/codex first /codex second'), 'first /codex second');
    });
  });

  describe('custom phrases', () => {
    it('treats regular-expression metacharacters literally', () => {
      assert.equal(requestOf('@bot+ fix it', '@bot+'), 'fix it');
      assert.deepEqual(findTrigger('@bottt fix it', '@bot+'), { found: false });
      assert.deepEqual(findTrigger('@bot fix it', '@bot+'), { found: false });
    });

    it('handles phrases with dots, brackets and dollars', () => {
      assert.equal(requestOf('hey a.b fix', 'a.b'), 'fix');
      assert.deepEqual(findTrigger('hey axb fix', 'a.b'), { found: false });
      assert.equal(requestOf('[ai] $do it', '$do'), 'it');
      assert.equal(requestOf('(x) [ai] go', '[ai]'), 'go');
    });
  });
});
