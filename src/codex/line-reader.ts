// Owns splitting the MCP server's stdout into lines as the bytes arrive, and skipping, unparsed, the bulky
// `codex/event` notifications the action never reads (tens of thousands of output deltas on a long task).
// Must never: re-join what it holds on each chunk, keep a reference to a chunk after push() returns, or drop
// anything but a `codex/event` notification whose msg type it was told to drop.

/** A longer line is skipped and reported; the default of StdioTransportOptions.maxLineBytes. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/** How many bytes of a line the drop decision looks at: the msg type of a `codex/event` comes within the first ~200. */
export const PEEK_BYTES = 1024;
// A JSON object's first key is at its start, so these prefixes mean the line is a `codex/event` message at the
// top level (Codex writes `jsonrpc` first; the SDK's server, which the bridge uses, writes it last).
const EVENT_PREFIXES = [
  Buffer.from('{"jsonrpc":"2.0","method":"codex/event",'),
  Buffer.from('{"method":"codex/event",'),
];
// Inside a JSON string every `"` is escaped, so this sequence can only be structure, not string content.
const MSG_TYPE = Buffer.from('"msg":{"type":"');
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * The msg type of a `codex/event` notification, read from the first bytes of its line without parsing it;
 * undefined when the line is not one, or does not show its type within `head`.
 */
export function codexEventType(head: Buffer): string | undefined {
  if (!EVENT_PREFIXES.some((prefix) => head.length >= prefix.length && head.subarray(0, prefix.length).equals(prefix)))
    return undefined;
  const at = head.indexOf(MSG_TYPE);
  if (at < 0) return undefined;
  const start = at + MSG_TYPE.length;
  const end = head.indexOf(QUOTE, start);
  return end < 0 ? undefined : head.toString('latin1', start, end);
}

export interface LineReaderOptions {
  /** `codex/event` msg types whose lines are skipped unparsed. */
  dropCodexEvents?: Iterable<string>;
  maxLineBytes?: number;
  /** Each complete line that is not dropped, without its `\n` (and a `\r` before it); valid only during the call. */
  onLine: (line: Buffer) => void;
  /** A line grew past maxLineBytes; the rest of it is skipped. */
  onOversized?: (bytes: number) => void;
}

/** The unfinished-line buffer starts at this size, and is let go after a line made it grow past TAIL_KEEP_BYTES. */
const TAIL_START_BYTES = 64 * 1024;
const TAIL_KEEP_BYTES = 4 * 1024 * 1024;

/**
 * Splits a byte stream into lines as chunks arrive. Complete lines inside a chunk are handed on as views of
 * it; only the unfinished last line is copied, into one buffer that grows by doubling and is reused for the
 * next line, so a chunk's bytes are copied at most once more and nothing is re-joined per chunk. A line it
 * drops, or one that grows too long, is not held at all: the rest of it is skipped as it streams past.
 * Chunks may be a reused read buffer: nothing of a chunk is used after push() returns.
 */
export class LineReader {
  private readonly drop: ReadonlySet<string>;
  private readonly maxLineBytes: number;
  private tail = Buffer.allocUnsafe(TAIL_START_BYTES);
  private tailBytes = 0;
  /** The unfinished line's type was looked at (and it is kept). */
  private decided = false;
  /** The rest of the unfinished line is skipped: it is dropped, or too long. */
  private skipping: 'dropped' | 'oversized' | undefined;
  private skippedBytes = 0;
  /** Lines dropped by type, for tests and diagnostics. */
  readonly dropped = new Map<string, number>();

  constructor(private readonly options: LineReaderOptions) {
    this.drop = new Set(options.dropCodexEvents ?? []);
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Bytes of the unfinished line held (for tests). */
  get heldBytes(): number {
    return this.tailBytes;
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline < 0) {
        this.takePartial(chunk.subarray(start));
        return;
      }
      this.finishLine(chunk.subarray(start, newline));
      start = newline + 1;
    }
  }

  /** Forgets the unfinished line (the stream ended or was closed). */
  reset(): void {
    this.tailBytes = 0;
    if (this.tail.length > TAIL_KEEP_BYTES) this.tail = Buffer.allocUnsafe(TAIL_START_BYTES);
    this.decided = false;
    this.skipping = undefined;
    this.skippedBytes = 0;
  }

  private takePartial(piece: Buffer): void {
    if (this.skipping) {
      this.skippedBytes += piece.length;
      return;
    }
    if (this.tailBytes + piece.length > this.maxLineBytes) {
      this.skipFromHere('oversized', piece.length);
      return;
    }
    this.append(piece);
    if (!this.decided && this.tailBytes >= PEEK_BYTES) {
      this.decided = true;
      if (this.isDropped(this.tail.subarray(0, PEEK_BYTES))) this.skipFromHere('dropped', 0);
    }
  }

  private finishLine(piece: Buffer): void {
    if (this.skipping) {
      const oversized = this.skipping === 'oversized' ? this.skippedBytes + piece.length : 0;
      this.reset();
      if (oversized) this.options.onOversized?.(oversized);
      return;
    }
    let line = piece;
    if (this.tailBytes > 0) {
      if (this.tailBytes + piece.length > this.maxLineBytes) {
        const bytes = this.tailBytes + piece.length;
        this.reset();
        this.options.onOversized?.(bytes);
        return;
      }
      this.append(piece);
      line = this.tail.subarray(0, this.tailBytes);
    } else if (line.length > this.maxLineBytes) {
      this.options.onOversized?.(line.length);
      return;
    }
    const undecided = !this.decided;
    try {
      if (undecided && this.isDropped(line.subarray(0, PEEK_BYTES))) return;
      const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
      if (end > 0) this.options.onLine(end === line.length ? line : line.subarray(0, end));
    } finally {
      this.reset();
    }
  }

  private isDropped(head: Buffer): boolean {
    const type = codexEventType(head);
    if (type === undefined || !this.drop.has(type)) return false;
    this.dropped.set(type, (this.dropped.get(type) ?? 0) + 1);
    return true;
  }

  /** Copies `piece` after the unfinished line, doubling the buffer when it is full. */
  private append(piece: Buffer): void {
    const needed = this.tailBytes + piece.length;
    if (needed > this.tail.length) {
      let size = this.tail.length * 2;
      while (size < needed) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.tail.copy(grown, 0, 0, this.tailBytes);
      this.tail = grown;
    }
    piece.copy(this.tail, this.tailBytes);
    this.tailBytes = needed;
  }

  private skipFromHere(reason: 'dropped' | 'oversized', pieceBytes: number): void {
    this.skippedBytes = this.tailBytes + pieceBytes;
    this.tailBytes = 0;
    this.skipping = reason;
  }
}
