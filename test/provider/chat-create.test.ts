import { describe, expect, it } from "vitest";
import { call, configureProvider, graphRequests, useProviderEmulator } from "../support/provider";
import { APPS, FEDERATED_TENANT, USERS } from "../support/tenant";

type Outs = {
  chatType: string;
  topic?: string;
  members: {
    user: string;
    userId: string | null;
    displayName?: string;
    roles: string[];
    tenantId: string;
  }[];
  adopted: boolean;
  creationOperationId?: string;
  webUrl: string;
  tenantId: string;
  createdDateTime: string;
};
type Created = { id: string; outs: Outs };
const PROVIDER = { __provider: "serialized-shim" };
const member = (user: string, extra: Record<string, unknown> = {}) => ({ user, roles: ["owner"], ...extra });

const emulator = useProviderEmulator();

const create = (inputs: Record<string, unknown>) => call<Created>("create", { ...inputs, ...PROVIDER });

describe("Chat create: Microsoft's seven create-chat examples", () => {
  it("1: one-on-one chat", async () => {
    const { id, outs } = await create({
      chatType: "oneOnOne",
      members: [member(USERS.adele), member(USERS.u82af)],
    });
    expect(id).toMatch(/^19:.+@unq\.gbl\.spaces$/);
    expect(outs).toMatchObject({ chatType: "oneOnOne", adopted: false });
    // State omits what has no value: no topic, no creation operation.
    expect(Object.keys(outs)).not.toContain("topic");
    expect(Object.keys(outs)).not.toContain("creationOperationId");
    expect(outs.members.map((m) => m.userId).sort()).toEqual([USERS.adele, USERS.u82af].sort());
    // Graph's 201 lists no members: display names are unknown (absent) until a read lists them.
    expect(outs.members.every((m) => !("displayName" in m) && m.roles[0] === "owner")).toBe(true);
    expect(outs.webUrl).toContain("teams.microsoft.com/l/chat/19%3A");
    expect(Number.isNaN(Date.parse(outs.createdDateTime))).toBe(false);
  });

  it("2: group chat with a topic", async () => {
    const { id, outs } = await create({
      chatType: "group",
      topic: "Group chat title",
      members: [member(USERS.u8c0a), member(USERS.u82fe), member(USERS.u3626)],
    });
    expect(id).toMatch(/^19:[0-9a-f]{32}@thread\.v2$/);
    expect(outs).toMatchObject({ chatType: "group", topic: "Group chat title", adopted: false });
    expect(outs.members).toHaveLength(3);
  });

  it("3: one-on-one chat with an installed app, through 202 + operation polling", async () => {
    const { id, outs } = await create({
      chatType: "oneOnOne",
      members: [member(USERS.adele), member(USERS.u82af)],
      installedApps: [{ teamsAppId: APPS.plain }],
    });
    expect(id).toMatch(/@unq\.gbl\.spaces$/);
    expect(outs.creationOperationId).toBeTruthy();
    const polls = graphRequests(emulator()).filter((r) => r.path.includes("/operations/"));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.path.startsWith("/beta/"))).toBe(true);
    const state = (await (await fetch(`${emulator().url}/_emulator/state`)).json()) as {
      chats: { id: string; installedApps: unknown[] }[];
    };
    expect(state.chats.find((c) => c.id === id)?.installedApps).toHaveLength(1);
  });

  it("4: app with resource-specific consent", async () => {
    const { id, outs } = await create({
      chatType: "oneOnOne",
      members: [member(USERS.u4b82), member(USERS.u6d1e)],
      installedApps: [
        {
          teamsAppId: APPS.rsc,
          consentedPermissionSet: {
            resourceSpecificPermissions: [
              { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
              { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
            ],
          },
        },
      ],
    });
    expect(outs.creationOperationId).toBeTruthy();
    // The operation succeeded and the app is in the chat with exactly the consent given.
    const chat = emulator().store.state.chats.find((c) => c.id === id)!;
    expect(chat.installedApps.map((i) => i.teamsAppId)).toEqual([APPS.rsc]);
    expect(
      chat.installedApps[0]!.consentedPermissionSet?.resourceSpecificPermissions.map((p) =>
        p.permissionValue.toLowerCase(),
      ).sort(),
    ).toEqual(["chatmessage.read.chat", "onlinemeeting.readbasic.chat"]);
    expect((outs as unknown as { installedApps: { teamsAppId: string }[] }).installedApps).toEqual([
      expect.objectContaining({ teamsAppId: APPS.rsc }),
    ]);
  });

  it("5: members by user principal name keep their spelling; their object ids come with the first read", async () => {
    const { id, outs } = await create({
      chatType: "oneOnOne",
      members: [member("jacob@contoso.com"), member("alex@contoso.com")],
    });
    expect(outs.members.map((m) => m.user).sort()).toEqual(["alex@contoso.com", "jacob@contoso.com"]);
    expect(outs.members.map((m) => m.userId)).toEqual([null, null]);
    const read = await call<{ props: Outs; inputs: { members: { user: string }[] } }>("read", id, {
      ...outs,
      ...PROVIDER,
    });
    expect(read.props.members.map((m) => m.user).sort()).toEqual(["alex@contoso.com", "jacob@contoso.com"]);
    expect(read.props.members.every((m) => /^[0-9a-f-]{36}$/.test(m.userId ?? ""))).toBe(true);
    expect(read.props.members.every((m) => m.displayName)).toBe(true);
    expect(read.inputs.members.map((m) => m.user).sort()).toEqual(["alex@contoso.com", "jacob@contoso.com"]);
  });

  it("6: group chat with an in-tenant guest", async () => {
    const { outs } = await create({
      chatType: "group",
      topic: "Group chat title",
      members: [member(USERS.u8c0a), member(USERS.u82fe), { user: USERS.guest, roles: ["guest"] }],
    });
    expect(outs.members.find((m) => m.userId === USERS.guest)?.roles).toEqual(["guest"]);
  });

  it("7: one-on-one chat with a federated user of another tenant", async () => {
    const { outs } = await create({
      chatType: "oneOnOne",
      members: [member(USERS.adele), member(USERS.federated, { tenantId: FEDERATED_TENANT })],
    });
    expect(outs.members.find((m) => m.userId === USERS.federated)?.tenantId).toBe(FEDERATED_TENANT);
    expect(outs.members.find((m) => m.userId === USERS.adele)?.tenantId).toBe(outs.tenantId);
  });
});

describe("Chat create: idempotency, cost and failures", () => {
  it("a second one-on-one create for the same pair adopts the existing chat", async () => {
    const first = await create({ chatType: "oneOnOne", members: [member(USERS.adele), member(USERS.u82af)] });
    const again = await create({ chatType: "oneOnOne", members: [member(USERS.u82af), member(USERS.adele)] });
    expect(again.id).toBe(first.id);
    expect(first.outs.adopted).toBe(false);
    expect(again.outs.adopted).toBe(true);
  });

  it("a chat without apps costs the POST alone (group or one-on-one); one token serves every request of the process", async () => {
    // Different settings → a fresh provider context with an empty token cache.
    configureProvider(emulator(), { kind: "app" }, { "msteams:maxRetries": "5" });
    await create({ chatType: "group", topic: "t", members: [member(USERS.u8c0a), member(USERS.u82fe)] });
    expect(graphRequests(emulator()).map((r) => r.method)).toEqual(["POST"]);
    await create({
      chatType: "group",
      topic: "u",
      members: [member(USERS.u8c0a), member("megan.bowen@contoso.com")],
    });
    await create({ chatType: "oneOnOne", members: [member(USERS.adele), member(USERS.u82af)] });
    expect(
      emulator()
        .requests()
        .filter((r) => r.kind === "token"),
    ).toHaveLength(1);
    expect(graphRequests(emulator()).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1.0/chats",
      "POST /v1.0/chats",
      "POST /v1.0/chats",
    ]);
  });

  it("the outputs of a create match what a read then finds: no drift, and diff sees no change", async () => {
    const inputs = {
      chatType: "group",
      topic: "Same",
      members: [
        member(USERS.u8c0a),
        member("megan.bowen@contoso.com"),
        { user: USERS.guest, roles: ["guest"] },
      ],
      ...PROVIDER,
    };
    const { id, outs } = await create(inputs);
    const read = await call<{ props: Outs; inputs: Record<string, unknown> }>("read", id, {
      ...outs,
      ...PROVIDER,
    });
    const key = (o: Outs) => ({
      ...o,
      members: o.members.map(({ user, roles, tenantId }) => ({ user, roles, tenantId })),
    });
    expect(key(read.props)).toEqual(key(outs));
    const { __provider, ...declared } = inputs;
    expect(read.inputs).toEqual(declared);
    expect(await call("diff", id, { ...outs, ...PROVIDER }, inputs)).toEqual({ changes: false });
    expect(await call("diff", id, { ...read.props, ...PROVIDER }, inputs)).toEqual({ changes: false });
  });

  it("a failed creation operation reports Graph's error and still records the chat (partial failure)", async () => {
    const err = (await create({
      chatType: "oneOnOne",
      members: [member(USERS.adele), member(USERS.u82af)],
      installedApps: [{ teamsAppId: "00000000-0000-0000-0000-00000000dead" }],
    }).catch((e: unknown) => e)) as Error & {
      id: string;
      properties: Record<string, unknown>;
      reasons: string[];
    };
    // Graph's operation error (code and message) reaches the user, with the operation that failed.
    const graphText =
      "NotFound: Teams app '00000000-0000-0000-0000-00000000dead' was not found in the app catalog.";
    expect(err.message).toMatch(
      /^chat 19:\S+ was created, but creating chat .* failed \(operation [^)]+\): /,
    );
    expect(err.message).toContain(graphText);
    expect(err.reasons[0]).toContain(graphText);
    expect(err.id).toMatch(/^19:/);
    expect(err.properties["__provider"]).toBe("serialized-shim");
    expect(err.properties["installedApps"]).toEqual([]);
    expect(err.reasons[0]).toContain(err.id);
  });

  it("the 202 path polls at most once after the operation has succeeded", async () => {
    emulator().configure({ asyncOperationMs: 800 });
    const { outs } = await create({
      chatType: "oneOnOne",
      members: [member(USERS.u4b82), member(USERS.u6d1e)],
      installedApps: [{ teamsAppId: APPS.plain }],
    });
    const op = emulator().store.state.operations.find((o) => o.id === outs.creationOperationId)!;
    const succeededAt = op.createdAt + op.durationMs;
    const polls = graphRequests(emulator()).filter((r) => r.path.includes("/operations/"));
    // A poll that arrived at or after that moment saw `succeeded` (the status is computed when handled),
    // so this counts exactly the polls made once the operation was done, however slow the machine.
    const late = polls.filter((r) => Date.parse(r.receivedAt) >= succeededAt);
    expect(polls.length).toBeGreaterThan(1);
    expect(late.length).toBeLessThanOrEqual(1);
  });

  it("a slow operation is waited for to completion", async () => {
    emulator().configure({ asyncOperationMs: 1500 });
    const started = Date.now();
    const { outs } = await create({
      chatType: "oneOnOne",
      members: [member(USERS.u4b82), member(USERS.u6d1e)],
      installedApps: [{ teamsAppId: APPS.plain }],
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(outs.creationOperationId).toBeTruthy();
  });

  it("a wait longer than msteams:operationTimeoutSeconds fails with the operation and its last status, chat kept", async () => {
    emulator().configure({ asyncOperationMs: 60_000 });
    configureProvider(emulator(), { kind: "app" }, { "msteams:operationTimeoutSeconds": "1" });
    const err = (await create({
      chatType: "oneOnOne",
      members: [member(USERS.u4b82), member(USERS.u6d1e)],
      installedApps: [{ teamsAppId: APPS.plain }],
    }).catch((e: unknown) => e)) as Error & { id: string };
    expect(err.message).toMatch(
      /timed out after 1s waiting for .*operation .*last status: (notStarted|inProgress)/,
    );
    expect(err.id).toMatch(/^19:/);
  });

  it("Graph rule violations come back as GraphError with status, code and request id", async () => {
    const err = (await create({
      chatType: "group",
      members: [member(USERS.u8c0a), member("nobody@contoso.com")],
    }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("GraphError");
    expect(err.message).toMatch(/POST \/chats failed: 404 .*nobody@contoso\.com.*request-id/);
  });
});

describe("state omits what has no value", () => {
  it("outputs hold no null; olds without them (or with them, as earlier builds wrote) diff and update alike", async () => {
    const inputs = {
      chatType: "group",
      topic: "Compact",
      members: [member(USERS.adele), member(USERS.u82af)],
    };
    const { id, outs } = await create(inputs);
    const nulls = Object.entries(outs)
      .filter(([, v]) => v === null)
      .map(([k]) => k);
    expect(nulls).toEqual([]);
    for (const m of outs.members) expect(Object.values(m)).not.toContain(null);
    // What earlier builds stored: every property, null when absent.
    const older = {
      ...outs,
      installedApps: null,
      deletionPolicy: null,
      existingChatId: null,
      creationOperationId: null,
    };
    const news = { ...inputs, ...PROVIDER };
    for (const olds of [outs, older])
      expect(await call("diff", id, { ...olds, ...PROVIDER }, news)).toMatchObject({ changes: false });
    const renamed = { ...news, topic: "Compact 2" };
    for (const olds of [outs, older]) {
      expect(await call("diff", id, { ...olds, ...PROVIDER }, renamed)).toMatchObject({ changes: true });
      const updated = await call<{ outs: Record<string, unknown> }>(
        "update",
        id,
        { ...olds, ...PROVIDER },
        renamed,
      );
      expect(updated.outs["topic"]).toBe("Compact 2");
      expect(Object.values(updated.outs)).not.toContain(null);
    }
  });
});
