// "Send at most once": the one mechanism behind every write Graph does not make idempotent (a group-chat
// create, a message send). A write whose outcome is unknown is never blindly repeated: what it may have
// made is looked for first (Graph's lists may lag behind a write, so the search waits a while), adopted
// when found, and only then is the write sent again. See docs/graph-api.md §11.
import type { Ctx } from "../context";
import { type Attempt, startAttempt } from "./clock";
import { GraphError, isGraphError } from "./errors";
import { findSettled } from "./poller";

/** Sends of one write at most; before each repeat, what the write makes is searched for. */
export const SEND_ATTEMPTS = 3;

export interface OnceWrite<S, F> {
  /** Sends the write once (the Graph client itself never repeats a non-idempotent POST). */
  send(): Promise<S>;
  /** Whether this failure may have left the write done at Graph (default: the request's outcome is unknown). */
  unclear?(e: GraphError): boolean;
  /**
   * What the write made, if Graph shows it: made no earlier than the first attempt on Graph's clock, so
   * an identical object made before, by hand or by another stack, is never taken for ours.
   */
  find(firstAttempt: Attempt, cause: GraphError): Promise<F | undefined>;
  /** How long the lists are searched after a miss (the lag of Graph's lists) and what is looked for. */
  settle: { readonly what: string; readonly notYet: string; readonly budgetSeconds: number };
  /** After a miss on the `attempt`-th send: the error to stop with, or undefined to send again. */
  stop(e: GraphError, attempt: number, last: boolean): Error | undefined;
  /**
   * This write is the resource's create: its intent goes into the create journal (ctx.intent,
   * provider/journal.ts) before it is sent, and an intent left by a killed run is reconciled first.
   */
  journaled?: boolean;
}

export type OnceResult<S, F> = ({ readonly sent: S } | { readonly found: F }) & {
  /** When the first attempt left (for reading Graph's clock off the answer, graph/clock.ts). */
  readonly firstAttempt: Attempt;
};

/** Sends `w` until it is known to be done: at most SEND_ATTEMPTS times, searching after every unclear failure. */
export async function sendAtMostOnce<S, F>(ctx: Ctx, w: OnceWrite<S, F>): Promise<OnceResult<S, F>> {
  const unclear = w.unclear ?? ((e: GraphError) => e.ambiguous);
  const intent = w.journaled ? ctx.intent : undefined;
  // A run killed after sending this create left its intent: the write's outcome is unknown, as after an
  // ambiguous failure, and what it made is looked for since then (docs/interruption.md).
  const firstAttempt = intent?.pending ?? startAttempt();
  if (intent?.pending) {
    const cause = interrupted(firstAttempt);
    if (unclear(cause)) {
      const found = await findSettled(() => w.find(firstAttempt, cause), settleOptions(ctx, w));
      if (found !== undefined) return { found, firstAttempt };
    }
  } else intent?.record(firstAttempt);
  for (let attempt = 1; ; attempt++) {
    try {
      return { sent: await w.send(), firstAttempt };
    } catch (e) {
      if (!isGraphError(e) || !unclear(e)) throw e;
      const found = await findSettled(() => w.find(firstAttempt, e), settleOptions(ctx, w));
      if (found !== undefined) return { found, firstAttempt };
      const stop = w.stop(e, attempt, attempt >= SEND_ATTEMPTS);
      if (stop) throw stop;
    }
  }
}

function settleOptions<S, F>(ctx: Ctx, w: OnceWrite<S, F>) {
  return {
    what: w.settle.what,
    notYet: w.settle.notYet,
    budgetMs: w.settle.budgetSeconds * 1000,
    initialDelayMs: ctx.settings.pollInitialDelayMs,
    maxDelayMs: ctx.settings.pollMaxDelayMs,
  };
}

/** The outcome of a killed run's create, as an error whose outcome is unknown. */
function interrupted(first: Attempt): GraphError {
  return new GraphError({
    status: 0,
    code: "Interrupted",
    message: `an earlier run was stopped after it began this create at ${new Date(first.wall).toISOString()}`,
    clientRequestId: "none",
    method: "POST",
    path: "(create journal)",
    ambiguous: true,
  });
}
