// Owns counting the tokens a model answer reports, as the answer streams through the model proxy (budgets).
// Reads; never changes or holds back a byte of the answer.
/**
 * Reads the token usage out of a Responses API answer as it streams past: the `usage` of each
 * `response.completed` event (server-sent events), or of the whole body when it is plain JSON.
 */
export class UsageReader {
  private pending = '';

  constructor(
    private readonly streaming: boolean,
    private readonly onTokens: (tokens: number) => void,
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (!this.streaming) {
      // A plain JSON body is read whole at the end; one too large to be an answer is not counted.
      if (this.pending.length > 20_000_000) this.pending = '';
      return;
    }
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, newline).trim();
      this.pending = this.pending.slice(newline + 1);
      if (line.startsWith('data:')) this.read(line.slice(5).trim(), true);
    }
  }

  end(): void {
    const rest = this.pending.trim();
    this.pending = '';
    if (this.streaming && rest.startsWith('data:')) this.read(rest.slice(5).trim(), true);
    if (!this.streaming && rest.startsWith('{')) this.read(rest, false);
  }

  private read(json: string, isEvent: boolean): void {
    // Only the completed event carries usage; skip the parse of every other event.
    if (isEvent && !json.includes('"response.completed"')) return;
    try {
      const parsed = JSON.parse(json) as { usage?: unknown; response?: { usage?: unknown } };
      const usage = (isEvent ? parsed.response?.usage : parsed.usage) as
        { input_tokens?: unknown; output_tokens?: unknown; total_tokens?: unknown } | undefined;
      if (!usage) return;
      const count = (value: unknown): number =>
        typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
      const tokens = count(usage.total_tokens) || count(usage.input_tokens) + count(usage.output_tokens);
      if (tokens > 0) this.onTokens(tokens);
    } catch {
      // Not JSON: nothing to count.
    }
  }
}
