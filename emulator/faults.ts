import type { NextFunction, Request, Response } from "express";
import { requestLocals } from "./context";
import { injectedFault, invalidFaultRule } from "./errors";
import { compilePathPattern, type PathPattern } from "./path-pattern";
import { Throttle, type ThrottleSetting } from "./throttle";
import type { Caller } from "./tokens";

interface RuleBase {
  method?: string;
  /** A pattern (a linear-time regular-expression subset, path-pattern.ts) tested against the (decoded) path without /v1.0 or /beta. */
  path?: string;
  /** How many matching requests it hits. @default 1 */
  times?: number;
}
export type FaultRule = RuleBase &
  (
    | { kind: "status"; status: number; retryAfterSeconds?: number }
    | { kind: "latency"; ms: number }
    /** Destroy the socket without processing the request. */
    | { kind: "drop" }
    /** Run the handler (state changes), then destroy the socket instead of answering. */
    | { kind: "commitThenDrop" }
    /** Run the handler (state changes), then answer this error instead (a 5xx after the commit). */
    | { kind: "commitThenStatus"; status: number; retryAfterSeconds?: number }
    /** Run the handler, send the status, headers and only part of the body, then drop the connection. */
    | { kind: "partialBody"; bytes?: number }
    /**
     * Each matching request, with probability `rate`, gets one fault drawn from `mix` (default: 503, 429,
     * a dropped connection, a 503 after the commit), from a pseudo-random sequence seeded by `seed`: the
     * same seed gives the same decisions in the same order. `times` caps the faults injected (default: no cap).
     */
    | { kind: "chance"; rate: number; seed?: number; mix?: readonly ChanceFault[] }
  );

/** A fault a `chance` rule may draw. */
export type ChanceFault =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  | { kind: "drop" }
  | { kind: "commitThenDrop" }
  | { kind: "commitThenStatus"; status: number; retryAfterSeconds?: number };

const DEFAULT_MIX: readonly ChanceFault[] = [
  { kind: "status", status: 503 },
  { kind: "status", status: 429, retryAfterSeconds: 1 },
  { kind: "drop" },
  { kind: "commitThenStatus", status: 503 },
];

/** mulberry32: a small, seeded pseudo-random sequence in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const decode = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/** Fault injection and throttling for Graph requests, driven by tests and the benchmark; both off by default. */
export class Chaos {
  private rules: {
    rule: FaultRule;
    pattern: PathPattern | undefined;
    left: number;
    random?: () => number;
  }[] = [];
  private readonly throttle = new Throttle();

  add(rule: FaultRule): void {
    const r = validateFaultRule(rule);
    this.rules.push({
      rule: r,
      pattern: r.path === undefined ? undefined : compilePathPattern(r.path),
      left: r.times ?? (r.kind === "chance" ? Number.POSITIVE_INFINITY : 1),
      ...(r.kind === "chance" ? { random: seeded(r.seed ?? 1) } : {}),
    });
  }

  /** Graph's documented limits (realistic or on a scaled clock), limits of one's own, or none. */
  setThrottle(t: ThrottleSetting): void {
    this.throttle.set(t);
  }

  clearRules(): void {
    this.rules = [];
  }

  /** Rules and throttling. */
  clear(): void {
    this.rules = [];
    this.throttle.set(null);
  }

  /** The pipeline step after authentication (so limits can be per app). */
  middleware() {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const path = decode(req.path);
      const caller = res.locals["caller"] as Caller | undefined;
      if (caller) this.throttle.check({ method: req.method, path, caller });
      const hit = this.rules.find(
        (r) =>
          r.left > 0 &&
          (!r.rule.method || r.rule.method.toUpperCase() === req.method) &&
          (!r.pattern || r.pattern.test(path)),
      );
      if (!hit) return next();
      let rule: FaultRule | ChanceFault = hit.rule;
      if (rule.kind === "chance") {
        const mix = rule.mix ?? DEFAULT_MIX;
        // Two draws per request whatever the outcome, so the sequence does not depend on the mix.
        const [p, pick] = [hit.random!(), hit.random!()];
        if (p >= rule.rate) return next();
        rule = mix[Math.floor(pick * mix.length)]!;
      }
      hit.left--;
      switch (rule.kind) {
        case "status":
          throw injectedFault(rule.status, rule.retryAfterSeconds);
        case "latency":
          await new Promise((resolve) => setTimeout(resolve, rule.ms));
          return next();
        case "drop":
          req.socket.destroy();
          return;
        case "commitThenStatus":
          requestLocals(res).afterCommit = injectedFault(rule.status, rule.retryAfterSeconds);
          return next();
        case "commitThenDrop":
          // Let the handler change state, then lose the answer on the way back.
          res.end = (() => {
            req.socket.destroy();
            return res;
          }) as typeof res.end;
          return next();
        case "partialBody":
          cutBody(req, res, rule.bytes);
          return next();
      }
    };
  }
}

/** The keys each kind of rule takes besides kind, method, path and times. */
const RULE_KEYS: Record<FaultRule["kind"], string[]> = {
  status: ["status", "retryAfterSeconds"],
  latency: ["ms"],
  drop: [],
  commitThenDrop: [],
  commitThenStatus: ["status", "retryAfterSeconds"],
  partialBody: ["bytes"],
  chance: ["rate", "seed", "mix"],
};

/** The answer's status, headers (with the full Content-Length) and its first bytes, then a dropped socket. */
function cutBody(req: Request, res: Response, bytes: number | undefined): void {
  res.end = ((chunk?: unknown) => {
    const body = Buffer.from(typeof chunk === "string" || Buffer.isBuffer(chunk) ? chunk : "");
    const keep = Math.min(bytes ?? Math.floor(body.length / 2), Math.max(0, body.length - 1));
    res.write(body.subarray(0, keep), () => req.socket.destroy());
    return res;
  }) as typeof res.end;
}

const isCount = (v: unknown, min: number) => typeof v === "number" && Number.isFinite(v) && v >= min;

/** Checks a rule from a test or from POST /_emulator/faults; 400 with what is wrong. */
export function validateFaultRule(raw: unknown): FaultRule {
  if (!raw || typeof raw !== "object") throw invalidFaultRule("expected a JSON object.");
  const r = raw as Record<string, unknown>;
  const kinds = Object.keys(RULE_KEYS);
  if (!kinds.includes(r["kind"] as string))
    throw invalidFaultRule(`kind must be one of ${kinds.join(", ")}; got ${JSON.stringify(r["kind"])}.`);
  const keys = ["kind", "method", "path", "times", ...RULE_KEYS[r["kind"] as FaultRule["kind"]]];
  const unknown = Object.keys(r).filter((k) => !keys.includes(k));
  if (unknown.length)
    throw invalidFaultRule(
      `${unknown.join(", ")} not known for a ${r["kind"]} rule; its keys: ${keys.join(", ")}.`,
    );
  if (r["bytes"] !== undefined && !(Number.isInteger(r["bytes"]) && isCount(r["bytes"], 0)))
    throw invalidFaultRule("bytes must be an integer ≥ 0.");
  if (r["method"] !== undefined && typeof r["method"] !== "string")
    throw invalidFaultRule("method must be a string.");
  if (r["times"] !== undefined && !(Number.isInteger(r["times"]) && isCount(r["times"], 1)))
    throw invalidFaultRule("times must be a positive integer.");
  if (r["path"] !== undefined) {
    if (typeof r["path"] !== "string") throw invalidFaultRule("path must be a string.");
    try {
      compilePathPattern(r["path"]);
    } catch (e) {
      throw invalidFaultRule(`path is not a supported pattern: ${(e as Error).message}`);
    }
  }
  if (
    (r["kind"] === "status" || r["kind"] === "commitThenStatus") &&
    !(Number.isInteger(r["status"]) && isCount(r["status"], 400) && (r["status"] as number) < 600)
  )
    throw invalidFaultRule(`a ${r["kind"]} rule needs status, an integer from 400 to 599.`);
  if (r["retryAfterSeconds"] !== undefined && !isCount(r["retryAfterSeconds"], 0))
    throw invalidFaultRule("retryAfterSeconds must be a number ≥ 0.");
  if (r["kind"] === "latency" && !isCount(r["ms"], 0))
    throw invalidFaultRule("a latency rule needs ms, a number ≥ 0.");
  if (r["kind"] === "chance") validateChance(r);
  return r as unknown as FaultRule;
}

const CHANCE_KINDS = ["status", "drop", "commitThenDrop", "commitThenStatus"];

function validateChance(r: Record<string, unknown>): void {
  if (!(typeof r["rate"] === "number" && r["rate"] >= 0 && r["rate"] <= 1))
    throw invalidFaultRule("a chance rule needs rate, a number from 0 to 1.");
  if (r["seed"] !== undefined && !Number.isInteger(r["seed"]))
    throw invalidFaultRule("seed must be an integer.");
  if (r["mix"] === undefined) return;
  if (!Array.isArray(r["mix"]) || r["mix"].length === 0)
    throw invalidFaultRule("mix must be a non-empty list of faults.");
  for (const [i, f] of (r["mix"] as unknown[]).entries()) {
    const kind = (f as { kind?: unknown } | null)?.kind;
    if (!CHANCE_KINDS.includes(kind as string))
      throw invalidFaultRule(`mix[${i}].kind must be one of ${CHANCE_KINDS.join(", ")}.`);
    try {
      validateFaultRule(f);
    } catch (e) {
      throw invalidFaultRule(`mix[${i}]: ${(e as Error).message.replace(/^Invalid fault rule: /, "")}`);
    }
  }
}
