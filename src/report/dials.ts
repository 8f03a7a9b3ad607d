// Owns what the run says about its dials: the budgets (tokens and model requests used, against their limits, and
// an estimated cost when the model's price is known), every approval request Codex made and the action's answer,
// and the network Codex's commands had. The job summary section and the `tokens-used`/`model-requests` outputs.
// Must never: quote Codex's text unescaped (a command Codex asked to run is hostile text: it goes in code spans).
import { groupDigits } from '../digits.js';
import type { NetworkActivity, TokenUsage } from '../events.js';
import { estimateCost, priceOf, PRICES_DATE } from './prices.js';

export interface ApprovalRecord {
  /** What Codex asked for, in a few words: `run \`curl …\``, `change files outside the workspace`. */
  request: string;
  decision: 'approved' | 'declined';
  /** Why, from the dials. */
  why: string;
}

export interface DialsRecord {
  model: string | undefined;
  tokensUsed: number;
  modelRequests: number;
  maxTokens: number | undefined;
  maxModelRequests: number | undefined;
  /** The budget that stopped the run, if one did. */
  budgetExceeded: { budget: 'max-tokens' | 'max-model-requests'; limit: number } | undefined;
  approvalPolicy: string;
  approvals: ApprovalRecord[];
  /** For a host list: what Codex's managed proxy let through and refused (codex/network.ts). */
  network: { mode: 'off' | 'open' | 'hosts'; hosts: string[]; activity?: NetworkActivity };
}

export function dialsOutputs(dials: DialsRecord | undefined): Record<string, string> {
  return {
    'tokens-used': dials ? String(dials.tokensUsed) : '',
    'model-requests': dials ? String(dials.modelRequests) : '',
  };
}

const code = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').slice(0, 200);
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence} ${flat} ${fence}`;
};
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** Why a budget stopped the run, for the reply and the failure message. */
export function budgetReason(dials: DialsRecord): string | undefined {
  const spent = dials.budgetExceeded;
  if (!spent) return undefined;
  return `the ${spent.budget} budget of ${groupDigits(spent.limit)} was reached (${dials.modelRequests} model request(s), ${groupDigits(dials.tokensUsed)} tokens used), so Codex was stopped`;
}

export function dialsSummary(dials: DialsRecord | undefined, usage: TokenUsage | undefined): string {
  if (!dials) return '';
  const limit = (value: number | undefined): string =>
    value === undefined ? 'no limit' : `limit ${groupDigits(value)}`;
  const rows: Array<[string, string]> = [
    ['Tokens used', `${groupDigits(dials.tokensUsed)} (max-tokens: ${limit(dials.maxTokens)})`],
    ['Model requests', `${dials.modelRequests} (max-model-requests: ${limit(dials.maxModelRequests)})`],
  ];
  const price = priceOf(dials.model);
  if (price && usage)
    rows.push([
      'Estimated cost',
      `$${estimateCost(price, usage).toFixed(4)} (${dials.model} at prices of ${PRICES_DATE})`,
    ]);
  if (dials.budgetExceeded)
    rows.push(['Budget', `${dials.budgetExceeded.budget} reached: Codex was stopped and nothing was published`]);
  const network =
    dials.network.mode === 'hosts'
      ? `only ${dials.network.hosts.map(code).join(', ')}`
      : dials.network.mode === 'open'
        ? 'any host'
        : 'none';
  rows.push(['Network for commands', network]);
  rows.push(['Approval policy', dials.approvalPolicy]);
  const parts = [
    '### Dials',
    ['| | |', '|---|---|', ...rows.map(([key, value]) => `| ${key} | ${cell(value)} |`)].join('\n'),
  ];
  const activity = networkActivitySummary(dials.network.activity);
  if (activity) parts.push(activity);
  if (dials.approvals.length > 0) {
    const lines = dials.approvals.map(
      (approval) => `- ${approval.decision}: ${code(approval.request)} (${approval.why})`,
    );
    parts.push(`#### Approval requests (${dials.approvals.length})\n${lines.join('\n')}`);
  } else {
    parts.push('No approval requests.');
  }
  return parts.join('\n\n');
}

/** The hosts Codex's commands reached and the ones its proxy refused; the names come from commands: code spans. */
function networkActivitySummary(activity: NetworkActivity | undefined): string {
  if (!activity) return '';
  const reached = activity.reached.length > 0 ? activity.reached.map(code).join(', ') : 'none';
  const refused =
    activity.refused.length > 0
      ? activity.refused.map((entry) => `${code(entry.host)} (${entry.reason})`).join(', ')
      : 'none';
  const lines = [
    '#### Network',
    `- Hosts reached: ${reached}`,
    `- Refused: ${refused}`,
    ...(activity.omitted > 0 ? [`- ${activity.omitted} more decision(s) about other hosts, not listed here`] : []),
  ];
  return lines.join('\n');
}
