// Graph's clock, read off its answers, so that deciding what an attempt made (or found already there)
// never depends on how far this machine's clock is off. The one notion of time every write uses.
// docs/graph-api.md §11.

/**
 * Without a Date header on the list answer (every HTTP server with a clock sends one), Graph's clock is
 * unknown: a message or chat counts as ours if Graph stamped it no earlier than this before our first
 * attempt.
 */
const NO_DATE_HEADER_SLACK_MS = 30_000;
/** An HTTP Date header counts whole seconds: Graph's true time is in [D, D + 1 s). */
const DATE_RESOLUTION_MS = 1_000;

/** When an attempt was sent: this machine's wall clock (fallback only) and monotonic clock. */
export interface Attempt {
  readonly wall: number;
  readonly mono: number;
}

export const startAttempt = (): Attempt => ({ wall: Date.now(), mono: performance.now() });

/**
 * The earliest time, on Graph's clock, at which our first attempt can have reached Graph, so that this
 * machine's clock never matters. The answer's Date header D is Graph's time in whole seconds (the true
 * time is in [D, D + 1 s)) and was stamped before we received it; so the attempt reached Graph no earlier
 * than D minus the time elapsed here (monotonic clock) since the attempt. This bound is never late, and
 * at most about one second plus one round trip early.
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

/** What an answer says of Graph's clock: when our attempt left, and the answer's Date header and arrival. */
export interface ClockReading {
  readonly attempt: Attempt;
  readonly dateHeader: string | undefined;
  readonly receivedMono: number;
}

/**
 * Whether Graph stamped `createdDateTime` before the attempt reached it (the object was there already).
 * The attempt's time on Graph's clock lies in a window the Date header allows: from the earliest bound
 * above to the header's second's end. This machine's wall clock picks the point inside the window (it is
 * right when both clocks agree) and is clamped to the window when this clock is off. Without a Date
 * header, this machine's clock is all there is.
 */
export function stampedBefore(createdDateTime: string | null | undefined, r: ClockReading): boolean {
  const created = Date.parse(createdDateTime ?? "");
  if (Number.isNaN(created)) return false;
  const graphNow = r.dateHeader ? Date.parse(r.dateHeader) : Number.NaN;
  // A stamp in the very millisecond the attempt left counts as before it: a request of ours cannot have
  // crossed the network and been processed within the millisecond it was sent in (locally, two creates
  // in a row can share one).
  if (Number.isNaN(graphNow)) return created <= r.attempt.wall;
  const earliest = graphNow - (r.receivedMono - r.attempt.mono);
  const latest = graphNow + DATE_RESOLUTION_MS;
  return created <= Math.min(latest, Math.max(earliest, r.attempt.wall));
}

/**
 * When Graph answered, from the answer's Date header (whole seconds), as ISO 8601: the time of a change
 * whose answer carries no timestamp of its own (a `204`). Undefined without a valid header.
 */
export function graphTime(headers: Readonly<Record<string, string>>): string | undefined {
  const t = Date.parse(headers["date"] ?? "");
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
