import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { bind, chatPath, owner, Raw } from "../support/raw";
import { APPS, FEDERATED_TENANT, HOME_TENANT, USERS } from "../support/tenant";

let emu: RunningEmulator;
let raw: Raw;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, asyncOperationMs: 400 });
  raw = new Raw(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const group = (extra: Record<string, unknown> = {}) => ({
  chatType: "group",
  topic: "Team",
  members: [owner(USERS.u8c0a), owner(USERS.u82fe), owner(USERS.u3626)],
  ...extra,
});
const oneOnOne = (extra: Record<string, unknown> = {}) => ({
  chatType: "oneOnOne",
  members: [owner(USERS.adele), owner(USERS.u82af)],
  ...extra,
});
const expectError = (r: { status: number; json: Record<string, any> }, status: number, message: RegExp) => {
  expect(r.status).toBe(status);
  expect(r.json["error"].message).toMatch(message);
};

describe("POST /chats", () => {
  it("creates a group chat: 201, Graph's shape and ids", async () => {
    const r = await raw.call("POST", "/chats", group());
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats/$entity",
      id: expect.stringMatching(/^19:[0-9a-f]{32}@thread\.v2$/),
      topic: "Team",
      chatType: "group",
      tenantId: HOME_TENANT,
      webUrl: expect.stringMatching(
        /^https:\/\/teams\.microsoft\.com\/l\/chat\/19%3A[0-9a-f]{32}@thread\.v2\/0\?tenantId=/,
      ),
    });
  });

  it("one-on-one chats are idempotent: the same pair, in either order, gets the same chat", async () => {
    const a = await raw.call("POST", "/chats", oneOnOne());
    const b = await raw.call("POST", "/chats", {
      chatType: "oneOnOne",
      members: [owner("pat@contoso.com"), owner(USERS.adele)],
    });
    expect(a.json["id"]).toMatch(/^19:.+_.+@unq\.gbl\.spaces$/);
    expect(b.status).toBe(201);
    expect(b.json["id"]).toBe(a.json["id"]);
    expect(b.json["createdDateTime"]).toBe(a.json["createdDateTime"]);
  });

  it.each([
    [
      "missing chatType",
      { members: [owner(USERS.adele), owner(USERS.u82af)] },
      400,
      /'chatType' is required/,
    ],
    ["meeting chat", oneOnOne({ chatType: "meeting" }), 400, /cannot be created/],
    ["no members", { chatType: "group" }, 400, /Chat members cannot be null/],
    ["3 members in a oneOnOne", oneOnOne({ members: group().members }), 400, /exactly 2 members; got 3/],
    ["topic on a oneOnOne", oneOnOne({ topic: "x" }), 400, /only be set on group chats/],
    ["topic over 250", group({ topic: "x".repeat(251) }), 400, /251 characters long; the maximum is 250/],
    ["colon in topic", group({ topic: "a:b" }), 400, /must not contain ':'/],
    [
      "role member",
      group({ members: [{ roles: ["member"], "user@odata.bind": bind(USERS.u8c0a) }, owner(USERS.u82fe)] }),
      400,
      /The passed-in role 'member' is not supported/,
    ],
    [
      "missing roles",
      group({ members: [{ "user@odata.bind": bind(USERS.u8c0a) }, owner(USERS.u82fe)] }),
      400,
      /roles must be specified/,
    ],
    [
      "guest as owner",
      group({ members: [owner(USERS.u8c0a), owner(USERS.guest)] }),
      400,
      /must have the role 'guest'/,
    ],
    [
      "member as guest",
      group({ members: [owner(USERS.u8c0a), { roles: ["guest"], "user@odata.bind": bind(USERS.u82fe) }] }),
      400,
      /only for guest users/,
    ],
    [
      "federated without tenantId",
      oneOnOne({ members: [owner(USERS.adele), owner(USERS.federated)] }),
      400,
      /set tenantId/,
    ],
    [
      "federated as guest",
      oneOnOne({
        members: [
          owner(USERS.adele),
          { roles: ["guest"], tenantId: FEDERATED_TENANT, "user@odata.bind": bind(USERS.federated) },
        ],
      }),
      400,
      /must have the role 'owner'/,
    ],
    [
      "unknown user",
      group({ members: [owner(USERS.u8c0a), owner("ghost@contoso.com")] }),
      404,
      /'ghost@contoso\.com' does not exist/,
    ],
    [
      "bad bind",
      group({ members: [owner(USERS.u8c0a), { roles: ["owner"], "user@odata.bind": "adele" }] }),
      400,
      /users\('\{id\|upn\}'\)/,
    ],
    [
      "duplicate member",
      group({ members: [owner(USERS.u8c0a), owner("john.doe@contoso.com")] }),
      400,
      /only once/,
    ],
    [
      "two apps",
      oneOnOne({
        installedApps: [
          { "teamsApp@odata.bind": `x/appCatalogs/teamsApps/${APPS.plain}` },
          { "teamsApp@odata.bind": `x/appCatalogs/teamsApps/${APPS.rsc}` },
        ],
      }),
      400,
      /Only one app/,
    ],
  ])("%s → %i", async (_n, body, status, message) => {
    expectError(await raw.call("POST", "/chats", body), status, message);
    expect(emu.store.state.chats).toEqual([]);
  });

  it("accepts all four bind forms and a federated owner with tenantId", async () => {
    const forms = [
      `https://graph.microsoft.com/v1.0/users('${USERS.u8c0a}')`,
      `https://graph.microsoft.com/beta/users/${USERS.u82fe}`,
      "https://graph.microsoft.com/v1.0/users('jacob@contoso.com')",
      "https://graph.microsoft.com/v1.0/users/alex@contoso.com",
    ];
    const r = await raw.call("POST", "/chats", {
      chatType: "group",
      members: forms.map((f) => ({ roles: ["owner"], "user@odata.bind": f })),
    });
    expect(r.status).toBe(201);
    const fed = await raw.call(
      "POST",
      "/chats",
      oneOnOne({ members: [owner(USERS.adele), { ...owner(USERS.federated), tenantId: FEDERATED_TENANT }] }),
    );
    expect(fed.status).toBe(201);
  });

  it("a delegated caller must be among the members", async () => {
    expectError(
      await raw.call("POST", "/chats", group(), { user: "adele@contoso.com" }),
      403,
      /signed-in user must be one of the chat's members/,
    );
  });

  it("without Chat.Create → 403 naming the permissions", async () => {
    emu.store.dir.seed.appRegistrations[1]!.applicationPermissions = ["Chat.ReadBasic.All"];
    const fresh = new Raw(emu);
    const r = await fresh.call("POST", "/chats", group(), "limited");
    emu.store.dir.seed.appRegistrations[1]!.applicationPermissions = [
      "Chat.Create",
      "Chat.ReadBasic.All",
      "User.Read.All",
    ];
    expectError(
      r,
      403,
      /Missing role permissions on the request\. API requires one of 'Chat\.Create'\. Roles on the request 'Chat\.ReadBasic\.All'/,
    );
  });
});

describe("installedApps at creation: 202 and the async operation", () => {
  const withApp = (appId: string) =>
    oneOnOne({
      installedApps: [
        { "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${appId}` },
      ],
    });

  it("answers 202 with a Location and no body; the operation goes notStarted → inProgress → succeeded", async () => {
    const r = await raw.call("POST", "/chats", withApp(APPS.plain));
    expect(r.status).toBe(202);
    expect(r.json).toBeUndefined();
    const m = /^\/chats\('(.+)'\)\/operations\('([0-9a-f-]+)'\)$/.exec(r.headers.get("location") ?? "");
    expect(m).not.toBeNull();
    expect(m![2]).toMatch(new RegExp(`^${HOME_TENANT}-[0-9a-f-]{36}-[0-9a-f-]{36}$`));
    const op = (prefer?: string) =>
      raw.call(
        "GET",
        `/beta/chats('${m![1]}')/operations('${m![2]}')`,
        undefined,
        "app",
        prefer ? { prefer } : {},
      );
    const first = await op();
    expect(first.json).toMatchObject({
      status: "notStarted",
      operationType: "unknownFutureValue",
      targetResourceId: m![1],
      error: null,
    });
    await new Promise((res) => setTimeout(res, 200));
    expect((await op()).json["status"]).toBe("inProgress");
    await new Promise((res) => setTimeout(res, 250));
    const done = await op("include-unknown-enum-members");
    expect(done.json).toMatchObject({
      status: "succeeded",
      operationType: "createChat",
      attemptsCount: 1,
      targetResourceLocation: `/chats('${m![1]}')`,
    });
    expect(emu.store.state.chats[0]?.installedApps).toHaveLength(1);
    expect((await raw.call("GET", `/chats('${m![1]}')/operations('${m![2]}')`)).status).toBe(200); // v1.0 too (choice)
  });

  it("an unknown app makes the operation fail with an error; the chat exists", async () => {
    const r = await raw.call("POST", "/chats", withApp("00000000-0000-0000-0000-00000000dead"));
    const [, chatId, opId] = /chats\('(.+)'\)\/operations\('(.+)'\)/.exec(r.headers.get("location")!)!;
    await new Promise((res) => setTimeout(res, 450));
    const op = await raw.call("GET", `/beta${chatPath(chatId!)}/operations/${opId}`);
    expect(op.json).toMatchObject({
      status: "failed",
      error: { code: "NotFound", message: expect.stringMatching(/not found in the app catalog/) },
    });
    expect((await raw.call("GET", chatPath(chatId!))).status).toBe(200);
  });

  it("RSC consent must match the app definition (case-insensitive), else the operation fails", async () => {
    const rsc = (perms: { permissionValue: string; permissionType: string }[]) =>
      oneOnOne({
        members: [owner(USERS.u4b82), owner(USERS.u6d1e)],
        installedApps: [
          {
            "teamsApp@odata.bind": `x/appCatalogs/teamsApps/${APPS.rsc}`,
            consentedPermissionSet: { resourceSpecificPermissions: perms },
          },
        ],
      });
    const ok = await raw.call(
      "POST",
      "/chats",
      rsc([
        { permissionValue: "chatmessage.read.chat", permissionType: "Application" },
        { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
      ]),
    );
    expect(ok.status).toBe(202);
    emu.reset();
    const bad = await raw.call(
      "POST",
      "/chats",
      rsc([{ permissionValue: "ChatMessage.Read.Chat", permissionType: "application" }]),
    );
    await new Promise((res) => setTimeout(res, 450));
    expect(emu.store.state.operations[0]?.failure?.message).toMatch(
      /do not match what its definition requires/,
    );
    expect(bad.status).toBe(202);
  });
});

describe("GET / PATCH / DELETE / hide", () => {
  const create = async (body: Record<string, unknown> = group()) =>
    (await raw.call("POST", "/chats", body)).json["id"] as string;

  it("GET with $expand=members, also through the OData key form", async () => {
    const id = await create();
    const r = await raw.call("GET", `/chats('${id}')?$expand=members`);
    expect(r.json["@odata.context"]).toMatch(/chats\(members\(\)\)\/\$entity$/);
    expect(r.json["members"]).toHaveLength(3);
    expect(r.json["members"][0]).toMatchObject({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      userId: USERS.u8c0a,
      tenantId: HOME_TENANT,
    });
    expect((await raw.call("GET", `${chatPath(id)}?$expand=installedApps`)).status).toBe(400);
  });

  it("PATCH changes only a group's topic (200, lastUpdatedDateTime bumps)", async () => {
    const id = await create();
    const before = (await raw.call("GET", chatPath(id))).json["lastUpdatedDateTime"];
    await new Promise((res) => setTimeout(res, 5));
    const r = await raw.call("PATCH", chatPath(id), { topic: "New" });
    expect(r.status).toBe(200);
    expect(r.json["topic"]).toBe("New");
    expect(Date.parse(r.json["lastUpdatedDateTime"])).toBeGreaterThan(Date.parse(before));
    expectError(
      await raw.call("PATCH", chatPath(id), { chatType: "oneOnOne" }),
      400,
      /Only 'topic' can be updated/,
    );
    expectError(await raw.call("PATCH", chatPath(id), { topic: "a:b" }), 400, /must not contain ':'/);
    const dm = await create(oneOnOne());
    expectError(await raw.call("PATCH", chatPath(dm), { topic: "x" }), 400, /only be set on group chats/);
  });

  it("DELETE needs the deletion permission; then the chat is gone (soft delete)", async () => {
    const id = await create(group({ members: [owner(USERS.adele), owner(USERS.u82fe)] }));
    expectError(
      await raw.call("DELETE", chatPath(id), undefined, "limited"),
      403,
      /Chat\.ManageDeletion\.All/,
    );
    // Adele is a Teams administrator with delegated Chat.ManageDeletion.All.
    expect((await raw.call("DELETE", chatPath(id), undefined, { user: "adele@contoso.com" })).status).toBe(
      204,
    );
    expect((await raw.call("GET", chatPath(id))).status).toBe(404);
    expect(emu.store.state.chats[0]?.deletedDateTime).toBeTruthy();
  });

  it("a delegated non-admin cannot delete chats", async () => {
    const id = await create(group({ members: [owner(USERS.u82af), owner(USERS.u82fe)] }));
    expectError(
      await raw.call("DELETE", chatPath(id), undefined, { user: "pat@contoso.com" }),
      403,
      /administrators/,
    );
  });

  it("hideForUser: delegated and only for oneself", async () => {
    const id = await create(group({ members: [owner(USERS.adele), owner(USERS.u82fe)] }));
    const body = (u: string) => ({ user: { id: u, tenantId: HOME_TENANT } });
    expectError(
      await raw.call("POST", `${chatPath(id)}/hideForUser`, body(USERS.adele)),
      403,
      /not supported for application permissions/,
    );
    expectError(
      await raw.call("POST", `${chatPath(id)}/hideForUser`, body(USERS.u82fe), { user: "adele@contoso.com" }),
      403,
      /only hide a chat for themselves/,
    );
    expect(
      (
        await raw.call("POST", `${chatPath(id)}/hideForUser`, body(USERS.adele), {
          user: "adele@contoso.com",
        })
      ).status,
    ).toBe(204);
  });
});
