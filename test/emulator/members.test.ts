import { describe, expect, it } from "vitest";
import {
  adele,
  chatPath,
  expectGraphError,
  FEDERATED_TENANT,
  HOME_TENANT,
  member,
  newGroupChat,
  oneOnOneBody,
  sleep,
  USERS,
  useEmulator,
} from "./helpers";

const { emu, raw } = useEmulator();
const members = (chatId: string) => `${chatPath(chatId)}/members`;
const one = (chatId: string, membershipId: string) =>
  `${members(chatId)}/${encodeURIComponent(membershipId)}`;

describe("chat members", () => {
  it("add → 201 with Location /chats/{chatId}/members/{membershipId} and the member in the body", async () => {
    const id = await newGroupChat(raw());
    const before = emu().store.chat(id).lastUpdatedDateTime;
    await sleep(5);
    const add = await raw().call(
      "POST",
      members(id),
      member(USERS.u3626, ["owner"], { visibleHistoryStartDateTime: "2019-04-18T23:51:43.255Z" }),
    );
    expect(add.status).toBe(201);
    expect(add.headers.get("location")).toBe(`/chats/${id}/members/${add.json["id"]}`);
    expect(add.json).toEqual({
      "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#chats('${id}')/members/$entity`,
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      id: add.json["id"],
      roles: ["owner"],
      displayName: "Megan Bowen",
      visibleHistoryStartDateTime: "2019-04-18T23:51:43.255Z",
      userId: USERS.u3626,
      email: "megan.bowen@contoso.com",
      tenantId: HOME_TENANT,
    });
    expect(Buffer.from(add.json["id"], "base64").toString()).toBe(`0##${HOME_TENANT}##${id}##${USERS.u3626}`);
    expect(Date.parse(emu().store.chat(id).lastUpdatedDateTime)).toBeGreaterThan(Date.parse(before));
  });

  it("list, get one (also by OData key), remove → 204 and lastUpdatedDateTime bumps", async () => {
    const id = await newGroupChat(raw());
    const list = await raw().call("GET", members(id));
    expect(list.json).toMatchObject({ "@odata.count": 3, value: expect.any(Array) });
    expect(list.json["value"].map((m: { userId: string }) => m.userId)).toEqual([
      USERS.adele,
      USERS.u82af,
      USERS.u8c0a,
    ]);
    const mid = list.json["value"][2].id as string;
    expect((await raw().call("GET", one(id, mid))).json["userId"]).toBe(USERS.u8c0a);
    expect((await raw().call("GET", `/chats('${id}')/members('${mid}')`)).json["userId"]).toBe(USERS.u8c0a);
    const before = emu().store.chat(id).lastUpdatedDateTime;
    await sleep(5);
    expect((await raw().call("DELETE", one(id, mid))).status).toBe(204);
    expect((await raw().call("GET", members(id))).json["value"]).toHaveLength(2);
    expect(Date.parse(emu().store.chat(id).lastUpdatedDateTime)).toBeGreaterThan(Date.parse(before));
    expectGraphError(
      await raw().call("GET", one(id, mid)),
      404,
      "NotFound",
      /Member '.+' was not found in chat/,
    );
  });

  it("without visibleHistoryStartDateTime no history is shared: it starts when the member is added", async () => {
    const id = await newGroupChat(raw());
    const t = Date.now();
    const add = await raw().call("POST", members(id), member(USERS.u3626));
    expect(Date.parse(add.json["visibleHistoryStartDateTime"])).toBeGreaterThanOrEqual(t - 5);
    expect(emu().store.chat(id).members[0]!.visibleHistoryStartDateTime).toBe("0001-01-01T00:00:00Z");
    expectGraphError(
      await raw().call(
        "POST",
        members(id),
        member(USERS.u4b82, ["owner"], { visibleHistoryStartDateTime: "yesterday" }),
      ),
      400,
      "BadRequest",
      /must be an ISO 8601 date-time; got "yesterday"/,
    );
  });

  it("adding someone already in the chat → 409 Conflict; unknown membership → 404", async () => {
    const id = await newGroupChat(raw());
    expectGraphError(
      await raw().call("POST", members(id), member("john.doe@contoso.com")),
      409,
      "Conflict",
      /already a member of chat/,
    );
    expectGraphError(
      await raw().call("DELETE", one(id, "bm9wZQ==")),
      404,
      "NotFound",
      /Member 'bm9wZQ==' was not found/,
    );
  });

  it("the roster rules of create apply to added members", async () => {
    const id = await newGroupChat(raw());
    expectGraphError(
      await raw().call("POST", members(id), member(USERS.guest)),
      400,
      "BadRequest",
      /must have the role 'guest'/,
    );
    expectGraphError(
      await raw().call("POST", members(id), member(USERS.u3626, ["member"])),
      400,
      "BadRequest",
      /role 'member' is not supported/,
    );
    expectGraphError(
      await raw().call("POST", members(id), member("ghost@contoso.com")),
      404,
      "NotFound",
      /'ghost@contoso\.com' was not found/,
    );
    for (const [body, message] of [
      [member(USERS.guest, ["guest", "owner"]), /^member: 'roles' must hold exactly one role/],
      [member(USERS.u3626, ["owner"], { tenantId: FEDERATED_TENANT }), /^member: .* belongs to this tenant/],
      [member(USERS.u3626, ["owner"], { displayName: "Megan" }), /^member: property 'displayName' is not/],
    ] as const)
      expectGraphError(await raw().call("POST", members(id), body), 400, "BadRequest", message);
    expect(emu().store.chat(id).members).toHaveLength(3);
    expect((await raw().call("POST", members(id), member(USERS.guest, ["guest"]))).status).toBe(201);
    const fed = await raw().call(
      "POST",
      members(id),
      member(USERS.federated, ["owner"], { tenantId: FEDERATED_TENANT }),
    );
    expect(fed.json).toMatchObject({ tenantId: FEDERATED_TENANT, roles: ["owner"] });
  });

  it("members of a oneOnOne chat cannot be added or removed (400)", async () => {
    const dm = (await raw().call("POST", "/chats", oneOnOneBody())).json["id"] as string;
    expectGraphError(
      await raw().call("POST", members(dm), member(USERS.u3626)),
      400,
      "BadRequest",
      /cannot be added to or removed from a oneOnOne chat/,
    );
    const mid = emu().store.chat(dm).members[0]!.id;
    expectGraphError(
      await raw().call("DELETE", one(dm, mid)),
      400,
      "BadRequest",
      /oneOnOne chat; its roster is fixed/,
    );
  });

  it("a delegated member may change the roster of their chat", async () => {
    const id = await newGroupChat(raw());
    expect((await raw().call("POST", members(id), member(USERS.u3626), adele)).status).toBe(201);
  });
});
