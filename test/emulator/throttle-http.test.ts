// Throttling through the emulator's pipeline: Graph's error envelope, Retry-After, the switch in
// startEmulator's options, configure() and PUT /_emulator/config, and reset. The limits themselves are
// proved on an injected clock in throttle.test.ts.
import { describe, expect, it } from "vitest";
import { chatPath, expectGraphError, newGroupChat, sleep, USERS, useEmulator } from "./helpers";

const { emu, raw } = useEmulator({ throttle: "scaled:2" });

describe("throttling over HTTP", () => {
  it("started scaled:2: Graph's per-chat limit answers 429 TooManyRequests with a fractional Retry-After", async () => {
    const id = await newGroupChat(raw()); // POST /chats names no chat: the GETs are the first on it
    expect((await raw().call("GET", chatPath(id))).status).toBe(200);
    const second = await raw().call("GET", chatPath(id));
    expectGraphError(second, 429, "TooManyRequests", /1 request per second per app per tenant per chat/);
    const wait = Number(second.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(0.5);
    await sleep(wait * 1000 + 5);
    expect((await raw().call("GET", chatPath(id))).status).toBe(200);
  });

  it("realistic through PUT /_emulator/config: whole seconds; off again through configure(); reset restores the start", async () => {
    const put = (body: unknown) =>
      fetch(`${emu().url}/_emulator/config`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${emu().adminToken}` },
        body: JSON.stringify(body),
      });
    expect((await put({ throttle: "realistic" })).status).toBe(204);
    const id = await newGroupChat(raw());
    expect((await raw().call("GET", chatPath(id))).status).toBe(200);
    const second = await raw().call("GET", chatPath(id));
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect((await put({ throttle: "scaled:nope" })).status).toBe(400);
    emu().configure({ throttle: "off" });
    for (let i = 0; i < 3; i++) expect((await raw().call("GET", chatPath(id))).status).toBe(200);
    emu().reset();
    expect((await raw().call("GET", `/users/${USERS.adele}`)).status).toBe(200);
    const chat = await newGroupChat(raw());
    expect((await raw().call("GET", chatPath(chat))).status).toBe(200);
    expect((await raw().call("GET", chatPath(chat))).status).toBe(429); // scaled:2 again
  });
});
