import { describe, expect, it } from "vitest";
import { checkChat } from "../../provider/chat/check";
import { UNKNOWN } from "../../provider/validate";

const adele = "8b081ef6-4792-4def-b2c9-c363a1bf41d5";
const pat = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
const ctx = { tokenKind: "application" as const };
const oneOnOne = { chatType: "oneOnOne", members: [{ user: adele }, { user: pat }] };
const group = {
  chatType: "group",
  topic: "Launch",
  members: [{ user: adele }, { user: pat }, { user: "jacob@contoso.com" }],
};

function failures(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  return checkChat(olds, news, ctx).failures;
}

describe("Chat check", () => {
  it("accepts valid one-on-one and group chats and fills the default role", () => {
    const r = checkChat({}, oneOnOne, ctx);
    expect(r.failures).toEqual([]);
    expect((r.inputs["members"] as { roles: string[] }[]).map((m) => m.roles)).toEqual([
      ["owner"],
      ["owner"],
    ]);
    expect(failures(group)).toEqual([]);
  });

  it.each([
    ["missing chatType", { members: oneOnOne.members }, "chatType", /required/],
    ["meeting chatType", { ...oneOnOne, chatType: "meeting" }, "chatType", /'oneOnOne', 'group'/],
    ["missing members", { chatType: "group" }, "members", /required/],
    ["topic on oneOnOne", { ...oneOnOne, topic: "Hi" }, "topic", /only allowed on group chats/],
    ["topic over 250", { ...group, topic: "x".repeat(251) }, "topic", /251 characters.*at most 250/],
    ["colon in topic", { ...group, topic: "Launch: Q3" }, "topic", /without ':'/],
    ["three in a oneOnOne", { ...oneOnOne, members: group.members }, "members", /exactly 2 members/],
    [
      "role member",
      { ...group, members: [{ user: adele, roles: ["member"] }, { user: pat }] },
      "members[0].roles[0]",
      /'owner', 'guest'/,
    ],
    [
      "two roles",
      { ...group, members: [{ user: adele, roles: ["owner", "guest"] }, { user: pat }] },
      "members[0].roles",
      /at most 1/,
    ],
    [
      "bad user",
      { ...group, members: [{ user: "adele" }, { user: pat }] },
      "members[0].user",
      /object id .* or a UPN/,
    ],
    [
      "empty user",
      { ...group, members: [{ user: "" }, { user: pat }] },
      "members[0].user",
      /must not be empty/,
    ],
    [
      "duplicate member",
      { ...group, members: [{ user: adele }, { user: adele.toUpperCase() }] },
      "members[1].user",
      /already listed/,
    ],
    [
      "federated guest",
      {
        ...group,
        members: [
          { user: adele },
          { user: pat, roles: ["guest"], tenantId: "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1" },
        ],
      },
      "members[1].roles",
      /must have role 'owner'/,
    ],
    [
      "bad tenant id",
      { ...group, members: [{ user: adele }, { user: pat, tenantId: "fabrikam" }] },
      "members[1].tenantId",
      /tenant GUID/,
    ],
    [
      "bad history date",
      { ...group, members: [{ user: adele }, { user: pat, visibleHistoryStartDateTime: "yesterday" }] },
      "members[1].visibleHistoryStartDateTime",
      /ISO 8601/,
    ],
    ["typo property", { ...group, topik: "x" }, "topik", /unknown property 'topik'/],
    [
      "two apps at creation",
      { ...oneOnOne, installedApps: [{ teamsAppId: "a1" }, { teamsAppId: "a2" }] },
      "installedApps",
      /at most 1 app.*ChatAppInstallation/,
    ],
    [
      "bad permission type",
      {
        ...oneOnOne,
        installedApps: [
          {
            teamsAppId: "a1",
            consentedPermissionSet: {
              resourceSpecificPermissions: [
                { permissionValue: "ChatMessage.Read.Chat", permissionType: "admin" },
              ],
            },
          },
        ],
      },
      "installedApps[0].consentedPermissionSet.resourceSpecificPermissions[0].permissionType",
      /'application', 'delegated'/,
    ],
    [
      "bad app id",
      { ...oneOnOne, installedApps: [{ teamsAppId: "not an id!" }] },
      "installedApps[0].teamsAppId",
      /catalog id/,
    ],
    ["bad policy", { ...group, deletionPolicy: "destroy" }, "deletionPolicy", /'delete', 'hide', 'forget'/],
    ["hide with app token", { ...group, deletionPolicy: "hide" }, "deletionPolicy", /delegated token/],
    ["bad existing id", { ...group, existingChatId: "abc" }, "existingChatId", /chat id such as 19:/],
  ])("%s → a failure on the property that says how to fix it", (_name, news, property, reason) => {
    const f = failures(news as Record<string, unknown>);
    expect(f.map((x) => x.property)).toContain(property);
    expect(f.find((x) => x.property === property)?.reason).toMatch(reason);
  });

  it("accepts RSC permission types in any case (Graph's docs write 'Application') and stores them lower-case", () => {
    const app = (permissionType: string) => ({
      teamsAppId: "a1",
      consentedPermissionSet: {
        resourceSpecificPermissions: [{ permissionValue: "ChatMessage.Read.Chat", permissionType }],
      },
    });
    const r = checkChat({}, { ...oneOnOne, installedApps: [app("Application")] }, ctx);
    expect(r.failures).toEqual([]);
    expect(r.inputs["installedApps"]).toEqual([app("application")]);
    expect(failures({ ...oneOnOne, installedApps: [app("DELEGATED")] })).toEqual([]);
  });

  it("allows a second app once the chat exists (the one-app rule is for creation only)", () => {
    const news = { ...oneOnOne, installedApps: [{ teamsAppId: "a1" }, { teamsAppId: "a2" }] };
    expect(failures(news, oneOnOne)).toEqual([]);
  });

  it("lets unknown preview values through, even nested", () => {
    expect(failures({ chatType: UNKNOWN, topic: UNKNOWN, members: UNKNOWN })).toEqual([]);
    expect(failures({ ...group, members: [{ user: UNKNOWN }, { user: pat, roles: UNKNOWN }] })).toEqual([]);
  });

  it("allows hide when the token kind is delegated or not knowable yet", () => {
    for (const tokenKind of ["delegated", undefined] as const) {
      expect(checkChat({}, { ...group, deletionPolicy: "hide" }, { tokenKind }).failures).toEqual([]);
    }
  });
});
