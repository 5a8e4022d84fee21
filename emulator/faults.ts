import type { NextFunction, Request, Response } from "express";
import { requestLocals } from "./context";
import { injectedFault, invalidFaultRule } from "./errors";
import { Throttle, type ThrottleSetting } from "./throttle";
import type { Caller } from "./tokens";

interface RuleBase {
  method?: string;
  /** Regular expression tested against the (decoded) path without /v1.0 or /beta. */
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
  );

const decode = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/** Fault injection and throttling for Graph requests, driven by tests and the benchmark; both off by default. */
export class Chaos {
  private rules: { rule: FaultRule; pattern: RegExp | undefined; left: number }[] = [];
  private readonly throttle = new Throttle();

  add(rule: FaultRule): void {
    const r = validateFaultRule(rule);
    this.rules.push({
      rule: r,
      pattern: r.path === undefined ? undefined : new RegExp(r.path),
      left: r.times ?? 1,
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
      hit.left--;
      const rule = hit.rule;
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
      }
    };
  }
}

const isCount = (v: unknown, min: number) => typeof v === "number" && Number.isFinite(v) && v >= min;

/** Checks a rule from a test or from POST /_emulator/faults; 400 with what is wrong. */
export function validateFaultRule(raw: unknown): FaultRule {
  if (!raw || typeof raw !== "object") throw invalidFaultRule("expected a JSON object.");
  const r = raw as Record<string, unknown>;
  const kinds = ["status", "latency", "drop", "commitThenDrop", "commitThenStatus"];
  if (!kinds.includes(r["kind"] as string))
    throw invalidFaultRule(`kind must be one of ${kinds.join(", ")}; got ${JSON.stringify(r["kind"])}.`);
  if (r["method"] !== undefined && typeof r["method"] !== "string")
    throw invalidFaultRule("method must be a string.");
  if (r["times"] !== undefined && !(Number.isInteger(r["times"]) && isCount(r["times"], 1)))
    throw invalidFaultRule("times must be a positive integer.");
  if (r["path"] !== undefined) {
    try {
      new RegExp(String(r["path"]));
    } catch (e) {
      throw invalidFaultRule(`path is not a regular expression: ${(e as Error).message}`);
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
  return r as unknown as FaultRule;
}
