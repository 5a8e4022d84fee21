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
 * How much slower than the limit the client goes: a share of each period plus a fixed allowance for the
 * time between a request leaving here and Graph counting it (which varies by a few milliseconds). Without
 * it, two requests a period apart on this clock can arrive a hair closer at Graph and draw a 429.
 */
export const PACING_MARGIN = 0.01;
export const PACING_SLACK_MS = 20;

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
      const { period, interval } = this.rate(b);
      const tat = Math.max(this.tat.get(b.key) ?? now, now);
      wait = Math.max(wait, tat + interval - now - period);
    }
    if (wait > 1e-6) return wait;
    for (const b of buckets) {
      const tat = Math.max(this.tat.get(b.key) ?? now, now);
      this.tat.set(b.key, tat + this.rate(b).interval);
    }
    if (this.tat.size > 10_000) this.forget(now);
    return 0;
  }

  /** Waits until a request under `buckets` may leave, and counts it. */
  async acquire(buckets: readonly Bucket[]): Promise<void> {
    for (let wait = this.take(buckets); wait > 0; wait = this.take(buckets)) await this.sleep(wait);
  }

  private rate(b: Bucket): { period: number; interval: number } {
    const period = (b.periodMs / this.scale) * (1 + PACING_MARGIN) + PACING_SLACK_MS;
    return { period, interval: period / b.count };
  }

  /** Drops keys whose bucket is full again, so a long run stays small. */
  private forget(now: number): void {
    for (const [k, t] of this.tat) if (t <= now) this.tat.delete(k);
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
