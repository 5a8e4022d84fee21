import type { Request, Response, Router } from "express";
import { requestLocals } from "../context";
import type { Directory } from "../directory";
import { bodyNotObject, callerNotInChat } from "../errors";
import { allowQuery } from "../odata";
import { authorize, type Operation } from "../permissions";
import type { ChatRecord } from "../store/records";
import type { EmulatorStore } from "../store/store";
import type { Caller } from "../tokens";

/** What every Graph router is built from. */
export interface RouterDeps {
  store: EmulatorStore;
  directory: Directory;
}

/** What a handler sees: the verified caller, the API version, and the parsed request. */
export interface Ctx {
  readonly req: Request;
  readonly caller: Caller;
  readonly version: "v1.0" | "beta";
  /** `METHOD /path/{param}` as documented, for messages. */
  readonly endpoint: string;
  param(name: string): string;
  /** The JSON body as an object; 400 when the endpoint needs one and got something else. */
  body(): Record<string, unknown>;
  /** Same, but an absent body is an empty object (for actions whose body is optional). */
  optionalBody(): Record<string, unknown>;
  header(name: string): string | undefined;
}

/** What a handler returns; the router writes it. Handlers never touch the response themselves. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  /** Query options the endpoint supports; any other one is a 400. */
  query?: readonly string[];
  /** The permission-table row checked before the handler runs; null when the handler decides. */
  permission: Operation | null;
}

type Method = "get" | "post" | "patch" | "delete";
export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/** Registers a handler behind the per-endpoint steps: permission check, then query-option check. */
export function route(r: Router, method: Method, path: string, spec: RouteSpec, handler: Handler): void {
  const endpoint = `${method.toUpperCase()} ${path.replace(/:(\w+)/g, "{$1}")}`;
  r[method](path, async (req: Request, res: Response) => {
    const ctx = makeCtx(req, res, endpoint);
    if (spec.permission) authorize(ctx.caller, spec.permission);
    allowQuery(req, spec.query ?? [], endpoint);
    const reply = await handler(ctx);
    // A commitThenStatus fault: the handler has changed state; the caller gets an error all the same.
    const lost = requestLocals(res).afterCommit;
    if (lost) throw lost;
    write(res, reply);
  });
}

function makeCtx(req: Request, res: Response, endpoint: string): Ctx {
  const l = requestLocals(res);
  const isObject = (b: unknown): b is Record<string, unknown> =>
    !!b && typeof b === "object" && !Array.isArray(b);
  return {
    req,
    caller: l.caller!,
    version: l.version!,
    endpoint,
    param: (name) => String(req.params[name]),
    body: () => {
      if (!isObject(req.body)) throw bodyNotObject(endpoint);
      return req.body;
    },
    optionalBody: () => {
      if (req.body === undefined) return {};
      if (!isObject(req.body)) throw bodyNotObject(endpoint);
      return req.body;
    },
    header: (name) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(",") : v;
    },
  };
}

function write(res: Response, reply: Reply): void {
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}

/** A live chat the caller may use: delegated callers only reach chats they are a member of. */
export function chatFor(store: EmulatorStore, caller: Caller, chatId: string): ChatRecord {
  const c = store.chat(chatId);
  if (
    caller.kind === "delegated" &&
    !c.members.some((m) => m.userId.toLowerCase() === caller.userId?.toLowerCase())
  )
    throw callerNotInChat(chatId);
  return c;
}
