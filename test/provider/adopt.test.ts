// Adoption is reviewed before it changes anything: the create that adopts reads only and records the object
// as Graph holds it; diff says in words what the update would change; the update does it (members the
// program does not declare are removed only with undeclaredMembers: "remove").
import { afterEach, describe, expect, it, vi } from "vitest";
import { chatByHand, installByHand, messageByHand } from "../support/by-hand";
import { callFor, configureProvider, graphRequests, useProviderEmulator } from "../support/provider";
import { APPS, USERS } from "../support/tenant";

const chat = callFor("Chat");
const inst = callFor("ChatAppInstallation");
const PROVIDER = { __provider: "serialized-shim" };
const STANDUP = "c3a9f0e2-7b64-4d1e-9f8a-2b5c6d7e8f90"; // 1.0.0 needs ChatMessage.Read.Chat, 2.0.0 also .Send
const READ = { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" };
const SEND = { permissionValue: "ChatMessage.Send.Chat", permissionType: "application" };
type Member = { user: string; userId: string | null; roles: string[] };
type ChatOuts = Record<string, unknown> & { topic: string; members: Member[]; installedApps: unknown };

const emulator = useProviderEmulator();
const warnings = () => {
  const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
  spy.mockClear();
  return () => spy.mock.calls.map((c) => String(c[0]));
};
afterEach(() => {
  vi.restoreAllMocks();
});

/** Someone else's group chat: topic "Theirs", three members, the plain app installed. */
async function theirChat(): Promise<string> {
  const id = await chatByHand(emulator(), "Theirs", [USERS.u8c0a, USERS.u82fe, USERS.u3626]);
  await installByHand(emulator(), id, APPS.plain);
  emulator().clearRequests();
  return id;
}

const writes = () => graphRequests(emulator()).filter((r) => r.method !== "GET");
const stored = (id: string) => emulator().store.state.chats.find((c) => c.id === id)!;
const roster = (id: string) =>
  stored(id)
    .members.map((m) => m.userId)
    .sort();

/** The program: its own topic, two of the three members plus one more, and an app the chat lacks. */
const declared = (id: string, extra: Record<string, unknown> = {}) => ({
  chatType: "group",
  existingChatId: id,
  topic: "Ours",
  members: [USERS.u8c0a, USERS.u82fe, USERS.u4b82].map((user) => ({ user, roles: ["owner"] })),
  installedApps: [
    { teamsAppId: APPS.plain },
    { teamsAppId: STANDUP, consentedPermissionSet: { resourceSpecificPermissions: [READ] } },
  ],
  ...PROVIDER,
  ...extra,
});

describe("Chat with existingChatId", () => {
  it("the adopting create only reads, and records topic, every member and the declared apps Graph has", async () => {
    const id = await theirChat();
    const said = warnings();
    const r = await chat<{ id: string; outs: ChatOuts }>("create", declared(id));
    expect(writes()).toEqual([]);
    expect(r.id).toBe(id);
    expect(r.outs).toMatchObject({ adopted: true, existingChatId: id, topic: "Theirs" });
    expect(r.outs.members.map((m) => m.userId).sort()).toEqual(
      [USERS.u8c0a, USERS.u82fe, USERS.u3626].sort(),
    );
    expect(r.outs.installedApps).toEqual([{ teamsAppId: APPS.plain }]);
    expect(stored(id).topic).toBe("Theirs");
    const told = said().join("\n");
    expect(told).toContain(
      `adopted chat ${id} as Graph holds it; this up changed nothing in it. The next up`,
    );
    expect(told).toContain('renames it from "Theirs" to "Ours"');
    expect(told).toContain(`adds member ${USERS.u4b82}`);
    expect(told).toContain(`installs app ${STANDUP}`);
    expect(told).toContain(`has 1 member(s) the program does not declare: `);
  });

  it("diff reviews the update in words; the update changes exactly that and keeps undeclared members", async () => {
    const id = await theirChat();
    const made = await chat<{ id: string; outs: ChatOuts }>("create", declared(id));
    const olds = { ...made.outs, ...PROVIDER };
    emulator().clearRequests();
    const said = warnings();
    expect(await chat("diff", id, olds, declared(id))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const [change, undeclared] = said();
    expect(change).toBe(
      `warning: adopted chat ${id}: the update renames it from "Theirs" to "Ours"; adds member ${USERS.u4b82}; installs app ${STANDUP}`,
    );
    expect(undeclared).toMatch(
      new RegExp(
        `adopted chat .* has 1 member\\(s\\) the program does not declare: .*${USERS.u3626}.*undeclaredMembers: "remove" removes them`,
      ),
    );
    expect(graphRequests(emulator())).toEqual([]);

    const updated = await chat<{ outs: ChatOuts }>("update", id, olds, declared(id));
    expect(stored(id).topic).toBe("Ours");
    expect(roster(id)).toEqual([USERS.u8c0a, USERS.u82fe, USERS.u3626, USERS.u4b82].sort());
    expect(updated.outs.members.map((m) => m.userId).sort()).toEqual(roster(id));
    expect(
      stored(id)
        .installedApps.map((a) => a.teamsAppId.toLowerCase())
        .sort(),
    ).toEqual([APPS.plain, STANDUP].map((a) => a.toLowerCase()).sort());
    // Converged: nothing more to do, only the reminder about the undeclared member.
    const again = warnings();
    expect(await chat("diff", id, { ...updated.outs, ...PROVIDER }, declared(id))).toEqual({
      changes: false,
    });
    expect(again()).toHaveLength(1);
    expect(
      await chat("diff", id, { ...updated.outs, ...PROVIDER }, declared(id, { undeclaredMembers: "keep" })),
    ).toMatchObject({ changes: true, replaces: [] });
  });

  it('undeclared members go only with undeclaredMembers: "remove", which the review names first', async () => {
    const id = await theirChat();
    const made = await chat<{ id: string; outs: ChatOuts }>("create", declared(id));
    const olds = { ...made.outs, ...PROVIDER };
    const news = declared(id, { undeclaredMembers: "remove" });
    const said = warnings();
    await chat("diff", id, olds, news);
    expect(said()).toEqual([
      expect.stringMatching(
        new RegExp(`; removes member .*${USERS.u3626}.* \\(undeclaredMembers: "remove"\\); installs app`),
      ),
    ]);
    await chat("update", id, olds, news);
    expect(roster(id)).toEqual([USERS.u8c0a, USERS.u82fe, USERS.u4b82].sort());
  });

  it("a chat that matches the program is adopted with nothing to review", async () => {
    const id = await theirChat();
    const same = {
      chatType: "group",
      existingChatId: id,
      topic: "Theirs",
      members: [USERS.u8c0a, USERS.u82fe, USERS.u3626].map((user) => ({ user, roles: ["owner"] })),
      ...PROVIDER,
    };
    const said = warnings();
    const r = await chat<{ outs: ChatOuts }>("create", same);
    expect(said()).toEqual([
      `warning: adopted chat ${id} as Graph holds it; this up changed nothing in it, and it matches the program`,
    ]);
    expect(await chat("diff", id, { ...r.outs, ...PROVIDER }, same)).toEqual({ changes: false });
  });

  it("check of an adopting create says what the create will do, and nothing once adopted", async () => {
    const id = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";
    const said = warnings();
    await chat("check", {}, declared(id));
    expect(said()).toEqual([
      expect.stringContaining(
        `Chat adopts the existing chat ${id}: this up records it exactly as Graph holds it`,
      ),
    ]);
    const later = warnings();
    await chat("check", declared(id), declared(id));
    expect(later()).toEqual([]);
  });
});

describe("ChatAppInstallation of an app already installed", () => {
  it("is adopted as Graph holds it with no write; the next diff reviews the upgrade; the update upgrades", async () => {
    const chatId = await theirChat();
    await installByHand(emulator(), chatId, STANDUP, { resourceSpecificPermissions: [READ] });
    emulator().clearRequests();
    const news = {
      chatId,
      teamsAppId: STANDUP,
      consentedPermissionSet: { resourceSpecificPermissions: [READ, SEND] },
      ...PROVIDER,
    };
    const said = warnings();
    const r = await inst<{
      id: string;
      outs: Record<string, unknown> & { teamsAppDefinition: { version: string } };
    }>("create", news);
    expect(writes()).toEqual([]);
    expect(r.outs).toMatchObject({
      adopted: true,
      consentedPermissionSet: { resourceSpecificPermissions: [READ] },
    });
    expect(r.outs.teamsAppDefinition.version).toBe("1.0.0");
    expect(said().join("\n")).toContain(
      `app ${STANDUP} was already installed in chat ${chatId}: adopted as Graph holds it`,
    );

    const olds = { ...r.outs, ...PROVIDER };
    const review = warnings();
    expect(await inst("diff", r.id, olds, news)).toMatchObject({ changes: true, replaces: [] });
    expect(review()).toEqual([
      `warning: adopted app ${STANDUP} in chat ${chatId}: the update upgrades it to consent chatmessage.read.chat/application,chatmessage.send.chat/application (Graph holds chatmessage.read.chat/application)`,
    ]);
    const up = await inst<{ outs: { teamsAppDefinition: { version: string }; adopted: boolean } }>(
      "update",
      r.id,
      olds,
      news,
    );
    expect(up.outs).toMatchObject({ adopted: true, teamsAppDefinition: { version: "2.0.0" } });
  });
});

describe("ChatMessage with existingMessageId", () => {
  it("is adopted with one GET; the next diff names the edits; the update makes them", async () => {
    configureProvider(emulator(), { kind: "user", username: "adele@contoso.com" });
    const chatId = await chatByHand(emulator(), "By hand", [USERS.adele, USERS.u82af]);
    const messageId = await messageByHand(emulator(), chatId, "Sent by hand", "adele@contoso.com");
    emulator().clearRequests();
    const m = callFor("ChatMessage");
    const news = {
      chatId,
      existingMessageId: messageId,
      body: { content: "Welcome!" },
      importance: "high",
      ...PROVIDER,
    };
    const made = await m<{ id: string; outs: Record<string, unknown> }>("create", news);
    expect(writes()).toEqual([]);
    const said = warnings();
    expect(await m("diff", made.id, { ...made.outs, ...PROVIDER }, news)).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(said()).toEqual([
      `warning: adopted message ${messageId} of chat ${chatId}: the update edits its body, importance`,
    ]);
    await m("update", made.id, { ...made.outs, ...PROVIDER }, news);
    const stored = emulator()
      .store.state.chats.find((c) => c.id === chatId)!
      .messages.find((x) => x.id === messageId)!;
    expect(stored.body.content).toBe("Welcome!");
  });
});
