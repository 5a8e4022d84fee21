// The message paths next to the main ones of messages-apps.test.ts: list filters that keep some messages
// and drop others, edit refusals, policy verdicts, the edges of migration mode, and body references.
import { beforeEach, describe, expect, it } from "vitest";
import { adele, chatPath, newGroupChat, pat, type Raw, USERS, useEmulator } from "./helpers";

const env = useEmulator();
let raw: Raw;
let chatId: string;
beforeEach(async () => {
  raw = env.raw();
  chatId = await newGroupChat(raw);
});
const messages = () => `${chatPath(chatId)}/messages`;
const contents = (r: { json: Record<string, unknown> }) =>
  (r.json["value"] as { body: { content: string } }[]).map((m) => m.body.content);
const send = async (content: string) =>
  (await raw.call("POST", messages(), { body: { content } }, adele)).json as {
    id: string;
    createdDateTime: string;
  };

describe("message list", () => {
  it("with messageListDelayMs a new message is read by id at once but listed only after the delay", async () => {
    env.emu().configure({ messageListDelayMs: 300 });
    const m = await send("fresh");
    expect((await raw.call("GET", `${messages()}/${m.id}`, undefined, adele)).status).toBe(200);
    expect(contents(await raw.call("GET", messages(), undefined, adele))).toEqual([]);
    await new Promise((r) => setTimeout(r, 350));
    expect(contents(await raw.call("GET", messages(), undefined, adele))).toEqual(["fresh"]);
  });

  it("a commitThenStatus fault changes state, then answers the error", async () => {
    env
      .emu()
      .faults.add({ method: "POST", path: "/messages$", kind: "commitThenStatus", status: 503, times: 1 });
    const r = await raw.call("POST", messages(), { body: { content: "sent anyway" } }, adele);
    expect(r.status).toBe(503);
    expect(contents(await raw.call("GET", messages(), undefined, adele))).toEqual(["sent anyway"]);
  });

  it("$filter createdDateTime lt keeps only older messages; gt on createdDateTime and $top=0 are refused", async () => {
    await send("m1");
    const second = await send("m2");
    await new Promise((r) => setTimeout(r, 5));
    await send("m3");
    const before = await raw.call(
      "GET",
      `${messages()}?$orderby=createdDateTime desc&$filter=createdDateTime lt ${second.createdDateTime}`,
      undefined,
      adele,
    );
    expect(before.status).toBe(200);
    expect(contents(before)).toEqual(["m1"]);

    const gt = await raw.call(
      "GET",
      `${messages()}?$orderby=createdDateTime desc&$filter=createdDateTime gt ${second.createdDateTime}`,
      undefined,
      adele,
    );
    expect(gt.status).toBe(400);
    expect(gt.json["error"].message).toMatch(/createdDateTime/);
    expect((await raw.call("GET", `${messages()}?$top=0`, undefined, adele)).status).toBe(400);
  });

  it("$filter lastModifiedDateTime gt drops messages not changed since", async () => {
    await send("old");
    const cut = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await send("new");
    const r = await raw.call("GET", `${messages()}?$filter=lastModifiedDateTime gt ${cut}`, undefined, adele);
    expect(r.status).toBe(200);
    expect(contents(r)).toEqual(["new"]);
  });

  it("a soft-deleted message is listed with empty content", async () => {
    const m = await send("secret plan");
    await raw.call(
      "POST",
      `/users/${USERS.adele}${chatPath(chatId)}/messages/${m.id}/softDelete`,
      undefined,
      adele,
    );
    const got = await raw.call("GET", `${messages()}/${m.id}`, undefined, adele);
    expect(got.json).toMatchObject({ deletedDateTime: expect.any(String), body: { content: "" } });
  });
});

describe("message edits", () => {
  it.each([
    ["policyViolation from a user", { policyViolation: { dlpAction: "none" } }, /application permissions/],
    ["an unknown property", { body: { content: "x" }, reactions: [] }, /reactions/],
  ])("a delegated PATCH with %s → 400", async (_n, patch, message) => {
    const m = await send("v1");
    const r = await raw.call("PATCH", `${messages()}/${m.id}`, patch, adele);
    expect(r.status).toBe(400);
    expect(r.json["error"].message).toMatch(message);
  });

  it("a soft-deleted message cannot be edited", async () => {
    const m = await send("v1");
    await raw.call(
      "POST",
      `/users/${USERS.adele}${chatPath(chatId)}/messages/${m.id}/softDelete`,
      undefined,
      adele,
    );
    const r = await raw.call("PATCH", `${messages()}/${m.id}`, { body: { content: "v2" } }, adele);
    expect(r.status).toBe(400);
  });

  it("an application's policyViolation verdict is stored and read back; content and edit time stay", async () => {
    const m = await send("card number 4111");
    const verdict = {
      dlpAction: "BlockAccess",
      justificationText: null,
      verdictDetails: "AllowOverrideWithoutJustification",
    };
    const r = await raw.call("PATCH", `${messages()}/${m.id}`, { policyViolation: verdict });
    expect(r.status).toBe(200);
    expect(r.json["policyViolation"]).toEqual(verdict);
    const got = await raw.call("GET", `${messages()}/${m.id}`, undefined, adele);
    expect(got.json).toMatchObject({
      policyViolation: verdict,
      lastEditedDateTime: null,
      body: { content: "card number 4111" },
    });
    expect((await raw.call("PATCH", `${messages()}/${m.id}`, { policyViolation: "block" })).status).toBe(400);
  });
});

describe("migration mode edges", () => {
  const since2021 = { conversationCreationDateTime: "2021-01-01T00:00:00Z" };
  const imp = (createdDateTime: string, extra: Record<string, unknown> = {}) => ({
    body: { content: "old" },
    createdDateTime,
    from: { user: { id: USERS.u82af, displayName: "Patti" } },
    ...extra,
  });

  it("completeMigration before startMigration → 400; after completing, imports are refused", async () => {
    expect((await raw.call("POST", `${chatPath(chatId)}/completeMigration`, {})).status).toBe(400);
    expect((await raw.call("POST", `${chatPath(chatId)}/startMigration`, since2021)).status).toBe(204);
    expect((await raw.call("POST", messages(), imp("2021-02-23T19:10:00.000Z"))).status).toBe(201);
    expect((await raw.call("POST", `${chatPath(chatId)}/completeMigration`, {})).status).toBe(204);
    const late = await raw.call("POST", messages(), imp("2021-02-23T19:11:00.000Z"));
    expect(late.status).toBe(403);
    expect(late.json["error"].message).toMatch(/migration/);
  });

  it("an import needs from; times differing only in the millisecond are distinct messages", async () => {
    await raw.call("POST", `${chatPath(chatId)}/startMigration`, since2021);
    const noFrom = await raw.call("POST", messages(), {
      body: { content: "old" },
      createdDateTime: "2021-02-23T19:10:00.000Z",
    });
    expect(noFrom.status).toBe(400);
    expect(noFrom.json["error"].message).toMatch(/from/);
    expect((await raw.call("POST", messages(), imp("2021-02-23T19:10:00.000Z"))).status).toBe(201);
    const next = await raw.call("POST", messages(), imp("2021-02-23T19:10:00.001Z"));
    expect(next.status).toBe(201);
    expect(next.json["id"]).toBe(String(Date.parse("2021-02-23T19:10:00.001Z")));
  });
});

describe("message body references", () => {
  const mention = {
    id: 0,
    mentionText: "Pat",
    mentioned: { user: { id: USERS.u82af, userIdentityType: "aadUser" } },
  };
  const card = {
    id: "card1",
    contentType: "application/vnd.microsoft.card.thumbnail",
    content: JSON.stringify({ title: "Launch checklist" }),
  };

  it("a mention and a card attachment that reference each other are accepted and returned", async () => {
    const r = await raw.call(
      "POST",
      messages(),
      {
        body: { contentType: "html", content: 'Hi <at id="0">Pat</at> <attachment id="card1"></attachment>' },
        mentions: [mention],
        attachments: [card],
      },
      adele,
    );
    expect(r.status).toBe(201);
    expect(r.json["mentions"]).toEqual([mention]);
    expect(r.json["attachments"]).toEqual([card]);
  });

  it("an <attachment id> without its attachments entry → 400 naming the id", async () => {
    const r = await raw.call(
      "POST",
      messages(),
      { body: { contentType: "html", content: 'See <attachment id="card9"></attachment>' } },
      adele,
    );
    expect(r.status).toBe(400);
    expect(r.json["error"].message).toMatch(/card9/);
  });

  it("only the sender edits, and an edit must keep references consistent", async () => {
    const m = await send("plain");
    const bad = await raw.call(
      "PATCH",
      `${messages()}/${m.id}`,
      { body: { contentType: "html", content: 'Hi <at id="0">Pat</at>' } },
      adele,
    );
    expect(bad.status).toBe(400);
    expect((await raw.call("PATCH", `${messages()}/${m.id}`, { body: { content: "x" } }, pat)).status).toBe(
      403,
    );
  });
});
