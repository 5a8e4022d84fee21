import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Caller } from "./tokens";

export interface RequestLogEntry {
  method: string;
  /** The path as requested (with /v1.0 or /beta), without the query. */
  path: string;
  /** 0 when the answer never left: the socket was destroyed by a drop fault. */
  status: number;
  /** token: the token endpoint; identity: the other Entra endpoints (discovery, keys, device code, managed identity). */
  kind: "graph" | "token" | "identity";
  clientRequestId?: string;
  /** The calling app: from the token (Graph) or the client_id (token endpoint). */
  appId?: string;
  /** When the answer was done. */
  at: string;
  /** When the request arrived: whatever the handler computed from the clock is at least this late. */
  receivedAt: string;
}

/** What the pipeline puts on `res.locals` for later steps. */
export interface RequestLocals {
  requestId: string;
  clientRequestId: string;
  /** Set by the authentication step (Graph requests only). */
  caller?: Caller;
  /** Set by the token endpoint once it knows the client. */
  appId?: string;
  /** "v1.0" or "beta" for Graph requests. */
  version?: "v1.0" | "beta";
  /** Set by a commitThenStatus fault: the error to answer once the handler has changed state. */
  afterCommit?: Error;
}

export const requestLocals = (res: Response): RequestLocals => res.locals as RequestLocals;

const TOKEN_PATH = /(\/oauth2\/v2\.0\/token|^\/msi\/token)\/?$/;
const IDENTITY_PATH =
  /(\/v2\.0\/\.well-known\/|\/discovery\/|\/oauth2\/v2\.0\/devicecode|^\/devicelogin|\/userrealm\/)/;

/**
 * Step 1 of the pipeline: a request-id for every request, the caller's client-request-id echoed (or
 * the request-id used in its place, as Graph does), both as headers — and an entry in the request log
 * when the answer is done, except for the inspection endpoint.
 */
export function requestContext(log: RequestLogEntry[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const receivedAt = new Date().toISOString();
    const requestId = randomUUID();
    const sent = req.headers["client-request-id"];
    const clientRequestId = typeof sent === "string" && sent !== "" ? sent : requestId;
    Object.assign(res.locals, { requestId, clientRequestId } satisfies RequestLocals);
    res.setHeader("request-id", requestId);
    res.setHeader("client-request-id", clientRequestId);
    const path = req.originalUrl.split("?")[0]!;
    // Logged once the answer is handed to the socket ("finish"), so the entry exists before the client
    // can read the answer (over TLS "close" comes a tick later); "close" without "finish" is a drop (0).
    let logged = false;
    const record = () => {
      if (logged) return;
      logged = true;
      const l = requestLocals(res);
      const appId = l.caller?.appId ?? l.appId;
      log.push({
        method: req.method,
        path,
        status: res.writableFinished ? res.statusCode : 0,
        kind: TOKEN_PATH.test(path) ? "token" : IDENTITY_PATH.test(path) ? "identity" : "graph",
        clientRequestId,
        ...(appId ? { appId } : {}),
        at: new Date().toISOString(),
        receivedAt,
      });
    };
    if (!path.startsWith("/_emulator")) {
      res.on("finish", record);
      res.on("close", record);
    }
    next();
  };
}
