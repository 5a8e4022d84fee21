// Reconciling a lost group-chat create when the roster is larger than what List chats shows: Graph's
// $expand=members lists at most 25 members of a chat, so for 25 or more the provider reads the chat's
// full member list before comparing rosters. The default seed is too small; this file seeds 30 users.
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadSeed, type RunningEmulator, type Seed, startEmulator } from "../../emulator";
import { call, configureProvider, graphRequests } from "../support/provider";
import { HOME_TENANT } from "../support/tenant";

const extra = Array.from({ length: 30 }, (_, i) => {
  const n = String(i + 1).padStart(2, "0");
  return {
    id: `00000000-0000-4000-8000-0000000000${n}`,
    userPrincipalName: `member${n}@contoso.com`,
    displayName: `Member ${n}`,
    tenantId: HOME_TENANT,
  };
});

function seed(): Seed {
  const base = loadSeed();
  return { ...base, users: [...base.users, ...extra] };
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: seed() });
  configureProvider(emu);
});
afterAll(() => emu.close());

it("a lost create of a 28-member group chat is found through the chat's full member list", async () => {
  const roster = extra.slice(0, 28).map((u) => u.id);
  emu.faults.add({ method: "POST", path: "^/chats$", kind: "commitThenDrop", times: 1 });
  const r = await call<{ id: string; outs: { adopted: boolean; members: { userId: string }[] } }>("create", {
    chatType: "group",
    topic: "All hands",
    members: roster.map((user) => ({ user, roles: ["owner"] })),
    __provider: "serialized-shim",
  });
  const chats = emu.store.state.chats.filter((c) => c.topic === "All hands");
  expect(chats.map((c) => c.id)).toEqual([r.id]);
  expect(r.outs.adopted).toBe(false);
  expect(r.outs.members.map((m) => m.userId).sort()).toEqual([...roster].sort());
  const log = graphRequests(emu).map((x) => `${x.method} ${decodeURIComponent(x.path)}`);
  expect(log.filter((x) => x === "POST /v1.0/chats")).toHaveLength(1);
  // The listed chat showed 25 of its 28 members; the full list decided that it is the one.
  expect(log).toContain(`GET /v1.0/chats/${r.id}/members`);
});
