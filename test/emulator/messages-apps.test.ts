import { beforeEach, describe, expect, it } from "vitest";
import {
  APPS,
  adele,
  chatPath,
  newGroupChat,
  pat,
  type Raw,
  STANDUP_APP,
  USERS,
  useEmulator,
} from "./helpers";

const env = useEmulator({ installVisibilityDelayMs: 150 });
let raw: Raw;
let chatId: string;
beforeEach(async () => {
  raw = env.raw();
  chatId = await newGroupChat(raw);
});
const messages = () => `${chatPath(chatId)}/messages`;

describe("chat messages", () => {
  it("a delegated user sends: 201, epoch-ms id, etag, from = the caller, contentType defaults to text", async () => {
    const r = await raw.call("POST", messages(), { body: { content: "Hello world" } }, adele);
    expect(r.status).toBe(201);
    expect(r.json["id"]).toMatch(/^\d{13}$/);
    expect(Date.parse(r.json["createdDateTime"])).toBe(Number(r.json["id"]));
    expect(r.json).toMatchObject({
      etag: r.json["id"],
      body: { contentType: "text", content: "Hello world" },
      from: { user: { id: USERS.adele } },
      chatId,
    });
    expect(r.json["@odata.context"]).toContain(`chats('${encodeURIComponent(chatId)}')/messages/$entity`);
  });

  it.each([
    ["empty body", { body: { content: " " } }, 400, /must not be empty/],
    [
      "mention without entry",
      { body: { contentType: "html", content: 'Hi <at id="0">Pat</at>' } },
      400,
      /no entry with id 0/,
    ],
    [
      "entry without mention",
      {
        body: { contentType: "html", content: "Hi" },
        mentions: [{ id: 0, mentionText: "Pat", mentioned: { user: { id: USERS.u82af } } }],
      },
      400,
      /has no <at id="0">/,
    ],
    [
      "mention in a text body",
      {
        body: { content: 'Hi <at id="0">Pat</at>' },
        mentions: [{ id: 0, mentionText: "Pat", mentioned: { user: { id: USERS.u82af } } }],
      },
      400,
      /need body.contentType 'html'/,
    ],
    [
      "unreferenced attachment",
      { body: { contentType: "html", content: "x" }, attachments: [{ id: "a1", contentType: "reference" }] },
      400,
      /not referenced/,
    ],
    ["oversized", { body: { content: "x".repeat(29_000) } }, 413, /at most 28672 bytes/],
    [
      "import fields from a user",
      { body: { content: "x" }, createdDateTime: "2020-01-01T00:00:00Z" },
      400,
      /only be set when an application imports/,
    ],
  ])("%s → %i", async (_n, body, status, message) => {
    const r = await raw.call("POST", messages(), body, adele);
    expect(r.status).toBe(status);
    expect(r.json["error"].message).toMatch(message);
  });

  it("an application token sends only as an import into a chat in migration mode; duplicate times → 409", async () => {
    const imp = {
      body: { content: "old" },
      createdDateTime: "2021-02-23T19:10:00.000Z",
      from: { user: { id: USERS.u82af, displayName: "Patti" } },
    };
    const refused = await raw.call("POST", messages(), imp);
    expect(refused.status).toBe(403);
    expect(refused.json["error"].message).toMatch(/not in migration mode/);
    expect((await raw.call("POST", messages(), imp, "limited")).json["error"].message).toMatch(
      /API requires one of 'Teamwork\.Migrate\.All'/,
    );
    const since = { conversationCreationDateTime: "2021-01-01T00:00:00Z" };
    expect((await raw.call("POST", `${chatPath(chatId)}/startMigration`, since)).status).toBe(204);
    const ok = await raw.call("POST", messages(), imp);
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({
      id: String(Date.parse(imp.createdDateTime)),
      from: { user: { id: USERS.u82af } },
    });
    expect((await raw.call("POST", messages(), imp)).status).toBe(409);
    expect((await raw.call("POST", `${chatPath(chatId)}/completeMigration`, {})).status).toBe(204);
  });

  it("lists newest first with $top ≤ 50, desc-only $orderby, matching $filter, and nextLink paging", async () => {
    for (const n of [1, 2, 3]) await raw.call("POST", messages(), { body: { content: `m${n}` } }, adele);
    const page = await raw.call(
      "GET",
      `${messages()}?$top=2&$orderby=createdDateTime desc`,
      undefined,
      adele,
    );
    expect(page.json["value"].map((m: { body: { content: string } }) => m.body.content)).toEqual([
      "m3",
      "m2",
    ]);
    const next = new URL(page.json["@odata.nextLink"]);
    const rest = await raw.call("GET", `${messages()}${next.search}`, undefined, adele);
    expect(rest.json["value"].map((m: { body: { content: string } }) => m.body.content)).toEqual(["m1"]);
    expect((await raw.call("GET", `${messages()}?$top=51`, undefined, adele)).status).toBe(400);
    expect(
      (await raw.call("GET", `${messages()}?$orderby=createdDateTime asc`, undefined, adele)).status,
    ).toBe(400);
    expect(
      (
        await raw.call(
          "GET",
          `${messages()}?$orderby=createdDateTime desc&$filter=lastModifiedDateTime gt 2020-01-01T00:00:00Z`,
          undefined,
          adele,
        )
      ).status,
    ).toBe(400);
    const since = await raw.call(
      "GET",
      `${messages()}?$filter=lastModifiedDateTime gt 2020-01-01T00:00:00Z`,
      undefined,
      adele,
    );
    expect(since.json["value"]).toHaveLength(3);
  });

  it("PATCH: only the sender edits content (204); applications only policyViolation (200)", async () => {
    const m = (await raw.call("POST", messages(), { body: { content: "v1" } }, adele)).json;
    const path = `${messages()}/${m["id"]}`;
    expect(
      (await raw.call("PATCH", path, { body: { contentType: "text", content: "v2" } }, pat)).status,
    ).toBe(403);
    expect(
      (await raw.call("PATCH", path, { body: { contentType: "text", content: "v2" } }, adele)).status,
    ).toBe(204);
    const got = await raw.call("GET", path, undefined, adele);
    expect(got.json).toMatchObject({ body: { content: "v2" }, lastEditedDateTime: expect.any(String) });
    expect(got.json["etag"]).not.toBe(m["etag"]);
    expect((await raw.call("PATCH", path, { body: { content: "x" } })).status).toBe(403);
    expect((await raw.call("PATCH", path, { policyViolation: { dlpAction: "none" } })).status).toBe(200);
  });

  it("softDelete and undoSoftDelete: delegated, own messages, 204", async () => {
    const m = (await raw.call("POST", messages(), { body: { content: "oops" } }, adele)).json;
    const soft = (who: typeof adele, user: string, action = "softDelete") =>
      raw.call("POST", `/users/${user}${chatPath(chatId)}/messages/${m["id"]}/${action}`, undefined, who);
    expect((await soft(pat, USERS.u82af)).status).toBe(403);
    expect(
      (await raw.call("POST", `/users/${USERS.adele}${chatPath(chatId)}/messages/${m["id"]}/softDelete`))
        .status,
    ).toBe(403);
    expect((await soft(adele, USERS.adele)).status).toBe(204);
    expect(
      (await raw.call("GET", `${messages()}/${m["id"]}`, undefined, adele)).json["deletedDateTime"],
    ).toBeTruthy();
    expect((await soft(adele, USERS.adele, "undoSoftDelete")).status).toBe(204);
    expect(
      (await raw.call("GET", `${messages()}/${m["id"]}`, undefined, adele)).json["deletedDateTime"],
    ).toBeNull();
  });
});

describe("installed apps", () => {
  const apps = () => `${chatPath(chatId)}/installedApps`;
  const install = (id: string, consent?: unknown, who: "app" | "limited" = "app") =>
    raw.call(
      "POST",
      apps(),
      {
        "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}`,
        ...(consent ? { consentedPermissionSet: consent } : {}),
      },
      who,
    );
  const rsc = (...values: string[]) => ({
    resourceSpecificPermissions: values.map((v) => ({ permissionValue: v, permissionType: "Application" })),
  });

  it("installs (201, empty body), visible only after the delay, with $expand and $filter forms", async () => {
    const r = await install(APPS.plain);
    expect(r.status).toBe(201);
    expect(r.json).toBeUndefined();
    expect((await raw.call("GET", apps())).json["value"]).toEqual([]);
    await new Promise((res) => setTimeout(res, 200));
    const byId = await raw.call(
      "GET",
      `${apps()}?$expand=teamsApp,teamsAppDefinition&$filter=teamsApp/id eq '${APPS.plain.toLowerCase()}'`,
    );
    expect(byId.json["value"][0]).toMatchObject({
      teamsApp: { id: APPS.plain, displayName: "Polls" },
      teamsAppDefinition: { version: "1.0.0" },
    });
    expect(byId.json["value"][0].consentedPermissionSet).toBeUndefined();
    const byExternal = await raw.call(
      "GET",
      `${apps()}?$filter=teamsApp/externalId eq '05f59cec-a742-4a50-a62e-202a57e478a4'`,
    );
    expect(byExternal.json["value"]).toHaveLength(1);
    expect((await raw.call("GET", `${apps()}?$filter=teamsApp/displayName eq 'Polls'`)).status).toBe(400);
  });

  it("installing needs a TeamsAppInstallation permission (403 names the accepted ones)", async () => {
    const r = await install(APPS.plain, undefined, "limited");
    expect(r.status).toBe(403);
    expect(r.json["error"].message).toMatch(/TeamsAppInstallation\.ReadWriteSelfForChat\.All/);
  });

  it("an app already installed → 409; unknown app → 404", async () => {
    await install(APPS.plain);
    expect((await install(APPS.plain)).status).toBe(409);
    expect((await install("00000000-0000-0000-0000-00000000dead")).status).toBe(404);
  });

  it("RSC consent must match the definition (case-insensitive) and needs an AndConsent permission", async () => {
    expect((await install(APPS.rsc, rsc("ChatMessage.Read.Chat"))).status).toBe(400);
    expect(
      (await install(APPS.rsc, rsc("chatmessage.read.chat", "OnlineMeeting.ReadBasic.Chat"))).status,
    ).toBe(201);
    await new Promise((res) => setTimeout(res, 200));
    const sel = await raw.call("GET", `${apps()}?$select=consentedPermissionSet,id`);
    expect(sel.json["value"][0].consentedPermissionSet.resourceSpecificPermissions).toHaveLength(2);
  });

  it("upgrade moves to the newest definition with the new consent (204); delete → 204", async () => {
    const standup = STANDUP_APP;
    await install(standup, rsc("ChatMessage.Read.Chat"));
    await new Promise((res) => setTimeout(res, 200));
    const inst = (await raw.call("GET", `${apps()}?$expand=teamsAppDefinition`)).json["value"][0];
    expect(inst.teamsAppDefinition.version).toBe("1.0.0");
    const path = `${apps()}/${encodeURIComponent(inst.id)}`;
    expect((await raw.call("POST", `${path}/upgrade`, {})).status).toBe(400); // 2.0.0 needs more consent
    expect(
      (
        await raw.call("POST", `${path}/upgrade`, {
          consentedPermissionSet: rsc("ChatMessage.Read.Chat", "ChatMessage.Send.Chat"),
        })
      ).status,
    ).toBe(204);
    expect(
      (await raw.call("GET", `${path}?$expand=teamsAppDefinition`)).json["teamsAppDefinition"].version,
    ).toBe("2.0.0");
    expect((await raw.call("DELETE", path)).status).toBe(204);
    expect((await raw.call("GET", path)).status).toBe(404);
  });
});
