import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from "express";
import { authenticate } from "./auth";
import { type RequestLogEntry, requestContext, requestLocals } from "./context";
import type { Directory } from "./directory";
import {
  bodyTooLarge,
  endpointNotImplemented,
  type GraphHttpError,
  internalError,
  invalidJson,
  isGraphHttpError,
  notAGraphPath,
} from "./errors";
import type { Chaos } from "./faults";
import { deviceApprovalRouter } from "./identity/devicecode";
import { checkHeaders, odataKeys } from "./odata";
import { appCatalogRouter } from "./routes/appCatalog";
import { batchRouter } from "./routes/batch";
import { chatsRouter } from "./routes/chats";
import { installedAppsRouter } from "./routes/installedApps";
import { membersRouter } from "./routes/members";
import { messagesRouter } from "./routes/messages";
import { operationsRouter } from "./routes/operations";
import type { RouterDeps } from "./routes/route";
import { type IdentityDeps, tokenRouter } from "./routes/token";
import { usersRouter } from "./routes/users";
import { checkHost, limitDepth } from "./safety";
import type { EmulatorStore } from "./store/store";
import type { TokenIssuer } from "./tokens";

export interface PipelineDeps {
  store: EmulatorStore;
  directory: Directory;
  issuer: TokenIssuer;
  chaos: Chaos;
  log: RequestLogEntry[];
  inspection: express.Router;
  /** The Host header values answered (safety.ts); known once the server listens. */
  hosts: () => Set<string>;
  /** Called after each request is logged (the web view's live updates). */
  onLogged?: () => void;
  identity: IdentityDeps;
}

/** One router per Graph resource family; a new family (e.g. tabs) is one more entry here. */
const graphRouters: ((d: RouterDeps) => express.Router)[] = [
  chatsRouter,
  membersRouter,
  operationsRouter,
  messagesRouter,
  installedAppsRouter,
  usersRouter,
  appCatalogRouter,
];

/** The request pipeline, in order. Handlers validate, call the store and return data; errors are thrown. */
export function createPipeline(d: PipelineDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // 1. Request context: request-id / client-request-id on every answer, and the request log.
  app.use(requestContext(d.log, d.onLogged));
  // 1b. The Host header must name this emulator (no DNS rebinding); answered 403 otherwise.
  app.use(checkHost(d.hosts));
  // 2. OData key URLs (/chats('19:…')/operations('…')) become plain segments before any routing.
  app.use(odataKeys);
  // 3. Not Graph: the inspection endpoint (no token) and the Entra-like token endpoint.
  app.use(
    "/_emulator/devicecode",
    deviceApprovalRouter(d.identity.deviceCodes, (u) => d.directory.user(u)),
  );
  app.use("/_emulator", d.inspection);
  app.use(tokenRouter(d.identity));
  // 4. Graph, under /v1.0 and /beta.
  const graph = express.Router();
  graph.use(authenticate(d.issuer)); // 4a. a valid bearer token, or 401
  graph.use(d.chaos.middleware()); // 4b. throttling and injected faults (off by default)
  graph.use(checkHeaders); // 4c. headers with semantics the emulator lacks are refused, not ignored
  graph.use(express.json({ limit: "1mb" })); // 4d. the JSON body
  graph.use(limitDepth); // 4d'. nested beyond a sane depth: 400 before any handler or the store sees it
  graph.use(batchRouter(() => app)); // 4e. JSON batching: each item goes through this whole pipeline again
  for (const router of graphRouters) graph.use(router({ store: d.store, directory: d.directory })); // 4e.
  graph.use((req: Request) => {
    throw endpointNotImplemented(req.method, req.path); // 4f. any other Graph endpoint fails loudly
  });
  app.use(["/v1.0", "/beta"], setVersion, graph);
  // 5. Neither Graph nor a token endpoint.
  app.use((req: Request) => {
    throw notAGraphPath(req.method, req.path);
  });
  // 6. Errors: catalogue errors keep their status; anything else is an emulator bug (500).
  app.use(errorMiddleware);
  return app;
}

function setVersion(req: Request, res: Response, next: NextFunction): void {
  res.locals["version"] = req.baseUrl.slice(1);
  next();
}

/** Catalogue errors as they are; body-parser failures as 400/413; anything else is a 500 and a bug. */
function asGraphError(err: unknown): GraphHttpError {
  if (isGraphHttpError(err)) return err;
  const type = (err as { type?: unknown } | null)?.type;
  if (type === "entity.parse.failed") return invalidJson((err as Error).message);
  if (type === "entity.too.large") return bodyTooLarge("1 MB");
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`pulumi-msteams emulator: unexpected error: ${detail}`);
  return internalError(err instanceof Error ? err.message : String(err));
}

const errorMiddleware: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const e = asGraphError(err);
  if (res.headersSent) {
    req.socket.destroy(); // too late for an envelope: the client sees a broken answer, as from Graph
    return;
  }
  const { requestId, clientRequestId } = requestLocals(res);
  requestLocals(res).refusal = { code: e.code, message: e.message };
  for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
  res.status(e.status).json({
    error: {
      code: e.code,
      message: e.message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ""),
        "request-id": requestId,
        "client-request-id": clientRequestId,
      },
    },
  });
};
