// A chat with an app installation through the real engine: up, a no-change preview, and uninstall on removal.
import { expect, it } from "vitest";
import { changes, Stack, useEmulator } from "./harness";

const emulator = useEmulator();

it("chat + app: up, preview without changes, then removing the resource uninstalls the app", async () => {
  const s = new Stack("app", emulator());
  const up = await s.ok("up");
  expect(changes(up.summary)).toEqual({ create: 3 });
  expect(up.outputs["appVersion"]).toBe("1.0.0");
  const chat = () => emulator().store.state.chats.find((c) => c.id === up.outputs["chatId"])!;
  expect(chat().installedApps.map((i) => i.teamsAppId)).toEqual(["05F59CEC-A742-4A50-A62E-202A57E478A4"]);
  expect(changes((await s.ok("preview")).summary)).toEqual({});
  const removed = await s.ok("up", { "e2e:withApp": "false" });
  expect(changes(removed.summary)).toEqual({ delete: 1 });
  expect(chat().installedApps).toEqual([]);
});
