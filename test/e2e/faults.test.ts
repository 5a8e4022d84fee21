// A fault on a write does not fail the run: one `up` under a fault on each write it sends (a 503 after
// the commit, a connection reset, a lost answer) ends with everything made once, and the installation
// this stack's (docs/graph-api.md §13). Each write's faults one by one: test/provider/every-write.test.ts.
import { expect, it } from "vitest";
import { USERS } from "../support/tenant";
import { changes, Stack, useEmulator } from "./harness";

const emulator = useEmulator({ asyncOperationMs: 300 });
const POLLS = "05F59CEC-A742-4A50-A62E-202A57E478A4";
// After a send whose answer was lost, the lists are searched for 1 s (not 10) before sending again.
const FAST = { "msteams:messageListSettleSeconds": "1", "msteams:chatListSettleSeconds": "1" };

type Deployment = { resources: { urn: string; outputs?: Record<string, unknown> }[] };

it("one up converges with a fault on every write it sends; so does an update with a lost member add", async () => {
  const emu = emulator();
  const s = new Stack("disappears", emu, "adele");
  emu.faults.add({ method: "POST", path: "^/chats$", kind: "commitThenStatus", status: 503 });
  emu.faults.add({ method: "POST", path: "/messages$", kind: "drop" });
  emu.faults.add({ method: "POST", path: "/installedApps$", kind: "commitThenStatus", status: 503 });
  const up = await s.ok("up", FAST);
  expect(changes(up.summary)).toEqual({ create: 4 });

  const chats = emu.store.state.chats.filter((c) => !c.deletedDateTime);
  expect(chats.map((c) => c.id)).toEqual([up.outputs["chatId"]]);
  const chat = chats[0]!;
  expect(chat.messages.map((m) => [m.id, m.body.content])).toEqual([
    [up.outputs["messageId"], "Still here?"],
  ]);
  expect(chat.installedApps.map((a) => [a.id, a.teamsAppId])).toEqual([
    [up.outputs["installationId"], POLLS],
  ]);
  // Each fault hit its write once; what the lost answers made was found, not made again.
  const posts = (re: RegExp) =>
    emu
      .requests()
      .filter((r) => r.kind === "graph" && r.method === "POST" && re.test(decodeURIComponent(r.path)))
      .map((r) => r.status);
  expect(posts(/^\/v1\.0\/chats$/)).toEqual([503]);
  expect(posts(/\/messages$/)).toEqual([0, 201]);
  expect(posts(/\/installedApps$/)).toEqual([503, 409]);
  const state = ((await s.ok("export", FAST)).deployment as Deployment).resources;
  // Installed by this stack's own lost attempt: not adopted, so destroy would uninstall it.
  expect(state.find((r) => r.urn.endsWith("::polls"))?.outputs?.["adopted"]).toBe(false);
  expect(state.find((r) => r.urn.endsWith("::room"))?.outputs?.["adopted"]).toBe(false);

  emu.faults.add({ method: "POST", path: "/members$", kind: "commitThenDrop" });
  const cfg = { ...FAST, "e2e:extraMember": USERS.u82fe };
  const updated = await s.ok("up", cfg);
  expect(changes(updated.summary)).toEqual({ update: 1 });
  expect(chat.members.map((m) => m.userId).sort()).toEqual(
    [USERS.adele, USERS.u82af, USERS.u8c0a, USERS.u82fe].sort(),
  );
  expect(posts(/\/members$/)).toEqual([0]);
  expect(changes((await s.ok("preview", cfg)).summary)).toEqual({});
});
