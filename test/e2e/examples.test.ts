// Every example works: the real engine previews it against the emulator (check runs for each resource and
// preview makes no Graph call, so the examples need no tenant to preview), then applies it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { outOfBand } from "../support/provider";
import { USERS } from "../support/tenant";
import { graphCalls, Stack, useEmulator } from "./harness";

const examplesDir = join(__dirname, "..", "..", "examples");
const examples = readdirSync(examplesDir).filter((d) => statSync(join(examplesDir, d)).isDirectory());
/** Sending messages needs a signed-in user; importing needs the application token. */
const delegated = new Set(["chat-welcome-message"]);

/** message-import needs a chat in migration mode, made here the way its README says. */
async function extraConfig(name: string): Promise<Record<string, string>> {
  if (name !== "message-import") return {};
  const chat = await outOfBand(emulator(), "POST", "/chats", {
    chatType: "group",
    topic: "Archive",
    members: [USERS.adele, USERS.u82af].map((id) => ({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${id}')`,
    })),
  });
  const chatId = ((await chat.json()) as { id: string }).id;
  const started = await outOfBand(
    emulator(),
    "POST",
    `/chats/${encodeURIComponent(chatId)}/startMigration`,
    // Imports may not precede the conversation's start: move it before the imported history.
    { conversationCreationDateTime: "2019-01-01T00:00:00Z" },
  );
  expect(started.status).toBe(204);
  return { "msteams-message-import:chatId": chatId };
}

const emulator = useEmulator();

it("every example folder is listed in examples/README.md, and every listed example exists", () => {
  const listed = [
    ...readFileSync(join(examplesDir, "README.md"), "utf8").matchAll(/^\| `([a-z0-9-]+)` +\|/gm),
  ].map((m) => m[1]);
  expect([...examples].sort()).toEqual([...listed].sort());
});

it.each(examples)("examples/%s previews without Graph, then up creates what it previewed", async (name) => {
  const s = new Stack(`examples/${name}`, emulator(), delegated.has(name) ? "adele" : "app");
  const config = await extraConfig(name);
  emulator().clearRequests();
  const preview = await s.ok("preview", config);
  expect(preview.summary["create"]).toBeGreaterThan(0);
  expect(graphCalls(emulator())).toEqual([]);
  const up = await s.ok("up", config);
  expect(up.summary).toEqual({ create: preview.summary["create"] });
  expect(graphCalls(emulator()).length).toBeGreaterThan(0);
});
