// The Graph client's retry policy against injected faults: throttled and transient failures are retried
// (honouring Retry-After), a POST whose outcome is unknown is not blindly repeated.
import { describe, expect, it } from "vitest";
import { call, configureProvider, graphRequests, useProviderEmulator } from "../support/provider";
import { USERS } from "../support/tenant";

const PROVIDER = { __provider: "x" };
const group = {
  chatType: "group",
  topic: "Retry",
  members: [USERS.u8c0a, USERS.u82fe].map((user) => ({ user, roles: ["owner"] })),
  ...PROVIDER,
};
const emulator = useProviderEmulator();

describe("retries", () => {
  it("a 429 with Retry-After on a POST is retried after the wait, once, and succeeds", async () => {
    emulator().faults.add({
      method: "POST",
      path: "^/chats$",
      kind: "status",
      status: 429,
      retryAfterSeconds: 1,
    });
    const t = Date.now();
    const r = await call<{ id: string }>("create", group);
    expect(Date.now() - t).toBeGreaterThanOrEqual(950);
    expect(graphRequests(emulator()).map((x) => `${x.method} ${x.status}`)).toEqual([
      "POST 429",
      "POST 201",
      "GET 200",
    ]);
    expect(r.id).toMatch(/@thread\.v2$/);
  });

  it("transient 503/504 on idempotent requests are retried with backoff", async () => {
    const { id, outs } = await call<{ id: string; outs: object }>("create", group);
    emulator().clearRequests();
    emulator().faults.add({ method: "PATCH", kind: "status", status: 503, times: 2 });
    await call("update", id, { ...outs, ...PROVIDER }, { ...group, topic: "Retried" });
    expect(
      graphRequests(emulator())
        .filter((x) => x.method === "PATCH")
        .map((x) => x.status),
    ).toEqual([503, 503, 200]);
  });

  it("a 503 on a group-chat POST is not blindly repeated: the member's chats are searched first", async () => {
    configureProvider(emulator(), { kind: "app" }, { "msteams:chatListSettleSeconds": "0" });
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "status", status: 503 });
    const r = await call<{ id: string }>("create", group);
    expect(graphRequests(emulator()).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual([
      "POST /v1.0/chats 503",
      `GET /v1.0/users/${USERS.u8c0a}/chats 200`,
      "POST /v1.0/chats 201",
      `GET /v1.0/chats/${encodeURIComponent(r.id)} 200`,
    ]);
    expect(emulator().store.state.chats.map((c) => c.id)).toEqual([r.id]);
  });

  it("a one-on-one POST is safe to repeat (Graph returns the existing chat), so a dropped one is retried", async () => {
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "commitThenDrop" });
    const r = await call<{ id: string; outs: { adopted: boolean } }>("create", {
      chatType: "oneOnOne",
      members: [USERS.adele, USERS.u82af].map((user) => ({ user, roles: ["owner"] })),
      ...PROVIDER,
    });
    expect(
      graphRequests(emulator())
        .filter((x) => x.method === "POST")
        .map((x) => x.status),
    ).toEqual([0, 201]);
    expect(emulator().store.state.chats.filter((c) => c.id === r.id)).toHaveLength(1);
  });
});
