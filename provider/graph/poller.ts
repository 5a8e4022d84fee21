import { OperationError } from "../errors";

export type PollStep<T> =
  | { readonly done: true; readonly value: T }
  | { readonly done: false; readonly status: string; readonly retryAfterMs?: number | undefined };

export interface PollOptions {
  /** Names what is awaited in errors, e.g. "chat creation operation 2432…". */
  readonly what: string;
  readonly operationId?: string | undefined;
  readonly timeoutMs: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Injected in tests so no real time passes. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface PollResult<T> {
  readonly value: T;
  /** Probes made, the successful one included. */
  readonly probes: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits for `probe` to report done: first after `initialDelayMs`, then doubling up to `maxDelayMs`; a
 * Retry-After from Graph replaces the computed delay. Past `timeoutMs` it throws an OperationError naming
 * the operation and its last status. Errors thrown by `probe` (e.g. a failed operation) pass through.
 */
export async function poll<T>(probe: () => Promise<PollStep<T>>, o: PollOptions): Promise<PollResult<T>> {
  const sleep = o.sleep ?? realSleep;
  const now = o.now ?? Date.now;
  const deadline = now() + o.timeoutMs;
  let delay = Math.max(0, o.initialDelayMs);
  let probes = 0;
  let lastStatus = "not checked yet";
  for (;;) {
    const remaining = deadline - now();
    if (remaining <= 0) {
      throw new OperationError(
        `timed out after ${Math.round(o.timeoutMs / 1000)}s waiting for ${o.what}; last status: ${lastStatus}. ` +
          "Raise msteams:operationTimeoutSeconds if Graph is slow, then run `pulumi up` again to resume.",
        o.operationId,
        lastStatus,
      );
    }
    await sleep(Math.min(delay, remaining));
    probes++;
    const step = await probe();
    if (step.done) return { value: step.value, probes };
    lastStatus = step.status;
    delay = step.retryAfterMs ?? Math.min(o.maxDelayMs, Math.max(1, delay * 2));
  }
}

export interface SettleOptions {
  /** Names what is looked for, as in PollOptions. */
  readonly what: string;
  /** The status reported while it is not there, e.g. "not in the chat's newest messages". */
  readonly notYet: string;
  /** How long to keep looking after the first miss; 0 looks once. */
  readonly budgetMs: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Looks for something a list may show only some time after it was written: at once, then with the
 * poller's backoff until `budgetMs` has passed. Undefined when it never showed; errors of `find` pass through.
 */
export async function findSettled<T>(
  find: () => Promise<T | undefined>,
  o: SettleOptions,
): Promise<T | undefined> {
  const first = await find();
  if (first !== undefined || o.budgetMs <= 0) return first;
  try {
    const { value } = await poll(
      async () => {
        const v = await find();
        return v !== undefined ? { done: true, value: v } : { done: false, status: o.notYet };
      },
      { what: o.what, timeoutMs: o.budgetMs, initialDelayMs: o.initialDelayMs, maxDelayMs: o.maxDelayMs },
    );
    return value;
  } catch (e) {
    if (e instanceof OperationError) return undefined; // settled: it is not there
    throw e;
  }
}
