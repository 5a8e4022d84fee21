// Reads that arrive together go to the emulator as one JSON batch (https://learn.microsoft.com/graph/json-batching),
// and each comes back exactly as it would have alone: status, headers, body, the same GraphError, and a
// throttled item sent again after its Retry-After. A read with no company is sent as a plain GET.
import { describe, expect, it } from "vitest";
import { inRead } from "../../provider/graph/batch";
import type { GraphRequest, GraphResponse } from "../../provider/graph/client";
import { type GraphError, isGraphError } from "../../provider/graph/errors";
import * as runtime from "../../provider/runtime";
import { pool } from "../support/pool";
import { call, configureProvider, useProviderEmulator } from "../support/provider";
import { USERS } from "../support/tenant";

const emulator = useProviderEmulator();
const PROVIDER = { __provider: "x" };
const send = (req: GraphRequest) => runtime.context().client.send<Record<string, unknown>>(req);
/** A GET as a resource's read sends it (refresh): it may share a batch with the reads beside it. */
const read = (req: GraphRequest) => inRead(() => send(req));
const getChat = (id: string): GraphRequest => ({
  method: "GET",
  path: `/chats/${encodeURIComponent(id)}`,
  query: { $expand: "members" },
});
const http = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "graph")
    .map((r) => `${r.method} ${r.path.split("?")[0]}`);
const items = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "batchItem");

async function chats(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await call<{ id: string }>("create", {
      chatType: "group",
      topic: `Batch ${i}`,
      members: [USERS.adele, USERS.u82fe].map((user) => ({ user, roles: ["owner"] })),
      ...PROVIDER,
    });
    ids.push(r.id);
  }
  emulator().clearRequests();
  return ids;
}

/** What a caller can see of an answer, less what differs between any two answers (ids, arrival). */
const visible = (r: GraphResponse<unknown>) => ({
  status: r.status,
  data: r.data,
  contentType: r.headers["content-type"],
  hasRequestId: typeof r.requestId === "string" && r.requestId.length > 0,
  hasDate: !Number.isNaN(Date.parse(r.headers["date"] ?? "")),
});
const failure = (e: GraphError) => ({
  name: e.name,
  status: e.status,
  code: e.code,
  detail: e.detail,
  method: e.method,
  path: e.path,
  ambiguous: e.ambiguous,
  hasRequestId: !!e.requestId,
});
const rejection = async (p: Promise<unknown>): Promise<GraphError> => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!isGraphError(e)) throw new Error(`expected a GraphError, got ${String(e)}`);
  return e;
};

describe("batched reads", () => {
  it("eight reads at once are one POST /$batch; each answer is the one it gets alone", async () => {
    const ids = await chats(8);
    const together = await Promise.all(ids.map((id) => read(getChat(id))));
    expect(http()).toEqual(["POST /v1.0/$batch"]);
    expect(items()).toHaveLength(8);
    emulator().clearRequests();
    for (const [i, id] of ids.entries()) {
      const alone = await send(getChat(id));
      expect(visible(together[i]!)).toEqual(visible(alone));
    }
    // Sent outside a resource's read, each is a plain GET.
    expect(http()).toEqual(ids.map((id) => `GET /v1.0/chats/${encodeURIComponent(id)}`));
  });

  it("reads that start one by one are gathered until as many wait as ran at once", async () => {
    const ids = await chats(16);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // A first wave of 8 at once, then 8 more that start 40 ms apart (an engine writing state between steps).
    await Promise.all(ids.slice(0, 8).map((id) => read(getChat(id))));
    await Promise.all(
      ids.slice(8).map(async (id, i) => {
        await sleep(40 * i);
        return read(getChat(id));
      }),
    );
    expect(http()).toEqual(["POST /v1.0/$batch", "POST /v1.0/$batch"]);
    expect(items()).toHaveLength(16);
  });

  it("a read alone is a plain GET", async () => {
    // Reads ran in this process before (the tests above): it waits for company, then goes alone.
    const [id] = await chats(1);
    await read(getChat(id!));
    expect(http()).toEqual([`GET /v1.0/chats/${encodeURIComponent(id!)}`]);
  });

  it("a failed item is the same GraphError as alone, and the other items still succeed", async () => {
    const [id] = await chats(1);
    const missing = getChat("19:gone@thread.v2");
    const [ok, gone] = await Promise.allSettled([read(getChat(id!)), read(missing)]);
    expect(http()).toEqual(["POST /v1.0/$batch"]);
    expect(ok.status).toBe("fulfilled");
    expect(gone.status).toBe("rejected");
    const batched = (gone as PromiseRejectedResult).reason as GraphError;
    const alone = await rejection(send(missing));
    expect(failure(batched)).toEqual(failure(alone));
    expect(batched.status).toBe(404);
  });

  it("keeps each read's version and headers: beta reads go in a beta batch", async () => {
    const ids = await chats(2);
    const beta = (id: string): GraphRequest => ({
      method: "GET",
      path: `/chats/${encodeURIComponent(id)}`,
      version: "beta",
      headers: { prefer: "include-unknown-enum-members" },
    });
    const answers = await Promise.all(ids.map((id) => read(beta(id))));
    expect(http()).toEqual(["POST /beta/$batch"]);
    for (const a of answers) expect(String(a.data["@odata.context"])).toMatch(/\/beta\/\$metadata#chats/);
    expect(items().map((r) => r.path.split("?")[0]!.startsWith("/beta/chats/"))).toEqual([true, true]);
  });

  it("an item answered 429 is sent again after its Retry-After, in a later batch", async () => {
    const ids = await chats(8);
    emulator().configure({ throttle: { perAppPerSecond: 5, retryAfterSeconds: 1 } });
    const t = Date.now();
    const answers = await Promise.all(ids.map((id) => read(getChat(id))));
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.map((a) => (a.data as { id: string }).id)).toEqual(ids);
    expect(http()).toEqual(["POST /v1.0/$batch", "POST /v1.0/$batch"]);
    expect(
      items()
        .map((r) => r.status)
        .sort(),
    ).toEqual([...Array(8).fill(200), ...Array(3).fill(429)]);
  });

  it("an item still throttled after the retries fails as alone: 429 TooManyRequests", async () => {
    const ids = await chats(3);
    configureProvider(emulator(), { kind: "app" }, { "msteams:maxRetries": "0" });
    emulator().configure({ throttle: { perAppPerSecond: 2, retryAfterSeconds: 1 } });
    const settled = await Promise.allSettled(ids.map((id) => read(getChat(id))));
    const failed = settled.filter((s) => s.status === "rejected").map((s) => s.reason as GraphError);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ name: "GraphError", status: 429, code: "TooManyRequests" });
    expect(http()).toEqual(["POST /v1.0/$batch"]);
  });

  it("writes, and reads outside a resource's read (up, update, polls), are never batched", async () => {
    const ids = await chats(2);
    await Promise.all(
      ids.map((id) =>
        inRead(() =>
          send({ method: "PATCH", path: `/chats/${encodeURIComponent(id)}`, body: { topic: "New" } }),
        ),
      ),
    );
    await Promise.all(ids.map((id) => send(getChat(id))));
    expect(http().sort()).toEqual(
      ids
        .flatMap((id) => [
          `PATCH /v1.0/chats/${encodeURIComponent(id)}`,
          `GET /v1.0/chats/${encodeURIComponent(id)}`,
        ])
        .sort(),
    );
  });

  it("a refresh of 20 resources, read 8 at a time as the engine does, takes ⌈20/8⌉ + 1 requests at most", async () => {
    const ids = await chats(10);
    const messages: { id: string; outs: Record<string, unknown> }[] = [];
    configureProvider(emulator(), { kind: "user", username: "adele@contoso.com" });
    for (const chatId of ids)
      messages.push(
        await runtime
          .dispatch("ChatMessage", "create", [{ chatId, body: { content: "hi" }, ...PROVIDER }])
          .then((r) => r as { id: string; outs: Record<string, unknown> }),
      );
    const chatsState = await Promise.all(
      ids.map((id) => call<{ outs: object }>("read", id, { ...PROVIDER })),
    );
    emulator().clearRequests();
    const reads: (() => Promise<unknown>)[] = [
      ...ids.map((id, i) => () => call("read", id, { ...chatsState[i]!.outs, ...PROVIDER })),
      ...messages.map(
        (m) => () => runtime.dispatch("ChatMessage", "read", [m.id, { ...m.outs, ...PROVIDER }]),
      ),
    ];
    await pool(8, reads);
    expect(http().length).toBeLessThanOrEqual(Math.ceil(20 / 8) + 1);
    expect(items()).toHaveLength(20);
  });
});
