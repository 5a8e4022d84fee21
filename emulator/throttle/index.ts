import { invalidEmulatorConfig, tooManyRequests } from "../errors";
import { Gcra } from "./gcra";
import { chatOf, GRAPH_LIMITS, type Limit, perSecond, type ThrottledRequest } from "./limits";

export type { ThrottledRequest } from "./limits";

/** Limits of one's own choosing instead of Graph's (tests and the benchmark): per second, per app. */
export interface ThrottleConfig {
  perChatPerSecond?: number;
  perAppPerSecond?: number;
  /** @default the seconds until the request would pass (at least 1) */
  retryAfterSeconds?: number;
}

/**
 * `"realistic"`: every documented Teams limit that applies to the emulator's endpoints
 * (https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits), as documented.
 * `"scaled:<factor>"`: the same limits on a clock `factor` times faster (every rate × factor, every
 * Retry-After ÷ factor, in fractional seconds), so tests of minute-long limits take a second.
 * An object: only the limits it names. `"off"` or null: no throttling (the default).
 */
export type ThrottleSetting = "off" | "realistic" | `scaled:${number}` | ThrottleConfig | null;

const customLimits = (c: ThrottleConfig): Limit[] => [
  (r) =>
    c.perAppPerSecond
      ? {
          name: `per app: at most ${c.perAppPerSecond} per second`,
          rate: perSecond(c.perAppPerSecond),
          key: `app:${r.caller.appId}`,
        }
      : undefined,
  (r) => {
    const chat = chatOf(r.path);
    if (!c.perChatPerSecond || !chat) return undefined;
    const name = `per app per chat: at most ${c.perChatPerSecond} per second`;
    return { name, rate: perSecond(c.perChatPerSecond), key: `chat:${r.caller.appId}:${chat}` };
  },
];

/** Answers 429 + Retry-After to a request over any limit in force; a refused request uses up nothing. */
export class Throttle {
  private limits: readonly Limit[] = [];
  private scale = 1;
  private fixedRetryAfter: number | undefined;
  private readonly buckets = new Gcra();

  constructor(private readonly now: () => number = Date.now) {}

  set(setting: ThrottleSetting): void {
    const s = validateThrottle(setting);
    this.buckets.clear();
    this.scale = 1;
    this.fixedRetryAfter = undefined;
    if (s === null || s === "off") this.limits = [];
    else if (typeof s === "string") {
      this.limits = GRAPH_LIMITS;
      if (s.startsWith("scaled:")) this.scale = Number(s.slice("scaled:".length));
    } else {
      this.limits = customLimits(s);
      this.fixedRetryAfter = s.retryAfterSeconds;
    }
  }

  /** Throws TooManyRequests when the request is over a limit; otherwise counts it against each. */
  check(r: ThrottledRequest): void {
    if (this.limits.length === 0 || /^\/\$batch\/?$/.test(r.path)) return; // a batch's items count, not the batch
    const now = this.now();
    const buckets = this.limits
      .map((limit) => limit(r))
      .filter((b) => b !== undefined)
      .map((b) => ({ ...b, rate: { count: b.rate.count, periodMs: b.rate.periodMs / this.scale } }));
    let worst: { name: string; wait: number } | undefined;
    for (const b of buckets) {
      const wait = this.buckets.wait(b.key, b.rate, now);
      if (wait > 0 && (!worst || wait > worst.wait)) worst = { name: b.name, wait };
    }
    if (worst) throw tooManyRequests(this.retryAfter(worst.wait), worst.name);
    for (const b of buckets) this.buckets.take(b.key, b.rate, now);
  }

  /** Whole seconds (at least 1) as Graph sends them; on a scaled clock, fractional seconds. */
  private retryAfter(waitMs: number): number {
    if (this.fixedRetryAfter !== undefined) return this.fixedRetryAfter;
    if (this.scale !== 1) return Math.ceil(waitMs) / 1000;
    return Math.max(1, Math.ceil(waitMs / 1000));
  }
}

const isCount = (v: unknown, min: number) => typeof v === "number" && Number.isFinite(v) && v >= min;
const KEYS = ["perChatPerSecond", "perAppPerSecond", "retryAfterSeconds"];

/** Checks a setting from configure(), PUT /_emulator/config or the CLI; 400 with what is wrong. */
export function validateThrottle(raw: unknown): ThrottleSetting {
  if (raw === null || raw === "off" || raw === "realistic") return raw;
  if (typeof raw === "string") {
    const factor = /^scaled:(.+)$/.exec(raw)?.[1];
    if (factor === undefined || !(Number(factor) > 0) || !Number.isFinite(Number(factor)))
      throw invalidEmulatorConfig(
        `throttle must be "off", "realistic", "scaled:<factor>" (a number > 0) or an object; got ${JSON.stringify(raw)}.`,
      );
    return raw as ThrottleSetting;
  }
  if (typeof raw !== "object" || Array.isArray(raw))
    throw invalidEmulatorConfig('throttle must be "off", "realistic", "scaled:<factor>", an object or null.');
  for (const [k, v] of Object.entries(raw)) {
    if (!KEYS.includes(k))
      throw invalidEmulatorConfig(`throttle.${k} is not a setting (${KEYS.join(", ")}).`);
    const min = k === "retryAfterSeconds" ? 0 : 1;
    if (v !== undefined && !isCount(v, min))
      throw invalidEmulatorConfig(`throttle.${k} must be a number ≥ ${min}.`);
  }
  return raw as ThrottleConfig;
}
