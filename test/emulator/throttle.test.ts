// Every documented Teams limit the emulator enforces, on an injected clock (no waiting): which requests
// count against which bucket, when the 429 comes, its Retry-After, and when the request passes again.
// https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits
import { describe, expect, it } from "vitest";
import { isGraphHttpError } from "../../emulator/errors";
import { Throttle, type ThrottledRequest } from "../../emulator/throttle";
import type { Caller } from "../../emulator/tokens";

const TENANT = "tenant-1";
const app = (appId = "app-1"): Caller => ({
  kind: "application",
  appId,
  tenantId: TENANT,
  userId: undefined,
  permissions: [],
});
const user = (userId: string, appId = "app-1"): Caller => ({ ...app(appId), kind: "delegated", userId });

/** A throttle on a clock the test moves, and what it answered. */
function clocked(setting: Parameters<Throttle["set"]>[0]) {
  let now = 1_000_000;
  const t = new Throttle(() => now);
  t.set(setting);
  const send = (method: string, path: string, caller: Caller = app()) => {
    const r: ThrottledRequest = { method, path, caller };
    try {
      t.check(r);
      return { status: 200 } as const;
    } catch (e) {
      if (!isGraphHttpError(e)) throw e;
      return { status: e.status, retryAfter: e.headers["retry-after"], message: e.message };
    }
  };
  return { send, advance: (ms: number) => (now += ms) };
}

const chats = (n: number) => Array.from({ length: n }, (_, i) => `19:chat${i}@thread.v2`);

describe("realistic: Graph's Teams limits as documented", () => {
  it("1 request per second per app per tenant per chat; other chats and other apps are not affected", () => {
    const { send, advance } = clocked("realistic");
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(200);
    const second = send("GET", "/chats/19:a@thread.v2/members");
    expect(second).toMatchObject({ status: 429, retryAfter: "1" });
    expect(second.message).toMatch(/1 request per second per app per tenant per chat/);
    expect(send("GET", "/chats/19:b@thread.v2").status).toBe(200);
    expect(send("GET", "/chats/19:a@thread.v2", app("app-2")).status).toBe(200);
    advance(999);
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(429);
    advance(1);
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(200);
  });

  it("the chat in /users/{id}/chats/{id}/… paths counts as the same chat", () => {
    const { send } = clocked("realistic");
    expect(send("GET", "/chats/19:a@thread.v2/messages/1").status).toBe(200);
    expect(send("POST", "/users/u1/chats/19:a@thread.v2/messages/1/softDelete").status).toBe(429);
  });

  it("1 message POST per second per user per chat, across apps", () => {
    const { send, advance } = clocked("realistic");
    const adele = (appId: string) => user("adele", appId);
    expect(send("POST", "/chats/19:a@thread.v2/messages", adele("app-1")).status).toBe(200);
    const again = send("POST", "/chats/19:a@thread.v2/messages", adele("app-2"));
    expect(again).toMatchObject({ status: 429, retryAfter: "1" });
    expect(again.message).toMatch(/1 message POST per second per user per chat/);
    expect(send("POST", "/chats/19:a@thread.v2/messages", user("pat", "app-3")).status).toBe(200);
    expect(send("POST", "/chats/19:b@thread.v2/messages", adele("app-2")).status).toBe(200);
    advance(1000);
    expect(send("POST", "/chats/19:a@thread.v2/messages", adele("app-2")).status).toBe(200);
  });

  it("4 member additions or removals per minute per chat: the fifth waits for a token (15 s apart)", () => {
    const { send, advance } = clocked("realistic");
    const chat = "/chats/19:a@thread.v2/members";
    for (const [i, req] of [
      ["POST", chat],
      ["DELETE", `${chat}/m1`],
      ["POST", chat],
      ["DELETE", `${chat}/m2`],
    ].entries()) {
      if (i > 0) advance(1000); // the per-chat limit allows one a second
      expect(send(req[0]!, req[1]!).status).toBe(200);
    }
    advance(1000);
    const fifth = send("POST", chat);
    expect(fifth).toMatchObject({ status: 429, retryAfter: "11" });
    expect(fifth.message).toMatch(/4 member additions or removals per minute per chat/);
    expect(send("POST", "/chats/19:a@thread.v2/members", app("app-2")).status).toBe(429); // per chat, any app
    expect(send("GET", chat, app("app-3")).status).toBe(200); // reading members is no change
    advance(11_000);
    expect(send("POST", chat).status).toBe(200);
  });

  it("1 chat DELETE per second per tenant, whichever app and chat", () => {
    const { send, advance } = clocked("realistic");
    expect(send("DELETE", "/chats/19:a@thread.v2").status).toBe(200);
    const other = send("DELETE", "/chats/19:b@thread.v2", app("app-2"));
    expect(other).toMatchObject({ status: 429, retryAfter: "1" });
    expect(other.message).toMatch(/1 chat DELETE per second per tenant/);
    advance(1000);
    expect(send("DELETE", "/chats/19:b@thread.v2", app("app-2")).status).toBe(200);
  });

  it("5 List chats or Get chat requests per second per user (signed in, or named in /users/{id}/chats)", () => {
    const { send, advance } = clocked("realistic");
    for (let i = 0; i < 5; i++) expect(send("GET", "/me/chats", user("adele")).status).toBe(200);
    const sixth = send("GET", "/chats/19:new@thread.v2", user("adele", "app-2"));
    expect(sixth.status).toBe(429);
    expect(sixth.message).toMatch(/5 List chats or Get chat requests per second per user/);
    expect(send("GET", "/me/chats", user("pat")).status).toBe(200);
    for (let i = 0; i < 5; i++) expect(send("GET", "/users/jacob/chats").status).toBe(200);
    expect(send("GET", "/users/jacob/chats").status).toBe(429);
    expect(send("GET", "/users/alex/chats").status).toBe(200);
    advance(200); // one token back: 5 per second
    expect(send("GET", "/me/chats", user("adele")).status).toBe(200);
    expect(send("GET", "/me/chats", user("adele")).status).toBe(429);
  });

  // Per app per tenant, by operation: each request on its own chat (and user), so only this row binds.
  it.each<[string, number, (chat: string, i: number) => [string, string, Caller?]]>([
    ["POST 1:1/group chat message", 20, (c, i) => ["POST", `/chats/${c}/messages`, user(`u${i}`)]],
    ["GET 1:1/group chat message", 20, (c) => ["GET", `/chats/${c}/messages`]],
    [
      "POST/DELETE chat member",
      30,
      (c, i) => (i % 2 ? ["POST", `/chats/${c}/members`] : ["DELETE", `/chats/${c}/members/m`]),
    ],
    ["GET installedApps", 30, (c) => ["GET", `/chats/${c}/installedApps`]],
    ["POST installedApps", 30, (c) => ["POST", `/chats/${c}/installedApps`]],
    ["DELETE installedApps", 15, (c) => ["DELETE", `/chats/${c}/installedApps/i1`]],
    ["other GET API calls for Microsoft Teams", 30, (c) => ["GET", `/chats/${c}/operations`]],
    ["other API calls for Microsoft Teams", 30, (c) => ["PATCH", `/chats/${c}`]],
  ])("%s: %i per second per app per tenant", (row, limit, request) => {
    const { send, advance } = clocked("realistic");
    const ids = chats(limit + 1);
    for (let i = 0; i < limit; i++) {
      const [m, p, who] = request(ids[i]!, i);
      expect(send(m, p, who).status).toBe(200);
    }
    const [m, p, who] = request(ids[limit]!, limit);
    const over = send(m, p, who);
    expect(over).toMatchObject({ status: 429, retryAfter: "1" });
    expect(over.message).toContain(`${row}: ${limit} per second per app per tenant`);
    const [m2, p2, who2] = request(chats(limit + 2)[limit + 1]!, limit + 1); // a fresh chat and user
    expect(send(m2, p2, { ...(who2 ?? app()), appId: "app-2" }).status).toBe(200); // another app: its own
    advance(1000 / limit);
    expect(send(m, p, who).status).toBe(200);
  });

  it("a refused request uses up nothing; the $batch envelope itself is not counted (its items are)", () => {
    const { send } = clocked("realistic");
    for (let i = 0; i < 40; i++) expect(send("POST", "/$batch").status).toBe(200);
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(200); // 1 of 30 "other GET"
    for (let i = 0; i < 10; i++) expect(send("GET", "/chats/19:a@thread.v2").status).toBe(429); // per chat
    for (let i = 0; i < 29; i++) expect(send("GET", `/users/u${i}`).status).toBe(200); // 30 of 30
    expect(send("GET", "/users/u29").message).toMatch(
      /other GET API calls for Microsoft Teams: 30 per second/,
    );
  });

  it("off and null throttle nothing", () => {
    for (const setting of ["off", null] as const) {
      const { send } = clocked(setting);
      for (let i = 0; i < 50; i++) expect(send("DELETE", "/chats/19:a@thread.v2").status).toBe(200);
    }
  });
});

describe("scaled:<factor>: the same limits on a faster clock", () => {
  it("every rate × factor, every Retry-After ÷ factor in fractional seconds", () => {
    const { send, advance } = clocked("scaled:10");
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(200);
    expect(send("GET", "/chats/19:a@thread.v2")).toMatchObject({ status: 429, retryAfter: "0.1" });
    advance(100);
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(200);
  });

  it("4 member changes per minute become 4 per second at scaled:60", () => {
    const { send, advance } = clocked("scaled:60");
    for (let i = 0; i < 4; i++) {
      expect(send("POST", "/chats/19:a@thread.v2/members").status).toBe(200);
      advance(1000 / 60); // the per-chat limit, scaled
    }
    const fifth = send("POST", "/chats/19:a@thread.v2/members");
    expect(fifth.status).toBe(429);
    // A token every 250 ms; the fifth, 67 ms after the first, waits 1000 + 250 − 67 − 1000 = 183 ms.
    expect(fifth.retryAfter).toBe("0.184");
  });
});

describe("limits of one's own (object form)", () => {
  it("per app per chat and per app, with a fixed Retry-After", () => {
    const { send } = clocked({ perChatPerSecond: 2, perAppPerSecond: 3, retryAfterSeconds: 7 });
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(200);
    expect(send("GET", "/chats/19:a@thread.v2").status).toBe(200);
    expect(send("GET", "/chats/19:a@thread.v2")).toMatchObject({ status: 429, retryAfter: "7" });
    expect(send("GET", "/users/u1").status).toBe(200);
    expect(send("GET", "/users/u1").message).toMatch(/per app: at most 3 per second/);
  });
});

describe("settings are checked", () => {
  it.each([["scaled:0"], ["scaled:x"], ["fast"], [[]], [{ perChatPerSecond: 0 }], [{ bogus: 1 }]])(
    "%j → 400 naming the setting",
    (setting) => {
      const t = new Throttle();
      expect(() => t.set(setting as never)).toThrow(/throttle/);
    },
  );
});
