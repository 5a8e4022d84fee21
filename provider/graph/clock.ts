// Graph's clock, read off its answers, so that reconciling after a lost request never depends on how far
// this machine's clock is off.

/**
 * Without a Date header on the list answer (every HTTP server with a clock sends one), Graph's clock is
 * unknown: a message or chat counts as ours if Graph stamped it no earlier than this before our first
 * attempt.
 */
const NO_DATE_HEADER_SLACK_MS = 30_000;

/** When a first attempt was sent: this machine's wall clock (fallback only) and monotonic clock. */
export interface Attempt {
  readonly wall: number;
  readonly mono: number;
}

export const startAttempt = (): Attempt => ({ wall: Date.now(), mono: performance.now() });

/**
 * The earliest time, on Graph's clock, at which our first attempt can have reached Graph, so that this
 * machine's clock never matters. The list answer's Date header D is Graph's time in whole seconds (the
 * true time is in [D, D + 1 s)) and was stamped before we received it; so the attempt reached Graph no
 * earlier than D minus the time elapsed here (monotonic clock) since the attempt. This bound is never
 * late, and at most about one second plus one round trip early.
 */
export function attemptStartOnGraphClock(
  dateHeader: string | undefined,
  firstAttempt: Attempt,
  receivedMono: number,
): number {
  const graphNow = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(graphNow)) return firstAttempt.wall - NO_DATE_HEADER_SLACK_MS;
  return graphNow - (receivedMono - firstAttempt.mono);
}
