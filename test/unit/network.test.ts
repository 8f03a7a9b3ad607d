// The network dial's pieces that need no Codex: the config that turns on Codex's managed proxy for a host list
// (and only then), the environment Codex gets for it, reading the proxy's decisions from Codex's stderr (hostile
// hosts included), the release check and the summary's network section.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { managedProxyEnvironment, renderCodexConfig } from '../../src/codex/home.ts';
import { ensureNetworkDialSupported, HOST_LIST_RELEASES, NetworkLog } from '../../src/codex/network.ts';
import { dialsSummary, type DialsRecord } from '../../src/report/dials.ts';

const options = {
  baseUrl: 'http://127.0.0.1:9/v1',
  model: 'gpt-5.5',
  sandbox: 'workspace-write' as const,
  approvalPolicy: 'never' as const,
  copy: { workTree: '/copy/work', gitDir: '/copy/git', tmpDir: '/copy/tmp' },
  runMarker: 'marker',
};

describe('the Codex config for the network dial', () => {
  it('turns on the managed proxy with exactly the listed hosts, loopback and private addresses refused', () => {
    const config = renderCodexConfig({
      ...options,
      networkAccess: false,
      networkHosts: ['*.pythonhosted.org', 'registry.npmjs.org'],
    });
    const proxy = config.slice(config.indexOf('[features.network_proxy]'));
    assert.ok(config.includes('[features.network_proxy]'), config);
    assert.match(config, /\[sandbox_workspace_write\]\n(#.*\n)*network_access = true\n/);
    assert.match(proxy, /^enabled = true$/m);
    assert.match(proxy, /^allow_local_binding = false$/m);
    assert.match(proxy, /^enable_socks5 = false$/m);
    assert.match(proxy, /^domains = \{ "\*\.pythonhosted\.org" = "allow", "registry\.npmjs\.org" = "allow" \}$/m);
    // The workspace-write rules stay: the proxy does not replace them.
    assert.match(config, /^sandbox_mode = "workspace-write"$/m);
    assert.match(config, /^writable_roots = \["\/copy\/tmp"\]$/m);
  });

  for (const networkAccess of [false, true]) {
    it(`has no managed proxy for network-access: ${networkAccess}`, () => {
      const config = renderCodexConfig({ ...options, networkAccess, networkHosts: [] });
      assert.ok(!config.includes('network_proxy'), config);
      assert.match(config, new RegExp(`^network_access = ${networkAccess}$`, 'm'));
    });
  }

  it("gives Codex the runner's proxy, keeps loopback direct and logs the proxy's decisions", () => {
    const env = managedProxyEnvironment({ HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: '.corp', PATH: '/bin' });
    assert.deepEqual(env, {
      RUST_LOG: 'warn,codex_network_proxy=info',
      HTTPS_PROXY: 'http://proxy.corp:3128',
      NO_PROXY: '.corp,127.0.0.1,localhost,::1',
      no_proxy: '.corp,127.0.0.1,localhost,::1',
    });
  });
});

describe('ensureNetworkDialSupported', () => {
  it('lets a host list through on the verified releases only, and anything else everywhere', () => {
    for (const version of HOST_LIST_RELEASES) ensureNetworkDialSupported(['registry.npmjs.org'], version);
    ensureNetworkDialSupported([], '0.170.0');
    ensureNetworkDialSupported([], '0.169.0', 'danger-full-access');
    for (const sandbox of ['danger-full-access', 'read-only'] as const)
      assert.throws(
        () => ensureNetworkDialSupported(['registry.npmjs.org'], '0.169.0', sandbox),
        new RegExp(`Input 'network-access' lists hosts, but input 'sandbox' is '${sandbox}'`),
      );
    assert.throws(
      () => ensureNetworkDialSupported(['registry.npmjs.org'], '0.170.0'),
      /Input 'network-access' lists hosts \(registry\.npmjs\.org\), but the action has not verified that Codex 0\.170\.0 enforces a host list/,
    );
  });
});

const colour = (text: string) => `\u001b[2m2026-12-06T04:09:46Z\u001b[0m \u001b[32m INFO\u001b[0m ${text}`;

describe('NetworkLog', () => {
  it("reads the managed proxy's decisions, as native Codex and the bridge (coloured, prefixed) write them", () => {
    const log = new NetworkLog();
    const lines = [
      '2026-12-06T03:55:26Z  INFO codex_network_proxy::http_proxy: request allowed (client=127.0.0.1:54762, host=registry.npmjs.org, method=GET)',
      `[codex-mcp-bridge] codex: ${colour('codex_network_proxy::http_proxy: CONNECT allowed (client=127.0.0.1:1, host=files.pythonhosted.org)')}`,
      '2026-12-06T03:55:26Z  WARN codex_network_proxy::http_proxy: request blocked (client=127.0.0.1:5, host=evil.example, reason=not_allowed)',
      '2026-12-06T03:55:26Z  WARN codex_network_proxy::http_proxy: CONNECT blocked (client=127.0.0.1:6, host=127.0.0.1, reason=not_allowed_local)',
      // Seen twice: listed once.
      '2026-12-06T03:55:27Z  INFO codex_network_proxy::http_proxy: request allowed (client=127.0.0.1:7, host=registry.npmjs.org, method=GET)',
    ];
    for (const line of lines) log.observe(line);
    assert.deepEqual(log.activity(), {
      reached: ['registry.npmjs.org', 'files.pythonhosted.org'],
      refused: [
        { host: 'evil.example', reason: 'not listed' },
        { host: '127.0.0.1', reason: 'a local or private address' },
      ],
      omitted: 0,
    });
  });

  it('ignores every other line, and hosts that are not plain names or addresses', () => {
    const log = new NetworkLog();
    for (const line of [
      '2026-12-06T03:55:26Z  INFO codex_network_proxy::upstream: HTTP upstream route selected (target=a.example:80)',
      'ERROR codex_core::tools::router: error=exec_command failed: request allowed (client=x, host=fake.example, method=GET)',
      '2026-12-06T03:55:26Z  INFO codex_network_proxy::http_proxy: request allowed (client=1, host=<img src=x>, method=GET)',
      '2026-12-06T03:55:26Z  INFO codex_network_proxy::http_proxy: request allowed (client=1, host=a`b.example, method=GET)',
      'Chunk ID: 1 INFO codex_network_proxy::http_proxy: request allowed (client=1, host=spoof.example, method=GET) trailing',
    ])
      log.observe(line);
    assert.deepEqual(log.activity(), { reached: [], refused: [], omitted: 0 });
  });

  it('lists at most a hundred hosts and counts the rest', () => {
    const log = new NetworkLog();
    for (let index = 0; index < 130; index += 1)
      log.observe(
        `t WARN codex_network_proxy::http_proxy: request blocked (client=1, host=h${index}.example, reason=not_allowed)`,
      );
    const activity = log.activity();
    assert.equal(activity.refused.length, 100);
    assert.equal(activity.omitted, 30);
  });
});

describe('the summary of the network dial', () => {
  const record = (network: DialsRecord['network']): DialsRecord => ({
    model: undefined,
    tokensUsed: 0,
    modelRequests: 0,
    maxTokens: undefined,
    maxModelRequests: undefined,
    budgetExceeded: undefined,
    approvalPolicy: 'never',
    approvals: [],
    network,
  });

  it('lists the hosts reached and refused, in code spans', () => {
    const summary = dialsSummary(
      record({
        mode: 'hosts',
        hosts: ['registry.npmjs.org'],
        activity: {
          reached: ['registry.npmjs.org'],
          refused: [{ host: '169.254.169.254', reason: 'a local or private address' }],
          omitted: 2,
        },
      }),
      undefined,
    );
    assert.match(summary, /\| Network for commands \| only ` registry\.npmjs\.org ` \|/);
    assert.match(
      summary,
      /#### Network\n- Hosts reached: ` registry\.npmjs\.org `\n- Refused: ` 169\.254\.169\.254 ` \(a local or private address\)\n- 2 more/,
    );
  });

  it('has no host section without a host list', () => {
    assert.ok(!dialsSummary(record({ mode: 'open', hosts: [] }), undefined).includes('#### Network'));
  });
});
