import { describe, expect, it } from "vitest";
import {
  APP,
  chatPath,
  counter,
  expectGraphError,
  groupBody,
  newGroupChat,
  Raw,
  sleep,
  USERS,
  useEmulator,
} from "./helpers";

const { emu, raw } = useEmulator();
const nextTopic = counter("Fault topic");
const inspect = (method: string, path: string, body?: unknown) =>
  fetch(`${emu().url}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${emu().adminToken}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

describe("fault injection (off by default)", () => {
  it("status: that status in Graph's envelope, with Retry-After, `times` requests, then normal again", async () => {
    emu().faults.add({
      method: "GET",
      path: "^/users/",
      kind: "status",
      status: 503,
      retryAfterSeconds: 2,
      times: 2,
    });
    for (const _ of [1, 2]) {
      const r = await raw().call("GET", `/users/${USERS.adele}`);
      expectGraphError(r, 503, "ServiceUnavailable", /Injected fault \(status 503\)/);
      expect(r.headers.get("retry-after")).toBe("2");
    }
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200);
  });

  it("rules match method and path (regex on the path without /v1.0 or /beta)", async () => {
    emu().faults.add({ method: "POST", path: "^/chats$", kind: "status", status: 500 });
    expect((await raw().call("GET", `/beta/users/${USERS.adele}`)).status).toBe(200);
    expect((await raw().call("POST", "/beta/chats", groupBody({ topic: nextTopic() }))).status).toBe(500);
  });

  it("latency delays the answer", async () => {
    emu().faults.add({ kind: "latency", ms: 150, path: "^/users/" });
    const t = Date.now();
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it("drop: the connection closes and nothing changes; logged with status 0", async () => {
    await raw().token();
    emu().faults.add({ method: "POST", path: "^/chats$", kind: "drop" });
    await expect(raw().call("POST", "/chats", groupBody({ topic: nextTopic() }))).rejects.toThrow();
    expect(emu().store.state.chats).toHaveLength(0);
    await sleep(10);
    expect(emu().requests().at(-1)).toMatchObject({ method: "POST", path: "/v1.0/chats", status: 0 });
  });

  it("commitThenDrop: the chat is created but the answer is lost", async () => {
    await raw().token();
    emu().faults.add({ method: "POST", path: "^/chats$", kind: "commitThenDrop" });
    await expect(raw().call("POST", "/chats", groupBody({ topic: nextTopic() }))).rejects.toThrow();
    expect(emu().store.state.chats).toHaveLength(1);
    await sleep(10);
    expect(
      emu()
        .requests()
        .find((r) => r.path === "/v1.0/chats")?.status,
    ).toBe(0);
  });

  it("chance: a seeded share of requests fails, the same requests for the same seed; times caps it", async () => {
    const statuses = async (seed: number) => {
      emu().faults.clear();
      emu().faults.add({ kind: "chance", rate: 0.3, seed, mix: [{ kind: "status", status: 503 }] });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await raw().call("GET", `/users/${USERS.adele}`)).status);
      return out;
    };
    const first = await statuses(7);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(3);
    expect(failed).toBeLessThan(25);
    expect(first.every((s) => s === 200 || s === 503)).toBe(true);
    expect(await statuses(7)).toEqual(first);
    expect(await statuses(8)).not.toEqual(first);
    emu().faults.clear();
    emu().faults.add({ kind: "chance", rate: 1, times: 2, mix: [{ kind: "status", status: 500 }] });
    const capped: number[] = [];
    for (let i = 0; i < 4; i++) capped.push((await raw().call("GET", `/users/${USERS.adele}`)).status);
    expect(capped).toEqual([500, 500, 200, 200]);
  });

  it("chance with the default mix: 503s, 429s with Retry-After, drops and commits whose answer is a 503", async () => {
    await raw().token();
    emu().faults.add({ kind: "chance", rate: 1, seed: 3, method: "POST", path: "^/chats$" });
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const r = await raw()
        .call("POST", "/chats", groupBody({ topic: nextTopic() }))
        .catch(() => undefined);
      seen.add(r ? r.status : 0);
      if (r?.status === 429) expect(r.headers.get("retry-after")).toBe("1");
    }
    expect([...seen].sort()).toEqual([0, 429, 503]);
    // Only the commit-then-503 faults made chats: each 503 either committed or not, never a 2xx answer.
    const committed = emu().store.state.chats.length;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(40);
  });

  it("faults.clear() removes the rules", async () => {
    emu().faults.add({ kind: "status", status: 500, times: 10 });
    emu().faults.clear();
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200);
  });

  it.each([
    [{ kind: "explode" }, /kind must be one of status, latency, drop, commitThenDrop/],
    [{ kind: "status", status: 200 }, /integer from 400 to 599/],
    [{ kind: "latency" }, /needs ms/],
    [{ kind: "drop", path: "(" }, /path is not a supported pattern: '\(' is not supported/],
    [{ kind: "drop", times: 0 }, /times must be a positive integer/],
    [{ kind: "chance" }, /needs rate, a number from 0 to 1/],
    [{ kind: "chance", rate: 0.1, seed: 1.5 }, /seed must be an integer/],
    [{ kind: "chance", rate: 0.1, mix: [{ kind: "latency", ms: 1 }] }, /mix\[0\]\.kind must be one of/],
    [{ kind: "chance", rate: 0.1, mix: [{ kind: "status", status: 200 }] }, /mix\[0\]: .*400 to 599/],
  ])("a bad rule %j is refused", async (rule, message) => {
    expect(() => emu().faults.add(rule as never)).toThrow(message);
    const r = await inspect("POST", "/faults", rule);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(message);
  });
});

describe("throttling (off by default): 429 TooManyRequests with Retry-After", () => {
  it("per app per chat", async () => {
    const id = await newGroupChat(raw());
    emu().configure({ throttle: { perChatPerSecond: 1 } });
    expect((await raw().call("GET", chatPath(id))).status).toBe(200);
    const second = await raw().call("GET", chatPath(id));
    expectGraphError(second, 429, "TooManyRequests", /per app per chat: at most 1 per second/);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200); // other paths are not limited
  });

  it("per app, with a fixed Retry-After; another app is not affected", async () => {
    emu().configure({ throttle: { perAppPerSecond: 2, retryAfterSeconds: 7 } });
    await raw().call("GET", `/users/${USERS.adele}`);
    await raw().call("GET", `/users/${USERS.adele}`);
    const third = await raw().call("GET", `/users/${USERS.adele}`);
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("7");
    expect((await raw().call("GET", `/users/${USERS.adele}`, undefined, "limited")).status).toBe(200);
    emu().configure({ throttle: null });
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200);
  });
});

describe("inspection endpoint /_emulator (no token, not logged)", () => {
  it("state shows the directory without passwords or secrets, chats with members and apps, and operations", async () => {
    await newGroupChat(raw());
    const state = (await (await inspect("GET", "/state")).json()) as Record<string, any>;
    expect(Object.keys(state)).toEqual([
      "tenants",
      "users",
      "appRegistrations",
      "chats",
      "deletedChats",
      "operations",
    ]);
    expect(state["tenants"]).toHaveLength(2);
    expect(state["users"].every((u: Record<string, unknown>) => !("password" in u))).toBe(true);
    expect(JSON.stringify(state)).not.toContain(APP.secret);
    expect(state["chats"][0]).toMatchObject({
      chatType: "group",
      members: expect.any(Array),
      installedApps: [],
    });
  });

  it("requests lists Graph and token requests; DELETE clears it; reset goes back to the seed", async () => {
    const fresh = new Raw(emu()); // no cached token: the log starts with the token request
    await newGroupChat(fresh);
    await inspect("GET", "/state");
    const log = (await (await inspect("GET", "/requests")).json()) as {
      kind: string;
      method: string;
      appId: string;
    }[];
    expect(log.map((r) => `${r.kind} ${r.method}`)).toEqual(["token POST", "graph POST"]);
    expect(log[1]!.appId).toBe(APP.clientId);
    expect((await inspect("DELETE", "/requests")).status).toBe(204);
    expect(emu().requests()).toEqual([]);
    emu().configure({ throttle: { perAppPerSecond: 1 } });
    emu().faults.add({ kind: "status", status: 500 });
    expect((await inspect("POST", "/reset")).status).toBe(204);
    expect(((await (await inspect("GET", "/state")).json()) as { chats: unknown[] }).chats).toEqual([]);
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200); // no fault, no throttle
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200);
  });

  it("config and faults over HTTP; bad settings → 400", async () => {
    expect(
      (await inspect("PUT", "/config", { asyncOperationMs: 5, throttle: { perChatPerSecond: 3 } })).status,
    ).toBe(204);
    expect(emu().store.options.asyncOperationMs).toBe(5);
    expect((await inspect("PUT", "/config", { asyncOperationMS: 5 })).status).toBe(400);
    expect((await inspect("PUT", "/config", { throttle: { perChatPerSecond: 0 } })).status).toBe(400);
    expect((await inspect("POST", "/faults", { kind: "status", status: 502, path: "^/users/" })).status).toBe(
      204,
    );
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(502);
    emu().faults.add({ kind: "status", status: 500 });
    expect((await inspect("DELETE", "/faults")).status).toBe(204);
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200);
  });
});
