import type { NextFunction, Request, Response } from "express";
import { injected, tooManyRequests } from "./errors";
import type { Caller } from "./tokens";

interface RuleBase {
  method?: string;
  /** Regular expression tested against the path without /v1.0 or /beta. */
  path?: string;
  /** How many requests it hits; default 1. */
  times?: number;
}
export type FaultRule = RuleBase &
  (
    | { kind: "status"; status: number; retryAfterSeconds?: number }
    | { kind: "latency"; ms: number }
    | { kind: "drop" }
    | { kind: "commitThenDrop" }
  );

export interface ThrottleConfig {
  perChatPerSecond?: number;
  perAppPerSecond?: number;
  retryAfterSeconds?: number;
}

/** Fault injection and throttling, driven by tests and the benchmark; both off by default. */
export class Chaos {
  private rules: (FaultRule & { left: number })[] = [];
  throttle: ThrottleConfig | null = null;
  private readonly hits = new Map<string, number[]>();

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.throttle = null;
    this.hits.clear();
  }

  middleware() {
    return async (req: Request, res: Response, next: NextFunction) => {
      const path = req.path;
      const caller = res.locals["caller"] as Caller | undefined;
      this.checkThrottle(path, caller);
      const rule = this.rules.find(
        (r) =>
          r.left > 0 &&
          (!r.method || r.method.toUpperCase() === req.method) &&
          (!r.path || new RegExp(r.path).test(path)),
      );
      if (!rule) return next();
      rule.left--;
      switch (rule.kind) {
        case "status":
          throw injected(rule.status, rule.retryAfterSeconds);
        case "latency":
          await new Promise((r) => setTimeout(r, rule.ms));
          return next();
        case "drop":
          req.socket.destroy();
          return;
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

  private checkThrottle(path: string, caller: Caller | undefined): void {
    const t = this.throttle;
    if (!t || !caller) return;
    const now = Date.now();
    const chat = /^\/chats\/([^/]+)/.exec(path)?.[1];
    const windows: [string, number | undefined, string][] = [
      [`app:${caller.appId}`, t.perAppPerSecond, "per app"],
      ...(chat
        ? ([[`chat:${caller.appId}:${chat}`, t.perChatPerSecond, "per app per chat"]] as [
            string,
            number | undefined,
            string,
          ][])
        : []),
    ];
    for (const [key, limit, scope] of windows) {
      if (!limit) continue;
      const recent = (this.hits.get(key) ?? []).filter((x) => now - x < 1000);
      if (recent.length >= limit) {
        const wait = t.retryAfterSeconds ?? Math.max(1, Math.ceil((1000 - (now - recent[0]!)) / 1000));
        throw tooManyRequests(wait, scope);
      }
      recent.push(now);
      this.hits.set(key, recent);
    }
  }
}
