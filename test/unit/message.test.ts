import { describe, expect, it } from "vitest";
import type { CheckEnv } from "../../provider/contract";
import { checkMessage } from "../../provider/message/check";
import { diffMessage } from "../../provider/message/diff";
import { coveredBy, type MessageState, parseMessageId } from "../../provider/message/model";
import { UNKNOWN } from "../../provider/validate";

const chatId = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";
const jane = { id: "8b081ef6-4792-4def-b2c9-c363a1bf41d5", displayName: "Adele Vance" };
const hello = { chatId, body: { content: "Hello world" } };
const withMention = {
  chatId,
  body: { contentType: "html", content: 'Welcome <at id="0">Adele</at>!' },
  mentions: [{ id: 0, mentionText: "Adele", mentioned: { user: jane } }],
};
const delegated = { tokenKind: "delegated" as const };
const failures = (news: Record<string, unknown>, ctx: CheckEnv = delegated) =>
  checkMessage(news, ctx).failures;

describe("ChatMessage check", () => {
  it("accepts a plain message and a message with a matching mention", () => {
    expect(failures(hello)).toEqual([]);
    expect(failures(withMention)).toEqual([]);
  });

  it.each([
    ["empty body", { chatId, body: { content: "" } }, "body.content", /must not be empty/],
    ["blank body", { chatId, body: { content: "   " } }, "body.content", /blank/],
    [
      "oversized body",
      { chatId, body: { content: "x".repeat(28_673) } },
      "body.content",
      /28673 bytes .*at most 28672/,
    ],
    // 10 000 characters, but 30 000 bytes: Graph measures bytes, so this is refused before it is sent.
    [
      "oversized multi-byte body",
      { chatId, body: { content: "€".repeat(10_000) } },
      "body.content",
      /30000 bytes/,
    ],
    ["bad chat id", { ...hello, chatId: "general" }, "chatId", /chat id such as 19:/],
    [
      "text body with a mention",
      { ...withMention, body: { contentType: "text", content: withMention.body.content } },
      "body.contentType",
      /must be 'html'/,
    ],
    [
      "<at> without mention entry",
      { ...withMention, mentions: [] },
      "mentions",
      /<at id="0"> but no mentions entry/,
    ],
    [
      "mention not in body",
      { ...withMention, body: { contentType: "html", content: "Welcome!" } },
      "mentions[0].id",
      /has no <at id="0">/,
    ],
    [
      "attachment not referenced",
      {
        ...hello,
        attachments: [{ id: "card1", contentType: "application/vnd.microsoft.card.adaptive", content: "{}" }],
      },
      "attachments[0].id",
      /not referenced/,
    ],
    [
      "reference without attachment",
      { chatId, body: { contentType: "html", content: '<attachment id="x"></attachment>' } },
      "attachments",
      /no attachment has id 'x'/,
    ],
    ["bad importance", { ...hello, importance: "critical" }, "importance", /'normal', 'high', 'urgent'/],
    [
      "import with a delegated token",
      { ...hello, createdDateTime: "2020-01-01T00:00:00Z", from: { user: jane } },
      "createdDateTime",
      /application token with Teamwork\.Migrate\.All/,
    ],
    [
      "import time without sender",
      { ...hello, createdDateTime: "2020-01-01T00:00:00Z" },
      "from",
      /both createdDateTime and from/,
    ],
  ])("%s → failure on %s", (_n, news, property, reason) => {
    const f = failures(news as Record<string, unknown>);
    expect(f.map((x) => x.property)).toContain(property);
    expect(f.find((x) => x.property === property)?.reason).toMatch(reason);
  });

  it("an ordinary message with an application token fails before sending, and says how to fix it", () => {
    const f = failures(hello, { tokenKind: "application" });
    expect(f[0]?.reason).toMatch(/application token .* only as an import .*sign in as a user/);
  });

  it("an import with an application token passes", () => {
    const imp = { ...hello, createdDateTime: "2020-01-01T00:00:00Z", from: { user: jane } };
    expect(failures(imp, { tokenKind: "application" })).toEqual([]);
  });

  it("lets unknown values pass", () => {
    expect(failures({ chatId: UNKNOWN, body: { content: UNKNOWN } })).toEqual([]);
    expect(failures({ ...withMention, mentions: UNKNOWN })).toEqual([]);
  });
});

const stored = (o: Partial<MessageState> = {}): MessageState => ({
  chatId,
  messageId: "1616991463150",
  body: { contentType: "html", content: withMention.body.content },
  importance: "normal",
  subject: null,
  mentions: [{ id: 0, mentionText: "Adele", mentioned: { user: { ...jane, userIdentityType: "aadUser" } } }],
  attachments: [],
  createdDateTime: "2026-01-01T00:00:00.000Z",
  lastModifiedDateTime: null,
  lastEditedDateTime: null,
  webUrl: null,
  from: { user: jane },
  imported: false,
  adopted: false,
  existingMessageId: null,
  ...o,
});

describe("ChatMessage diff", () => {
  it("unchanged (Graph's extra keys ignored) → no changes", () => {
    expect(diffMessage(stored(), withMention as never)).toEqual({ changes: false });
  });
  it("an edited body → update in place", () => {
    const news = { ...withMention, body: { contentType: "html", content: 'Hi <at id="0">Adele</at>' } };
    expect(diffMessage(stored(), news as never)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  it("a body not known yet (preview) → update in place, not 'no changes'", () => {
    expect(diffMessage(stored(), { ...withMention, body: UNKNOWN } as never)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  it("importance → update; a different chat → replace", () => {
    expect(diffMessage(stored(), { ...withMention, importance: "high" } as never)).toMatchObject({
      replaces: [],
    });
    expect(diffMessage(stored(), { ...withMention, chatId: "19:other@thread.v2" } as never).replaces).toEqual(
      ["chatId"],
    );
  });
  it("import fields replace", () => {
    const imp = stored({ imported: true, createdDateTime: "2020-01-01T00:00:00.000Z" });
    const news = { ...withMention, createdDateTime: "2020-01-02T00:00:00Z", from: { user: jane } };
    expect(diffMessage(imp, news as never).replaces).toEqual(["createdDateTime"]);
    expect(
      diffMessage(stored(), {
        ...withMention,
        createdDateTime: "2020-01-02T00:00:00Z",
        from: { user: jane },
      } as never).replaces,
    ).toEqual(["createdDateTime", "from"]);
  });
  it("parses composite ids and compares declared keys only", () => {
    expect(parseMessageId(`${chatId}/messages/123`)).toEqual({ chatId, messageId: "123" });
    expect(coveredBy({ a: 1 }, { a: 1, b: null })).toBe(true);
    expect(coveredBy([{ a: 1 }], [{ a: 1 }, { a: 2 }])).toBe(false);
  });
});
