// The Chat lifecycle through the real Pulumi CLI and engine against the emulator: preview, up, update, refresh, destroy.
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import { outOfBand } from "../support/provider";
import { USERS } from "../support/tenant";
import { changes, graphCalls, Stack, useEmulator } from "./harness";

const emulator = useEmulator({ asyncOperationMs: 300 });

const liveChats = () => emulator().store.state.chats.filter((c) => !c.deletedDateTime);

describe("pulumi up / preview / refresh / destroy of chats", () => {
  const stack = () => new Stack("chats", emulator());
  let s: Stack;
  let teamId: string;

  it("up creates what the program declares, and the emulator holds exactly that", async () => {
    s = stack();
    emulator().clearRequests();
    const up = await s.ok("up");
    expect(up.summary).toMatchObject({ create: 3 }); // stack + 2 chats
    // One Graph request per chat created without apps: its POST (the answer is the chat).
    expect(graphCalls(emulator()).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1.0/chats",
      "POST /v1.0/chats",
    ]);
    teamId = up.outputs["teamId"] as string;
    expect(
      liveChats()
        .map((c) => c.chatType)
        .sort(),
    ).toEqual(["group", "oneOnOne"]);
    const team = liveChats().find((c) => c.id === teamId)!;
    expect(team.topic).toBe("E2E team");
    expect(team.members.map((m) => m.userId).sort()).toEqual([USERS.u3626, USERS.u82fe, USERS.u8c0a].sort());
    const dm = liveChats().find((c) => c.chatType === "oneOnOne")!;
    expect(dm.id).toBe(up.outputs["dmId"]);
    expect(dm.members.map((m) => m.userId).sort()).toEqual([USERS.adele, USERS.u82af].sort());
    expect(liveChats().flatMap((c) => [...c.installedApps, ...c.messages])).toEqual([]);
    expect(up.outputs["dmAdopted"]).toBe(false);
  });

  it("preview right after up reports no changes and sends zero Graph requests", async () => {
    emulator().clearRequests();
    const p = await s.ok("preview");
    expect(changes(p.summary)).toEqual({});
    expect(emulator().requests()).toEqual([]);
  });

  it("a topic change previews as an update (not a replace) and up applies it with one PATCH", async () => {
    const p = await s.ok("preview", { "e2e:topic": "E2E team, renamed" });
    expect(changes(p.summary)).toEqual({ update: 1 });
    emulator().clearRequests();
    const up = await s.ok("up", { "e2e:topic": "E2E team, renamed" });
    expect(changes(up.summary)).toEqual({ update: 1 });
    // One request, the PATCH: its answer is the chat, so nothing is read afterwards.
    expect(graphCalls(emulator()).map((r) => r.method)).toEqual(["PATCH"]);
    emulator().clearRequests();
    expect(changes((await s.ok("preview", { "e2e:topic": "E2E team, renamed" })).summary)).toEqual({});
    expect(emulator().requests()).toEqual([]);
    expect(liveChats().find((c) => c.id === teamId)?.topic).toBe("E2E team, renamed");
  });

  it("changing chatType previews as a replace", async () => {
    const p = await s.ok("preview", { "e2e:topic": "E2E team, renamed", "e2e:groupType": "oneOnOne" });
    expect(changes(p.summary)).toEqual({ replace: 1 });
  });

  it("refresh brings an out-of-band topic change into state, drops a deleted chat, and up recreates it", async () => {
    const cfg = { "e2e:topic": "E2E team, renamed" };
    await outOfBand(emulator(), "PATCH", `/chats/${encodeURIComponent(teamId)}`, {
      topic: "Renamed in Teams",
    });
    await s.ok("refresh", cfg);
    const exported = (await s.ok("export", cfg)).deployment as {
      resources: { id?: string; outputs?: { topic?: string } }[];
    };
    const team = exported.resources.find((r) => r.id === teamId);
    expect(team?.outputs?.topic).toBe("Renamed in Teams");
    expect(changes((await s.ok("preview", cfg)).summary)).toEqual({ update: 1 }); // back to the declared topic

    await outOfBand(emulator(), "DELETE", `/chats/${encodeURIComponent(teamId)}`);
    const r = await s.ok("refresh", cfg);
    expect(r.summary["delete"]).toBe(1);
    const up = await s.ok("up", cfg);
    expect(changes(up.summary)).toEqual({ create: 1 });
    expect(up.outputs["teamId"]).not.toBe(teamId);
    expect(liveChats().find((c) => c.id === up.outputs["teamId"])?.topic).toBe("E2E team, renamed");
  });
});

describe("destroy follows deletionPolicy", () => {
  it("the group chat is deleted; the adopted one-on-one chat stays in Teams", async () => {
    emulator().reset();
    // Adele and Pat already chat: the program's one-on-one chat adopts it.
    const pre = await outOfBand(emulator(), "POST", "/chats", {
      chatType: "oneOnOne",
      members: [USERS.adele, USERS.u82af].map((u) => ({
        roles: ["owner"],
        "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${u}')`,
      })),
    });
    const existing = ((await pre.json()) as { id: string }).id;
    const s = new Stack("chats", emulator());
    const up = await s.ok("up");
    expect(up.outputs["dmId"]).toBe(existing);
    expect(up.outputs["dmAdopted"]).toBe(true);
    emulator().clearRequests();
    await s.ok("destroy");
    expect(
      graphCalls(emulator())
        .filter((r) => r.method === "DELETE")
        .map((r) => decodeURIComponent(r.path)),
    ).toEqual([`/v1.0/chats/${up.outputs["teamId"]}`]);
    expect(liveChats().map((c) => c.id)).toEqual([existing]);
  });
});

describe("refresh and destroy configure the provider from the config given now", () => {
  it("after the emulator moved, they talk to the new one, not the one saved at the last up", async () => {
    emulator().reset();
    const moved = await startEmulator({ port: 0 });
    try {
      const there = { "msteams:graphUrl": moved.url, "msteams:authorityHost": moved.url };
      const s = new Stack("chats", emulator());
      await s.ok("up");
      emulator().clearRequests();

      // The new emulator holds none of the chats: refresh there drops both from state.
      const refreshed = await s.ok("refresh", there);
      expect(refreshed.summary["delete"]).toBe(2);
      expect(graphCalls(emulator())).toEqual([]);
      // Both reads, sent together (as one JSON batch) or alone.
      const reads = moved
        .requests()
        .filter((r) => (r.kind === "graph" || r.kind === "batchItem") && r.method === "GET");
      expect(reads.length).toBeGreaterThanOrEqual(2);

      const up = await s.ok("up"); // recreates both chats where the state says they are gone
      emulator().clearRequests();
      moved.clearRequests();
      await s.ok("destroy", there);
      expect(graphCalls(emulator())).toEqual([]);
      // Only the group chat is deleted (a one-on-one chat is forgotten by default); the new emulator
      // does not know it, which destroy treats as already gone.
      expect(graphCalls(moved).map((r) => `${r.method} ${decodeURIComponent(r.path)} ${r.status}`)).toEqual([
        `DELETE /v1.0/chats/${up.outputs["teamId"]} 404`,
      ]);
    } finally {
      await moved.close();
    }
  });
});
