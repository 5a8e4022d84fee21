// Nothing is lost on failure: a create that succeeded in Graph but failed afterwards is recorded by the
// engine (partial failure, with the new id), and the next `up` finishes it instead of creating another chat.
import { expect, it } from "vitest";
import { changes, Stack, useEmulator } from "./harness";

const emulator = useEmulator({ asyncOperationMs: 300 });

it("a chat whose operation polling failed is kept in state, and the next up completes it", async () => {
  const emu = emulator();
  const s = new Stack("partial", emu);
  // The chat is created (202), then every poll of its operation fails: no retries, so it fails at once.
  emu.faults.add({ method: "GET", path: "/operations/", kind: "status", status: 500, times: 100 });
  const failed = await s.run("up", { "msteams:maxRetries": "0" });
  expect(failed.code).not.toBe(0);
  expect(failed.log).toMatch(/chat 19:[0-9a-f]{32}@thread\.v2 was created, but .*500 InternalServerError/);
  const live = () => emu.store.state.chats.filter((c) => !c.deletedDateTime);
  expect(live()).toHaveLength(1);
  const exported = (await s.ok("export", { "msteams:maxRetries": "0" })).deployment as {
    resources: { urn: string; id?: string }[];
  };
  expect(exported.resources.find((r) => r.urn.endsWith("::with-app"))?.id).toBe(live()[0]!.id); // recorded, not orphaned

  emu.faults.clear();
  const up = await s.ok("up");
  expect(changes(up.summary)).toEqual({ update: 1 }); // the engine retries the interrupted create as an update
  expect(up.outputs["chatId"]).toBe(live()[0]!.id);
  expect(live()).toHaveLength(1); // no second chat
  expect(live()[0]!.installedApps.map((a) => a.teamsAppId)).toEqual(["05F59CEC-A742-4A50-A62E-202A57E478A4"]);
  expect(changes((await s.ok("preview")).summary)).toEqual({});
});
