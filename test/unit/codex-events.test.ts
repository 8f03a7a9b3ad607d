// Unit tests for the translation of Codex's raw `codex/event` messages (src/codex/events.ts).
// The message shapes are copied from Codex 0.153.4.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { displayCommand, translateCodexMessage } from '../../src/codex/events.ts';

const CWD = '/repo';
const translate = (json: string, cwd = CWD): ReturnType<typeof translateCodexMessage> =>
  translateCodexMessage(JSON.parse(json), cwd);

describe('translateCodexMessage', () => {
  it('translates exec_command_begin into a command start showing the script', () => {
    const event = translate(
      '{"type":"exec_command_begin","call_id":"call_1","command":["/bin/bash","-lc","echo hi > hi.txt"],"cwd":"file:///repo"}',
    );
    assert.deepEqual(event, { type: 'command-start', id: 'call_1', command: 'echo hi > hi.txt' });
  });

  it('translates exec_command_end with exit code, duration in ms and output', () => {
    const event = translate(
      '{"type":"exec_command_end","call_id":"call_1","command":["/bin/bash","-lc","echo hi"],"stderr":"","aggregated_output":"hi\\n","exit_code":0,"duration":{"secs":1,"nanos":500000000},"status":"completed"}',
    );
    assert.deepEqual(event, {
      type: 'command-end',
      id: 'call_1',
      command: 'echo hi',
      exitCode: 0,
      durationMs: 1500,
      output: 'hi\n',
    });
  });

  it('falls back to stdout and stderr, and to zero for a missing exit code and duration', () => {
    const event = translateCodexMessage(
      { type: 'exec_command_end', call_id: 'c', command: ['false'], stdout: 'out\n', stderr: 'err\n' },
      CWD,
    );
    assert.deepEqual(event, {
      type: 'command-end',
      id: 'c',
      command: 'false',
      exitCode: 0,
      durationMs: 0,
      output: 'out\nerr\n',
    });
  });

  it('keeps a failing exit code', () => {
    const event = translateCodexMessage(
      {
        type: 'exec_command_end',
        call_id: 'c',
        command: 'npm test',
        exit_code: 1,
        duration: { secs: 0, nanos: 2_400_000 },
      },
      CWD,
    );
    assert.deepEqual(event, {
      type: 'command-end',
      id: 'c',
      command: 'npm test',
      exitCode: 1,
      durationMs: 2,
      output: '',
    });
  });

  it('translates patch_apply_end with paths relative to the working directory', () => {
    const event = translate(
      '{"type":"patch_apply_end","call_id":"call_2","success":true,"changes":{"/repo/a.txt":{"type":"add","content":"A\\n"}},"status":"completed"}',
    );
    assert.deepEqual(event, { type: 'patch', id: 'call_2', files: ['a.txt'], success: true });
  });

  it('keeps relative paths and reports a failed patch', () => {
    const event = translateCodexMessage(
      {
        type: 'patch_apply_end',
        call_id: 'p',
        success: false,
        changes: { 'src/b.ts': { type: 'update' }, '/repo/src/c.ts': { type: 'delete' } },
      },
      '/repo/',
    );
    assert.deepEqual(event, { type: 'patch', id: 'p', files: ['src/b.ts', 'src/c.ts'], success: false });
  });

  it('translates agent_message', () => {
    assert.deepEqual(translate('{"type":"agent_message","message":"All done."}'), {
      type: 'message',
      text: 'All done.',
    });
  });

  it('translates token_count with totals', () => {
    const event = translate(
      '{"type":"token_count","info":{"total_token_usage":{"input_tokens":2400,"cached_input_tokens":0,"output_tokens":80,"reasoning_output_tokens":0,"total_tokens":2480}}}',
    );
    assert.deepEqual(event, { type: 'usage', usage: { input: 2400, cachedInput: 0, output: 80, total: 2480 } });
  });

  it('drops token_count without info', () => {
    assert.equal(translate('{"type":"token_count","info":null}'), undefined);
    assert.equal(translate('{"type":"token_count"}'), undefined);
  });

  it('translates task_complete into the final message', () => {
    assert.deepEqual(translate('{"type":"task_complete","last_agent_message":"All done."}'), {
      type: 'complete',
      finalMessage: 'All done.',
    });
    assert.deepEqual(translate('{"type":"task_complete","last_agent_message":null}'), {
      type: 'complete',
      finalMessage: '',
    });
  });

  it('translates session_configured into the session', () => {
    assert.deepEqual(translate('{"type":"session_configured","session_id":"t1","thread_id":"t1","model":"gpt-5.5"}'), {
      type: 'session',
      threadId: 't1',
      model: 'gpt-5.5',
    });
    assert.deepEqual(translate('{"type":"session_configured","session_id":"s2","model":"gpt-5.5"}'), {
      type: 'session',
      threadId: 's2',
      model: 'gpt-5.5',
    });
  });

  it('translates errors, warnings and aborted turns', () => {
    assert.deepEqual(translate('{"type":"error","message":"boom"}'), { type: 'error', message: 'boom' });
    assert.deepEqual(translate('{"type":"warning","message":"careful"}'), { type: 'warning', message: 'careful' });
    assert.deepEqual(translate('{"type":"stream_error","message":"reconnecting"}'), {
      type: 'warning',
      message: 'reconnecting',
    });
    assert.deepEqual(translate('{"type":"turn_aborted","reason":"interrupted"}'), {
      type: 'error',
      message: 'the turn was aborted (interrupted)',
    });
    assert.deepEqual(translate('{"type":"turn_aborted"}'), {
      type: 'error',
      message: 'the turn was aborted (no reason given)',
    });
  });

  it('drops message types nobody reads', () => {
    for (const json of [
      '{"type":"raw_response_item"}',
      '{"type":"agent_message_delta","delta":"Al"}',
      '{"type":"exec_command_output_delta"}',
      '{}',
    ]) {
      assert.equal(translate(json), undefined, json);
    }
  });
});

describe('displayCommand', () => {
  it('shows a shell -lc or -c script as the script', () => {
    assert.equal(displayCommand(['/bin/bash', '-lc', 'npm test && npm run lint']), 'npm test && npm run lint');
    assert.equal(displayCommand(['bash', '-c', 'ls']), 'ls');
    assert.equal(displayCommand(['/usr/bin/zsh', '-lc', 'pwd']), 'pwd');
    assert.equal(displayCommand(['sh', '-c', 'echo $HOME']), 'echo $HOME');
  });

  it('joins other argv arrays with spaces', () => {
    assert.equal(displayCommand(['git', 'status', '--short']), 'git status --short');
    assert.equal(displayCommand(['python3', '-c', 'print(1)']), 'python3 -c print(1)');
    assert.equal(displayCommand(['bash', '-lc', 'echo', 'extra']), 'bash -lc echo extra');
  });

  it('passes strings through and shows nothing for other values', () => {
    assert.equal(displayCommand('cargo build'), 'cargo build');
    assert.equal(displayCommand(undefined), '');
    assert.equal(displayCommand({ cmd: 'x' }), '');
  });
});
