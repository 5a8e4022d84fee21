// Proactive pacing: every request waits until each Teams limit it falls under (graph/limits.ts) has room
// for it, so Graph sees requests spaced as its limits allow instead of bursts answered with 429.
// https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits; docs/scale.md.
//
// Graph says only that Teams' limits are "a token bucket". Each bucket here is the generic cell rate
// algorithm (GCRA, one number per key: the theoretical arrival time of the next request), which lets a
// burst of `count` through and then one more every `period / count`. A request counts against several
// buckets at once and is let through only when all of them have room, and then counted in all of them:
// that all-or-nothing step over several keys is why no npm limiter fits (bottleneck, limiter, p-throttle
// and rate-limiter-flexible each pace one key at a time, and chaining them lets a request that passed one
// limiter wait in the next while the first counts it as sent). The clock is injected (tests, scaled
// clocks) and is read when the request leaves, so a late timer never lets two requests leave closer
// together than allowed.

import type { TokenInfo } from "../auth";
import { ConfigError } from "../errors";
import { type Bucket, bucketsOf, type LimitedRequest, type Sender } from "./limits";

/**
 * `realistic`: Graph's limits as documented. `scaled:<f>`: the same limits on a clock f times faster
 * (the emulator's `scaled:<f>` throttling). `off`: no pacing (a Graph, or emulator, that does not throttle).
 */
export type PacingSetting = "realistic" | "off" | `scaled:${number}`;

/**
 * How much slower than the limit the client goes: a share of each interval, and an allowance for the time
 * between a request leaving here and Graph counting it, which varies by milliseconds (see rate below).
 * Without it, two requests an interval apart on this clock can arrive a hair closer at Graph: a 429.
 */
export const PACING_MARGIN = 0;
export const PACING_SLACK_MS = 30;
/** Each 429 to a paced request doubles the allowance, up to this: the machine or network is busier than assumed. */
export const PACING_MAX_SLACK_MS = 240;

/** The factor a setting speeds the clock by: 1 for realistic, f for scaled:f, undefined for off. */
export function pacingScale(raw: string): number | undefined {
  if (raw === "off") return undefined;
  if (raw === "realistic") return 1;
  const f = /^scaled:(.+)$/.exec(raw)?.[1];
  const n = Number(f);
  if (f === undefined || !Number.isFinite(n) || n <= 0)
    throw new ConfigError(
      `msteams:pacing must be realistic, off or scaled:<factor> (a number > 0, the emulator's throttle clock); got '${raw}'`,
    );
  return n;
}

export class Pacer {
  private readonly tat = new Map<string, number>();
  private slack = PACING_SLACK_MS;

  /**
   * @param scale how much faster than real time the limits' clock runs (1: Graph's own)
   * @param now a monotonic clock in milliseconds
   */
  constructor(
    private readonly scale: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /**
   * Milliseconds until a request under all of `buckets` may leave; 0 when it may leave now, in which case
   * it is counted in every one of them (nothing is counted otherwise).
   */
  take(buckets: readonly Bucket[]): number {
    const now = this.now();
    let wait = 0;
    for (const b of buckets) {
      const tat = this.tat.get(b.key); // none yet: the bucket is full
      if (tat !== undefined) wait = Math.max(wait, tat - this.rate(b).tolerance - now);
    }
    if (wait > 1e-6) return wait;
    for (const b of buckets) {
      const tat = Math.max(this.tat.get(b.key) ?? now, now);
      this.tat.set(b.key, tat + this.rate(b).interval);
    }
    if (this.tat.size > 10_000) this.forget(now);
    return 0;
  }

  /**
   * Graph answered a paced request with 429: requests reach it later after leaving than allowed for, so
   * allow twice as much from now on (up to PACING_MAX_SLACK_MS).
   */
  throttled(): void {
    this.slack = Math.min(PACING_MAX_SLACK_MS, this.slack * 2);
  }

  /** Waits until a request under `buckets` may leave, and counts it. */
  async acquire(buckets: readonly Bucket[]): Promise<void> {
    for (let wait = this.take(buckets); wait > 0; wait = this.take(buckets)) await this.sleep(wait);
  }

  /**
   * A bucket's interval (period ÷ count, the margin added) and how far ahead of its schedule a request may
   * go: the burst Graph allows (count − 1 intervals) less the slack, so each request may reach Graph up to
   * PACING_SLACK_MS later than it left without the next one arriving too soon. For a count of 1 that is one
   * interval plus the slack between requests; for larger counts the sustained rate stays the limit's.
   */
  private rate(b: Bucket): { interval: number; tolerance: number } {
    const interval = (b.periodMs / this.scale / b.count) * (1 + PACING_MARGIN);
    return { interval, tolerance: (b.count - 1) * interval - this.slack };
  }

  /** Drops keys whose bucket is full again, so a long run stays small. */
  private forget(now: number): void {
    for (const [k, t] of this.tat) if (t + this.slack <= now) this.tat.delete(k);
  }
}

/** Who a token sends as, for the per-user limits: the signed-in user of a delegated token. */
export function senderOf(t: Pick<TokenInfo, "kind" | "userId">): Sender {
  return { userId: t.kind === "delegated" ? (t.userId ?? "me") : undefined };
}

/** Waits until `r`, sent with token `t`, is within every Teams limit it falls under. */
export function pace(pacer: Pacer, r: LimitedRequest, t: Pick<TokenInfo, "kind" | "userId">): Promise<void> {
  return pacer.acquire(bucketsOf(r, senderOf(t)));
}
