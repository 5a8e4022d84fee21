import { describe, expect, it } from "vitest";
import { call, configureProvider, graphRequests, outOfBand, useProviderEmulator } from "../support/provider";
import { owner as graphOwner } from "../support/raw";
import { LIMITED_APP, USERS } from "../support/tenant";

type Member = { user: string; userId: string | null; displayName: string | null; roles: string[] };
type Outs = Record<string, unknown> & { topic: string | null; members: Member[]; adopted: boolean };
const PROVIDER = { __provider: "serialized-shim" };
const JACOB_UPN = "jacob@contoso.com";
const JACOB_ID = "5e2f7a1c-3b4d-4e6f-8a9b-0c1d2e3f4a5b";
const owner = (user: string) => ({ user, roles: ["owner"] });
const groupInputs = (extra: Record<string, unknown> = {}) => ({
  chatType: "group",
  topic: "Launch",
  members: [owner(USERS.u8c0a), owner(USERS.u82fe), owner(USERS.u3626)],
  ...PROVIDER,
  ...extra,
});

const emulator = useProviderEmulator();

async function createGroup(extra: Record<string, unknown> = {}) {
  const r = await call<{ id: string; outs: Outs }>("create", groupInputs(extra));
  emulator().clearRequests();
  return { id: r.id, outs: { ...r.outs, ...PROVIDER } };
}

describe("Chat diff and check are local", () => {
  it("nothing changed → no changes and no Graph call", async () => {
    const { id, outs } = await createGroup();
    expect(await call("diff", id, outs, groupInputs())).toEqual({ changes: false });
    expect(await call("check", groupInputs(), groupInputs())).toMatchObject({ failures: [] });
    expect(emulator().requests()).toEqual([]);
  });

  it("bad inputs fail check with property and fix, and nothing reaches Graph", async () => {
    const r = await call<{ failures: { property: string; reason: string }[] }>(
      "check",
      {},
      {
        chatType: "oneOnOne",
        topic: "Hello",
        members: [owner(USERS.adele)],
        ...PROVIDER,
      },
    );
    expect(r.failures.map((f) => f.property).sort()).toEqual(["members", "topic"]);
    expect(emulator().requests()).toEqual([]);
  });
});

describe("Chat update in place", () => {
  it("a topic change is one PATCH, and the outputs are what Graph answered", async () => {
    const { id, outs } = await createGroup();
    const news = groupInputs({ topic: "Launch v2" });
    expect(await call("diff", id, outs, news)).toMatchObject({ changes: true, replaces: [] });
    const r = await call<{ outs: Outs }>("update", id, outs, news);
    expect(r.outs.topic).toBe("Launch v2");
    expect(graphRequests(emulator()).map((x) => x.method)).toEqual(["PATCH"]);
    const chat = emulator().store.state.chats.find((c) => c.id === id)!;
    expect(r.outs["lastUpdatedDateTime"]).toBe(chat.lastUpdatedDateTime);
    expect(await call("diff", id, { ...r.outs, ...PROVIDER }, news)).toEqual({ changes: false });
  });

  it("adding and removing members changes the roster in Graph", async () => {
    const { id, outs } = await createGroup();
    const news = groupInputs({
      members: [owner(USERS.u8c0a), owner(USERS.u82fe), owner("jacob@contoso.com")],
    });
    const r = await call<{ outs: Outs }>("update", id, outs, news);
    expect(r.outs.members.map((m) => m.user).sort()).toEqual(
      [USERS.u82fe, USERS.u8c0a, "jacob@contoso.com"].sort(),
    );
    const methods = graphRequests(emulator()).map((x) =>
      x.path.includes("/users/")
        ? `${x.method} ${x.path}`
        : `${x.method} ${x.path.includes("/members") ? "members" : "chat"}`,
    );
    // A UPN the list does not match while a listed member is leaving may be that member under another
    // email: its object id is looked up (the create's answer had no roster to resolve it from).
    expect(methods).toEqual([
      "GET members",
      "GET /v1.0/users/jacob%40contoso.com",
      "POST members",
      "DELETE members",
    ]);
    // The outputs are the roster Graph holds now, from the sync's own list and the add's answer.
    const roster = emulator().store.state.chats.find((c) => c.id === id)!.members;
    expect(r.outs.members.map((m) => [m.userId, m.displayName])).toEqual(
      [USERS.u8c0a, USERS.u82fe, JACOB_ID].map((u) => [u, roster.find((g) => g.userId === u)!.displayName]),
    );
    expect(await call("diff", id, { ...r.outs, ...PROVIDER }, news)).toEqual({ changes: false });
  });

  it("a role change is a remove and an add", async () => {
    const { id, outs } = await createGroup();
    const news = groupInputs({
      members: [
        owner(USERS.u8c0a),
        owner(USERS.u82fe),
        owner(USERS.u3626),
        { user: USERS.guest, roles: ["guest"] },
      ],
    });
    const added = await call<{ outs: Outs }>("update", id, outs, news);
    const back = groupInputs({ members: [owner(USERS.u8c0a), owner(USERS.u82fe), owner(USERS.u3626)] });
    const r = await call<{ outs: Outs }>("update", id, { ...added.outs, ...PROVIDER }, back);
    expect(r.outs.members).toHaveLength(3);
    expect(r.outs.members.every((m) => m.roles[0] === "owner")).toBe(true);
  });

  it("an adopted chat (existingChatId) keeps its topic until the update converges on the declared one", async () => {
    const { id } = await createGroup();
    const news = groupInputs({ existingChatId: id, topic: "Adopted" });
    const r = await call<{ id: string; outs: Outs }>("create", news);
    expect(r.id).toBe(id);
    expect(r.outs).toMatchObject({ adopted: true, topic: "Launch", existingChatId: id });
    const olds = { ...r.outs, ...PROVIDER };
    expect(await call("diff", id, olds, news)).toMatchObject({ changes: true, replaces: [] });
    const updated = await call<{ outs: Outs }>("update", id, olds, news);
    expect(updated.outs).toMatchObject({ adopted: true, topic: "Adopted", existingChatId: id });
  });
});

describe("Chat read (refresh)", () => {
  it("reports an out-of-band topic change as drift in props and inputs", async () => {
    const { id, outs } = await createGroup();
    expect(
      (
        await outOfBand(emulator(), "PATCH", `/chats/${encodeURIComponent(id)}`, {
          topic: "Renamed in Teams",
        })
      ).status,
    ).toBe(200);
    const r = await call<{ id: string; props: Outs; inputs: Record<string, unknown> }>("read", id, outs);
    expect(r.id).toBe(id);
    expect(r.props.topic).toBe("Renamed in Teams");
    expect(r.inputs["topic"]).toBe("Renamed in Teams");
    expect(await call("diff", id, { ...r.props, ...PROVIDER }, groupInputs())).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("reports an out-of-band roster change as drift in props and inputs; diff then wants an update", async () => {
    const { id, outs } = await createGroup();
    const chat = `/chats/${encodeURIComponent(id)}`;
    const megan = emulator()
      .store.state.chats.find((c) => c.id === id)!
      .members.find((m) => m.userId === USERS.u3626)!;
    expect((await outOfBand(emulator(), "POST", `${chat}/members`, graphOwner(JACOB_UPN))).status).toBe(201);
    expect(
      (await outOfBand(emulator(), "DELETE", `${chat}/members/${encodeURIComponent(megan.id)}`)).status,
    ).toBe(204);
    const r = await call<{ id: string; props: Outs; inputs: { members: unknown[] } }>("read", id, outs);
    expect(r.props.members.map((m) => m.userId)).toEqual([USERS.u8c0a, USERS.u82fe, JACOB_ID]);
    // Declared members keep the program's spelling; someone added outside Pulumi is named by object id.
    expect(r.inputs.members).toEqual([owner(USERS.u8c0a), owner(USERS.u82fe), owner(JACOB_ID)]);
    const refreshed = { ...r.props, ...PROVIDER };
    expect(await call("diff", id, refreshed, groupInputs())).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await call("diff", id, refreshed, { ...r.inputs, ...PROVIDER })).toEqual({ changes: false });
    // The next up puts the declared roster back.
    emulator().clearRequests();
    const back = await call<{ outs: Outs }>("update", id, refreshed, groupInputs());
    expect(back.outs.members.map((m) => m.userId)).toEqual([USERS.u8c0a, USERS.u82fe, USERS.u3626]);
    expect(
      graphRequests(emulator()).map((x) => `${x.method} ${x.path.includes("/members") ? "members" : "chat"}`),
    ).toEqual(["GET members", "POST members", "DELETE members"]);
  });

  it("Chat.get: a read with nothing but the id (the engine's ReadStep) reports the whole chat", async () => {
    const { id } = await createGroup();
    const r = await call<{ id: string; props: Outs }>("read", id, { ...PROVIDER });
    expect(r.id).toBe(id);
    expect(r.props).toMatchObject({ chatType: "group", topic: "Launch", adopted: false });
    expect(r.props.members.map((m) => m.userId).sort()).toEqual(
      [USERS.u3626, USERS.u82fe, USERS.u8c0a].sort(),
    );
  });

  it("returns an empty id when the chat was deleted out of band", async () => {
    const { id, outs } = await createGroup();
    expect((await outOfBand(emulator(), "DELETE", `/chats/${encodeURIComponent(id)}`)).status).toBe(204);
    expect(await call("read", id, outs)).toEqual({ id: "" });
  });
});

describe("Chat delete follows deletionPolicy", () => {
  it("a chat this stack created is soft-deleted", async () => {
    const { id, outs } = await createGroup();
    await call("delete", id, outs);
    expect(graphRequests(emulator()).map((r) => r.method)).toEqual(["DELETE"]);
    expect(await call("read", id, outs)).toEqual({ id: "" });
  });

  it("an adopted one-on-one chat is only forgotten: no DELETE reaches Graph", async () => {
    await call("create", {
      chatType: "oneOnOne",
      members: [owner(USERS.adele), owner(USERS.u82af)],
      ...PROVIDER,
    });
    const adopted = await call<{ id: string; outs: Outs }>("create", {
      chatType: "oneOnOne",
      members: [owner(USERS.adele), owner(USERS.u82af)],
      ...PROVIDER,
    });
    expect(adopted.outs.adopted).toBe(true);
    emulator().clearRequests();
    await call("delete", adopted.id, adopted.outs);
    expect(emulator().requests()).toEqual([]);
  });

  it("a one-on-one chat this stack created is only forgotten by default, and deleted when the program says so", async () => {
    const inputs = { chatType: "oneOnOne", members: [owner(USERS.adele), owner(USERS.u82af)], ...PROVIDER };
    const created = await call<{ id: string; outs: Outs }>("create", inputs);
    expect(created.outs.adopted).toBe(false);
    emulator().clearRequests();
    await call("delete", created.id, created.outs);
    expect(emulator().requests()).toEqual([]);
    expect(await call("read", created.id, created.outs)).toMatchObject({ id: created.id });

    emulator().clearRequests();
    await call("delete", created.id, { ...created.outs, deletionPolicy: "delete" });
    expect(graphRequests(emulator()).map((r) => r.method)).toEqual(["DELETE"]);
    expect(await call("read", created.id, created.outs)).toEqual({ id: "" });
  });

  it("forget sends nothing; already-deleted is success", async () => {
    const { id, outs } = await createGroup({ deletionPolicy: "forget" });
    await call("delete", id, outs);
    expect(emulator().requests()).toEqual([]);
    const other = await createGroup();
    await outOfBand(emulator(), "DELETE", `/chats/${encodeURIComponent(other.id)}`);
    await expect(call("delete", other.id, other.outs)).resolves.toBeUndefined();
  });

  it("hide hides the chat for the signed-in user (delegated token)", async () => {
    configureProvider(emulator(), { kind: "user", username: "adele@contoso.com" });
    const r = await call<{ id: string; outs: Outs }>(
      "create",
      groupInputs({
        members: [owner(USERS.adele), owner(USERS.u82fe), owner(USERS.u3626)],
        deletionPolicy: "hide",
      }),
    );
    emulator().clearRequests();
    await call("delete", r.id, r.outs);
    expect(graphRequests(emulator()).map((x) => `${x.method} ${x.path.split("/").pop()}`)).toEqual([
      "POST hideForUser",
    ]);
  });

  it("a 403 explains the deletion permission and the policy options, without the token", async () => {
    const { id, outs } = await createGroup();
    configureProvider(emulator(), {
      kind: "app",
      clientId: LIMITED_APP.clientId,
      secret: LIMITED_APP.secret,
    });
    const err = (await call("delete", id, outs).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/403 .*Chat\.ManageDeletion\.All.*deletionPolicy: 'forget'/s);
    expect(err.message).not.toMatch(/Bearer|eyJ/);
    expect(JSON.stringify(err)).not.toMatch(/eyJ/);
  });
});
