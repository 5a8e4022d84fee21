// The create journal (provider/journal.ts, docs/interruption.md): a create whose earlier run was killed
// after it had been sent finds what that run made instead of making it twice, and a one-on-one chat the
// killed run created is this stack's (not adopted). Each case is also run without the journal entry, to
// show what the entry changes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { startAttempt } from "../../provider/graph/clock";
import { intentFor, JOURNAL_INPUT } from "../../provider/journal";
import {
  callFor,
  configureProvider,
  graphRequests,
  outOfBand,
  useProviderEmulator,
} from "../support/provider";
import { APPS, USERS } from "../support/tenant";

const dir = mkdtempSync(join(tmpdir(), "msteams-journal-"));
process.env["MSTEAMS_JOURNAL_DIR"] = dir;
afterAll(() => {
  delete process.env["MSTEAMS_JOURNAL_DIR"];
  rmSync(dir, { recursive: true, force: true });
});

const who = { kind: "user", username: "adele@contoso.com" } as const;
const PROVIDER = { __provider: "serialized-shim" };
const ROSTER = [USERS.adele, USERS.u82af, USERS.u8c0a];
let n = 0;
const key = () => `proj/stack/res-${++n}-${process.pid}`;
const chat = callFor("Chat");
const message = callFor("ChatMessage");
type Created = { id: string; outs: Record<string, unknown> };

const graphMembers = (users: readonly string[]) =>
  users.map((u) => ({
    "@odata.type": "#microsoft.graph.aadUserConversationMember",
    roles: ["owner"],
    "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${u}')`,
  }));
const liveChats = (emu: RunningEmulator) => emu.store.state.chats.filter((c) => !c.deletedDateTime);
const posts = (emu: RunningEmulator, suffix: RegExp) =>
  graphRequests(emu).filter((r) => r.method === "POST" && suffix.test(r.path)).length;
/** Entries, and the id links of entries whose create returned (for delete). */
const entries = () => readdirSync(dir).filter((f) => f.endsWith(".json"));
const links = () => readdirSync(dir).filter((f) => f.endsWith(".id"));
const entry = (f: string) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>;

/** What the killed run did: recorded its intent, then sent the create (here out of band, as the same user). */
function killedRunRecorded(kind: string, inputs: Record<string, unknown>): void {
  intentFor(kind, inputs, (m) => {
    throw new Error(m);
  })!.record(startAttempt());
}

describe("create journal", () => {
  const emulator = useProviderEmulator(who);
  beforeEach(() => {
    configureProvider(emulator(), who, { "msteams:chatListSettleSeconds": "1" });
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
  });

  const group = () => ({
    chatType: "group",
    topic: `Journal ${++n}`,
    members: ROSTER.map((user) => ({ user, roles: ["owner"] })),
    [JOURNAL_INPUT]: key(),
    ...PROVIDER,
  });
  const killedRunMadeChat = async (inputs: { topic: string }) => {
    const res = await outOfBand(
      emulator(),
      "POST",
      "/chats",
      { chatType: "group", topic: inputs.topic, members: graphMembers(ROSTER) },
      "adele@contoso.com",
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it("a group chat the killed run made is taken, not made again; the entry goes once the state holds it", async () => {
    const inputs = group();
    killedRunRecorded("Chat", inputs);
    const theirs = await killedRunMadeChat(inputs);
    emulator().clearRequests();
    const r = await chat<Created>("create", inputs);
    expect(r.id).toBe(theirs);
    expect(r.outs["adopted"]).toBe(false);
    expect(posts(emulator(), /\/chats$/)).toBe(0);
    expect(liveChats(emulator()).map((c) => c.id)).toEqual([theirs]);
    // The engine may die before it saves the answer: the entry (now with the id) stays until a check
    // sees the resource among the olds, i.e. in the engine's state.
    expect(entries().map(entry)).toEqual([expect.objectContaining({ kind: "Chat", id: theirs })]);
    expect(links()).toHaveLength(1);
    await chat("check", { ...inputs, ...r.outs }, inputs);
    expect(entries()).toEqual([]);
    expect(links()).toEqual([]);
  });

  it("without the entry (a fresh checkout), the same chat is not taken: a second one is made", async () => {
    const inputs = group();
    const theirs = await killedRunMadeChat(inputs);
    const r = await chat<Created>("create", inputs);
    expect(r.id).not.toBe(theirs);
    expect(liveChats(emulator())).toHaveLength(2);
  });

  it("the killed run never reached Graph: nothing is found, the chat is sent once", async () => {
    const inputs = group();
    killedRunRecorded("Chat", inputs);
    emulator().clearRequests();
    const r = await chat<Created>("create", inputs);
    expect(posts(emulator(), /\/chats$/)).toBe(1);
    expect(liveChats(emulator()).map((c) => c.id)).toEqual([r.id]);
    // Deleting the resource removes its entry, found by the id.
    expect(links()).toHaveLength(1);
    await chat("delete", r.id, { ...r.outs, ...PROVIDER });
    expect(entries()).toEqual([]);
    expect(links()).toEqual([]);
  });

  it("an identical chat made before the killed run began is never taken", async () => {
    const inputs = group();
    const before = await killedRunMadeChat(inputs);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    killedRunRecorded("Chat", inputs);
    const r = await chat<Created>("create", inputs);
    expect(r.id).not.toBe(before);
    expect(liveChats(emulator())).toHaveLength(2);
  });

  it("a one-on-one chat the killed run made is this stack's (adopted: false); without the entry it is adopted", async () => {
    const inputs = {
      chatType: "oneOnOne",
      members: [USERS.adele, USERS.u82af].map((user) => ({ user, roles: ["owner"] })),
      [JOURNAL_INPUT]: key(),
      ...PROVIDER,
    };
    killedRunRecorded("Chat", inputs);
    const res = await outOfBand(
      emulator(),
      "POST",
      "/chats",
      { chatType: "oneOnOne", members: graphMembers([USERS.adele, USERS.u82af]) },
      "adele@contoso.com",
    );
    const theirs = ((await res.json()) as { id: string }).id;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const r = await chat<Created>("create", inputs);
    expect(r.id).toBe(theirs);
    expect(r.outs["adopted"]).toBe(false);
    const again = await chat<Created>("create", { ...inputs, [JOURNAL_INPUT]: key() });
    expect(again.id).toBe(theirs);
    expect(again.outs["adopted"]).toBe(true);
  });

  it("a message the killed run sent is taken, not sent twice", async () => {
    const made = await chat<Created>("create", group());
    const inputs = {
      chatId: made.id,
      body: { contentType: "text", content: `hello ${++n}` },
      [JOURNAL_INPUT]: key(),
      ...PROVIDER,
    };
    killedRunRecorded("ChatMessage", inputs);
    const sent = await outOfBand(
      emulator(),
      "POST",
      `/chats/${encodeURIComponent(made.id)}/messages`,
      { body: inputs.body },
      "adele@contoso.com",
    );
    const theirs = ((await sent.json()) as { id: string }).id;
    emulator().clearRequests();
    const r = await message<Created>("create", inputs);
    expect(r.id).toBe(`${made.id}/messages/${theirs}`);
    expect(posts(emulator(), /\/messages$/)).toBe(0);
    expect(
      emulator()
        .store.messages(made.id)
        .filter((m) => !m.deletedDateTime),
    ).toHaveLength(1);
    // Without the entry the same create sends a second message.
    await message<Created>("create", { ...inputs, [JOURNAL_INPUT]: key() });
    expect(posts(emulator(), /\/messages$/)).toBe(1);
  });

  it("an app the killed run installed is this stack's (adopted: false); without the entry, adopted", async () => {
    const install = callFor("ChatAppInstallation");
    const made = await chat<Created>("create", group());
    const inputs = { chatId: made.id, teamsAppId: APPS.plain, [JOURNAL_INPUT]: key(), ...PROVIDER };
    killedRunRecorded("ChatAppInstallation", inputs);
    const res = await outOfBand(
      emulator(),
      "POST",
      `/chats/${encodeURIComponent(made.id)}/installedApps`,
      { "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${APPS.plain}` },
      "adele@contoso.com",
    );
    expect(res.status).toBe(201);
    const r = await install<Created>("create", inputs);
    expect(r.outs["adopted"]).toBe(false);
    const again = await install<Created>("create", { ...inputs, [JOURNAL_INPUT]: key() });
    expect(again.outs["adopted"]).toBe(true);
    expect(emulator().store.installations(made.id)).toHaveLength(1);
  });

  it("an entry of a resource the engine has recorded is cleared by the next check", async () => {
    const inputs = group();
    killedRunRecorded("Chat", inputs);
    expect(entries()).toHaveLength(1);
    await chat("check", {}, inputs);
    expect(entries()).toHaveLength(1); // no olds: still a create to come
    await chat("check", { ...inputs }, inputs);
    expect(entries()).toEqual([]);
  });

  it("an unknown outcome keeps the entry for the next run; a refused create removes it", async () => {
    configureProvider(emulator(), who, { "msteams:chatListSettleSeconds": "0" });
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "drop", times: 3 });
    await expect(chat("create", group())).rejects.toThrow(/sent 3 times/);
    expect(entries().map(entry)).toEqual([expect.not.objectContaining({ id: expect.anything() })]);
    for (const f of entries()) rmSync(join(dir, f));
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "status", status: 403, times: 1 });
    await expect(chat("create", group())).rejects.toThrow(/403/);
    expect(entries()).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
});
