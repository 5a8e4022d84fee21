import { describe, expect, it } from "vitest";
import {
  ALEX,
  APPS,
  adele,
  appBind,
  bind,
  counter,
  expectGraphError,
  FEDERATED_TENANT,
  groupBody,
  HOME_TENANT,
  JACOB,
  member,
  oneOnOneBody,
  owner,
  sleep,
  USERS,
  useEmulator,
} from "./helpers";

const { emu, raw } = useEmulator({ asyncOperationMs: 200 });
const nextTopic = counter("Topic");

describe("POST /chats", () => {
  it("creates a group chat: 201 with Graph's shape, ids and webUrl", async () => {
    const topic = nextTopic();
    const r = await raw().call("POST", "/chats", groupBody({ topic }));
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats/$entity",
      id: expect.stringMatching(/^19:[0-9a-f]{32}@thread\.v2$/),
      topic,
      createdDateTime: expect.any(String),
      lastUpdatedDateTime: expect.any(String),
      chatType: "group",
      webUrl: `https://teams.microsoft.com/l/chat/${r.json["id"].replace("19:", "19%3A")}/0?tenantId=${HOME_TENANT}`,
      tenantId: HOME_TENANT,
      isHiddenForAllMembers: false,
      onlineMeetingInfo: null,
    });
    const beta = await raw().call("POST", "/beta/chats", groupBody({ topic: nextTopic() }));
    expect(beta.json["@odata.context"]).toBe("https://graph.microsoft.com/beta/$metadata#chats/$entity");
  });

  it("one-on-one: 19:{idA}_{idB}@unq.gbl.spaces, no topic; the same pair again (either order, id or UPN) → the same chat, 201", async () => {
    const a = await raw().call("POST", "/chats", oneOnOneBody());
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({
      id: `19:${USERS.u82af}_${USERS.adele}@unq.gbl.spaces`,
      topic: null,
      chatType: "oneOnOne",
    });
    await sleep(5);
    const b = await raw().call("POST", "/chats", {
      chatType: "oneOnOne",
      members: [owner("pat@contoso.com"), owner(USERS.adele)],
    });
    expect(b.status).toBe(201);
    expect(b.json).toMatchObject({ id: a.json["id"], createdDateTime: a.json["createdDateTime"] });
    expect(emu().store.state.chats).toHaveLength(1);
  });

  it("accepts all four user bind forms, either version, any host; quotes doubled in keys; federated owners with tenantId; the home tenant's own id", async () => {
    const forms = [
      `https://graph.microsoft.com/v1.0/users('${USERS.u8c0a}')`,
      `https://graph.microsoft.com/beta/users/${USERS.u82fe}`,
      `http://127.0.0.1:1/v1.0/users('${JACOB.upn}')`,
      `https://graph.microsoft.com/v1.0/users/${ALEX.upn}`,
    ];
    const r = await raw().call("POST", "/chats", {
      chatType: "group",
      members: forms.map((f) => ({ roles: ["owner"], "user@odata.bind": f })),
    });
    expect(r.status).toBe(201);
    expect(
      emu()
        .store.chat(r.json["id"])
        .members.map((m) => m.userId),
    ).toEqual([USERS.u8c0a, USERS.u82fe, JACOB.id, ALEX.id]);
    const fed = await raw().call(
      "POST",
      "/chats",
      oneOnOneBody({
        members: [owner(USERS.adele), member(USERS.federated, ["owner"], { tenantId: FEDERATED_TENANT })],
      }),
    );
    expect(fed.status).toBe(201);
    const guest = await raw().call(
      "POST",
      "/chats",
      groupBody({
        members: [
          member(USERS.u8c0a, ["owner"], { tenantId: HOME_TENANT.toUpperCase() }),
          member("guest_outlook.com#EXT#@contoso.com", ["guest"], { tenantId: HOME_TENANT }),
        ],
      }),
    );
    expect(guest.status).toBe(201);
  });

  it.each([
    [
      "missing chatType",
      { members: [owner(USERS.adele), owner(USERS.u82af)] },
      400,
      "BadRequest",
      /'chatType' is required/,
    ],
    [
      "a meeting chat",
      oneOnOneBody({ chatType: "meeting" }),
      400,
      "BadRequest",
      /chatType 'meeting' cannot be created/,
    ],
    [
      "no members",
      { chatType: "group" },
      400,
      "BadRequest",
      /^Chat members cannot be null\. \(Parameter 'Members'\)$/,
    ],
    [
      "3 members in a oneOnOne",
      oneOnOneBody({ members: groupBody().members }),
      400,
      "BadRequest",
      /exactly 2 members; the request has 3/,
    ],
    [
      "1 member in a group",
      groupBody({ members: [owner(USERS.u8c0a)] }),
      400,
      "BadRequest",
      /at least 2 members; the request has 1/,
    ],
    ["a topic on a oneOnOne", oneOnOneBody({ topic: "x" }), 400, "BadRequest", /only be set on group chats/],
    [
      "a topic over 250 characters",
      groupBody({ topic: "x".repeat(251) }),
      400,
      "BadRequest",
      /251 characters long; the maximum is 250/,
    ],
    ["a ':' in the topic", groupBody({ topic: "a:b" }), 400, "BadRequest", /must not contain ':'/],
    [
      "role 'member'",
      groupBody({ members: [member(USERS.u8c0a, ["member"]), owner(USERS.u82fe)] }),
      400,
      "BadRequest",
      /^The passed-in role 'member' is not supported\.$/,
    ],
    [
      "no roles",
      groupBody({ members: [{ "user@odata.bind": bind(USERS.u8c0a) }, owner(USERS.u82fe)] }),
      400,
      "BadRequest",
      /members\[0\]: 'roles' must be specified/,
    ],
    [
      "a guest as owner",
      groupBody({ members: [owner(USERS.u8c0a), owner(USERS.guest)] }),
      400,
      "BadRequest",
      /members\[1\]: .* is a guest of the tenant and must have the role 'guest'/,
    ],
    [
      "a member as guest",
      groupBody({ members: [owner(USERS.u8c0a), member(USERS.u82fe, ["guest"])] }),
      400,
      "BadRequest",
      /role 'guest' is only for guest users/,
    ],
    [
      "a federated user without tenantId",
      oneOnOneBody({ members: [owner(USERS.adele), owner(USERS.federated)] }),
      400,
      "BadRequest",
      /belongs to tenant 4dc1fe35-.*set 'tenantId'/,
    ],
    [
      "a federated user as guest",
      oneOnOneBody({
        members: [owner(USERS.adele), member(USERS.federated, ["guest"], { tenantId: FEDERATED_TENANT })],
      }),
      400,
      "BadRequest",
      /another tenant and must have the role 'owner'/,
    ],
    [
      "a guest as owner and guest",
      groupBody({ members: [owner(USERS.u8c0a), member(USERS.guest, ["owner", "guest"])] }),
      400,
      "BadRequest",
      /^members\[1\]: 'roles' must hold exactly one role, .*; got \["owner","guest"\]\.$/,
    ],
    [
      "a federated user as owner and guest",
      oneOnOneBody({
        members: [
          owner(USERS.adele),
          member(USERS.federated, ["owner", "guest"], { tenantId: FEDERATED_TENANT }),
        ],
      }),
      400,
      "BadRequest",
      /^members\[1\]: 'roles' must hold exactly one role/,
    ],
    [
      "a member of this tenant with another tenantId",
      groupBody({
        members: [owner(USERS.u8c0a), member(USERS.u82fe, ["owner"], { tenantId: FEDERATED_TENANT })],
      }),
      400,
      "BadRequest",
      /^members\[1\]: user '82fe7758-.*' belongs to this tenant \(2432b57b-.*\), not "4dc1fe35-.*"; omit 'tenantId'/,
    ],
    [
      "an unknown member property",
      groupBody({ members: [owner(USERS.u8c0a), { ...owner(USERS.u82fe), bogus: 1 }] }),
      400,
      "BadRequest",
      /^members\[1\]: property 'bogus' is not supported by the pulumi-msteams emulator for a conversationMember; supported: @odata\.type, roles, user@odata\.bind, tenantId, visibleHistoryStartDateTime\.$/,
    ],
    [
      "an unknown user",
      groupBody({ members: [owner(USERS.u8c0a), owner("ghost@contoso.com")] }),
      404,
      "NotFound",
      /members\[1\]: user 'ghost@contoso\.com' was not found/,
    ],
    [
      "a bind that is not a users URL",
      groupBody({ members: [owner(USERS.u8c0a), { roles: ["owner"], "user@odata.bind": "adele" }] }),
      400,
      "BadRequest",
      /users\('\{id\|upn\}'\)/,
    ],
    [
      "another member type",
      groupBody({
        members: [
          owner(USERS.u8c0a),
          { ...owner(USERS.u82fe), "@odata.type": "#microsoft.graph.skypeUserConversationMember" },
        ],
      }),
      400,
      "BadRequest",
      /skypeUserConversationMember' is not supported/,
    ],
    [
      "a duplicate member (id and UPN)",
      groupBody({ members: [owner(USERS.u8c0a), owner("john.doe@contoso.com")] }),
      400,
      "BadRequest",
      /listed more than once/,
    ],
    [
      "two installedApps",
      oneOnOneBody({
        installedApps: [
          { "teamsApp@odata.bind": appBind(APPS.plain) },
          { "teamsApp@odata.bind": appBind(APPS.rsc) },
        ],
      }),
      400,
      "BadRequest",
      /Only one app .*; the request has 2/,
    ],
    [
      "a malformed app bind",
      oneOnOneBody({ installedApps: [{ "teamsApp@odata.bind": "polls" }] }),
      400,
      "BadRequest",
      /appCatalogs\/teamsApps\/\{id\}/,
    ],
    [
      "an unknown property",
      groupBody({ viewpoint: {} }),
      400,
      "BadRequest",
      /Property 'viewpoint' is not supported by the pulumi-msteams emulator/,
    ],
  ])("refuses %s → %i %s", async (_n, body, status, code, message) => {
    expectGraphError(await raw().call("POST", "/chats", body), status, code, message);
    expect(emu().store.state.chats).toEqual([]);
  });

  it("a delegated caller must be among the members (403)", async () => {
    expectGraphError(
      await raw().call("POST", "/chats", groupBody(), adele),
      403,
      "Forbidden",
      new RegExp(`signed-in user '${USERS.adele}' must be one of the chat's members`),
    );
    expect((await raw().call("POST", "/chats", oneOnOneBody(), adele)).status).toBe(201);
  });
});
