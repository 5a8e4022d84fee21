// Adoption is reviewed before it changes anything, through the real engine: the `up` that adopts a chat,
// a message or an installed app writes nothing to Graph; the next preview says what would change; the up
// after it changes exactly that (members the program does not declare go only with undeclaredMembers).
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { chatByHand, installByHand, messageByHand } from "../support/by-hand";
import { APPS, USERS } from "../support/tenant";
import { changes, graphCalls, Stack, useEmulator } from "./harness";

const emulator = useEmulator({ asyncOperationMs: 300 });
const STANDUP = "c3a9f0e2-7b64-4d1e-9f8a-2b5c6d7e8f90";
const READ = { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" };

const chatOf = (id: string) => emulator().store.state.chats.find((c) => c.id === id)!;
const writes = (emu: RunningEmulator) => graphCalls(emu).filter((r) => r.method !== "GET");
const roster = (id: string) =>
  chatOf(id)
    .members.map((m) => m.userId)
    .sort();

/** A command that must succeed, with what the engine printed (the provider's warnings are in it). */
async function logged(s: Stack, command: string, cfg: Record<string, string>) {
  const r = await s.run(command, cfg);
  if (r.code !== 0 || !r.result) throw new Error(`pulumi ${command} failed (exit ${r.code}):\n${r.log}`);
  return { ...r.result, log: r.log };
}

/** Someone else's group chat (four members, topic "Theirs"), made out of band. */
const theirChat = () =>
  chatByHand(emulator(), "Theirs", [USERS.adele, USERS.u8c0a, USERS.u82fe, USERS.u3626]);

describe("adopt", () => {
  it("Chat (existingChatId): the adopting up writes nothing; the preview names the changes; the up applies them", async () => {
    const id = await theirChat();
    await installByHand(emulator(), id, APPS.plain);
    const s = new Stack("adopt", emulator());
    const cfg = { "e2e:kind": "chat", "e2e:chatId": id };
    const before = JSON.stringify(chatOf(id));
    emulator().clearRequests();

    const adopting = await logged(s, "up", cfg);
    expect(adopting.log).toContain(`Chat adopts the existing chat ${id}`);
    expect(adopting.log).toContain(`adopted chat ${id} as Graph holds it; this up changed nothing in it`);
    expect(adopting.outputs).toMatchObject({ adopted: true, topic: "Theirs" });
    expect(writes(emulator())).toEqual([]);
    expect(JSON.stringify(chatOf(id))).toBe(before);

    const preview = await logged(s, "preview", cfg);
    expect(changes(preview.summary)).toEqual({ update: 1 });
    expect(preview.log).toContain(
      `adopted chat ${id}: the update renames it from "Theirs" to "Ours"; adds member ${USERS.u4b82}; installs app ${STANDUP}`,
    );
    expect(preview.log).toMatch(
      /has 2 member\(s\) the program does not declare: .*undeclaredMembers: "remove" removes them/,
    );

    const up = await s.ok("up", cfg);
    expect(changes(up.summary)).toEqual({ update: 1 });
    expect(chatOf(id).topic).toBe("Ours");
    expect(roster(id)).toEqual([USERS.adele, USERS.u8c0a, USERS.u82fe, USERS.u3626, USERS.u4b82].sort());
    expect(
      chatOf(id)
        .installedApps.map((a) => a.teamsAppId.toLowerCase())
        .sort(),
    ).toEqual([APPS.plain, STANDUP].map((a) => a.toLowerCase()).sort());
    expect(changes((await s.ok("preview", cfg)).summary)).toEqual({});

    // Only the explicit input removes the members the program does not declare.
    const removing = { ...cfg, "e2e:undeclared": "remove" };
    const review = await logged(s, "preview", removing);
    expect(review.log).toMatch(
      new RegExp(`removes member .*${USERS.u3626}.*\\(undeclaredMembers: "remove"\\)`),
    );
    await s.ok("up", removing);
    expect(roster(id)).toEqual([USERS.u8c0a, USERS.u82fe, USERS.u4b82].sort());
  });

  it("ChatMessage (existingMessageId): the adopting up writes nothing; the preview names the edit; the up makes it", async () => {
    const chatId = await theirChat();
    const messageId = await messageByHand(emulator(), chatId, "Sent by hand", "adele@contoso.com");
    const message = () => chatOf(chatId).messages.find((m) => m.id === messageId)!;
    const s = new Stack("adopt", emulator(), "adele");
    const cfg = { "e2e:kind": "message", "e2e:chatId": chatId, "e2e:messageId": messageId };
    emulator().clearRequests();

    const adopting = await logged(s, "up", cfg);
    expect(adopting.log).toContain(`ChatMessage adopts the existing message ${messageId}`);
    expect(adopting.outputs["adopted"]).toBe(true);
    expect(writes(emulator())).toEqual([]);
    expect(message().body.content).toBe("Sent by hand");

    const preview = await logged(s, "preview", cfg);
    expect(changes(preview.summary)).toEqual({ update: 1 });
    expect(preview.log).toContain(
      `adopted message ${messageId} of chat ${chatId}: the update edits its body`,
    );

    expect(changes((await s.ok("up", cfg)).summary)).toEqual({ update: 1 });
    expect(message().body.content).toBe("Welcome!");
  });

  it("ChatAppInstallation of an installed app: the adopting up writes nothing; the preview names the upgrade; the up upgrades", async () => {
    const chatId = await theirChat();
    await installByHand(emulator(), chatId, STANDUP, { resourceSpecificPermissions: [READ] });
    const installation = () => chatOf(chatId).installedApps.find((a) => a.teamsAppId === STANDUP)!;
    const s = new Stack("adopt", emulator());
    const cfg = { "e2e:kind": "app", "e2e:chatId": chatId };
    emulator().clearRequests();

    const adopting = await logged(s, "up", cfg);
    expect(adopting.log).toContain(
      `app ${STANDUP} was already installed in chat ${chatId}: adopted as Graph holds it`,
    );
    expect(adopting.outputs).toMatchObject({ adopted: true, version: "1.0.0" });
    expect(writes(emulator())).toEqual([]);
    expect(installation().definitionVersion).toBe("1.0.0");

    const preview = await logged(s, "preview", cfg);
    expect(changes(preview.summary)).toEqual({ update: 1 });
    expect(preview.log).toContain(
      `adopted app ${STANDUP} in chat ${chatId}: the update upgrades it to consent chatmessage.read.chat/application,chatmessage.send.chat/application`,
    );

    const up = await s.ok("up", cfg);
    expect(up.outputs["version"]).toBe("2.0.0");
    expect(installation().definitionVersion).toBe("2.0.0");
  });
});
