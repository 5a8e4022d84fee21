// Read-only references (`Chat.get`, `ChatMessage.get`, `ChatAppInstallation.get`) as the engine reads them:
// an id with no state but the provider's own key. A missing object fails with a message naming the
// resource, the id and the identity; a found one gives complete outputs. And a configuration mistake is a
// check failure, reported once per run.
import { describe, expect, it } from "vitest";
import {
  callFor,
  configureProvider,
  graphRequests,
  outOfBand,
  useProviderEmulator,
} from "../support/provider";
import { USERS } from "../support/tenant";

const emulator = useProviderEmulator();
const REFERENCE = { __provider: "serialized-shim" };
const POLLS = "05F59CEC-A742-4A50-A62E-202A57E478A4";

async function chatByHand(): Promise<string> {
  const res = await outOfBand(emulator(), "POST", "/chats", {
    chatType: "group",
    topic: "By hand",
    members: [USERS.adele, USERS.u82af].map((id) => ({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${id}')`,
    })),
  });
  return ((await res.json()) as { id: string }).id;
}

describe("get of an id Graph does not have", () => {
  it.each([
    ["Chat", "19:0000000000000000000000000000dead@thread.v2"],
    ["ChatMessage", "19:0000000000000000000000000000dead@thread.v2/messages/1616991463150"],
    ["ChatAppInstallation", "19:0000000000000000000000000000dead@thread.v2/installedApps/aW5zdA=="],
  ] as const)("%s fails, naming the resource, the id and the identity", async (kind, id) => {
    const read = callFor(kind)("read", id, REFERENCE);
    await expect(read).rejects.toMatchObject({ name: "NotFoundError" });
    await expect(read).rejects.toThrow(
      `${kind}.get: no ${kind} with id '${id}' in Microsoft Graph that app 5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21 (msteams:auth clientSecret`,
    );
  });

  it("a refresh of a deleted object is still 'gone' (state is dropped), not an error", async () => {
    const r = await callFor("Chat")<{ id: string }>("read", "19:0000000000000000000000000000dead@thread.v2", {
      ...REFERENCE,
      chatType: "group",
      members: [],
    });
    expect(r.id).toBe("");
  });
});

describe("get of an object that exists gives complete outputs", () => {
  it("Chat: type, topic, members with their ids and names, dates, tenant and web URL", async () => {
    const id = await chatByHand();
    const r = await callFor("Chat")<{ id: string; props: Record<string, unknown> }>("read", id, REFERENCE);
    expect(r.id).toBe(id);
    expect(r.props).toMatchObject({ chatType: "group", topic: "By hand", adopted: false });
    const members = r.props["members"] as { userId: string; displayName: string | null }[];
    expect(members.map((m) => m.userId).sort()).toEqual([USERS.adele, USERS.u82af].sort());
    for (const m of members) expect(m.displayName).toBeTruthy();
    for (const k of ["createdDateTime", "lastUpdatedDateTime", "tenantId", "webUrl"])
      expect(r.props[k]).toBeTruthy();
  });

  it("ChatMessage: chat, body and sender", async () => {
    const chatId = await chatByHand();
    const sent = await outOfBand(
      emulator(),
      "POST",
      `/chats/${encodeURIComponent(chatId)}/messages`,
      { body: { content: "Hello" } },
      "adele@contoso.com",
    );
    const messageId = ((await sent.json()) as { id: string }).id;
    const id = `${chatId}/messages/${messageId}`;
    const r = await callFor("ChatMessage")<{ id: string; props: Record<string, unknown> }>(
      "read",
      id,
      REFERENCE,
    );
    expect(r.id).toBe(id);
    expect(r.props).toMatchObject({ chatId, messageId, body: { contentType: "text", content: "Hello" } });
    expect(r.props["from"]).toMatchObject({ user: { id: USERS.adele } });
    expect(r.props["createdDateTime"]).toBeTruthy();
  });

  it("ChatAppInstallation: chat, app and definition", async () => {
    const chatId = await chatByHand();
    const path = `/chats/${encodeURIComponent(chatId)}/installedApps`;
    await outOfBand(emulator(), "POST", path, {
      "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${POLLS}`,
    });
    await new Promise((r) => setTimeout(r, 400)); // installations show after a delay
    const list = await outOfBand(emulator(), "GET", `${path}?$expand=teamsApp`);
    const installationId = ((await list.json()) as { value: { id: string }[] }).value[0]!.id;
    const id = `${chatId}/installedApps/${installationId}`;
    const r = await callFor("ChatAppInstallation")<{ id: string; props: Record<string, unknown> }>(
      "read",
      id,
      REFERENCE,
    );
    expect(r.id).toBe(id);
    expect(r.props).toMatchObject({ chatId, installationId });
    expect(String(r.props["teamsAppId"]).toLowerCase()).toBe(POLLS.toLowerCase());
    expect(r.props["teamsAppDefinition"]).toMatchObject({ version: "1.0.0" });
  });
});

describe("a configuration mistake in check", () => {
  it("is one failure that lists every missing key, on the first check of the run only", async () => {
    configureProvider(emulator(), { kind: "app" }, { "msteams:tenantId": "", "msteams:clientId": "" });
    const news = {
      ...REFERENCE,
      chatType: "group",
      topic: "T",
      members: [{ user: USERS.adele }, { user: USERS.u82af }],
    };
    type Checked = { failures: { property: string; reason: string }[] };
    const first = await callFor("Chat")<Checked>("check", {}, news);
    expect(first.failures).toEqual([
      {
        property: "",
        reason: expect.stringMatching(/msteams:tenantId is missing: .*\n.*msteams:clientId is missing: /s),
      },
    ]);
    const second = await callFor("ChatMessage")<Checked>(
      "check",
      {},
      { ...REFERENCE, chatId: "c", body: { content: "x" } },
    );
    expect(second.failures.filter((f) => f.reason.includes("cannot sign in"))).toEqual([]);
  });
});

describe("existingMessageId adopts a sent message as it is", () => {
  it("one GET, no POST; the next diff shows the declared body as an edit; destroy forgets it", async () => {
    configureProvider(emulator(), { kind: "user", username: "adele@contoso.com" });
    const chatId = await chatByHand();
    const sent = await outOfBand(
      emulator(),
      "POST",
      `/chats/${encodeURIComponent(chatId)}/messages`,
      { body: { content: "Sent by hand" } },
      "adele@contoso.com",
    );
    const messageId = ((await sent.json()) as { id: string }).id;
    emulator().clearRequests();
    const inputs = { ...REFERENCE, chatId, existingMessageId: messageId, body: { content: "Welcome!" } };
    const m = callFor("ChatMessage");
    const made = await m<{ id: string; outs: Record<string, unknown> }>("create", inputs);
    expect(made.id).toBe(`${chatId}/messages/${messageId}`);
    expect(made.outs).toMatchObject({
      adopted: true,
      existingMessageId: messageId,
      body: { content: "Sent by hand" },
    });
    expect(graphRequests(emulator()).map((r) => r.method)).toEqual(["GET"]);
    const diff = await m<{ changes: boolean; replaces?: string[] }>(
      "diff",
      made.id,
      { ...made.outs, ...REFERENCE },
      inputs,
    );
    expect(diff).toMatchObject({ changes: true });
    expect(diff.replaces ?? []).toEqual([]);
    emulator().clearRequests();
    await m("delete", made.id, { ...made.outs, ...REFERENCE });
    expect(graphRequests(emulator())).toEqual([]);
    const stored = emulator().store.state.chats.find((c) => c.id === chatId)!;
    expect(stored.messages.find((x) => x.id === messageId)?.deletedDateTime ?? null).toBeNull();
  });

  it("an id that is not a message of the chat fails, naming both ids", async () => {
    configureProvider(emulator(), { kind: "user", username: "adele@contoso.com" });
    const chatId = await chatByHand();
    await expect(
      callFor("ChatMessage")("create", {
        ...REFERENCE,
        chatId,
        existingMessageId: "1",
        body: { content: "x" },
      }),
    ).rejects.toThrow(`existingMessageId '1' is not a message of chat ${chatId}`);
  });
});
