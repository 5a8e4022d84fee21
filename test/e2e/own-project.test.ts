// What a person meets first in a project of their own, through the real engine: a configuration mistake
// is one message that lists every missing key with the line that sets it (no stack trace); a read-only
// reference to an id Graph does not have fails instead of yielding a resource without outputs; destroy
// says which chats it only forgot.
import { expect, it } from "vitest";
import { outOfBand } from "../support/provider";
import { USERS } from "../support/tenant";
import { changes, Stack, useEmulator } from "./harness";

const emulator = useEmulator();
/** A frame of a stack trace, as Node prints them. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

it("a stack without tenant and app ids fails preview with one message naming both and how to set them", async () => {
  const s = new Stack("chats", emulator());
  const r = await s.run("preview", { "msteams:tenantId": "", "msteams:clientId": "" });
  expect(r.code).not.toBe(0);
  expect(r.log).toContain(
    "cannot sign in to Microsoft Graph (msteams:auth is unset, so 'clientSecret' was chosen)",
  );
  expect(r.log).toContain("msteams:tenantId is missing: pulumi config set msteams:tenantId <tenant id>");
  expect(r.log).toContain(
    "msteams:clientId is missing: pulumi config set msteams:clientId <app registration id>",
  );
  expect(r.log).not.toMatch(STACK_FRAME);
  expect(r.log).not.toContain("config.ts");
  expect(emulator().requests()).toEqual([]);
});

it("Chat.get of an id Graph does not have fails preview, naming the resource, the id and the identity", async () => {
  const s = new Stack("get", emulator());
  const r = await s.run("preview", { "e2e:chatId": "19:0000000000000000000000000000dead@thread.v2" });
  expect(r.code).not.toBe(0);
  expect(r.log).toContain(
    "Chat.get: no Chat with id '19:0000000000000000000000000000dead@thread.v2' in Microsoft Graph that app 5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21 (msteams:auth clientSecret",
  );
  expect(r.log).not.toMatch(STACK_FRAME);
});

it("Chat.get of a real chat gives its topic, type and members", async () => {
  const made = await outOfBand(emulator(), "POST", "/chats", {
    chatType: "group",
    topic: "Made by hand",
    members: [USERS.adele, USERS.u82af].map((id) => ({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${id}')`,
    })),
  });
  const chatId = ((await made.json()) as { id: string }).id;
  const s = new Stack("get", emulator());
  const up = await s.ok("up", { "e2e:chatId": chatId });
  expect(up.outputs).toMatchObject({ topic: "Made by hand", chatType: "group" });
  expect([...(up.outputs["memberIds"] as string[])].sort()).toEqual([USERS.adele, USERS.u82af].sort());
});

it("destroy of a one-on-one chat says it stays in Teams and which deletionPolicy would delete it", async () => {
  const s = new Stack("chats", emulator());
  const up = await s.ok("up");
  const d = await s.run("destroy");
  expect(d.code).toBe(0);
  expect(changes(d.result!.summary)).toEqual({ delete: 3 });
  expect(d.log).toContain(
    `one-on-one chat ${up.outputs["dmId"]} stays in Teams and was only removed from the stack`,
  );
  expect(d.log).toContain('set deletionPolicy: "delete" on the resource');
  // The group chat this stack created is deleted, and says nothing of the kind.
  expect(d.log).not.toContain(`${up.outputs["teamId"]} stays in Teams`);
});
