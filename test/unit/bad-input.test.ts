// Bad input reaches `check` as failures, never as a crash, and each wrong value is reported once, on its
// property, with what was given and how to fix it.
import { describe, expect, it } from "vitest";
import { checkChat } from "../../provider/chat/check";
import type { CheckEnv } from "../../provider/contract";
import { checkMessage } from "../../provider/message/check";
import { UNKNOWN, validateInputs } from "../../provider/validate";

const adele = "8b081ef6-4792-4def-b2c9-c363a1bf41d5";
const pat = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
const chatId = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";
const app = { tokenKind: "application" as const };
const delegated = { tokenKind: "delegated" as const };
const group = { chatType: "group", topic: "Launch", members: [{ user: adele }, { user: pat }] };
const jane = { id: adele, displayName: "Adele Vance" };
const withMention = {
  chatId,
  body: { contentType: "html", content: 'Hi <at id="0">Adele</at>' },
  mentions: [{ id: 0, mentionText: "Adele", mentioned: { user: jane } }],
};
const chatFailures = (news: Record<string, unknown>, olds: Record<string, unknown> = {}) =>
  checkChat(olds, news, app).failures;
const messageFailures = (news: Record<string, unknown>, ctx: CheckEnv = delegated) =>
  checkMessage(news, ctx).failures;
const rsc = (...perms: [string, string][]) => ({
  resourceSpecificPermissions: perms.map(([permissionValue, permissionType]) => ({
    permissionValue,
    permissionType,
  })),
});
const properties = (f: readonly { property: string }[]) => f.map((x) => x.property);

describe("check on nulls and wrong shapes", () => {
  it.each([
    ["a null member", { ...group, members: [null, { user: pat }, { user: adele }] }, "members[0]"],
    [
      "a member that is a string",
      { ...group, members: [adele, { user: pat }, { user: "j@contoso.com" }] },
      "members[0]",
    ],
    [
      "a member that is a list",
      { ...group, members: [[adele], { user: pat }, { user: "j@contoso.com" }] },
      "members[0]",
    ],
    ["a null app", { ...group, installedApps: [null] }, "installedApps[0]"],
    [
      "roles that are null inside",
      { ...group, members: [{ user: adele, roles: [null] }, { user: pat }] },
      "members[0].roles[0]",
    ],
    ["members as an object", { ...group, members: { user: adele } }, "members"],
    [
      "a null permission",
      {
        ...group,
        installedApps: [
          { teamsAppId: "a1", consentedPermissionSet: { resourceSpecificPermissions: [null] } },
        ],
      },
      "installedApps[0].consentedPermissionSet.resourceSpecificPermissions[0]",
    ],
    [
      "a consent set that is a string",
      { ...group, installedApps: [{ teamsAppId: "a1", consentedPermissionSet: "all" }] },
      "installedApps[0].consentedPermissionSet",
    ],
  ])("Chat with %s → one failure there, no crash", (_name, news, property) => {
    const f = chatFailures(news as Record<string, unknown>);
    expect(properties(f)).toEqual([property]);
    expect(f[0]!.reason).toMatch(/^must be /);
  });

  it.each([
    ["a null mention", { ...withMention, mentions: [null] }, "mentions[0]"],
    ["mentions as a string", { ...withMention, mentions: "Adele" }, "mentions"],
    ["a null attachment", { chatId, body: { content: "x" }, attachments: [null] }, "attachments[0]"],
    ["a body that is a string", { chatId, body: "Hello" }, "body"],
    [
      "a null mentioned identity user",
      { ...withMention, mentions: [{ id: 0, mentionText: "A", mentioned: { user: null } }] },
      "mentions[0].mentioned",
    ],
  ])("ChatMessage with %s → one failure there, no crash", (_name, news, property) => {
    expect(properties(messageFailures(news as Record<string, unknown>))).toEqual([property]);
  });

  it("a null import field counts as absent, not as half an import", () => {
    expect(messageFailures({ ...withMention, from: null })).toEqual([]);
    expect(messageFailures({ ...withMention, createdDateTime: null, from: null }, app)[0]?.property).toBe(
      "body",
    );
  });

  it("a mention id of the wrong type is one failure, not three contradictory ones", () => {
    const news = { ...withMention, mentions: [{ ...withMention.mentions[0], id: "0" }] };
    const f = messageFailures(news);
    expect(properties(f)).toEqual(["mentions[0].id"]);
    expect(f[0]!.reason).toBe('must be a whole number; got "0"');
  });

  it("a wrong content type with mentions is one failure on body.contentType", () => {
    const f = messageFailures({ ...withMention, body: { ...withMention.body, contentType: "markdown" } });
    expect(properties(f)).toEqual(["body.contentType"]);
  });

  it("a string breaking several limits is one failure (the first limit it breaks)", () => {
    const f = chatFailures({ ...group, topic: `${"a:".repeat(200)}` });
    expect(f).toEqual([{ property: "topic", reason: expect.stringMatching(/400 characters long/) }]);
  });
});

describe("check never quotes free text", () => {
  const confidential = "Project Falcon: acquisition of Contoso";

  it.each([
    ["a topic with a colon", () => chatFailures({ ...group, topic: confidential })],
    ["a body given as a plain string", () => messageFailures({ chatId, body: confidential })],
    [
      "a subject of the wrong type",
      () => messageFailures({ chatId, body: { content: "x" }, subject: [confidential] }),
    ],
    [
      "an attachment given as a string",
      () => messageFailures({ chatId, body: { content: "x" }, attachments: [confidential] }),
    ],
  ])("%s: the failure describes it without its text", (_name, run) => {
    const f = run();
    expect(f).toHaveLength(1);
    expect(f[0]!.reason).not.toContain("Falcon");
    expect(f[0]!.reason).toMatch(/not shown/);
  });

  it("ids, enum values and dates are quoted, so the mistake can be found", () => {
    const f = chatFailures({ ...group, deletionPolicy: "destroy", existingChatId: "abc" });
    expect(f.map((x) => x.reason).join(" ")).toMatch(/"destroy".*"abc"/);
  });
});

describe("check on topics, member limits and duplicate permissions", () => {
  it.each(["", " ", "\t\n "])("a blank topic %j is refused on the topic", (topic) => {
    const f = chatFailures({ ...group, topic });
    expect(properties(f)).toEqual(["topic"]);
    expect(f[0]!.reason).toMatch(/must not be (empty|blank)/);
  });

  it("a group chat takes at most 250 members", () => {
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ user: `user${i}@contoso.com` }));
    expect(chatFailures({ ...group, members: people(250) })).toEqual([]);
    const f = chatFailures({ ...group, members: people(251) });
    expect(f).toEqual([{ property: "members", reason: "allows at most 250 entries; got 251. Remove 1" }]);
  });

  it("a one-on-one chat with too many members gets the one-on-one failure only", () => {
    const people = Array.from({ length: 251 }, (_, i) => ({ user: `user${i}@contoso.com` }));
    const f = chatFailures({ chatType: "oneOnOne", members: people });
    expect(properties(f)).toEqual(["members"]);
    expect(f[0]!.reason).toMatch(/exactly 2 members/);
  });

  it("a permission listed twice (in any case) fails on the repeat, naming the first", () => {
    const news = {
      chatId,
      teamsAppId: "a1",
      consentedPermissionSet: rsc(
        ["ChatMessage.Read.Chat", "application"],
        ["ChatMessage.Read.Chat", "delegated"],
        ["chatmessage.read.chat", "Application"],
      ),
    };
    const f = validateInputs("ChatAppInstallation", news);
    expect(f).toEqual([
      {
        property: "consentedPermissionSet.resourceSpecificPermissions[2]",
        reason: expect.stringMatching(/repeats consentedPermissionSet.resourceSpecificPermissions\[0\]/),
      },
    ]);
    const inChat = chatFailures({
      ...group,
      installedApps: [
        { teamsAppId: "a1", consentedPermissionSet: rsc(["A.B", "delegated"], ["A.B", "delegated"]) },
      ],
    });
    expect(properties(inChat)).toEqual([
      "installedApps[0].consentedPermissionSet.resourceSpecificPermissions[1]",
    ]);
  });

  it("unknown permissions never count as duplicates", () => {
    const set = {
      resourceSpecificPermissions: [
        UNKNOWN,
        UNKNOWN,
        { permissionValue: UNKNOWN, permissionType: "application" },
      ],
    };
    expect(
      validateInputs("ChatAppInstallation", { chatId, teamsAppId: "a1", consentedPermissionSet: set }),
    ).toEqual([]);
  });
});

describe("check on date-times", () => {
  const at = (visibleHistoryStartDateTime: unknown) => ({
    ...group,
    members: [{ user: adele }, { user: pat, visibleHistoryStartDateTime }],
  });
  const property = "members[1].visibleHistoryStartDateTime";

  it.each([
    "2024-01-31T09:00:00Z",
    "2024-01-31T09:00Z",
    "2024-01-31T09:00:00.1234567Z",
    "2024-01-31T10:00:00+01:00",
    "2024-02-29T00:00:00-05:30",
    "0001-01-01T00:00:00Z",
    "2024-01-31t09:00:00z",
  ])("accepts %s", (v) => {
    expect(chatFailures(at(v))).toEqual([]);
  });

  it.each([
    ["2024-01-31", /with its offset/],
    ["2024-01-31T09:00:00", /with its offset/],
    ["Jan 31 2024 09:00 GMT", /with its offset/],
    ["2024-01-31 09:00:00Z", /with its offset/],
    ["1706691600000", /with its offset/],
    ["2026-02-30T00:00:00Z", /not a calendar date \(2026-02 has 28 days\)/],
    ["2023-02-29T00:00:00Z", /2023-02 has 28 days/],
    ["2024-04-31T00:00:00Z", /2024-04 has 30 days/],
    ["2024-13-01T00:00:00Z", /2024-13 has no days/],
    ["2024-01-00T00:00:00Z", /not a calendar date/],
    ["2024-01-31T24:00:00Z", /impossible time/],
    ["2024-01-31T09:60:00Z", /impossible time/],
    ["2024-01-31T09:00:00+15:00", /impossible time/],
  ])("refuses %s once, quoting it", (v, reason) => {
    const f = chatFailures(at(v));
    expect(properties(f)).toEqual([property]);
    expect(f[0]!.reason).toMatch(reason);
    expect(f[0]!.reason).toContain(JSON.stringify(v));
  });

  it("an import time on an impossible day fails on createdDateTime", () => {
    const news = { ...withMention, createdDateTime: "2026-02-30T10:00:00Z", from: { user: jane } };
    expect(properties(messageFailures(news, app))).toEqual(["createdDateTime"]);
  });

  it("unknown date-times pass", () => {
    expect(chatFailures(at(UNKNOWN))).toEqual([]);
  });
});
