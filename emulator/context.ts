import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { checksOf, type PermissionCheck } from "./permissions";
import type { Caller } from "./tokens";

export interface RequestLogEntry {
  method: string;
  /** The path as requested (with /v1.0 or /beta), without the query. */
  path: string;
  /** 0 when the answer never left: the socket was destroyed by a drop fault. */
  status: number;
  /**
   * token: the token endpoint; identity: the other Entra endpoints (discovery, keys, device code, managed
   * identity); batchItem: a request inside a `POST /$batch` (the batch itself is one "graph" request).
   */
  kind: "graph" | "token" | "identity" | "batchItem";
  /** For a batch item: the request-id of the `$batch` request that carried it. */
  batch?: string;
  clientRequestId?: string;
  /** The calling app: from the token (Graph) or the client_id (token endpoint). */
  appId?: string;
  /** When the answer was done. */
  at: string;
  /** When the request arrived: whatever the handler computed from the clock is at least this late. */
  receivedAt: string;
  /** Who called (Graph requests with a valid token). */
  identity?: { kind: Caller["kind"]; appId: string; tenantId: string; userId?: string };
  /** The permission checks the request passed or failed: why it was allowed or refused. */
  checks?: readonly PermissionCheck[];
  /** The error answered, when it was one: which rule refused the request. */
  refusal?: { code: string; message: string };
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
  /** Set by the error middleware: the error answered. */
  refusal?: { code: string; message: string };
}

export const requestLocals = (res: Response): RequestLocals => res.locals as RequestLocals;

const TOKEN_PATH = /(\/oauth2\/v2\.0\/token|^\/msi\/token)\/?$/;
const IDENTITY_PATH =
  /(\/v2\.0\/\.well-known\/|\/discovery\/|\/oauth2\/v2\.0\/devicecode|^\/devicelogin|\/userrealm\/)/;

/** Put on a request injected by `POST /$batch` (routes/batch.ts): the batch's request-id. */
export const BATCH_OF = Symbol("pulumi-msteams batch item");

/**
 * Step 1 of the pipeline: a request-id for every request, the caller's client-request-id echoed (or
 * the request-id used in its place, as Graph does), both as headers — and an entry in the request log
 * when the answer is done, except for the inspection endpoint.
 */
export function requestContext(log: RequestLogEntry[], onLogged: () => void = () => {}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const receivedAt = new Date().toISOString();
    const requestId = randomUUID();
    const sent = req.headers["client-request-id"];
    const clientRequestId = typeof sent === "string" && sent !== "" ? sent : requestId;
    Object.assign(res.locals, { requestId, clientRequestId } satisfies RequestLocals);
    res.setHeader("request-id", requestId);
    res.setHeader("client-request-id", clientRequestId);
    const path = req.originalUrl.split("?")[0]!;
    // Logged as the answer's last bytes are handed over (res.end), so the entry exists before the client
    // can read the answer, even when client and emulator share one process; a connection that closes
    // without an answer ended is a drop (status 0).
    let logged = false;
    const record = (answered: boolean) => {
      if (logged) return;
      logged = true;
      const l = requestLocals(res);
      const appId = l.caller?.appId ?? l.appId;
      const c = l.caller;
      const batch = (req as unknown as Record<symbol, string | undefined>)[BATCH_OF];
      log.push({
        method: req.method,
        path,
        status: answered ? res.statusCode : 0,
        kind: batch
          ? "batchItem"
          : TOKEN_PATH.test(path)
            ? "token"
            : IDENTITY_PATH.test(path)
              ? "identity"
              : "graph",
        ...(batch ? { batch } : {}),
        clientRequestId,
        ...(appId ? { appId } : {}),
        at: new Date().toISOString(),
        receivedAt,
        ...(c
          ? {
              identity: {
                kind: c.kind,
                appId: c.appId,
                tenantId: c.tenantId,
                ...(c.userId ? { userId: c.userId } : {}),
              },
              checks: checksOf(c),
            }
          : {}),
        ...(l.refusal ? { refusal: l.refusal } : {}),
      });
      onLogged();
    };
    if (!path.startsWith("/_emulator")) {
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      res.end = ((...args: unknown[]) => {
        record(true);
        return end(...args);
      }) as Response["end"];
      res.on("close", () => record(res.writableFinished));
    }
    next();
  };
}
