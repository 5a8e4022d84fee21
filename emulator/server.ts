import { randomUUID } from "node:crypto";
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from "express";
import { GraphHttpError, notImplemented, unauthenticated } from "./errors";
import type { Chaos } from "./faults";
import { chatsRouter } from "./routes/chats";
import { directoryRouter } from "./routes/directory";
import { installedAppsRouter } from "./routes/installedApps";
import { membersRouter } from "./routes/members";
import { messagesRouter } from "./routes/messages";
import { operationsRouter } from "./routes/operations";
import { tokenRouter } from "./routes/token";
import type { EmulatorStore } from "./store";
import type { TokenIssuer } from "./tokens";

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  kind: "graph" | "token";
  clientRequestId?: string;
  appId?: string;
  at: string;
}

export interface PipelineDeps {
  store: EmulatorStore;
  issuer: TokenIssuer;
  chaos: Chaos;
  log: RequestLogEntry[];
  inspection: express.Router;
}

/** The request pipeline, in order. Handlers validate, change the store and return data; errors are thrown. */
export function createApp(d: PipelineDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // 1. Inspection and reset (not Graph; never logged, no token).
  app.use("/_emulator", express.json(), d.inspection);
  // 2. Request context: request-id / client-request-id on every answer, and the request log.
  app.use(requestContext(d.log));
  // 3. The Entra-like token endpoint.
  app.use(tokenRouter(d.store.dir, d.issuer));
  // 4. Graph under /v1.0 and /beta.
  const graph = express.Router();
  graph.use(express.json({ limit: "1mb" }));
  graph.use(authenticate(d.issuer)); // 4a. a valid bearer token, or 401
  graph.use(d.chaos.middleware()); // 4b. throttling and injected faults (off by default)
  for (const router of [
    chatsRouter,
    membersRouter,
    operationsRouter,
    messagesRouter,
    installedAppsRouter,
    directoryRouter,
  ]) {
    graph.use(router({ store: d.store }));
  }
  graph.use((req) => {
    throw notImplemented(`${req.method} ${req.path}`); // 4c. anything else fails loudly
  });
  app.use(["/v1.0", "/beta"], setVersion, graph);
  app.use((req) => {
    throw notImplemented(`${req.method} ${req.path}`);
  });
  // 5. Errors: catalogue errors keep their status; anything else is an emulator bug (500).
  app.use(errorHandler);
  return app;
}

function setVersion(req: Request, res: Response, next: NextFunction): void {
  res.locals["version"] = req.baseUrl.slice(1);
  next();
}

/** OData key segments such as /chats('19:…')/operations('…') become plain path segments. */
export function normaliseODataKeys(url: string): string {
  const [path = "", query] = url.split(/\?(.*)/s, 2);
  const fixed = path.replace(
    /\/(\w+)\('([^']*)'\)/g,
    (_m, seg: string, key: string) => `/${seg}/${encodeURIComponent(decodeURIComponent(key))}`,
  );
  return query === undefined ? fixed : `${fixed}?${query}`;
}

function requestContext(log: RequestLogEntry[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    req.url = normaliseODataKeys(req.url);
    const requestId = randomUUID();
    const clientRequestId = String(req.headers["client-request-id"] ?? requestId);
    res.locals["requestId"] = requestId;
    res.locals["clientRequestId"] = clientRequestId;
    res.setHeader("request-id", requestId);
    res.setHeader("client-request-id", clientRequestId);
    const token = /\/oauth2\/v2\.0\/token$/.test(req.path);
    res.on("close", () => {
      log.push({
        method: req.method,
        path: req.originalUrl.split("?")[0]!,
        // A socket destroyed by a fault rule never finished: status 0.
        status: res.writableFinished ? res.statusCode : 0,
        kind: token ? "token" : "graph",
        clientRequestId,
        ...(res.locals["caller"] ? { appId: (res.locals["caller"] as { appId: string }).appId } : {}),
        at: new Date().toISOString(),
      });
    });
    next();
  };
}

function authenticate(issuer: TokenIssuer) {
  return (req: Request, res: Response, next: NextFunction) => {
    const h = req.headers.authorization;
    if (!h?.startsWith("Bearer ")) throw unauthenticated("Access token is empty.");
    const caller = issuer.verify(h.slice("Bearer ".length));
    if (typeof caller === "string") throw unauthenticated(caller);
    res.locals["caller"] = caller;
    next();
  };
}

const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  const known = err instanceof GraphHttpError;
  const parseError = (err as { type?: string }).type === "entity.parse.failed";
  const status = known ? err.status : parseError ? 400 : 500;
  const code = known ? err.code : parseError ? "BadRequest" : "InternalServerError";
  const message =
    known || parseError ? (err as Error).message : `Emulator bug: ${(err as Error)?.stack ?? String(err)}`;
  if (!known && !parseError) console.error(message);
  if (known) for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(status).json({
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ""),
        "request-id": res.locals["requestId"],
        "client-request-id": res.locals["clientRequestId"],
      },
    },
  });
};
