// The least-privilege report after real-engine runs of the end-to-end programs: exactly the Graph
// permissions those programs needed, per kind of token (GET /_emulator/permissions).
import { expect, it } from "vitest";
import { Stack, useEmulator } from "./harness";

const emulator = useEmulator({ asyncOperationMs: 200 });

const report = async () =>
  (await (await fetch(`${emulator().url}/_emulator/permissions`)).json()) as {
    application: string[];
    delegated: string[];
  };

it("after up and destroy of the chats and app programs (application token) and the message program (signed in)", async () => {
  const chats = new Stack("chats", emulator());
  await chats.ok("up");
  await chats.ok("destroy");
  const app = new Stack("app", emulator());
  await app.ok("up");
  await app.ok("destroy");
  // Create chats (up reads nothing back: no chat-read or member-read permission is used), delete them,
  // install and uninstall an app of the catalog (not the caller's own, no consent) — and nothing delegated.
  expect(await report()).toMatchObject({
    application: ["Chat.Create", "Chat.ManageDeletion.All", "TeamsAppInstallation.ReadWriteForChat.All"],
    delegated: [],
  });
  const message = new Stack("message", emulator(), "adele");
  await message.ok("up");
  // Signed in: create a chat and send a message, one request each; a refresh then reads them.
  expect((await report()).delegated).toEqual(["Chat.Create", "ChatMessage.Send"]);
  await message.ok("refresh");
  expect((await report()).delegated).toEqual(["Chat.Create", "Chat.Read", "ChatMessage.Send"]);
});
