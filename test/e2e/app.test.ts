// A chat with an app installation through the real engine (issue 5).
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { changes, disposeStacks, Stack } from "./harness";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  disposeStacks();
  await emu.close();
});

it("chat + app: up, preview without changes, then removing the resource uninstalls the app", async () => {
  const s = new Stack("app", emu);
  const up = await s.ok("up");
  expect(changes(up.summary)).toEqual({ create: 3 });
  expect(up.outputs["appVersion"]).toBe("1.0.0");
  const chat = () => emu.store.state.chats.find((c) => c.id === up.outputs["chatId"])!;
  expect(chat().installedApps.map((i) => i.teamsAppId)).toEqual(["05F59CEC-A742-4A50-A62E-202A57E478A4"]);
  expect(changes((await s.ok("preview")).summary)).toEqual({});
  const removed = await s.ok("up", { "e2e:withApp": "false" });
  expect(changes(removed.summary)).toEqual({ delete: 1 });
  expect(chat().installedApps).toEqual([]);
});
