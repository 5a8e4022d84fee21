import { type IncomingHttpHeaders, type RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import express, { type Request, type Response } from "express";
import inject from "light-my-request";
import { BATCH_OF, requestLocals } from "../context";
import { failedDependency, invalidBatch } from "../errors";

/**
 * JSON batching, https://learn.microsoft.com/graph/json-batching: `POST /$batch` with up to 20 requests,
 * each run through the whole pipeline as if it had been sent alone (token, throttling and faults,
 * permissions, the routers, the error envelope) by injecting it into the emulator's own request handler
 * (light-my-request: no socket, no second port). Items without `dependsOn` run concurrently; an item with
 * one runs after it, or answers 424 when it failed. Answers come back in the order they finish, as Graph
 * allows ("in any order").
 */
export const MAX_BATCH = 20;

interface Item {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn?: string;
}

export interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];
// Headers of the transport, not of the answer: Graph's item headers carry none of them.
const HOP = new Set(["connection", "content-length", "date", "keep-alive", "transfer-encoding"]);

/** The router for `/$batch` under /v1.0 and /beta; `handler` is the emulator's whole request pipeline. */
export function batchRouter(handler: () => RequestListener): express.Router {
  const r = express.Router();
  r.post("/\\$batch", async (req: Request, res: Response) => {
    const items = parseBatch(req.body);
    const version = requestLocals(res).version!;
    const auth = req.headers.authorization;
    const batchId = requestLocals(res).requestId;
    // Items are requests to this same host: they pass the Host check the batch itself passed.
    const outer = { auth, host: req.headers.host };
    const run = (item: Item) => send(handler(), version, outer, batchId, item);
    const answers = await runInOrder(items, run);
    if (answers === "dropped") {
      req.socket.destroy(); // an item's answer was lost (a drop fault): so is the batch's, as on the wire
      return;
    }
    res.status(200).json({ responses: answers });
  });
  return r;
}

/** Runs each item once its dependency (if any) is done; a failed dependency makes a 424 instead. */
async function runInOrder(
  items: readonly Item[],
  run: (item: Item) => Promise<BatchAnswer | "dropped">,
): Promise<BatchAnswer[] | "dropped"> {
  const answers: BatchAnswer[] = [];
  const done = new Map<string, Promise<BatchAnswer | "dropped">>();
  const key = (id: string) => id.toLowerCase();
  const start = (item: Item): Promise<BatchAnswer | "dropped"> => {
    const known = done.get(key(item.id));
    if (known) return known;
    const dep =
      item.dependsOn === undefined ? undefined : items.find((i) => key(i.id) === key(item.dependsOn!))!;
    const p = (async () => {
      if (dep) {
        const before = await start(dep);
        if (before === "dropped") return before;
        if (before.status >= 400) return errorAnswer(item.id, failedDependency(item.id, dep.id));
      }
      return run(item);
    })().then((a) => {
      if (a !== "dropped") answers.push(a);
      return a;
    });
    done.set(key(item.id), p);
    return p;
  };
  const all = await Promise.all(items.map(start));
  return all.includes("dropped") ? "dropped" : answers;
}

/** One item, injected into the pipeline with the batch's token; its answer as Graph nests it. */
async function send(
  handler: RequestListener,
  version: string,
  outer: { auth: string | undefined; host: string | undefined },
  batchId: string,
  item: Item,
): Promise<BatchAnswer | "dropped"> {
  const headers: IncomingHttpHeaders = Object.fromEntries(
    Object.entries(item.headers).map(([k, v]) => [k.toLowerCase(), v]),
  );
  if (outer.auth) headers.authorization = outer.auth;
  if (outer.host) headers.host = outer.host;
  const dispatch: RequestListener = (req, res) => {
    pinMethods(req, Readable.prototype);
    pinMethods(res, ServerResponse.prototype);
    (req as unknown as Record<symbol, string>)[BATCH_OF] = batchId;
    // What a drop fault does to a real socket: the answer never arrives.
    req.socket.destroy = () => res.destroy() as never;
    handler(req, res);
  };
  try {
    const res = await inject(dispatch, {
      method: item.method,
      url: `/${version}/${item.url.replace(/^\//, "")}`,
      headers,
      ...(item.body !== undefined ? { payload: JSON.stringify(item.body) } : {}),
    });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (!HOP.has(k) && v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : String(v);
    return {
      id: item.id,
      status: res.statusCode,
      headers: out,
      ...(res.payload ? { body: isJson(out["content-type"]) ? res.json() : res.payload } : {}),
    };
  } catch (e) {
    if ((e as { code?: string }).code === "LIGHT_ECONNRESET") return "dropped";
    throw e;
  }
}

/**
 * Express swaps the prototype of every request and response for its own (which inherit from Node's), so
 * light-my-request's fake request and response would lose the methods that make them fake (`_read`,
 * `write`, `end`…): copy those onto the objects themselves first.
 */
function pinMethods(obj: object, stopAt: object): void {
  for (let p = Object.getPrototypeOf(obj); p && p !== stopAt; p = Object.getPrototypeOf(p))
    for (const k of Object.getOwnPropertyNames(p)) {
      const v = Object.getOwnPropertyDescriptor(p, k)?.value;
      if (k !== "constructor" && typeof v === "function" && !Object.hasOwn(obj, k))
        Object.defineProperty(obj, k, { value: v, writable: true, configurable: true });
    }
}

const isJson = (type: string | undefined) => !!type && /[/+]json\b/.test(type);

function errorAnswer(id: string, e: ReturnType<typeof failedDependency>): BatchAnswer {
  return {
    id,
    status: e.status,
    headers: { "content-type": "application/json" },
    body: { error: { code: e.code, message: e.message } },
  };
}

/** The batch body, checked as Graph documents it; any problem fails the whole batch with 400. */
export function parseBatch(raw: unknown): Item[] {
  const requests = (raw as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw invalidBatch("the body needs a 'requests' array.");
  if (requests.length === 0) throw invalidBatch("'requests' is empty.");
  if (requests.length > MAX_BATCH)
    throw invalidBatch(`at most ${MAX_BATCH} requests per batch; got ${requests.length}.`);
  const items = requests.map((r, i) => parseItem(r, i));
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id.toLowerCase()))
      throw invalidBatch(`the id '${item.id}' is used twice (ids must be unique).`);
    ids.add(item.id.toLowerCase());
  }
  for (const item of items) {
    if (item.dependsOn === undefined) continue;
    if (!ids.has(item.dependsOn.toLowerCase()))
      throw invalidBatch(`request '${item.id}' depends on '${item.dependsOn}', which is not in the batch.`);
    // One dependency each, so following them from any item either ends or comes back round.
    const seen = new Set<string>();
    for (let at: Item | undefined = item; at?.dependsOn !== undefined; ) {
      if (seen.has(at.id.toLowerCase()))
        throw invalidBatch(`request '${item.id}' depends on itself through dependsOn.`);
      seen.add(at.id.toLowerCase());
      const next: string = at.dependsOn.toLowerCase();
      at = items.find((i) => i.id.toLowerCase() === next);
    }
  }
  return items;
}

function parseItem(raw: unknown, i: number): Item {
  const at = `requests[${i}]`;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw invalidBatch(`${at} is not an object.`);
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r))
    if (!["id", "method", "url", "headers", "body", "dependsOn"].includes(k))
      throw invalidBatch(`${at} has '${k}'; an item has id, method, url, headers, body and dependsOn.`);
  if (typeof r["id"] !== "string" || r["id"] === "") throw invalidBatch(`${at} needs an id (a string).`);
  const method = typeof r["method"] === "string" ? r["method"].toUpperCase() : "";
  if (!METHODS.includes(method)) throw invalidBatch(`${at} needs a method (${METHODS.join(", ")}).`);
  const url = r["url"];
  if (typeof url !== "string" || url === "") throw invalidBatch(`${at} needs a url.`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//"))
    throw invalidBatch(`${at}.url must be relative to the version (e.g. /chats/{id}); got '${url}'.`);
  if (/^\/?(v1\.0|beta)\//.test(url))
    throw invalidBatch(`${at}.url must not repeat the version; got '${url}'.`);
  if (/^\/?\$batch\b/.test(url)) throw invalidBatch(`${at}: a batch cannot contain a batch.`);
  const headers = r["headers"] ?? {};
  if (typeof headers !== "object" || Array.isArray(headers) || !headers)
    throw invalidBatch(`${at}.headers must be an object of header names and values.`);
  for (const [k, v] of Object.entries(headers))
    if (typeof v !== "string") throw invalidBatch(`${at}.headers['${k}'] must be a string.`);
  const hs = headers as Record<string, string>;
  if (r["body"] !== undefined && !Object.keys(hs).some((k) => k.toLowerCase() === "content-type"))
    throw invalidBatch(`${at} has a body, so its headers need a Content-Type.`);
  const dependsOn = r["dependsOn"];
  if (
    dependsOn !== undefined &&
    !(Array.isArray(dependsOn) && dependsOn.length === 1 && typeof dependsOn[0] === "string")
  )
    throw invalidBatch(`${at}.dependsOn must name exactly one request id (as a one-element array).`);
  return {
    id: r["id"],
    method,
    url,
    headers: hs,
    ...(r["body"] !== undefined ? { body: r["body"] } : {}),
    ...(dependsOn !== undefined ? { dependsOn: (dependsOn as string[])[0]! } : {}),
  };
}
