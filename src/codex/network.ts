// Owns the check that the Codex release in use can enforce the network dial the workflow asked for, before
// Codex starts. `false` (no network) and `true` (any host) every release enforces through its sandbox; a list
// of hosts needs Codex's own managed network proxy driven by a permission profile
// (`[permissions.<name>.network]` with `domains = { "<host>" = "allow" }`), which the action does not yet
// configure and verify on any release, so a list is refused with a clear message.
// Must never: start Codex with more network than was asked for (a list never becomes `true`), nor silently
// with less (a list never quietly becomes `false`: the run fails and says why).
import { ActionError } from '../errors.js';

/*
 * What was found on 0.169.0 (codex exec, scripted model, this repository's tests' machine), for whoever adds support:
 * - A permission profile (`default_permissions`, `[permissions.<p>.network] enabled = true`, `mode`, `.domains`) alone
 *   gives commands OPEN network: no proxy variables, a loopback server and unlisted names reached directly.
 * - With `[features] network_proxy = true` as well, Codex starts its managed proxy, commands get *_PROXY variables,
 *   direct DNS fails, and a request to 127.0.0.1 or to a listed name that resolves to a private address is blocked
 *   ("local/private network addresses are blocked by the sandbox policy") and the command is ended.
 * - A profile's `filesystem` replaces the workspace-write rules the action relies on (the copy's GIT_DIR outside the
 *   work tree, its own TMPDIR, /tmp excluded): `":minimal" = "read"` cannot even run Codex's own binary.
 * Still to do before a release is listed: a profile that keeps those filesystem rules, a check that the `codex` tool's
 * `sandbox` argument and the bridge's thread/start do not replace the profile, and an offline test in which a listed
 * name reaches a local server (the proxy blocks private addresses, so the test needs Codex's option to allow them for
 * listed names only).
 */

/**
 * Releases on which the action configures and has verified (end-to-end: a listed name is reached, an unlisted one,
 * a raw IP, the model proxy and other loopback services are refused) Codex's managed network proxy for a host list.
 * Empty: 0.153.4 and 0.169.0 both have permission profiles with a network domain map, but the action does not yet
 * drive them, so no release is listed.
 */
export const HOST_LIST_RELEASES: readonly string[] = [];

export function ensureNetworkDialSupported(networkHosts: readonly string[], codexVersion: string): void {
  if (networkHosts.length === 0) return;
  if (HOST_LIST_RELEASES.includes(codexVersion)) return;
  throw new ActionError(
    `Input 'network-access' lists hosts (${networkHosts.slice(0, 5).join(', ')}${networkHosts.length > 5 ? ', …' : ''}), but the action cannot have Codex ${codexVersion} enforce a host list${HOST_LIST_RELEASES.length ? ` (it can on Codex ${HOST_LIST_RELEASES.join(', ')})` : ' on this or any release yet'}. Codex was not started: it would have had either no network or all of it.`,
    "Set network-access to false (no network) or, if you accept that Codex's commands can reach any host, to true.",
  );
}
