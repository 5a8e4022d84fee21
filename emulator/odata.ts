import type { NextFunction, Request, Response } from "express";
import { repeatedQueryOption, unsupportedHeader, unsupportedQueryOption } from "./errors";

// OData details shared by the pipeline and the routers: key-in-parens URLs, query options, bind URLs.

const unquote = (key: string) => key.replace(/''/g, "'");

/**
 * OData key segments become plain path segments before routing, so one route serves both forms:
 * `/chats('19:a@thread.v2')/operations('x')` → `/chats/19%3Aa%40thread.v2/operations/x`.
 * Quotes inside a key are doubled in OData (`users('o''neil@x.com')`).
 */
export function normaliseODataKeys(url: string): string {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const fixed = path.replace(/\/(\w+)\('((?:[^']|'')*)'\)/g, (_m, segment: string, key: string) => {
    let decoded = key;
    try {
      decoded = decodeURIComponent(key);
    } catch {
      // Not percent-encoded after all: keep it as it is.
    }
    return `/${segment}/${encodeURIComponent(unquote(decoded))}`;
  });
  return q < 0 ? fixed : fixed + url.slice(q);
}

export function odataKeys(req: Request, _res: Response, next: NextFunction): void {
  req.url = normaliseODataKeys(req.url);
  next();
}

const KNOWN_PREFERENCES = ["include-unknown-enum-members"];

/**
 * Request headers with Graph semantics the emulator does not implement are refused rather than
 * ignored: conditional requests, advanced-query consistency, and Prefer values other than
 * include-unknown-enum-members.
 */
export function checkHeaders(req: Request, _res: Response, next: NextFunction): void {
  for (const name of ["if-match", "if-none-match"]) {
    const v = req.headers[name];
    if (v !== undefined)
      throw unsupportedHeader(name, String(v), "chat APIs document no concurrency control");
  }
  const consistency = req.headers["consistencylevel"];
  if (consistency !== undefined)
    throw unsupportedHeader("ConsistencyLevel", String(consistency), "advanced queries are not emulated");
  const prefer = req.headers["prefer"];
  for (const p of (prefer === undefined ? "" : String(prefer)).split(",")) {
    const pref = p.trim();
    if (pref && !KNOWN_PREFERENCES.includes(pref.toLowerCase()))
      throw unsupportedHeader("Prefer", pref, `supported: ${KNOWN_PREFERENCES.join(", ")}`);
  }
  next();
}

/** Every query option an endpoint does not list is refused with a 400, never silently ignored. */
export function allowQuery(req: Request, allowed: readonly string[], endpoint: string): void {
  for (const [key, value] of Object.entries(req.query)) {
    if (!allowed.includes(key)) throw unsupportedQueryOption(key, endpoint, allowed);
    if (Array.isArray(value)) throw repeatedQueryOption(key);
  }
}

/** A query option as a string (allowQuery has refused repeated ones). */
export const queryString = (req: Request, name: string): string | undefined =>
  req.query[name] === undefined ? undefined : String(req.query[name]);

/** Graph's `@odata.context` for the version the request came in on. */
export const odataContext = (version: string, fragment: string): string =>
  `https://graph.microsoft.com/${version}/$metadata#${fragment}`;

// Any host (or none), then /v1.0 or /beta, then the entity set with a key in parens or as a segment.
const bindPattern = (set: string) =>
  new RegExp(`^(?:https?://[^/]+)?/(?:v1\\.0|beta)/${set}(?:\\('((?:[^']|'')+)'\\)|/([^/?#'()]+))/?$`);
const USER_BIND = bindPattern("users");
const APP_BIND = bindPattern("appCatalogs/teamsApps");

function parseBind(pattern: RegExp, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = pattern.exec(value.trim());
  if (!m) return undefined;
  const key = m[1] !== undefined ? unquote(m[1]) : m[2]!;
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** `…/v1.0/users('x')`, `…/beta/users/x` (any host, either version) → `x` (an object id or UPN). */
export const parseUserBind = (value: unknown): string | undefined => parseBind(USER_BIND, value);

/** `…/v1.0/appCatalogs/teamsApps/{id}` (or `teamsApps('{id}')`) → the app id. */
export const parseTeamsAppBind = (value: unknown): string | undefined => parseBind(APP_BIND, value);
