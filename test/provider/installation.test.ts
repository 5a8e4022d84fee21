import { beforeEach, describe, expect, it } from "vitest";
import {
  callFor,
  configureProvider,
  graphRequests,
  outOfBand,
  useProviderEmulator,
} from "../support/provider";
import { APPS, USERS } from "../support/tenant";

const chat = callFor("Chat");
const inst = callFor("ChatAppInstallation");
const PROVIDER = { __provider: "serialized-shim" };
const STANDUP = "c3a9f0e2-7b64-4d1e-9f8a-2b5c6d7e8f90"; // two versions; 2.0.0 needs more consent
const RSC = {
  resourceSpecificPermissions: [
    { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
    { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
  ],
};
type Outs = Record<string, unknown> & {
  installationId: string;
  adopted: boolean;
  teamsAppDefinition: { version: string; displayName: string } | null;
};

const emulator = useProviderEmulator();
let chatId: string;
beforeEach(async () => {
  const c = await chat<{ id: string }>("create", {
    chatType: "group",
    topic: "Apps",
    members: [
      { user: USERS.u8c0a, roles: ["owner"] },
      { user: USERS.u82fe, roles: ["owner"] },
    ],
    ...PROVIDER,
  });
  chatId = c.id;
  emulator().clearRequests();
});

const installedIds = async () => {
  const res = await outOfBand(
    emulator(),
    "GET",
    `/chats/${encodeURIComponent(chatId)}/installedApps?$expand=teamsApp`,
  );
  return ((await res.json()) as { value: { id: string; teamsApp: { id: string } }[] }).value.map((v) =>
    v.teamsApp.id.toLowerCase(),
  );
};

describe("ChatAppInstallation against the emulator", () => {
  it("installs and waits until the installation and its definition are visible", async () => {
    const r = await inst<{ id: string; outs: Outs }>("create", {
      chatId,
      teamsAppId: APPS.plain,
      ...PROVIDER,
    });
    expect(r.id).toBe(`${chatId}/installedApps/${r.outs.installationId}`);
    expect(r.outs.adopted).toBe(false);
    expect(r.outs.teamsAppDefinition?.version).toBeTruthy();
    expect(await installedIds()).toContain(APPS.plain.toLowerCase());
  });

  it("installs an app with RSC consent (create-chat example 4's app)", async () => {
    const r = await inst<{ outs: Outs }>("create", {
      chatId,
      teamsAppId: APPS.rsc,
      consentedPermissionSet: RSC,
      ...PROVIDER,
    });
    expect(r.outs.consentedPermissionSet).toEqual(RSC);
  });

  it("adopts an app that is already installed (409) and only forgets it on delete", async () => {
    await inst("create", { chatId, teamsAppId: APPS.plain, ...PROVIDER });
    const again = await inst<{ id: string; outs: Outs }>("create", {
      chatId,
      teamsAppId: APPS.plain,
      ...PROVIDER,
    });
    expect(again.outs.adopted).toBe(true);
    emulator().clearRequests();
    await inst("delete", again.id, { ...again.outs, ...PROVIDER });
    expect(graphRequests(emulator())).toEqual([]);
    expect(await installedIds()).toContain(APPS.plain.toLowerCase());
  });

  it("a reordered, re-cased permission set is no change: no diff, and update sends no upgrade", async () => {
    const first = { chatId, teamsAppId: APPS.rsc, consentedPermissionSet: RSC, ...PROVIDER };
    const { id, outs } = await inst<{ id: string; outs: Outs }>("create", first);
    const news = {
      ...first,
      consentedPermissionSet: {
        resourceSpecificPermissions: RSC.resourceSpecificPermissions
          .slice()
          .reverse()
          .map((p) => ({ ...p, permissionType: "Application" })),
      },
    };
    expect(await inst("diff", id, { ...outs, ...PROVIDER }, news)).toEqual({ changes: false });
    // The engine still calls update after an interrupted create: that must not move the app to a newer version.
    emulator().clearRequests();
    const r = await inst<{ outs: Outs }>("update", id, { ...outs, ...PROVIDER }, news);
    expect(graphRequests(emulator()).map((x) => x.method)).toEqual(["GET"]);
    expect(r.outs.installationId).toBe(outs.installationId);
  });

  it("a changed permission set upgrades in place to the newer definition", async () => {
    const standup = STANDUP;
    const read = { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" };
    const send = { permissionValue: "ChatMessage.Send.Chat", permissionType: "application" };
    const first = {
      chatId,
      teamsAppId: standup,
      consentedPermissionSet: { resourceSpecificPermissions: [read] },
      ...PROVIDER,
    };
    const { id, outs } = await inst<{ id: string; outs: Outs }>("create", first);
    expect(outs.teamsAppDefinition?.version).toBe("1.0.0");
    const news = { ...first, consentedPermissionSet: { resourceSpecificPermissions: [read, send] } };
    expect(await inst("diff", id, { ...outs, ...PROVIDER }, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const r = await inst<{ outs: Outs }>("update", id, { ...outs, ...PROVIDER }, news);
    expect(r.outs.installationId).toBe(outs.installationId);
    expect(r.outs.teamsAppDefinition?.version).toBe("2.0.0");
    expect(r.outs.consentedPermissionSet).toEqual(news.consentedPermissionSet);
  });

  it("uninstalls on delete, and read reports an out-of-band removal as gone", async () => {
    const a = await inst<{ id: string; outs: Outs }>("create", {
      chatId,
      teamsAppId: APPS.plain,
      ...PROVIDER,
    });
    await inst("delete", a.id, { ...a.outs, ...PROVIDER });
    expect(await installedIds()).not.toContain(APPS.plain.toLowerCase());
    const b = await inst<{ id: string; outs: Outs }>("create", {
      chatId,
      teamsAppId: APPS.plain,
      ...PROVIDER,
    });
    const path = `/chats/${encodeURIComponent(chatId)}/installedApps/${encodeURIComponent(b.outs.installationId)}`;
    expect((await outOfBand(emulator(), "DELETE", path)).status).toBe(204);
    expect(await inst("read", b.id, { ...b.outs, ...PROVIDER })).toEqual({ id: "" });
  });

  it("check accepts Graph's capitalised permission types and stores them the way Graph answers", async () => {
    const declared = {
      chatId,
      teamsAppId: APPS.rsc,
      consentedPermissionSet: {
        resourceSpecificPermissions: RSC.resourceSpecificPermissions.map((p) => ({
          ...p,
          permissionType: "Application",
        })),
      },
    };
    const r = await inst<{ inputs: Record<string, unknown>; failures: unknown[] }>("check", {}, declared);
    expect(r.failures).toEqual([]);
    expect(r.inputs["consentedPermissionSet"]).toEqual(RSC);
  });

  it("removing consentedPermissionSet keeps Graph's consent: no diff, no upgrade, state says what Graph holds", async () => {
    const first = { chatId, teamsAppId: APPS.rsc, consentedPermissionSet: RSC, ...PROVIDER };
    const { id, outs } = await inst<{ id: string; outs: Outs }>("create", first);
    const news = { chatId, teamsAppId: APPS.rsc, ...PROVIDER };
    expect(await inst("diff", id, { ...outs, ...PROVIDER }, news)).toEqual({ changes: false });
    emulator().clearRequests();
    const r = await inst<{ outs: Outs }>("update", id, { ...outs, ...PROVIDER }, news);
    expect(graphRequests(emulator()).some((x) => x.path.endsWith("/upgrade"))).toBe(false);
    expect(r.outs.consentedPermissionSet).toEqual(RSC);
  });

  it("read reports consent changed out of band (an upgrade by someone else) as drift", async () => {
    const read = { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" };
    const send = { permissionValue: "ChatMessage.Send.Chat", permissionType: "application" };
    const declared = {
      chatId,
      teamsAppId: STANDUP,
      consentedPermissionSet: { resourceSpecificPermissions: [read] },
      ...PROVIDER,
    };
    const { id, outs } = await inst<{ id: string; outs: Outs }>("create", declared);
    const path = `/chats/${encodeURIComponent(chatId)}/installedApps/${encodeURIComponent(outs.installationId)}/upgrade`;
    const upgraded = { resourceSpecificPermissions: [read, send] };
    expect((await outOfBand(emulator(), "POST", path, { consentedPermissionSet: upgraded })).status).toBe(
      204,
    );
    const r = await inst<{ id: string; props: Outs; inputs: Record<string, unknown> }>("read", id, {
      ...outs,
      ...PROVIDER,
    });
    expect(r.id).toBe(id);
    expect(r.props.consentedPermissionSet).toEqual(upgraded);
    expect(r.props.teamsAppDefinition?.version).toBe("2.0.0");
    expect(r.inputs["consentedPermissionSet"]).toEqual(upgraded);
    expect(await inst("diff", id, { ...r.props, ...PROVIDER }, declared)).toMatchObject({ changes: true });
  });

  it("an installation Graph does not show in time is recorded (partial create); the next up finishes it, not adopted", async () => {
    emulator().configure({ installVisibilityDelayMs: 600_000 });
    configureProvider(emulator(), { kind: "app" }, { "msteams:operationTimeoutSeconds": "1" });
    const inputs = { chatId, teamsAppId: APPS.plain, ...PROVIDER };
    const err = (await inst("create", inputs).catch((e: unknown) => e)) as Error & {
      id: string;
      properties: Outs;
    };
    const pendingId = `${chatId}/installedApps/pending:${APPS.plain}`;
    expect(err.id).toBe(pendingId);
    expect(err.message).toMatch(
      /^app 05F59CEC-\S+ was installed in chat 19:\S+, but timed out after 1s waiting for app .* last status: not visible yet\./,
    );
    expect(err.message).toContain(`recorded in the stack as ${pendingId}; the next \`pulumi up\``);
    expect(err.properties).toMatchObject({
      __provider: "serialized-shim",
      installationId: "",
      adopted: false,
    });
    // A refresh before Graph shows it keeps the record.
    const early = await inst<{ id: string }>("read", err.id, err.properties);
    expect(early.id).toBe(pendingId);
    // Graph catches up (out of band), then the next up calls update on the partially created resource.
    for (const i of emulator().store.state.chats.find((c) => c.id === chatId)!.installedApps)
      (i as { visibleAt: number }).visibleAt = 0;
    const done = await inst<{ outs: Outs }>("update", err.id, err.properties, inputs);
    expect(done.outs.installationId).not.toBe("");
    expect(done.outs.adopted).toBe(false);
    expect(done.outs.teamsAppDefinition?.version).toBe("1.0.0");
    // refresh then writes the real id.
    const refreshed = await inst<{ id: string }>("read", err.id, { ...done.outs, ...PROVIDER });
    expect(refreshed.id).toBe(`${chatId}/installedApps/${done.outs.installationId}`);
  });

  it("an unknown app is Graph's error, not a wait", async () => {
    const err = (await inst("create", {
      chatId,
      teamsAppId: "00000000-0000-0000-0000-00000000dead",
      ...PROVIDER,
    }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("GraphError");
  });
});

describe("Chat.installedApps changes after creation install and uninstall in place", () => {
  it("adding then removing an app never replaces the chat", async () => {
    const base = {
      chatType: "group",
      topic: "Apps",
      members: [
        { user: USERS.u8c0a, roles: ["owner"] },
        { user: USERS.u82fe, roles: ["owner"] },
      ],
      ...PROVIDER,
    };
    const read = await chat<{ props: Record<string, unknown> }>("read", chatId, {
      ...base,
      members: [],
      adopted: false,
    });
    const olds = { ...read.props, ...PROVIDER };
    const withApp = { ...base, installedApps: [{ teamsAppId: APPS.plain }] };
    expect(await chat("diff", chatId, olds, withApp)).toMatchObject({ changes: true, replaces: [] });
    const added = await chat<{ outs: Record<string, unknown> }>("update", chatId, olds, withApp);
    expect(await installedIds()).toContain(APPS.plain.toLowerCase());
    await chat("update", chatId, { ...added.outs, ...PROVIDER }, { ...base, installedApps: [] });
    expect(await installedIds()).not.toContain(APPS.plain.toLowerCase());
  });
});
