// Owns the parsing of the approval dials: the inputs that decide how much rope Codex gets beyond the sandbox mode
// (network-access as off, open or a list of hosts; approval-policy; the max-tokens and max-model-requests budgets).
// settings.ts calls parseDials once; every problem names the input, the value and what is accepted.
// Must never: turn an invalid value into more access than the default (off, never, no extra hosts).

/**
 * The hosts of the `package-registries` preset: what installing dependencies from the public registries needs.
 * Keep README.md's "Dials" section in step with this list.
 */
export const PACKAGE_REGISTRY_HOSTS: readonly string[] = [
  // npm
  'registry.npmjs.org',
  // PyPI: the index and the files it points to
  'pypi.org',
  'files.pythonhosted.org',
  // crates.io: the index and the crate downloads
  'crates.io',
  'index.crates.io',
  'static.crates.io',
  // Go: the module proxy and the checksum database
  'proxy.golang.org',
  'sum.golang.org',
  // RubyGems
  'rubygems.org',
  'index.rubygems.org',
  // Maven Central
  'repo.maven.apache.org',
  'repo1.maven.org',
];

export const NETWORK_PRESETS: Readonly<Record<string, readonly string[]>> = {
  'package-registries': PACKAGE_REGISTRY_HOSTS,
};

export const APPROVAL_POLICIES = ['never', 'on-request'] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

export interface Dials {
  /** True only for `network-access: true`: commands reach any host. */
  networkAccess: boolean;
  /** For a list of hosts: exactly these names (a leading `*.` allows the subdomains of a name); empty otherwise. */
  networkHosts: string[];
  /** Whether Codex may ask to go beyond its dials; the action answers every request by policy, never a person. */
  approvalPolicy: ApprovalPolicy;
  /** The most input + output tokens the task may use; undefined for no limit. */
  maxTokens: number | undefined;
  /** The most model requests the task may make; undefined for no limit. */
  maxModelRequests: number | undefined;
}

export type DialInputName = 'network-access' | 'approval-policy' | 'max-tokens' | 'max-model-requests';

/** A host name, or `*.` and a host name. No IP addresses, ports, schemes or paths: names are what Codex's proxy matches. */
const HOST = /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function parseNetworkAccess(value: string): { open: boolean; hosts: string[] } | { problem: string } {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'false' || lower === '') return { open: false, hosts: [] };
  if (lower === 'true') return { open: true, hosts: [] };
  const hosts = new Set<string>();
  const bad: string[] = [];
  for (const entry of lower.split(/[\s,]+/).filter(Boolean)) {
    const preset = NETWORK_PRESETS[entry];
    if (preset) for (const host of preset) hosts.add(host);
    else if (HOST.test(entry) && !/^[\d.]+$/.test(entry.replace(/^\*\./, ''))) hosts.add(entry);
    else bad.push(entry);
  }
  if (bad.length > 0 || hosts.size === 0) {
    return {
      problem: `Input 'network-access' is '${trimmed}'${bad.length ? ` (not a host name: ${bad.map((entry) => `'${entry}'`).join(', ')})` : ''}; accepted values: true, false, or host names one per line or comma separated (such as registry.npmjs.org or *.pythonhosted.org; no IP addresses, ports or URLs), and the preset ${Object.keys(NETWORK_PRESETS).join(', ')}.`,
    };
  }
  return { open: false, hosts: [...hosts].sort() };
}

/** Reads the dial inputs; invalid values are reported in `problems` and replaced by the safe default. */
export function parseDials(read: (name: DialInputName) => string, problems: string[]): Dials {
  const network = parseNetworkAccess(read('network-access'));
  if ('problem' in network) problems.push(network.problem);

  const policyText = read('approval-policy').trim() || 'never';
  const approvalPolicy = (APPROVAL_POLICIES as readonly string[]).includes(policyText)
    ? (policyText as ApprovalPolicy)
    : 'never';
  if (approvalPolicy !== policyText)
    problems.push(`Input 'approval-policy' is '${policyText}'; accepted values: ${APPROVAL_POLICIES.join(', ')}.`);

  const budget = (name: 'max-tokens' | 'max-model-requests', max: number): number | undefined => {
    const text = read(name).trim();
    if (text === '' || text === '0') return undefined;
    const value = Number(text);
    if (Number.isInteger(value) && value >= 1 && value <= max) return value;
    problems.push(
      `Input '${name}' is '${text}'; give a whole number from 1 to ${max}, or leave it empty (or 0) for no limit.`,
    );
    // The smallest budget: an invalid value never buys more than was asked for.
    return 1;
  };

  return {
    networkAccess: 'problem' in network ? false : network.open,
    networkHosts: 'problem' in network ? [] : network.hosts,
    approvalPolicy,
    maxTokens: budget('max-tokens', 1_000_000_000),
    maxModelRequests: budget('max-model-requests', 100_000),
  };
}
