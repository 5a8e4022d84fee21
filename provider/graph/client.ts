import { randomUUID } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import axios, {
  type AxiosError,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from "axios";
import axiosRetry from "axios-retry";
import type { TokenInfo, TokenProvider } from "../auth";
import type { ProviderSettings } from "../config";
import { CancelledError, CredentialError, isNamedError, messageOf } from "../errors";
import { assertEngineAlive, type EngineGoneError } from "../lifeline";
import { type BatchAnswer, batchTransport, isInRead, ReadBatcher } from "./batch";
import { GraphError } from "./errors";
import type { LimitedRequest } from "./limits";
import { Pacer, pace } from "./pacing";
import { KeyedSerialQueue } from "./queue";
import { retryAfterMs, retryDelayMs, shouldRetry } from "./retry";

export interface GraphRequest {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path below the version, e.g. `/chats/19%3A…` (segments already encoded). */
  readonly path: string;
  readonly version?: "v1.0" | "beta";
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A POST whose repetition cannot duplicate anything (e.g. creating a one-on-one chat). */
  readonly idempotent?: boolean;
}

export interface GraphResponse<T> {
  readonly status: number;
  readonly data: T;
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string | undefined;
  /** When the answer arrived, on this machine's monotonic clock (for reading Graph's clock, graph/clock.ts). */
  readonly receivedMono: number;
}

/**
 * The chat a request is about, from its path (`/chats/{id}…`, `/users/{u}/chats/{id}…`, `/me/chats/{id}…`):
 * requests on one chat are serialized, since Graph throttles per app per chat. Lists of chats have none.
 */
export function chatOfPath(path: string): string | undefined {
  const m = /^(?:\/(?:users\/[^/]+|me))?\/chats\/([^/?]+)/.exec(path);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

interface Meta {
  idempotent: boolean;
  clientRequestId: string;
  retriedAuth?: boolean;
  /** Paced to Teams' limits before every attempt (graph/pacing.ts); a batch's items are paced one by one. */
  paced?: LimitedRequest;
}
declare module "axios" {
  interface AxiosRequestConfig {
    msteams?: Meta;
  }
}

/** Microsoft Graph over axios: auth → retry/throttle → keep-alive transport. */
export class GraphClient {
  private readonly http: AxiosInstance;
  private readonly perChat = new KeyedSerialQueue();
  private readonly pacer: Pacer | undefined;
  /** GETs that arrive together go as one JSON batch (graph/batch.ts). */
  private readonly reads: ReadBatcher;
  /** Values no error may repeat, whatever a credential puts in its messages. */
  private readonly secrets: readonly string[];
  /** Aborted by cancel(): the engine asked the provider to stop. */
  private readonly cancelled = new AbortController();

  constructor(
    settings: ProviderSettings,
    readonly tokens: TokenProvider,
  ) {
    this.secrets = [settings.clientSecret, settings.password].filter((s): s is string => !!s);
    this.pacer = settings.pacingScale === undefined ? undefined : new Pacer(settings.pacingScale);
    this.http = axios.create({
      baseURL: settings.graphUrl,
      timeout: 100_000,
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ keepAlive: true }),
      // Never follow redirects silently: Graph answers 202 + Location for async work.
      maxRedirects: 0,
    });
    this.http.interceptors.request.use((config) => this.authorize(config));
    this.reads = new ReadBatcher(
      batchTransport({
        http: this.http,
        alone: (req, paced) => this.sendNow(req, paced),
        token: () => this.token(),
        invalidateToken: () => this.tokens.invalidate(),
        pacer: this.pacer,
        toError: answerError,
        maxRetries: settings.maxRetries,
      }),
    );
    // A 429 to a paced request: Graph counted it sooner than the pacing allowed for (graph/pacing.ts).
    this.http.interceptors.response.use(undefined, (e: AxiosError) => {
      if (e.response?.status === 429 && e.config?.msteams?.paced) this.pacer?.throttled();
      return Promise.reject(e);
    });
    axiosRetry(this.http, {
      retries: settings.maxRetries,
      retryCondition: (e) =>
        shouldRetry({ status: e.response?.status, idempotent: e.config?.msteams?.idempotent ?? false }),
      retryDelay: (attempt, e) => retryDelayMs(attempt, retryAfterMs(headerOf(e.response, "retry-after"))),
    });
  }

  /** The current token; a failure to get one is a CredentialError. */
  async token(): Promise<TokenInfo> {
    try {
      return await this.tokens.get();
    } catch (e) {
      throw this.credentialError(e);
    }
  }

  async send<T = unknown>(req: GraphRequest): Promise<GraphResponse<T>> {
    // A resource's read may share a JSON batch with the reads beside it (paced item by item, so it need
    // not wait for the chat's other requests); everything else goes one at a time per chat.
    if (req.method === "GET" && isInRead()) return this.reads.get<T>(req);
    return this.perChat.run(chatOfPath(req.path), () => this.sendNow<T>(req));
  }

  /**
   * Stops this client for good (the engine's Cancel: the deployment is being interrupted): requests in
   * flight are aborted, and every later request fails before it is sent.
   */
  cancel(): void {
    this.cancelled.abort();
  }

  /** Sends `req` now, paced to Teams' limits unless `paced` says that was done. */
  private async sendNow<T>(req: GraphRequest, paced = false): Promise<GraphResponse<T>> {
    const meta: Meta = {
      idempotent: req.idempotent ?? req.method !== "POST",
      clientRequestId: randomUUID(),
      ...(paced ? {} : { paced: { method: req.method, path: req.path } }),
    };
    const url = `/${req.version ?? "v1.0"}${req.path}`;
    for (;;) {
      // authorize() refuses every request after cancel(), a JSON batch's too: no check is needed here.
      try {
        const res = await this.http.request({
          method: req.method,
          url,
          ...(req.query ? { params: req.query } : {}),
          ...(req.body !== undefined ? { data: req.body } : {}),
          headers: {
            ...(req.body !== undefined ? { "content-type": "application/json" } : {}),
            ...req.headers,
          },
          msteams: meta,
          signal: this.cancelled.signal,
        });
        return {
          status: res.status,
          data: res.data as T,
          headers: plainHeaders(res),
          requestId: headerOf(res, "request-id"),
          receivedMono: performance.now(),
        };
      } catch (e) {
        // No token, so this attempt was not sent: report the identity platform's reason, not a network error.
        if (isNamedError<CredentialError>(e, "CredentialError")) throw e;
        if (isNamedError<EngineGoneError>(e, "EngineGoneError")) throw e;
        if (this.cancelled.signal.aborted)
          throw new CancelledError(`${req.method} ${req.path} aborted: the operation was cancelled`);
        const ax = e as AxiosError;
        // An expired or revoked token: get a fresh one once, then give up.
        if (ax.response?.status === 401 && !meta.retriedAuth) {
          meta.retriedAuth = true;
          this.tokens.invalidate();
          continue;
        }
        throw toGraphError(ax, req, meta);
      }
    }
  }

  private async authorize(config: InternalAxiosRequestConfig): Promise<InternalAxiosRequestConfig> {
    // Runs inside axios: a throw here fails the request before it is sent (axios-retry ignores it: no config).
    // Every request passes here, a JSON batch too: after cancel() none leaves.
    if (this.cancelled.signal.aborted)
      throw new CancelledError(
        `${config.method?.toUpperCase()} ${config.url} not sent: the operation was cancelled`,
      );
    const t = await this.token();
    if (this.pacer && config.msteams?.paced) await pace(this.pacer, config.msteams.paced, t);
    // Every attempt, retries and batches included, is sent only while the engine that would record its
    // answer lives (checked after any wait for pacing).
    assertEngineAlive(`${config.method?.toUpperCase()} ${config.url ?? ""}`);
    config.headers.set("authorization", `Bearer ${t.token}`);
    config.headers.set("client-request-id", config.msteams?.clientRequestId ?? randomUUID());
    if (process.env["MSTEAMS_DEBUG"]) {
      console.error(`[msteams] ${config.method?.toUpperCase()} ${config.baseURL ?? ""}${config.url ?? ""}`);
    }
    return config;
  }

  private credentialError(e: unknown): CredentialError {
    if (isNamedError<CredentialError>(e, "CredentialError")) return e;
    let reason = messageOf(e);
    for (const s of this.secrets) reason = reason.split(s).join("***");
    return new CredentialError(`cannot get a token for Microsoft Graph: ${reason}`);
  }
}

function headerOf(res: AxiosResponse | undefined, name: string): string | undefined {
  const v = res?.headers?.[name];
  return v === undefined || v === null ? undefined : String(v);
}

function plainHeaders(res: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {}))
    if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  return out;
}

interface GraphErrorBody {
  error?: {
    code?: string;
    message?: string;
    innerError?: { "request-id"?: string };
    innererror?: { "request-id"?: string };
  };
}

/** The GraphError of a batch item's answer: the one toGraphError makes of the same answer to a lone read. */
function answerError(req: GraphRequest, clientRequestId: string, a: BatchAnswer): GraphError {
  const res = { status: a.status, data: a.body, headers: a.headers ?? {} };
  return toGraphError({ response: res } as AxiosError, req, { idempotent: true, clientRequestId });
}

/** Converts a transport failure to a GraphError that carries no header, body or config of the request. */
function toGraphError(e: AxiosError, req: GraphRequest, meta: Meta): GraphError {
  const base = { method: req.method, path: req.path, clientRequestId: meta.clientRequestId };
  const res = e.response;
  if (!res) {
    const timeout = e.code === "ECONNABORTED" || e.code === "ETIMEDOUT";
    return new GraphError({
      ...base,
      status: 0,
      code: timeout ? "Timeout" : (e.code ?? "NetworkError"),
      message: timeout ? "no answer in time" : `connection failed (${e.code ?? "unknown"})`,
      // The request may have reached Graph before the connection broke.
      ambiguous: !meta.idempotent,
    });
  }
  const body = (typeof res.data === "object" && res.data !== null ? res.data : {}) as GraphErrorBody;
  const inner = body.error?.innerError ?? body.error?.innererror;
  return new GraphError({
    ...base,
    status: res.status,
    code: body.error?.code ?? `Http${res.status}`,
    message:
      body.error?.message ?? (typeof res.data === "string" && res.data ? res.data : "no error details"),
    requestId: headerOf(res, "request-id") ?? inner?.["request-id"],
    ambiguous: !meta.idempotent && res.status >= 500,
  });
}
