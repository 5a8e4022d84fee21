// Objects made "by someone else" (out of band, straight at the emulator's Graph API), for tests of
// reading, referencing and adopting what a stack did not make.
import { expect } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { outOfBand } from "./provider";

const userBind = (id: string) => `https://graph.microsoft.com/v1.0/users('${id}')`;
const appBind = (id: string) => `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}`;

/** A group chat of these users (object ids), all owners; returns its id. */
export async function chatByHand(
  emu: RunningEmulator,
  topic: string,
  userIds: readonly string[],
): Promise<string> {
  const res = await outOfBand(emu, "POST", "/chats", {
    chatType: "group",
    topic,
    members: userIds.map((id) => ({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      "user@odata.bind": userBind(id),
    })),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A text message sent in the chat by this user (UPN); returns its id. */
export async function messageByHand(
  emu: RunningEmulator,
  chatId: string,
  content: string,
  upn: string,
): Promise<string> {
  const path = `/chats/${encodeURIComponent(chatId)}/messages`;
  const res = await outOfBand(emu, "POST", path, { body: { content } }, upn);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Installs an app in the chat and waits until Graph lists it (installations show after a while). */
export async function installByHand(
  emu: RunningEmulator,
  chatId: string,
  teamsAppId: string,
  consentedPermissionSet?: unknown,
): Promise<void> {
  const apps = `/chats/${encodeURIComponent(chatId)}/installedApps`;
  const body = {
    "teamsApp@odata.bind": appBind(teamsAppId),
    ...(consentedPermissionSet ? { consentedPermissionSet } : {}),
  };
  expect((await outOfBand(emu, "POST", apps, body)).status).toBe(201);
  const listed = async () => {
    const r = await outOfBand(emu, "GET", `${apps}?$expand=teamsApp`);
    const v = ((await r.json()) as { value: { teamsApp: { id: string } }[] }).value;
    return v.some((i) => i.teamsApp.id.toLowerCase() === teamsAppId.toLowerCase());
  };
  await expect.poll(listed, { timeout: 5000 }).toBe(true);
}
