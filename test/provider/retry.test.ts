// The Graph client's retry policy against injected faults: throttled and transient failures are retried
// (honouring Retry-After). What happens to a POST whose outcome is unknown is in chat-reconcile.test.ts.
import { describe, expect, it } from "vitest";
import { call, graphRequests, useProviderEmulator } from "../support/provider";
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
    expect(graphRequests(emulator()).map((x) => `${x.method} ${x.status}`)).toEqual(["POST 429", "POST 201"]);
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
});
