// Reads that arrive together go to Graph as one JSON batch: during a refresh the engine calls read for
// several resources at once (its parallelism) in this one provider process, and each read is a GET.
// https://learn.microsoft.com/graph/json-batching: `POST /{version}/$batch` with up to 20 requests, each
// answered with its own status, headers and body, and each throttled as if it had been sent alone.
//
// Each read's answer is handed back exactly as if it had been sent alone: the same GraphResponse, or
// the same GraphError (the client builds both), an item answered 429 or with a transient error is sent
// again after its Retry-After (in a later batch), and each item is paced to Teams' limits on its own. A
// GET comes here only when a resource's `read` sends it (inRead); every other request goes as before.
//
// When to send (docs/scale.md, "Batched reads"). The engine runs as many reads at once as its parallelism,
// learnt here as the most reads seen running at once; when a batch is answered it writes its whole state
// file once per read (one write at a time) and starts each slot's next read after that slot's write, so the
// next reads trickle in one per checkpoint, and a checkpoint takes longer as the state grows and the
// machine gets busier. So the waiting reads go:
// - as soon as as many wait as the engine runs at once, once that number has not grown for GATHER_MS (the
//   engine starts its first reads a few milliseconds apart), or at once when MAX_BATCH wait;
// - else, while a batch (or a lone GET) is out, not before its answer: the answer lets the engine start
//   the reads that fill the next batch, so a batch cut short rejoins the others instead of staying apart;
// - else once nothing has come (no read, no answer) for the quiet window: QUIET_FACTOR times the longest
//   of the latest gaps between reads, within MIN_QUIET_MS and MAX_QUIET_MS. The end of a refresh waits
//   that once.
// No read waits more than MAX_WAIT_MS. What was learnt is forgotten after FORGET_MS with no read running:
// a lone read then waits at most GATHER_MS (right after a refresh, at most the quiet window). A batch of
// one is sent as a plain GET.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { AxiosError, AxiosInstance } from "axios";
import type { TokenInfo } from "../auth";
import type { GraphRequest, GraphResponse } from "./client";
import { GraphError, isGraphError } from "./errors";
import { bucketsOf, type Sender } from "./limits";
import { type Pacer, senderOf } from "./pacing";
import { retryAfterMs, retryDelayMs, shouldRetry } from "./retry";

/** Graph's limit of requests per batch. */
export const MAX_BATCH = 20;
/** While more reads than ever start at once (the engine's first reads), how long after the latest the waiting go. */
export const GATHER_MS = 25;
/** The quiet window: this many times the longest recent gap between reads, within these bounds. */
export const QUIET_FACTOR = 4;
export const MIN_QUIET_MS = 500;
export const MAX_QUIET_MS = 2000;
/** How many of the latest gaps between reads the quiet window looks at. */
export const GAP_SAMPLES = 32;
/** After this long with no read running, what was learnt of the engine's reads is forgotten. */
export const FORGET_MS = 2 * MAX_QUIET_MS;
/** The most any read waits for company. */
export const MAX_WAIT_MS = 10_000;

/** What the reads of this process show of the engine: how many it runs at once, and how far apart they come. */
class ReadStream {
  /** Reads running now, and the most seen running at once. */
  running = 0;
  most = 0;
  /** When `most` last grew, when a read's GET or answer last came, when a GET last came, when no read last ran. */
  lastRaise = Number.NEGATIVE_INFINITY;
  lastEvent = Number.NEGATIVE_INFINITY;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private idleSince = Number.NEGATIVE_INFINITY;
  /** The latest gaps between a read's GET and the one before it. */
  private gaps: number[] = [];

  started(now: number): void {
    if (this.running === 0 && now - this.idleSince > FORGET_MS) {
      this.most = 0;
      this.gaps = [];
      this.lastEvent = Number.NEGATIVE_INFINITY;
      this.lastArrival = Number.NEGATIVE_INFINITY;
    }
    if (++this.running > this.most) {
      this.most = this.running;
      this.lastRaise = now;
    }
  }

  ended(now: number): void {
    if (--this.running === 0) this.idleSince = now;
  }

  /** A read's GET came. */
  arrived(now: number): void {
    const gap = now - this.lastArrival;
    if (gap < FORGET_MS) {
      this.gaps.push(gap);
      if (this.gaps.length > GAP_SAMPLES) this.gaps.shift();
    }
    this.lastArrival = now;
    this.lastEvent = now;
  }

  /** A GET's answer (alone or in a batch) came back. */
  answered(now: number): void {
    this.lastEvent = Math.max(this.lastEvent, now);
  }

  /** How long with nothing happening means no more reads are coming for now. */
  quiet(): number {
    const longest = this.gaps.length ? Math.max(...this.gaps) : 0;
    return Math.min(MAX_QUIET_MS, Math.max(MIN_QUIET_MS, QUIET_FACTOR * longest));
  }
}

const readScope = new AsyncLocalStorage<true>();
const reads = new ReadStream();

/** Runs a resource's `read`: the GETs it sends may go in a batch with those of the reads running beside it. */
export async function inRead<T>(read: () => Promise<T>): Promise<T> {
  reads.started(performance.now());
  try {
    return await readScope.run(true, read);
  } finally {
    reads.ended(performance.now());
  }
}

/** Whether the caller runs inside a resource's `read`. */
export const isInRead = (): boolean => readScope.getStore() === true;

/** One request inside a batch, as Graph takes it. */
export interface BatchItem {
  readonly id: string;
  readonly method: "GET";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** One answer inside the batch's answer. */
export interface BatchAnswer {
  readonly id: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What the batcher needs from the Graph client. */
export interface BatchTransport {
  /** Sends a request alone (the client's own path: paced unless `paced` says it already was, retried). */
  alone<T>(req: GraphRequest, paced: boolean): Promise<GraphResponse<T>>;
  /** Sends one batch (not paced itself: its items were); the answers and the batch answer's headers. */
  post(
    version: string,
    items: readonly BatchItem[],
  ): Promise<{ answers: readonly BatchAnswer[]; headers: Readonly<Record<string, string>> }>;
  /** Who the client sends as (from its token), for the per-user limits. */
  sender(): Promise<Sender>;
  /** 0 when `req` may leave now under Teams' limits (and it is then counted), else milliseconds to wait. */
  pace(req: GraphRequest, who: Sender): number;
  /** The error this answer would have been had the request been sent alone. */
  error(req: GraphRequest, clientRequestId: string, a: BatchAnswer): GraphError;
  /** A fresh token for the next attempt (an item answered 401). */
  invalidateToken(): void;
  readonly maxRetries: number;
}

interface Pending {
  readonly req: GraphRequest;
  readonly clientRequestId: string;
  /** When the read came (performance.now()). */
  readonly arrived: number;
  /** Not before this time: its pacing wait or Retry-After. */
  notBefore: number;
  retries: number;
  retriedAuth: boolean;
  resolve(r: GraphResponse<unknown>): void;
  reject(e: unknown): void;
}

export class ReadBatcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private due = Number.POSITIVE_INFINITY;
  private flushing = false;
  /** GETs sent (alone or in batches) and not yet answered. */
  private out = 0;

  constructor(private readonly transport: BatchTransport) {}

  get<T>(req: GraphRequest): Promise<GraphResponse<T>> {
    return new Promise<GraphResponse<unknown>>((resolve, reject) => {
      const now = performance.now();
      reads.arrived(now);
      this.pending.push({
        req,
        clientRequestId: randomUUID(),
        arrived: now,
        notBefore: 0,
        retries: 0,
        retriedAuth: false,
        resolve,
        reject,
      });
      this.consider();
    }) as Promise<GraphResponse<T>>;
  }

  /** When the reads that may leave now should leave: undefined when none may yet. */
  private dueAt(now: number): number | undefined {
    const ready = this.pending.filter((p) => p.notBefore <= now);
    if (ready.length === 0) return undefined;
    if (ready.length >= MAX_BATCH) return now;
    const oldest = Math.min(...ready.map((p) => p.arrived));
    const cap = oldest + MAX_WAIT_MS;
    // As many as the engine runs at once: no more can come (waiting ones count, paced or to be retried).
    if (this.pending.length >= Math.min(MAX_BATCH, Math.max(1, reads.most)))
      return Math.min(cap, reads.lastRaise + GATHER_MS);
    // Fewer: the answers of a batch out free the engine to start more; else wait for the quiet window.
    if (this.out > 0) return cap;
    return Math.min(cap, Math.max(reads.lastRaise + GATHER_MS, reads.lastEvent + reads.quiet()));
  }

  /** Schedules the next flush: when enough reads wait, the oldest has waited long enough, or a wait ends. */
  private consider(): void {
    if (this.pending.length === 0) return;
    const now = performance.now();
    const due = this.dueAt(now);
    const waits = this.pending.map((p) => p.notBefore).filter((t) => t > now);
    const at = Math.min(due ?? Number.POSITIVE_INFINITY, ...waits);
    this.schedule(Math.max(0, at - now));
  }

  /** Flushes in `ms` (or sooner, if a flush is already due sooner). */
  private schedule(ms: number): void {
    const at = performance.now() + ms;
    if (this.timer && at >= this.due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = Number.POSITIVE_INFINITY;
      void this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      let who: Sender;
      try {
        who = await this.transport.sender();
      } catch (e) {
        // No token: each read fails as it would have alone.
        for (const p of this.pending.splice(0)) p.reject(e);
        return;
      }
      // From here on nothing is awaited: what is pending is decided on at once.
      for (;;) {
        const now = performance.now();
        const due = this.dueAt(now);
        if (due === undefined || due > now) break;
        const ready = this.pending.filter((p) => p.notBefore <= now);
        if (ready.length === 1 && this.pending.length === 1) {
          // Alone: sent as it always was (paced and retried by the client).
          this.take(ready);
          this.sendAlone(ready[0]!, false);
          break;
        }
        const version = ready[0]!.req.version ?? "v1.0";
        const batch: Pending[] = [];
        for (const p of ready) {
          if (batch.length === MAX_BATCH) break;
          if ((p.req.version ?? "v1.0") !== version) continue;
          const wait = this.transport.pace(p.req, who);
          if (wait === 0) batch.push(p);
          else p.notBefore = now + wait;
        }
        this.take(batch);
        if (batch.length === 1) this.sendAlone(batch[0]!, true);
        else if (batch.length > 1) void this.sendBatch(version, batch);
      }
    } finally {
      this.flushing = false;
      this.consider();
    }
  }

  private take(items: readonly Pending[]): void {
    this.pending = this.pending.filter((p) => !items.includes(p));
  }

  private sendAlone(p: Pending, paced: boolean): void {
    this.out++;
    const answered = () => {
      this.out--;
      reads.answered(performance.now());
    };
    this.transport.alone(p.req, paced).then(
      (r) => {
        answered();
        p.resolve(r);
        this.consider();
      },
      (e: unknown) => {
        answered();
        p.reject(e);
        this.consider();
      },
    );
  }

  private async sendBatch(version: string, batch: readonly Pending[]): Promise<void> {
    const items = batch.map((p, i): BatchItem => itemOf(String(i + 1), p));
    let answers: readonly BatchAnswer[];
    let outer: Readonly<Record<string, string>>;
    this.out += batch.length;
    try {
      ({ answers, headers: outer } = await this.transport.post(version, items));
    } catch (e) {
      for (const p of batch) p.reject(asItemError(e, p));
      return;
    } finally {
      this.out -= batch.length;
      reads.answered(performance.now());
    }
    const receivedMono = performance.now();
    for (const [i, p] of batch.entries()) {
      const a = answers.find((x) => x.id === items[i]!.id);
      if (!a) {
        p.reject(
          new GraphError({
            status: 0,
            code: "BatchAnswerMissing",
            message: "the batch's answer has no answer for this request",
            clientRequestId: p.clientRequestId,
            method: p.req.method,
            path: p.req.path,
          }),
        );
        continue;
      }
      this.settle(p, a, outer, receivedMono);
    }
    this.consider();
  }

  /** Hands an item's answer back as its own, or queues it again when it would have been retried alone. */
  private settle(
    p: Pending,
    a: BatchAnswer,
    outer: Readonly<Record<string, string>>,
    receivedMono: number,
  ): void {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(a.headers ?? {})) headers[k.toLowerCase()] = String(v);
    // Graph's clock (graph/clock.ts): an item carries no Date of its own, the batch's answer does.
    if (headers["date"] === undefined && outer["date"] !== undefined) headers["date"] = outer["date"];
    const answer = { ...a, headers };
    if (a.status === 401 && !p.retriedAuth) {
      p.retriedAuth = true;
      this.transport.invalidateToken();
      this.requeue(p, 0);
      return;
    }
    if (a.status >= 400) {
      if (shouldRetry({ status: a.status, idempotent: true }) && p.retries < this.transport.maxRetries) {
        p.retries++;
        this.requeue(p, retryDelayMs(p.retries, retryAfterMs(headers["retry-after"])));
        return;
      }
      p.reject(this.transport.error(p.req, p.clientRequestId, answer));
      return;
    }
    p.resolve({
      status: a.status,
      data: a.body === undefined ? "" : a.body,
      headers,
      requestId: headers["request-id"],
      receivedMono,
    });
  }

  private requeue(p: Pending, delayMs: number): void {
    p.notBefore = performance.now() + delayMs;
    this.pending.push(p);
  }
}

/** The item for a request: its path and query below the version, its own client-request-id. */
function itemOf(id: string, p: Pending): BatchItem {
  const query = p.req.query ? new URLSearchParams(p.req.query).toString().replace(/%24/g, "$") : "";
  return {
    id,
    method: "GET",
    url: query ? `${p.req.path}?${query}` : p.req.path,
    headers: { ...p.req.headers, "client-request-id": p.clientRequestId },
  };
}

/** The batch's own failure, told as this item's (a request that never got an answer of its own). */
function asItemError(e: unknown, p: Pending): unknown {
  if (!isGraphError(e)) return e;
  return new GraphError(
    {
      status: e.status,
      code: e.code,
      message: `${e.detail} (the batch this read went in failed)`,
      requestId: e.requestId,
      clientRequestId: p.clientRequestId,
      method: p.req.method,
      path: p.req.path,
      ambiguous: false,
    },
    { cause: e },
  );
}

/** What the client hands the batcher: its transport, its ordinary send, its token and its pacing. */
export interface ClientParts {
  readonly http: AxiosInstance;
  alone<T>(req: GraphRequest, paced: boolean): Promise<GraphResponse<T>>;
  token(): Promise<Pick<TokenInfo, "kind" | "userId">>;
  invalidateToken(): void;
  /** Undefined when the client does not pace. */
  readonly pacer: Pacer | undefined;
  /** The client's own error for an answer (status, headers, body) to `req`. */
  toError(req: GraphRequest, clientRequestId: string, a: BatchAnswer): GraphError;
  readonly maxRetries: number;
}

/** The batcher's transport over the client's axios instance (auth and whole-batch retries included). */
export function batchTransport(c: ClientParts): BatchTransport {
  return {
    alone: (req, paced) => c.alone(req, paced),
    sender: async () => senderOf(await c.token()),
    pace: (req, who) => (c.pacer ? c.pacer.take(bucketsOf(req, who)) : 0),
    error: (req, id, a) => c.toError(req, id, a),
    invalidateToken: () => c.invalidateToken(),
    maxRetries: c.maxRetries,
    async post(version, items) {
      const clientRequestId = randomUUID();
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await c.http.request<{ responses?: BatchAnswer[] }>({
            method: "POST",
            url: `/${version}/$batch`,
            data: { requests: items },
            headers: { "content-type": "application/json" },
            // Only reads inside: repeating the batch repeats nothing (retried on 429, 5xx, lost answers).
            msteams: { idempotent: true, clientRequestId },
          });
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers ?? {}))
            if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
          return { answers: res.data?.responses ?? [], headers };
        } catch (e) {
          const ax = e as AxiosError;
          if (ax.response?.status === 401 && attempt === 1) {
            c.invalidateToken();
            continue;
          }
          if (!ax.isAxiosError) throw e;
          if (!ax.response) throw networkError(ax, clientRequestId);
          const headers = Object.fromEntries(
            Object.entries(ax.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
          );
          const answer = { id: "", status: ax.response.status, headers, body: ax.response.data };
          throw c.toError({ method: "POST", path: "/$batch" }, clientRequestId, answer);
        }
      }
    },
  };
}

function networkError(e: AxiosError, clientRequestId: string): GraphError {
  return new GraphError({
    status: 0,
    code: e.code ?? "NetworkError",
    message: `connection failed (${e.code ?? "unknown"})`,
    clientRequestId,
    method: "POST",
    path: "/$batch",
  });
}
