// A chat with a welcome message through the real engine: a no-change preview, and an edit made in place.
import { expect, it } from "vitest";
import { changes, graphCalls, Stack, useEmulator } from "./harness";

const emulator = useEmulator();

it("chat + welcome message: up, preview without changes, an edited body previews as an update and edits in place", async () => {
  const s = new Stack("message", emulator(), "adele");
  const up = await s.ok("up");
  expect(changes(up.summary)).toEqual({ create: 3 });
  // The chat and the message: one POST each, nothing read back.
  expect(graphCalls(emulator()).map((r) => `${r.method} ${decodeURIComponent(r.path)}`)).toEqual([
    "POST /v1.0/chats",
    `POST /v1.0/chats/${up.outputs["chatId"]}/messages`,
  ]);
  const chat = emulator().store.state.chats.find((c) => c.id === up.outputs["chatId"])!;
  expect(chat.messages.map((m) => m.body.content)).toEqual(['Welcome <at id="0">Patti</at>!']);
  emulator().clearRequests();
  expect(changes((await s.ok("preview")).summary)).toEqual({});
  expect(emulator().requests()).toEqual([]);
  expect(changes((await s.ok("preview", { "e2e:welcome": "Hello and welcome" })).summary)).toEqual({
    update: 1,
  });
  emulator().clearRequests();
  const edited = await s.ok("up", { "e2e:welcome": "Hello and welcome" });
  expect(graphCalls(emulator()).map((r) => r.method)).toEqual(["PATCH"]);
  emulator().clearRequests();
  expect(changes((await s.ok("preview", { "e2e:welcome": "Hello and welcome" })).summary)).toEqual({});
  expect(emulator().requests()).toEqual([]);
  expect(edited.outputs["messageId"]).toBe(up.outputs["messageId"]);
  expect(chat.messages).toHaveLength(1);
  expect(
    emulator().store.state.chats.find((c) => c.id === up.outputs["chatId"])?.messages[0]?.lastEditedDateTime,
  ).toBeTruthy();
});
