// JSON batching over raw HTTP, https://learn.microsoft.com/graph/json-batching: the envelope, per-item
// status, headers and body, dependsOn and 424, and each item going through the same pipeline as if sent
// alone (token, permissions, throttling, faults).
import { describe, expect, it } from "vitest";
import { chatPath, expectGraphError, newGroupChat, USERS, useEmulator } from "./helpers";

const { emu, raw } = useEmulator();

type Answer = { id: string; status: number; headers: Record<string, string>; body?: any };
const batch = async (
  requests: unknown[],
  who: Parameters<ReturnType<typeof raw>["call"]>[3] = "app",
  version = "",
) => raw().call("POST", `${version}/$batch`, { requests }, who);
const byId = (r: { json: Record<string, any> }) =>
  Object.fromEntries((r.json["responses"] as Answer[]).map((a) => [a.id, a])) as Record<string, Answer>;

describe("POST /$batch", () => {
  it("answers each request by id with its status, headers and body; one HTTP request, each item logged", async () => {
    const id = await newGroupChat(raw());
    emu().clearRequests();
    const r = await batch([
      { id: "chat", method: "GET", url: chatPath(id) },
      { id: "members", method: "GET", url: `chats/${id}/members` }, // relative without the slash works too
      { id: "nobody", method: "GET", url: "/users/nobody@contoso.com" },
    ]);
    expect(r.status).toBe(200);
    expect(r.json["responses"]).toHaveLength(3);
    const a = byId(r);
    expect(a["chat"]).toMatchObject({ status: 200, body: { id, chatType: "group" } });
    expect(a["chat"]!.headers["content-type"]).toMatch(/^application\/json/);
    expect(a["chat"]!.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(a["members"]!.body.value).toHaveLength(3);
    expect(a["nobody"]).toMatchObject({ status: 404, body: { error: { code: "Request_ResourceNotFound" } } });
    const log = emu().requests();
    expect(log.filter((e) => e.kind === "graph").map((e) => `${e.method} ${e.path}`)).toEqual([
      "POST /v1.0/$batch",
    ]);
    const items = log.filter((e) => e.kind === "batchItem");
    expect(items.map((e) => e.path).sort()).toEqual(
      [`/v1.0${chatPath(id)}`, `/v1.0/chats/${id}/members`, "/v1.0/users/nobody@contoso.com"].sort(),
    );
    expect(new Set(items.map((e) => e.batch))).toEqual(new Set([r.headers.get("request-id")]));
  });

  it("under /beta the items are beta requests", async () => {
    const id = await newGroupChat(raw());
    const a = byId(await batch([{ id: "1", method: "GET", url: chatPath(id) }], "app", "/beta"));
    expect(a["1"]!.body["@odata.context"]).toMatch(/\/beta\/\$metadata#chats/);
  });

  it("a body with a Content-Type header is sent; dependsOn runs the dependent after its dependency", async () => {
    const id = await newGroupChat(raw());
    const a = byId(
      await batch([
        { id: "read", method: "GET", url: chatPath(id), dependsOn: ["rename"] },
        {
          id: "rename",
          method: "PATCH",
          url: chatPath(id),
          headers: { "Content-Type": "application/json" },
          body: { topic: "Renamed in a batch" },
        },
      ]),
    );
    expect(a["rename"]!.status).toBe(200);
    expect(a["read"]).toMatchObject({ status: 200, body: { topic: "Renamed in a batch" } });
  });

  it("a failed dependency answers 424 for its dependents, down the chain; independent items still run", async () => {
    const id = await newGroupChat(raw());
    const a = byId(
      await batch([
        { id: "1", method: "GET", url: "/chats/19:missing@thread.v2" },
        { id: "2", method: "GET", url: chatPath(id), dependsOn: ["1"] },
        { id: "3", method: "GET", url: chatPath(id), dependsOn: ["2"] },
        { id: "4", method: "GET", url: `/users/${USERS.adele}` },
      ]),
    );
    expect(a["1"]!.status).toBe(404);
    expect(a["2"]).toMatchObject({ status: 424, body: { error: { code: "FailedDependency" } } });
    expect(a["2"]!.body.error.message).toMatch(/depends on \('1'\) failed/);
    expect(a["3"]!.status).toBe(424);
    expect(a["4"]!.status).toBe(200);
    expect(
      emu()
        .requests()
        .filter((e) => e.kind === "batchItem"),
    ).toHaveLength(2); // 2 and 3 never ran
  });

  it("each item is authorized as if sent alone: the batch's token, the item's permission", async () => {
    const id = await newGroupChat(raw());
    const a = byId(
      await batch(
        [
          { id: "read", method: "GET", url: chatPath(id) },
          {
            id: "post",
            method: "POST",
            url: `/chats/${id}/messages`,
            headers: { "content-type": "application/json" },
            body: { body: { content: "hi" } },
          },
        ],
        "limited",
      ),
    );
    expect(a["read"]!.status).toBe(200);
    expect(a["post"]).toMatchObject({ status: 403, body: { error: { code: "Forbidden" } } });
    const noToken = await fetch(`${emu().url}/v1.0/$batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ requests: [{ id: "1", method: "GET", url: chatPath(id) }] }),
    });
    expect(noToken.status).toBe(401);
  });

  it("each item is throttled as if sent alone: a 429 item carries its own Retry-After", async () => {
    const id = await newGroupChat(raw());
    emu().configure({ throttle: "realistic" });
    const r = await batch([
      { id: "1", method: "GET", url: chatPath(id) },
      { id: "2", method: "GET", url: `/chats/${id}/members` },
    ]);
    expect(r.status).toBe(200);
    const statuses = (r.json["responses"] as Answer[]).map((x) => x.status).sort();
    expect(statuses).toEqual([200, 429]);
    const throttled = (r.json["responses"] as Answer[]).find((x) => x.status === 429)!;
    expect(throttled.headers["retry-after"]).toBe("1");
    expect(throttled.body.error.message).toMatch(/per app per tenant per chat/);
  });

  it("faults hit items as if sent alone; a dropped item's answer loses the batch's", async () => {
    const id = await newGroupChat(raw());
    emu().faults.add({ kind: "status", status: 503, path: "/members$", retryAfterSeconds: 2 });
    const a = byId(
      await batch([
        { id: "1", method: "GET", url: chatPath(id) },
        { id: "2", method: "GET", url: `/chats/${id}/members` },
      ]),
    );
    expect(a["1"]!.status).toBe(200);
    expect(a["2"]).toMatchObject({ status: 503, headers: { "retry-after": "2" } });
    emu().faults.add({ kind: "drop", path: "/members$" });
    await expect(batch([{ id: "1", method: "GET", url: `/chats/${id}/members` }])).rejects.toThrow();
  });

  it.each<[string, unknown, RegExp]>([
    ["no requests array", { value: [] }, /needs a 'requests' array/],
    ["an empty batch", { requests: [] }, /'requests' is empty/],
    [
      "21 requests",
      { requests: Array.from({ length: 21 }, (_, i) => ({ id: `${i}`, method: "GET", url: "/users/x" })) },
      /at most 20 requests per batch; got 21/,
    ],
    [
      "the same id twice (ids are not case-sensitive)",
      {
        requests: [
          { id: "a", method: "GET", url: "/users/x" },
          { id: "A", method: "GET", url: "/users/y" },
        ],
      },
      /the id 'A' is used twice/,
    ],
    ["no id", { requests: [{ method: "GET", url: "/users/x" }] }, /requests\[0\] needs an id/],
    ["an unknown method", { requests: [{ id: "1", method: "HEAD", url: "/users/x" }] }, /needs a method/],
    [
      "an absolute url",
      { requests: [{ id: "1", method: "GET", url: "https://graph.microsoft.com/v1.0/users/x" }] },
      /must be relative/,
    ],
    [
      "a body without headers",
      { requests: [{ id: "1", method: "POST", url: "/chats", body: { chatType: "group" } }] },
      /has a body, so its headers need a Content-Type/,
    ],
    [
      "two dependencies",
      {
        requests: [
          { id: "1", method: "GET", url: "/users/x" },
          { id: "2", method: "GET", url: "/users/x" },
          { id: "3", method: "GET", url: "/users/x", dependsOn: ["1", "2"] },
        ],
      },
      /dependsOn must name exactly one request id/,
    ],
    [
      "a dependency not in the batch",
      { requests: [{ id: "1", method: "GET", url: "/users/x", dependsOn: ["9"] }] },
      /depends on '9', which is not in the batch/,
    ],
    [
      "a cycle",
      {
        requests: [
          { id: "1", method: "GET", url: "/users/x", dependsOn: ["2"] },
          { id: "2", method: "GET", url: "/users/x", dependsOn: ["1"] },
        ],
      },
      /depends on itself through dependsOn/,
    ],
    [
      "a batch in a batch",
      { requests: [{ id: "1", method: "POST", url: "/$batch" }] },
      /cannot contain a batch/,
    ],
  ])("%s → 400 BadRequest for the whole batch, nothing run", async (_name, body, message) => {
    const r = await raw().call("POST", "/$batch", body);
    expectGraphError(r, 400, "BadRequest", message);
    expect(
      emu()
        .requests()
        .filter((e) => e.kind === "batchItem"),
    ).toEqual([]);
  });
});
