// "Send at most once": the one mechanism behind every write Graph does not make idempotent (a group-chat
// create, a message send, a member add, an app install). A write whose outcome is unknown is never
// blindly repeated: what it may have made is looked for first (Graph's lists may lag behind a write, so
// the search may wait a while), taken when found, and only then is the write sent again. A write whose
// repeat cannot duplicate anything (Graph refuses it with 409 once it is done) is sent again at once, and
// that refusal is the answer. Writes Graph makes idempotent are repeated by the Graph client itself
// (graph/retry.ts). Which write is which: docs/graph-api.md "Every write, once".
import type { Ctx } from "../context";
import { type Attempt, startAttempt } from "./clock";
import { GraphError, isGraphError } from "./errors";
import { findSettled } from "./poller";
import { retryDelayMs } from "./retry";

/** Sends of one write that looks before it resends, at most; before each repeat, what it makes is searched for. */
export const SEND_ATTEMPTS = 3;

export interface OnceWrite<S, F> {
  /** Sends the write once (the Graph client itself never repeats a non-idempotent POST). */
  send(): Promise<S>;
  /** Whether this failure may have left the write done at Graph (default: the request's outcome is unknown). */
  unclear?(e: GraphError): boolean;
  /**
   * When this error answer says the write's effect is there already (a 409 on an install or a member
   * add): what to take as its result; the write is done. `afterUnclear` in the result says whether an
   * earlier send of ours may have done it. Undefined for any other error.
   */
  already?(e: GraphError): F | undefined | Promise<F | undefined>;
  /**
   * Look before resending: what the write made, if Graph shows it. Where the write makes a new object,
   * made no earlier than the first attempt on Graph's clock, so an identical object made before, by hand
   * or by another stack, is never taken for ours. Without `find`, an unclear write is sent again (after
   * the Graph client's backoff): only for a write whose repeat Graph refuses once it is done (`already`).
   */
  find?(firstAttempt: Attempt, cause: GraphError): Promise<F | undefined>;
  /** How long `find` keeps looking after a miss (the lag of Graph's lists), and what it looks for; default: one look. */
  settle?: { readonly what: string; readonly notYet: string; readonly budgetSeconds: number };
  /** After a miss on the `attempt`-th send: the error to stop with, or undefined to send again (default: stop after the last). */
  stop?(e: GraphError, attempt: number, last: boolean): Error | undefined;
  /**
   * This write is the resource's create: its intent goes into the create journal (ctx.intent,
   * provider/journal.ts) before it is sent, and an intent left by a killed run is reconciled first.
   */
  journaled?: boolean;
}

export type OnceResult<S, F> = ({ readonly sent: S } | { readonly found: F }) & {
  /** When the first attempt left (for reading Graph's clock off the answer, graph/clock.ts). */
  readonly firstAttempt: Attempt;
  /** How many times the write was sent. */
  readonly sends: number;
  /**
   * Whether an earlier send's outcome was unclear: then what is `found` may be that send's doing (this
   * stack's), not someone else's. False when `already` took the answer to the first send.
   */
  readonly afterUnclear: boolean;
};

const ONE_LOOK = { what: "what the write made", notYet: "not there", budgetSeconds: 0 };

/** Sends `w` until it is known to be done: at most SEND_ATTEMPTS times, looking after every unclear failure. */
export async function sendAtMostOnce<S, F>(ctx: Ctx, w: OnceWrite<S, F>): Promise<OnceResult<S, F>> {
  const unclear = w.unclear ?? ((e: GraphError) => e.ambiguous);
  const settle = w.settle ?? ONE_LOOK;
  const intent = w.journaled ? ctx.intent : undefined;
  // A run killed after sending this create left its intent: the write's outcome is unknown, as after an
  // ambiguous failure, and what it made is looked for since then (docs/interruption.md).
  const firstAttempt = intent?.pending ?? startAttempt();
  let afterUnclear = false;
  if (intent?.pending) {
    const cause = interrupted(firstAttempt);
    afterUnclear = unclear(cause);
    if (afterUnclear && w.find) {
      const find = w.find;
      const found = await findSettled(() => find(firstAttempt, cause), settleOptions(ctx, settle));
      if (found !== undefined) return { found, firstAttempt, sends: 0, afterUnclear };
    }
  } else intent?.record(firstAttempt);
  for (let sends = 1; ; sends++) {
    const done = { firstAttempt, sends, afterUnclear };
    try {
      return { sent: await w.send(), ...done };
    } catch (e) {
      if (!isGraphError(e)) throw e;
      const there = await w.already?.(e);
      if (there !== undefined) return { found: there, ...done };
      if (!unclear(e)) throw e;
      afterUnclear = true;
      if (w.find) {
        const find = w.find;
        const found = await findSettled(() => find(firstAttempt, e), settleOptions(ctx, settle));
        if (found !== undefined) return { found, ...done, afterUnclear };
      }
      // A write Graph refuses to repeat once done (no `find`) is as safe to resend as an idempotent one,
      // and gets as many sends as the client gives those (msteams:maxRetries retries).
      const last = sends >= (w.find ? SEND_ATTEMPTS : ctx.settings.maxRetries + 1);
      const stop = w.stop ? w.stop(e, sends, last) : last ? sentTimes(e, sends) : undefined;
      if (stop) throw stop;
      if (!w.find) await new Promise((resolve) => setTimeout(resolve, retryDelayMs(sends, undefined)));
    }
  }
}

function settleOptions(ctx: Ctx, settle: NonNullable<OnceWrite<unknown, unknown>["settle"]>) {
  return {
    what: settle.what,
    notYet: settle.notYet,
    budgetMs: settle.budgetSeconds * 1000,
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

function sentTimes(e: GraphError, sends: number): GraphError {
  return e.explained(`. Sent ${sends} times; every answer was lost or a transient failure.`);
}
