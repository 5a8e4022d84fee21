/**
 * The generic cell rate algorithm (GCRA), a token bucket kept as one number per key: the theoretical
 * arrival time (TAT) of the next request. A limit of `count` requests per `periodMs` lets a burst of
 * `count` through, then one more every `periodMs / count`; a refused request uses up nothing, and the
 * time until one would pass is exact (Retry-After). Graph's docs say only that Teams' limits are "a
 * token bucket"; https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits.
 *
 * Hand-written because none of the npm limiters fits: rate-limiter-flexible's memory limiter counts in
 * fixed windows (twice the rate at a window's edge) and `limiter`'s buckets read the wall clock and
 * report no waiting time; here the clock is injected, so a scaled clock and fake timers both work.
 */
export interface Rate {
  readonly count: number;
  readonly periodMs: number;
}

export class Gcra {
  private readonly tat = new Map<string, number>();

  /** Milliseconds until a request under `key` would pass: 0 when it passes now (nothing is taken). */
  wait(key: string, rate: Rate, now: number): number {
    const interval = rate.periodMs / rate.count;
    const tat = Math.max(this.tat.get(key) ?? now, now);
    const wait = tat + interval - now - rate.periodMs;
    return wait > 1e-6 ? wait : 0; // 30 × (1000 / 30) is a hair over 1000 in floating point
  }

  /** Counts one request under `key` (after `wait` said 0 for every limit it falls under). */
  take(key: string, rate: Rate, now: number): void {
    const interval = rate.periodMs / rate.count;
    this.tat.set(key, Math.max(this.tat.get(key) ?? now, now) + interval);
    if (this.tat.size > 10_000) this.forget(now);
  }

  clear(): void {
    this.tat.clear();
  }

  /** Drops keys whose bucket is full again (their TAT is past), so a long run stays small. */
  private forget(now: number): void {
    for (const [k, t] of this.tat) if (t <= now) this.tat.delete(k);
  }
}
