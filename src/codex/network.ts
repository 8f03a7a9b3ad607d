// Owns the network dial's two checks around Codex: before it starts, that the Codex release in use can enforce
// the dial the workflow asked for; while it runs, what its managed network proxy let through and refused (read
// from the proxy's log lines on Codex's stderr), for the job summary. `false` (no network) and `true` (any host)
// every release enforces through its sandbox; a list of hosts needs Codex's managed network proxy, which
// codex/home.ts configures and which only the releases in HOST_LIST_RELEASES were verified to enforce.
// Must never: start Codex with more network than was asked for (a list never becomes `true`), nor silently
// with less (a list never quietly becomes `false`: the run fails and says why); nor report a host it read from
// a log line it does not recognise exactly (the host comes from a command's request: hostile text).
import { ActionError } from '../errors.js';
import type { NetworkActivity } from '../events.js';
import type { SandboxMode } from '../inputs.js';

/*
 * What Codex's managed network proxy does, checked by running 0.153.4 and 0.169.0 (`codex exec` and through the
 * action, scripted model, December 2026):
 * - Configured in config.toml as `[features.network_proxy]` (enabled, mode, allow_local_binding,
 *   allow_upstream_proxy, enable_socks5, domains = { "<host>" = "allow" }), next to sandbox_mode =
 *   "workspace-write" and `[sandbox_workspace_write] network_access = true`: the workspace-write filesystem
 *   rules (writable roots, /tmp excluded) stay as they are, and the `codex` tool's / thread/start's `sandbox`
 *   argument does not turn the proxy off. A permission profile is not needed. With network_access = false
 *   the proxy does not start and commands have no network at all.
 * - Commands run in their own network namespace: a direct connection to any host address, loopback included,
 *   fails ("Couldn't connect to server"); they get HTTP(S)_PROXY, ALL_PROXY, npm/yarn/pip/bundle proxy variables
 *   pointing at the proxy (ALL_PROXY is the HTTP proxy when SOCKS5 is off).
 * - Through the proxy: an unlisted name, an IP literal, `localhost` and 169.254.169.254 are refused; so is a
 *   listed name that resolves to a loopback, private or link-local address, or that does not resolve at all
 *   (allow_local_binding = false; 0.169.0 also counts the documentation ranges such as 198.51.100.0/24 as not
 *   public). With allow_upstream_proxy the proxy sends allowed requests through the HTTP(S)_PROXY of Codex's own
 *   environment, by name.
 * - A refused request ends the whole command: its output becomes `Network access to "<host>" was blocked:
 *   <reason>` and the command fails.
 * - With RUST_LOG including `codex_network_proxy=info`, Codex writes one stderr line per decision:
 *   `INFO codex_network_proxy::http_proxy: request allowed (client=…, host=<h>, method=GET)`,
 *   `… CONNECT allowed (client=…, host=<h>)`, `WARN … request blocked (client=…, host=<h>, reason=not_allowed)`,
 *   `… CONNECT blocked (…)`. Reasons: not_allowed, not_allowed_local, denied, method_not_allowed.
 */

/**
 * Releases on which the action configures and has verified, end to end on both flavours where the release has
 * them (test/e2e/network.test.ts), that a listed name is reached and an unlisted name, an IP literal, the model
 * proxy and other loopback services are refused. Any other release is refused: a release that ignored the proxy
 * settings would give commands open network.
 */
export const HOST_LIST_RELEASES: readonly string[] = ['0.153.4', '0.169.0'];

export function ensureNetworkDialSupported(
  networkHosts: readonly string[],
  codexVersion: string,
  sandbox: SandboxMode = 'workspace-write',
): void {
  if (networkHosts.length === 0) return;
  // Without the sandbox the proxy is only advice (commands could connect anywhere); read-only was not verified.
  if (sandbox !== 'workspace-write') {
    throw new ActionError(
      `Input 'network-access' lists hosts, but input 'sandbox' is '${sandbox}': a host list is enforced only inside Codex's workspace-write sandbox${sandbox === 'danger-full-access' ? ' (without a sandbox, commands could reach any host)' : ''}. Codex was not started.`,
      "Set sandbox to 'workspace-write', or network-access to false or true.",
    );
  }
  if (HOST_LIST_RELEASES.includes(codexVersion)) return;
  throw new ActionError(
    `Input 'network-access' lists hosts (${networkHosts.slice(0, 5).join(', ')}${networkHosts.length > 5 ? ', …' : ''}), but the action has not verified that Codex ${codexVersion} enforces a host list (it has for Codex ${HOST_LIST_RELEASES.join(', ')}). Codex was not started: it would have had either no network or all of it.`,
    `Set codex-version to ${HOST_LIST_RELEASES.at(-1)}, or set network-access to false (no network) or, if you accept that Codex's commands can reach any host, to true.`,
  );
}

const REFUSAL_REASONS: Record<string, string> = {
  not_allowed: 'not listed',
  not_allowed_local: 'a local or private address',
  denied: 'denied',
  method_not_allowed: 'method not allowed',
};

/** The most hosts the summary lists, reached and refused together; a command that tries thousands gets a count. */
const MAX_LISTED_HOSTS = 100;

/**
 * One decision line of Codex's managed proxy, as Codex (or the bridge, prefixing `[codex-mcp-bridge] codex: `)
 * writes it to stderr. The host is a name, an IPv4 address or a bracketed IPv6 address, nothing else.
 */
const DECISION =
  /^(?:\[codex-mcp-bridge\] codex: )?\S+\s+(?:INFO|WARN)\s+codex_network_proxy::http_proxy: (?:request|CONNECT) (allowed|blocked) \(client=[^,()\s]*, host=([a-z0-9.\-:[\]]{1,253})(?:, reason=([a-z_]{1,40}))?(?:, method=[A-Z]{1,16})?\)$/;

/** Collects the managed proxy's decisions from Codex's stderr lines. */
export class NetworkLog {
  private readonly reachedHosts = new Set<string>();
  private readonly refusedHosts = new Map<string, string>();
  private dropped = 0;

  observe(line: string): void {
    // app-server colours its log even into a pipe.
    // eslint-disable-next-line no-control-regex
    const match = DECISION.exec(line.replace(/\u001b\[[0-9;]*m/g, '').trim());
    if (!match) return;
    const [, decision, host = '', reason] = match;
    const seen = decision === 'allowed' ? this.reachedHosts.has(host) : this.refusedHosts.has(host);
    if (seen) return;
    if (this.reachedHosts.size + this.refusedHosts.size >= MAX_LISTED_HOSTS) {
      this.dropped += 1;
      return;
    }
    if (decision === 'allowed') this.reachedHosts.add(host);
    else this.refusedHosts.set(host, (reason && REFUSAL_REASONS[reason]) ?? 'refused');
  }

  activity(): NetworkActivity {
    return {
      reached: [...this.reachedHosts],
      refused: [...this.refusedHosts].map(([host, reason]) => ({ host, reason })),
      omitted: this.dropped,
    };
  }
}
