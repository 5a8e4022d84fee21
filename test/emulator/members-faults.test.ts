import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { bind, chatPath, owner, Raw } from "../support/raw";
import { USERS } from "../support/tenant";

let emu: RunningEmulator;
let raw: Raw;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  raw = new Raw(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const newGroup = async () =>
  (await raw.call("POST", "/chats", { chatType: "group", members: [owner(USERS.u8c0a), owner(USERS.u82fe)] }))
    .json["id"] as string;

describe("chat members", () => {
  it("add → 201 with Location and the member; list, get, remove → 204", async () => {
    const id = await newGroup();
    const add = await raw.call("POST", `${chatPath(id)}/members`, {
      ...owner(USERS.u3626),
      visibleHistoryStartDateTime: "0001-01-01T00:00:00Z",
    });
    expect(add.status).toBe(201);
    expect(add.headers.get("location")).toBe(`/chats/${id}/members/${add.json["id"]}`);
    expect(add.json).toMatchObject({
      userId: USERS.u3626,
      roles: ["owner"],
      visibleHistoryStartDateTime: "0001-01-01T00:00:00Z",
    });
    expect(Buffer.from(add.json["id"], "base64").toString()).toContain(`##${id}##${USERS.u3626}`);
    const list = await raw.call("GET", `${chatPath(id)}/members`);
    expect(list.json["value"]).toHaveLength(3);
    expect(
      (await raw.call("GET", `${chatPath(id)}/members/${encodeURIComponent(add.json["id"])}`)).json["userId"],
    ).toBe(USERS.u3626);
    expect(
      (await raw.call("DELETE", `${chatPath(id)}/members/${encodeURIComponent(add.json["id"])}`)).status,
    ).toBe(204);
    expect((await raw.call("GET", `${chatPath(id)}/members`)).json["value"]).toHaveLength(2);
  });

  it("adding someone already in the chat → 409; unknown member → 404", async () => {
    const id = await newGroup();
    expect((await raw.call("POST", `${chatPath(id)}/members`, owner(USERS.u82fe))).status).toBe(409);
    expect((await raw.call("DELETE", `${chatPath(id)}/members/bm9wZQ==`)).status).toBe(404);
  });

  it("members of a one-on-one chat cannot change", async () => {
    const dm = await raw.call("POST", "/chats", {
      chatType: "oneOnOne",
      members: [owner(USERS.adele), owner(USERS.u82af)],
    });
    const add = await raw.call("POST", `${chatPath(dm.json["id"])}/members`, {
      roles: ["owner"],
      "user@odata.bind": bind(USERS.u3626),
    });
    expect(add.status).toBe(400);
    expect(add.json["error"].message).toMatch(/cannot be added to or removed from a oneOnOne chat/);
  });

  it("member writes need a member permission (403 for a read-only app)", async () => {
    const id = await newGroup();
    const r = await raw.call("POST", `${chatPath(id)}/members`, owner(USERS.u3626), "limited");
    expect(r.status).toBe(403);
    expect(r.json["error"].message).toMatch(/ChatMember\.ReadWrite\.All/);
  });
});

describe("fault injection and throttling (off by default)", () => {
  it("status: the request fails with that status and Retry-After, once", async () => {
    emu.faults.add({ method: "GET", path: "^/users/", kind: "status", status: 503, retryAfterSeconds: 2 });
    const first = await raw.call("GET", `/users/${USERS.adele}`);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("2");
    expect((await raw.call("GET", `/users/${USERS.adele}`)).status).toBe(200);
  });

  it("latency delays the answer", async () => {
    emu.faults.add({ kind: "latency", ms: 150, path: "^/users/" });
    const t = Date.now();
    await raw.call("GET", `/users/${USERS.adele}`);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it("drop: the connection closes and nothing changes", async () => {
    await raw.token();
    emu.faults.add({ method: "POST", path: "^/chats$", kind: "drop" });
    await expect(
      raw.call("POST", "/chats", { chatType: "group", members: [owner(USERS.u8c0a), owner(USERS.u82fe)] }),
    ).rejects.toThrow();
    expect(emu.store.state.chats).toHaveLength(0);
  });

  it("commitThenDrop: the chat is created but the answer is lost", async () => {
    await raw.token();
    emu.faults.add({ method: "POST", path: "^/chats$", kind: "commitThenDrop" });
    await expect(
      raw.call("POST", "/chats", { chatType: "group", members: [owner(USERS.u8c0a), owner(USERS.u82fe)] }),
    ).rejects.toThrow();
    expect(emu.store.state.chats).toHaveLength(1);
    expect(emu.requests().find((r) => r.path === "/v1.0/chats")?.status).toBe(0);
  });

  it("per-chat throttling answers 429 TooManyRequests with Retry-After", async () => {
    const id = await newGroup();
    emu.configure({ throttle: { perChatPerSecond: 1 } });
    expect((await raw.call("GET", chatPath(id))).status).toBe(200);
    const second = await raw.call("GET", chatPath(id));
    expect(second.status).toBe(429);
    expect(second.json["error"].code).toBe("TooManyRequests");
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("inspection endpoint", () => {
  it("shows state and requests, and resets", async () => {
    raw = new Raw(emu); // no cached token: the log starts with the token request
    await newGroup();
    const state = (await (await fetch(`${emu.url}/_emulator/state`)).json()) as {
      chats: unknown[];
      users: { password?: string }[];
    };
    expect(state.chats).toHaveLength(1);
    expect(state.users.every((u) => u.password === undefined)).toBe(true);
    const log = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as {
      method: string;
      kind: string;
    }[];
    expect(log.map((r) => `${r.kind} ${r.method}`)).toEqual(["token POST", "graph POST"]);
    expect((await fetch(`${emu.url}/_emulator/reset`, { method: "POST" })).status).toBe(204);
    expect(
      ((await (await fetch(`${emu.url}/_emulator/state`)).json()) as { chats: unknown[] }).chats,
    ).toEqual([]);
  });

  it("drives faults and config over HTTP", async () => {
    await fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "status", status: 500, path: "^/users/" }),
    });
    expect((await raw.call("GET", `/users/${USERS.adele}`)).status).toBe(500);
    await fetch(`${emu.url}/_emulator/config`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ asyncOperationMs: 5 }),
    });
    expect(emu.store.options.asyncOperationMs).toBe(5);
  });
});
