import { describe, expect, it } from "vitest";
import {
  adele,
  chatPath,
  counter,
  expectGraphError,
  HOME_TENANT,
  newGroupChat,
  oneOnOneBody,
  pat,
  sleep,
  USERS,
  useEmulator,
} from "./helpers";

const { emu, raw } = useEmulator({ asyncOperationMs: 200 });
const nextTopic = counter("Topic");

describe("GET / PATCH / DELETE / hideForUser", () => {
  it("GET, also with $expand=members and through the OData key form /chats('…')", async () => {
    const id = await newGroupChat(raw());
    const r = await raw().call("GET", `/chats('${id}')?$expand=members`);
    expect(r.status).toBe(200);
    expect(r.json["@odata.context"]).toBe(
      "https://graph.microsoft.com/v1.0/$metadata#chats(members())/$entity",
    );
    expect(r.json["members"]).toHaveLength(3);
    expect(r.json["members"][0]).toMatchObject({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      displayName: "Adele Vance",
      userId: USERS.adele,
      email: "adele@contoso.com",
      tenantId: HOME_TENANT,
    });
    expect((await raw().call("GET", `/beta/chats('${encodeURIComponent(id)}')`)).json["id"]).toBe(id);
    expectGraphError(
      await raw().call("GET", `${chatPath(id)}?$expand=installedApps`),
      400,
      "BadRequest",
      /\$expand=installedApps is not supported .*supported: members/,
    );
    expectGraphError(
      await raw().call("GET", `${chatPath(id)}?$select=topic`),
      400,
      "BadRequest",
      /Query option '\$select' is not supported by the pulumi-msteams emulator for GET \/chats\/\{chatId\}/,
    );
  });

  it("a delegated user only reaches chats they are in", async () => {
    const id = await newGroupChat(raw(), [USERS.u8c0a, USERS.u82fe]);
    expectGraphError(
      await raw().call("GET", chatPath(id), undefined, adele),
      403,
      "Forbidden",
      /not a member of chat/,
    );
  });

  it("PATCH changes a group's topic (200 + chat, lastUpdatedDateTime bumps) and nothing else", async () => {
    const id = await newGroupChat(raw());
    const before = emu().store.chat(id).lastUpdatedDateTime;
    await sleep(5);
    const topic = nextTopic();
    const r = await raw().call("PATCH", `/chats('${id}')`, { topic });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id, topic, "@odata.context": expect.stringMatching(/#chats\/\$entity$/) });
    expect(Date.parse(r.json["lastUpdatedDateTime"])).toBeGreaterThan(Date.parse(before));
    expectGraphError(
      await raw().call("PATCH", chatPath(id), { topic: "x", chatType: "oneOnOne" }),
      400,
      "BadRequest",
      /Only 'topic' can be updated.*'chatType'/,
    );
    expectGraphError(
      await raw().call("PATCH", chatPath(id), { topic: "a:b" }),
      400,
      "BadRequest",
      /must not contain ':'/,
    );
    expectGraphError(
      await raw().call("PATCH", chatPath(id), { topic: "y".repeat(251) }),
      400,
      "BadRequest",
      /maximum is 250/,
    );
    expectGraphError(
      await raw().call("PATCH", chatPath(id), { topic: 5 }),
      400,
      "BadRequest",
      /must be a string/,
    );
    const dm = (await raw().call("POST", "/chats", oneOnOneBody())).json["id"];
    expectGraphError(
      await raw().call("PATCH", chatPath(dm), { topic: "x" }),
      400,
      "BadRequest",
      /only be set on group chats/,
    );
  });

  it("DELETE: soft delete (204), then 404; kept for inspection; a Teams admin may delete with a delegated token", async () => {
    const id = await newGroupChat(raw());
    expect((await raw().call("DELETE", chatPath(id))).status).toBe(204);
    expectGraphError(await raw().call("GET", chatPath(id)), 404, "NotFound", /was not found/);
    expectGraphError(await raw().call("DELETE", chatPath(id)), 404, "NotFound", /was not found/);
    const state = (await (await fetch(`${emu().url}/_emulator/state`)).json()) as Record<string, any>;
    expect(state["chats"]).toEqual([]);
    expect(state["deletedChats"]).toEqual([
      expect.objectContaining({ id, deletedDateTime: expect.any(String) }),
    ]);
    const other = await newGroupChat(raw(), [USERS.u8c0a, USERS.u82fe]);
    expect((await raw().call("DELETE", chatPath(other), undefined, adele)).status).toBe(204); // admin, not a member
  });

  it("after a one-on-one is deleted, the same pair gets a new chat with the same id", async () => {
    const first = (await raw().call("POST", "/chats", oneOnOneBody())).json;
    expect((await raw().call("DELETE", chatPath(first["id"]))).status).toBe(204);
    await sleep(5);
    const again = await raw().call("POST", "/chats", oneOnOneBody());
    expect(again.status).toBe(201);
    expect(again.json["id"]).toBe(first["id"]);
    expect(again.json["createdDateTime"]).not.toBe(first["createdDateTime"]);
  });

  it("DELETE by a delegated non-admin → 403", async () => {
    const id = await newGroupChat(raw());
    expectGraphError(
      await raw().call("DELETE", chatPath(id), undefined, pat),
      403,
      "Forbidden",
      /not a tenant or Teams service administrator/,
    );
    expect(emu().store.chat(id).deletedDateTime).toBeNull();
  });

  it("hideForUser / unhideForUser: delegated only, for oneself, 204", async () => {
    const id = await newGroupChat(raw());
    const body = (u: string) => ({ user: { id: u, tenantId: HOME_TENANT } });
    expectGraphError(
      await raw().call("POST", `${chatPath(id)}/hideForUser`, body(USERS.adele)),
      403,
      "Forbidden",
      /not supported for application permissions/,
    );
    expectGraphError(
      await raw().call("POST", `${chatPath(id)}/hideForUser`, body(USERS.u82af), adele),
      403,
      "Forbidden",
      /only be called for the signed-in user, not for '82af01c5/,
    );
    expectGraphError(
      await raw().call("POST", `${chatPath(id)}/hideForUser`, {}, adele),
      400,
      "BadRequest",
      /needs a body \{"user"/,
    );
    expect((await raw().call("POST", `${chatPath(id)}/hideForUser`, body(USERS.adele), adele)).status).toBe(
      204,
    );
    expect(emu().store.chat(id).hiddenFor).toEqual([USERS.adele]);
    expect((await raw().call("POST", `${chatPath(id)}/unhideForUser`, body(USERS.adele), adele)).status).toBe(
      204,
    );
    expect(emu().store.chat(id).hiddenFor).toEqual([]);
  });

  it("unknown endpoints → 501 NotImplemented, saying the emulator does not support them", async () => {
    expectGraphError(
      await raw().call("GET", "/me/joinedTeams"),
      501,
      "NotImplemented",
      /^GET \/me\/joinedTeams is not supported by the pulumi-msteams emulator/,
    );
    expectGraphError(await raw().call("PUT", "/chats/x"), 501, "NotImplemented", /PUT \/chats\/x/);
  });

  it("headers with Graph semantics the emulator lacks → 400, not silently ignored", async () => {
    const id = await newGroupChat(raw());
    const call = (headers: Record<string, string>) =>
      raw().call("GET", chatPath(id), undefined, "app", headers);
    expectGraphError(
      await call({ "if-match": 'W/"1"' }),
      400,
      "BadRequest",
      /Header 'if-match: W\/"1"' is not supported/,
    );
    expectGraphError(
      await call({ consistencylevel: "eventual" }),
      400,
      "BadRequest",
      /ConsistencyLevel: eventual/,
    );
    expectGraphError(
      await call({ prefer: "return=minimal" }),
      400,
      "BadRequest",
      /Prefer: return=minimal.*supported: include-unknown-enum-members/,
    );
    expect((await call({ prefer: "include-unknown-enum-members" })).status).toBe(200);
  });
});
