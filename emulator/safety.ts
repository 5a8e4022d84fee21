// Safe by default: the emulator runs on a developer's machine, so a web page the developer happens to
// visit must not be able to use it (DNS rebinding, cross-site requests), and no request may break it.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { networkInterfaces } from "node:os";
import type { NextFunction, Request, Response } from "express";
import { adminJsonRequired, adminTokenInvalid, bodyTooDeep, hostNotAllowed } from "./errors";

/** A fresh secret per start: state-changing /_emulator calls must send it (printed in the banner). */
export const newAdminToken = (): string => randomBytes(24).toString("base64url");

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];
export const isLoopback = (host: string): boolean =>
  LOOPBACK.includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);

const bracket = (h: string) => (h.includes(":") ? `[${h}]` : h);

/**
 * The Host header values the emulator answers: its bound address with the port, and the loopback names
 * when bound to loopback; bound to every interface (0.0.0.0 / ::), the machine's own addresses too.
 * Anything else (a DNS-rebound name such as attacker.example) gets 403 — the browser's same-origin
 * policy protects nothing once a foreign name resolves to 127.0.0.1.
 */
export function allowedHosts(host: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>([host]);
  const any = host === "0.0.0.0" || host === "::";
  if (isLoopback(host) || any) for (const h of LOOPBACK) names.add(h);
  if (any)
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(a.address.replace(/%.*$/, ""));
  for (const h of extra) names.add(h);
  return new Set([...names].map((h) => `${bracket(h)}:${port}`.toLowerCase()));
}

/** Pipeline step 0: the Host header must name this emulator (see allowedHosts). */
export function checkHost(allowed: () => Set<string>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const host = (req.headers.host ?? "").toLowerCase();
    if (!allowed().has(host)) throw hostNotAllowed(host, [...allowed()]);
    next();
  };
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * State-changing /_emulator calls (anything but GET/HEAD) need `Authorization: Bearer <admin token>` and
 * `Content-Type: application/json`: a cross-site form or `text/plain` fetch can send neither without a
 * CORS preflight, which the emulator never grants.
 */
export function requireAdmin(token: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (req.method === "GET" || req.method === "HEAD") {
      next();
      return;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (!m || !equal(m[1]!, token)) throw adminTokenInvalid();
    // The header itself, body or not: type-is would let a bodiless text/plain call through.
    const type = req.headers["content-type"] ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) throw adminJsonRequired(type || "none");
    next();
  };
}

/** Deeper JSON than this is refused: no Graph body needs it, and deep values overflow the stack later. */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of a parsed JSON value, counted without recursion (so any depth is measured). */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== "object") continue;
    if (d > deepest) deepest = d;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** After the JSON body parser: a body nested beyond MAX_JSON_DEPTH is a 400 before any handler sees it. */
export function limitDepth(req: Request, _res: Response, next: NextFunction): void {
  const depth = jsonDepth(req.body, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) throw bodyTooDeep(MAX_JSON_DEPTH);
  next();
}

/** What anyone who can reach a non-loopback address can do; printed by the CLI. */
export function exposureWarning(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return [
    `WARNING: listening on ${host}, not on loopback. Anyone who can reach this address can get tokens`,
    "with the seeded credentials printed below, read every chat and message (/_emulator/state and the web",
    "view) and create, change or delete chats through Graph. Only the admin token below protects reset,",
    "configuration and fault injection. Use --host 127.0.0.1 unless you mean to share it.",
  ].join("\n");
}
