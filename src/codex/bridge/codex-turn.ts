// Owns one turn on an app-server thread, from `turn/start` to `turn/completed`: streams the turn's
// notifications out as native event messages while it runs, and ends it early when the caller cancels
// (`turn/interrupt`, then `thread/backgroundTerminals/clean`, because an interrupt leaves running commands alive).
// A cancel that arrives before app-server has started the turn still stops it: see interruptTurn.
// Must never: wait on app-server without a bound once cancelled (a model that never answers hangs a turn
// forever), or report a turn as completed when app-server said otherwise.
import type { AppServerClient, AppServerMessage, JsonObject, RpcError } from './app-server-client.js';
import { TurnEventTranslator, type NativeEventMsg } from './event-translation.js';

export interface TurnRequest {
  client: AppServerClient;
  threadId: string;
  prompt: string;
  /** The thread's working directory, to make patch paths absolute. */
  cwd: string;
  signal: AbortSignal;
  /** Receives each native event message with the id of the turn it belongs to. */
  emit: (turnId: string, msg: NativeEventMsg) => void;
  /** A JSON schema the turn's final message must follow (turn/start.outputSchema). */
  outputSchema?: Record<string, unknown>;
  /** Native msg types the MCP client opted out of: never built. */
  omitEvents?: ReadonlySet<string>;
}

export type TurnOutcome =
  | { status: 'completed'; lastAgentMessage: string }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' }
  /** app-server refused to start the turn (unknown thread, malformed id, a turn already running). */
  | { status: 'rejected'; error: RpcError };

const REQUEST_TIMEOUT_MS = 30_000;
const CANCEL_STEP_TIMEOUT_MS = 5_000;
const AFTER_INTERRUPT_WAIT_MS = 3_000;
/** Pause between two `turn/interrupt` attempts on a turn app-server has accepted but not yet started. */
const INTERRUPT_RETRY_MS = 50;

/** What the turn's notifications have said so far, for the cancel path. */
interface TurnProgress {
  /** Resolves on the turn's `turn/started`. */
  started: Promise<void>;
  /** Resolves with the status of the turn's `turn/completed`. */
  finished: Promise<string>;
  hasStarted: boolean;
  hasFinished: boolean;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const turnIdOf = (params: JsonObject): string => str(params.turnId) || str((params.turn as JsonObject | undefined)?.id);

export async function runTurn(request: TurnRequest): Promise<TurnOutcome> {
  const { client, threadId, signal } = request;
  const translator = new TurnEventTranslator(request.cwd, request.omitEvents);
  let turnId: string | undefined;
  let markStarted: () => void = () => undefined;
  let finish: (status: string) => void = () => undefined;
  const progress: TurnProgress = {
    started: new Promise<void>((resolve) => (markStarted = resolve)),
    finished: new Promise<string>((resolve) => (finish = resolve)),
    hasStarted: false,
    hasFinished: false,
  };

  const handle = (message: AppServerMessage): void => {
    const belongsTo = turnIdOf(message.params);
    if (belongsTo && belongsTo !== turnId) return;
    for (const msg of translator.translate(message)) request.emit(turnId ?? '', msg);
    if (message.method === 'turn/started') {
      progress.hasStarted = true;
      markStarted();
    }
    if (message.method === 'turn/completed') {
      progress.hasFinished = true;
      finish(str((message.params.turn as JsonObject | undefined)?.status));
    }
  };
  // Notifications can overtake the turn/start answer; hold them until the turn id is known.
  const early: AppServerMessage[] = [];
  const unsubscribe = client.subscribe((message) => {
    if (message.params.threadId !== threadId) return;
    if (turnId === undefined) early.push(message);
    else handle(message);
  });

  try {
    // No signal here: turn/start answers at once, and a cancelled start still needs the turn id to interrupt it.
    const started = await client.request<{ turn?: { id?: string } }>(
      'turn/start',
      {
        threadId,
        input: [{ type: 'text', text: request.prompt, text_elements: [] }],
        ...(request.outputSchema ? { outputSchema: request.outputSchema as JsonObject } : {}),
      },
      { timeoutMs: REQUEST_TIMEOUT_MS },
    );
    if (!started.ok) return { status: 'rejected', error: started.error };
    turnId = str(started.value.turn?.id);
    for (const message of early.splice(0)) handle(message);

    const aborted = new Promise<string>((resolve) => {
      if (signal.aborted) resolve('cancel');
      signal.addEventListener('abort', () => resolve('cancel'), { once: true });
    });
    const status = await Promise.race([progress.finished, aborted, client.exited.then(() => 'exited')]);
    switch (status) {
      case 'completed':
        return { status: 'completed', lastAgentMessage: translator.lastAgentMessage ?? '' };
      case 'cancel':
        await cancelTurn(client, threadId, turnId, progress);
        return { status: 'cancelled' };
      case 'exited': {
        const error = `codex app-server exited during the turn: ${(await client.exited).reason}`;
        request.emit(turnId, { type: 'error', message: error });
        return { status: 'failed', error };
      }
      case 'interrupted':
        return { status: 'failed', error: 'The Codex turn was interrupted.' };
      default:
        return { status: 'failed', error: translator.failure ?? `The Codex turn ended with status '${status}'.` };
    }
  } finally {
    unsubscribe();
  }
}

/** Interrupts the turn, stops the commands it left running, and waits a little for app-server to confirm. */
async function cancelTurn(
  client: AppServerClient,
  threadId: string,
  turnId: string,
  progress: TurnProgress,
): Promise<void> {
  await interruptTurn(client, threadId, turnId, progress);
  await client.request('thread/backgroundTerminals/clean', { threadId }, { timeoutMs: CANCEL_STEP_TIMEOUT_MS });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    progress.finished,
    client.exited,
    new Promise<void>((resolve) => (timer = setTimeout(resolve, AFTER_INTERRUPT_WAIT_MS))),
  ]);
  clearTimeout(timer);
}

/**
 * Sends `turn/interrupt` until app-server takes it. Between its answer to `turn/start` and its `turn/started`,
 * app-server answers "no active turn to interrupt" although the turn is about to run (and would run to its end):
 * so a refused interrupt is tried again once the turn has started, or every INTERRUPT_RETRY_MS, until the turn has
 * ended, app-server has exited, or CANCEL_STEP_TIMEOUT_MS have passed.
 */
async function interruptTurn(
  client: AppServerClient,
  threadId: string,
  turnId: string,
  progress: TurnProgress,
): Promise<void> {
  const deadline = Date.now() + CANCEL_STEP_TIMEOUT_MS;
  for (;;) {
    const left = deadline - Date.now();
    const answer = await client.request('turn/interrupt', { threadId, turnId }, { timeoutMs: Math.max(left, 1) });
    if (answer.ok || progress.hasFinished || client.hasExited || Date.now() >= deadline) return;
    const retry = delay(INTERRUPT_RETRY_MS);
    await Promise.race([
      progress.finished,
      client.exited,
      progress.hasStarted ? retry : Promise.race([retry, progress.started]),
    ]);
  }
}
