// A group-chat create whose outcome is unknown (connection lost, 5xx after the commit) ends in exactly one
// chat: the provider searches the member's chats (GET /me/chats or /users/{id}/chats) for the chat its
// first attempt made before sending again, and never takes an identical chat someone else made earlier.
import { beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import {
  call,
  configureProvider,
  graphRequests,
  type Identity,
  outOfBand,
  useProviderEmulator,
} from "../support/provider";
import { APPS, USERS } from "../support/tenant";

type Outs = {
  chatType: string;
  topic: string | null;
  members: { user: string; userId: string | null; displayName: string | null }[];
  installedApps: { teamsAppId: string }[] | null;
  adopted: boolean;
  creationOperationId: string | null;
  webUrl: string;
};
type Created = { id: string; outs: Outs };
const PROVIDER = { __provider: "serialized-shim" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Adele is in every roster, so her delegated token may create the chats; two members are named by UPN.
const ROSTER = ["adele@contoso.com", USERS.u82af, "jacob@contoso.com"];
const ROSTER_IDS = [USERS.adele, USERS.u82af, "5e2f7a1c-3b4d-4e6f-8a9b-0c1d2e3f4a5b"].sort();
let topics = 0;
const groupInputs = (extra: Record<string, unknown> = {}) => ({
  chatType: "group",
  topic: `Reconcile ${++topics}`,
  members: ROSTER.map((user) => ({ user, roles: ["owner"] })),
  ...PROVIDER,
  ...extra,
});

const liveChats = (emu: RunningEmulator) => emu.store.state.chats.filter((c) => !c.deletedDateTime);
const posts = (emu: RunningEmulator) =>
  graphRequests(emu)
    .filter((r) => r.method === "POST" && r.path.endsWith("/chats"))
    .map((r) => r.status);
const listed = (emu: RunningEmulator) =>
  graphRequests(emu).filter((r) => r.method === "GET" && /\/chats$/.test(r.path));

/**
 * The create's outputs: without apps, the declared roster (object ids where declared by id), with apps
 * the chat read after its operation; a read then lists Graph's roster.
 */
async function expectOutputs(r: Created, topic: string) {
  expect(r.outs).toMatchObject({ chatType: "group", topic, adopted: false });
  expect(r.outs.members.map((m) => m.user)).toEqual(ROSTER);
  const read = r.outs.installedApps?.length;
  expect(r.outs.members.map((m) => m.userId)).toEqual(
    read
      ? [USERS.adele, USERS.u82af, ROSTER_IDS.find((u) => u.startsWith("5e2f"))]
      : [null, USERS.u82af, null],
  );
  expect(r.outs.webUrl).toContain("teams.microsoft.com/l/chat/");
  const now = await call<{ props: Outs }>("read", r.id, { ...r.outs, ...PROVIDER });
  expect(now.props.members.map((m) => m.user)).toEqual(ROSTER);
  expect(now.props.members.map((m) => m.userId).sort()).toEqual(ROSTER_IDS);
  expect(now.props.members.every((m) => m.displayName)).toBe(true);
}

const identities: [string, Identity, string][] = [
  ["application token", { kind: "app" }, `/v1.0/users/${USERS.adele}/chats`],
  ["delegated token", { kind: "user", username: "adele@contoso.com" }, "/v1.0/me/chats"],
];

describe.each(identities)("group chat with an unknown outcome (%s)", (_name, who, listPath) => {
  const emulator = useProviderEmulator(who);
  const settle = (seconds: string) =>
    configureProvider(emulator(), who, { "msteams:chatListSettleSeconds": seconds });
  beforeEach(() => settle("1"));
  const create = (inputs: Record<string, unknown>) => call<Created>("create", inputs);

  it("committed, then the connection dropped: the chat is found, not made again (1 POST, 1 chat)", async () => {
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "commitThenDrop", times: 1 });
    const inputs = groupInputs();
    const r = await create(inputs);
    expect(posts(emulator())).toEqual([0]);
    expect(liveChats(emulator()).map((c) => c.id)).toEqual([r.id]);
    await expectOutputs(r, inputs.topic);
    expect(r.outs.creationOperationId).toBeUndefined();
    expect(listed(emulator()).map((x) => x.path)).toContain(listPath);
  });

  it("committed, then a 503: the chat is found (1 POST, 1 chat)", async () => {
    emulator().faults.add({
      method: "POST",
      path: "^/chats$",
      kind: "commitThenStatus",
      status: 503,
      times: 1,
    });
    const inputs = groupInputs();
    const r = await create(inputs);
    expect(posts(emulator())).toEqual([503]);
    expect(liveChats(emulator()).map((c) => c.id)).toEqual([r.id]);
    await expectOutputs(r, inputs.topic);
  });

  it("dropped before Graph saw it: nothing is found within the settle time, so it is sent again", async () => {
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "drop", times: 1 });
    const inputs = groupInputs();
    const r = await create(inputs);
    expect(posts(emulator())).toEqual([0, 201]);
    expect(listed(emulator()).map((x) => x.path)).toContain(listPath);
    expect(liveChats(emulator()).map((c) => c.id)).toEqual([r.id]);
    await expectOutputs(r, inputs.topic);
  });

  it("an identical chat someone made 1.5 s earlier is not taken for this one", async () => {
    const inputs = groupInputs();
    const theirs = await outOfBand(emulator(), "POST", "/chats", {
      chatType: "group",
      topic: inputs.topic,
      members: ROSTER.map((u) => ({
        "@odata.type": "#microsoft.graph.aadUserConversationMember",
        roles: ["owner"],
        "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${u}')`,
      })),
    });
    const theirId = ((await theirs.json()) as { id: string }).id;
    await sleep(1500);
    emulator().clearRequests();
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "drop", times: 1 });
    const r = await create(inputs);
    expect(r.id).not.toBe(theirId);
    expect(posts(emulator())).toEqual([0, 201]);
    expect(
      liveChats(emulator())
        .map((c) => c.id)
        .sort(),
    ).toEqual([theirId, r.id].sort());
    await expectOutputs(r, inputs.topic);
  });

  it("a chat list that lags behind the create (chatListDelayMs) is waited for: still 1 chat", async () => {
    emulator().configure({ chatListDelayMs: 500 });
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "commitThenDrop", times: 1 });
    const r = await create(groupInputs());
    expect(posts(emulator())).toEqual([0]);
    expect(liveChats(emulator()).map((c) => c.id)).toEqual([r.id]);
    expect(listed(emulator()).length).toBeGreaterThan(1);
  });

  it("with an app (202 lost): the chat is found and its creation operation waited for, as on the 202 path", async () => {
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "commitThenDrop", times: 1 });
    const inputs = groupInputs({ installedApps: [{ teamsAppId: APPS.plain }] });
    const r = await create(inputs);
    expect(posts(emulator())).toEqual([0]);
    const [chat, ...others] = liveChats(emulator());
    expect(others).toEqual([]);
    expect(chat!.id).toBe(r.id);
    const op = emulator().store.operations(r.id)[0]!;
    expect(r.outs.creationOperationId).toBe(op.id);
    expect(graphRequests(emulator()).some((x) => x.path.endsWith(`/operations/${op.id}`))).toBe(true);
    expect(r.outs.installedApps).toEqual([{ teamsAppId: APPS.plain }]);
    expect(
      emulator()
        .store.installations(r.id)
        .map((i) => i.teamsAppId),
    ).toEqual([APPS.plain]);
    await expectOutputs(r, inputs.topic);
  });

  it("never found after 3 sends: a clear error naming what was tried, and no chat", async () => {
    settle("0");
    emulator().faults.add({ method: "POST", path: "^/chats$", kind: "drop", times: 3 });
    const err = (await create(groupInputs()).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/POST \/chats failed/);
    expect(err.message).toMatch(/sent 3 times/);
    expect(err.message).toContain(listPath.replace("/v1.0", ""));
    expect(err.message).toMatch(/msteams:chatListSettleSeconds.*existingChatId/s);
    expect(posts(emulator())).toEqual([0, 0, 0]);
    expect(liveChats(emulator())).toEqual([]);
  });
});

describe("one-on-one chats are idempotent in Graph", () => {
  const emulator = useProviderEmulator();
  const oneOnOne = {
    chatType: "oneOnOne",
    members: [USERS.adele, USERS.u82af].map((user) => ({ user, roles: ["owner"] })),
    ...PROVIDER,
  };

  it.each([
    ["commitThenDrop", { kind: "commitThenDrop" }, 0],
    ["commitThenStatus 503", { kind: "commitThenStatus", status: 503 }, 503],
  ] as const)(
    "%s: the POST is simply repeated, Graph returns the chat it made, not adopted",
    async (_n, fault, first) => {
      emulator().faults.add({ method: "POST", path: "^/chats$", times: 1, ...fault });
      const r = await call<Created>("create", oneOnOne);
      expect(posts(emulator())).toEqual([first, 201]);
      expect(liveChats(emulator()).map((c) => c.id)).toEqual([r.id]);
      expect(r.outs.adopted).toBe(false);
      expect(listed(emulator())).toEqual([]);
    },
  );
});
