// The dials' pure parts: the approval policy (nothing outside the sandbox is ever approved), host matching, the
// bridge's forwarding shapes in both directions, and the model proxy's reading of token usage.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  approvalRequestFromElicitation,
  decideApproval,
  elicitationResult,
  hostAllowed,
} from '../../src/codex/approvals.ts';
import { answerFromElicitation, elicitationForApproval } from '../../src/codex/bridge/server-requests.ts';
import { UsageReader } from '../../src/codex/model-usage.ts';

const hosts = ['registry.npmjs.org', '*.pythonhosted.org'];

describe('decideApproval', () => {
  it('never approves a command outside the sandbox, a write outside it, extra permissions or anything unknown, whatever the hosts', () => {
    for (const params of [
      { codex_elicitation: 'exec-approval', codex_command: ['/bin/bash', '-lc', 'curl registry.npmjs.org'] },
      { codex_elicitation: 'patch-approval', codex_grant_root: '/' },
      { codex_elicitation: 'permissions-approval' },
      { message: 'Allow?' },
    ]) {
      assert.equal(
        decideApproval(approvalRequestFromElicitation(params), hosts).decision,
        'declined',
        JSON.stringify(params),
      );
    }
  });

  it('approves a network request only for a listed host', () => {
    const ask = (host: string) =>
      decideApproval(
        approvalRequestFromElicitation({
          codex_elicitation: 'exec-approval',
          codex_command: ['npm', 'ci'],
          codex_network_host: host,
        }),
        hosts,
      ).decision;
    assert.equal(ask('registry.npmjs.org'), 'approved');
    assert.equal(ask('files.pythonhosted.org'), 'approved');
    assert.equal(ask('evil.example'), 'declined');
    assert.equal(ask('registry.npmjs.org.evil.example'), 'declined');
    assert.equal(
      decideApproval(
        approvalRequestFromElicitation({
          codex_elicitation: 'exec-approval',
          codex_network_host: 'registry.npmjs.org',
        }),
        [],
      ).decision,
      'declined',
    );
  });

  it('answers in the shape native codex mcp-server reads', () => {
    assert.deepEqual(elicitationResult({ decision: 'approved', why: '' }), { action: 'accept', decision: 'approved' });
    assert.deepEqual(elicitationResult({ decision: 'declined', why: 'no' }), {
      action: 'decline',
      decision: { denied: { rejection: 'The action declined this request: no.' } },
    });
  });
});

describe('hostAllowed', () => {
  it('matches exact names, and subdomains only under a *. entry', () => {
    assert.ok(hostAllowed('Registry.NPMJS.org.', ['registry.npmjs.org']));
    assert.ok(!hostAllowed('npmjs.org', ['registry.npmjs.org']));
    assert.ok(hostAllowed('a.b.pythonhosted.org', ['*.pythonhosted.org']));
    assert.ok(!hostAllowed('pythonhosted.org', ['*.pythonhosted.org']));
    assert.ok(!hostAllowed('evilpythonhosted.org', ['*.pythonhosted.org']));
  });
});

describe('the bridge forwards approvals in native shape', () => {
  it('turns a command approval into an exec-approval elicitation, network host included', () => {
    const params = elicitationForApproval(
      {
        method: 'item/commandExecution/requestApproval',
        params: {
          threadId: 't',
          turnId: 'u',
          itemId: 'call_1',
          command: "/bin/bash -lc 'npm ci'",
          cwd: '/w',
          networkApprovalContext: { host: 'registry.npmjs.org', protocol: 'https' },
        },
      },
      7,
    );
    assert.equal(params?.codex_elicitation, 'exec-approval');
    assert.deepEqual(params?.codex_command, ['/bin/bash', '-lc', 'npm ci']);
    assert.equal(params?.codex_network_host, 'registry.npmjs.org');
    assert.equal(params?.codex_mcp_tool_call_id, '7');
    assert.equal(elicitationForApproval({ method: 'item/tool/requestUserInput', params: {} }, 1), undefined);
  });

  it("carries the client's answer back, and reads anything unclear as a decline", () => {
    const command = { method: 'item/commandExecution/requestApproval', params: {} };
    assert.deepEqual(answerFromElicitation(command, { action: 'accept', decision: 'approved' }), {
      result: { decision: 'accept' },
    });
    assert.deepEqual(answerFromElicitation(command, { action: 'decline', decision: { denied: { rejection: 'no' } } }), {
      result: { decision: 'decline' },
    });
    assert.deepEqual(answerFromElicitation(command, { action: 'accept', decision: 'something new' }), {
      result: { decision: 'decline' },
    });
    assert.deepEqual(answerFromElicitation(command, { action: 'cancel' }), { result: { decision: 'cancel' } });
    const permissions = {
      method: 'item/permissions/requestApproval',
      params: { permissions: { network: { enabled: true } } },
    };
    assert.deepEqual(answerFromElicitation(permissions, { action: 'decline' }), {
      result: { permissions: {}, scope: 'turn' },
    });
  });
});

describe('UsageReader', () => {
  it('counts the usage of each response.completed event, across chunk boundaries', () => {
    let total = 0;
    const reader = new UsageReader(true, (tokens) => (total += tokens));
    const stream = `event: response.created\ndata: {"type":"response.created"}\n\nevent: response.completed\ndata: {"type":"response.completed","response":{"usage":{"input_tokens":1200,"output_tokens":40,"total_tokens":1240}}}\n\n`;
    for (let i = 0; i < stream.length; i += 7) reader.push(stream.slice(i, i + 7));
    reader.end();
    assert.equal(total, 1240);
  });

  it('reads a plain JSON answer whole, and counts nothing it cannot parse', () => {
    let total = 0;
    const reader = new UsageReader(false, (tokens) => (total += tokens));
    reader.push('{"usage":{"input_tokens":10,\n"output_tokens":5}}');
    reader.end();
    assert.equal(total, 15);
    const broken = new UsageReader(true, (tokens) => (total += tokens));
    broken.push('data: {"type":"response.completed", oops\n');
    broken.end();
    assert.equal(total, 15);
  });
});
