// Two tenants in one program through the msteams plugin: two explicit providers, each with its own
// Graph, tenant, app registration and secret (and so its own plugin process and token cache), each chat
// on its own provider. The emulator has one home tenant per instance, so each tenant of the seed gets
// its own emulator: Contoso (the seed as it is) and Fabrikam (the seed's second tenant, made the home of
// a second emulator with an app registration and users of its own).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSeed, type RunningEmulator, type Seed, startEmulator } from "../../emulator";
import { APP, APPS, FEDERATED_TENANT, HOME_TENANT, USERS } from "../support/tenant";
import { useEmulator } from "./harness";
import { changed, PulumiHome, packPlugin, YamlStack } from "./plugin-harness";

/** Fabrikam's own app registration and users, seeded only in its emulator. */
const FABRIKAM_APP = { clientId: "3c9e5a1d-7f2b-4d8e-a6c0-9b1f4e2d7a35", secret: "fabrikam-secret" };
const FABRIKAM_USERS = {
  alex: "6a2f8c4e-1b3d-4f5a-9e7c-2d8b0a6f4c13",
  lee: "d4b7e1a9-3c6f-4a2e-8b5d-7f1c9e3a6b20",
};

/** The default seed with Fabrikam as the home tenant: its own app registration and two more users. */
function fabrikamSeed(seed: Seed): Seed {
  const app = seed.appRegistrations.find((a) => a.clientId === APP.clientId)!;
  return {
    ...seed,
    tenants: seed.tenants.map((t) => ({ ...t, home: t.id === FEDERATED_TENANT })),
    users: [
      ...seed.users,
      ...Object.entries(FABRIKAM_USERS).map(([name, id]) => ({
        id,
        userPrincipalName: `${name}@fabrikam.com`,
        displayName: name,
        tenantId: FEDERATED_TENANT,
      })),
    ],
    appRegistrations: [
      {
        ...app,
        clientId: FABRIKAM_APP.clientId,
        clientSecret: FABRIKAM_APP.secret,
        tenantId: FEDERATED_TENANT,
      },
    ],
  };
}

const contoso = useEmulator({ asyncOperationMs: 300 });
let fabrikam: RunningEmulator;
let home: PulumiHome;

beforeAll(async () => {
  fabrikam = await startEmulator({ port: 0, seed: fabrikamSeed(loadSeed()), asyncOperationMs: 300 });
  home = new PulumiHome();
  const installed = await home.install(await packPlugin());
  if (installed.code !== 0) throw new Error(`plugin install failed:\n${installed.stderr}`);
});
afterAll(async () => {
  home?.dispose();
  await fabrikam?.close();
});

const provider = (emu: RunningEmulator, tenantId: string, clientId: string, secret: string) => `
    type: pulumi:providers:msteams
    properties:
      graphUrl: ${emu.url}
      graphAudience: https://graph.microsoft.com
      authorityHost: ${emu.url}
      tenantId: ${tenantId}
      clientId: ${clientId}
      clientSecret: \${${secret}}
      pollInitialDelayMs: 100`;

const program = () => `
config:
  contosoSecret:
    type: string
    secret: true
  fabrikamSecret:
    type: string
    secret: true
resources:
  contoso:${provider(contoso(), HOME_TENANT, APP.clientId, "contosoSecret")}
  fabrikam:${provider(fabrikam, FEDERATED_TENANT, FABRIKAM_APP.clientId, "fabrikamSecret")}
  contosoTeam:
    type: msteams:index:Chat
    properties:
      chatType: group
      topic: Contoso team
      members:
        - user: ${USERS.u82af}
        - user: ${USERS.u8c0a}
        - user: ${USERS.u82fe}
    options:
      provider: \${contoso}
  fabrikamTeam:
    type: msteams:index:Chat
    properties:
      chatType: group
      topic: Fabrikam team
      members:
        - user: ${FABRIKAM_USERS.alex}
        - user: lee@fabrikam.com
        - user: ${USERS.federated}
    options:
      provider: \${fabrikam}
  fabrikamPolls:
    type: msteams:index:ChatAppInstallation
    properties:
      chatId: \${fabrikamTeam.id}
      teamsAppId: ${APPS.plain}
    options:
      provider: \${fabrikam}
`;

const live = (emu: RunningEmulator) => emu.store.state.chats.filter((c) => !c.deletedDateTime);
const tokenRequests = (emu: RunningEmulator) => emu.requests().filter((r) => r.kind === "token");

describe("two tenants in one program, one explicit provider each", () => {
  let stack: YamlStack;

  it("up puts each chat in its own tenant, signed in with that tenant's own credential", async () => {
    stack = new YamlStack(home, "two-tenants");
    stack.program(program());
    await stack.init({}, { contosoSecret: APP.secret, fabrikamSecret: FABRIKAM_APP.secret });
    contoso().clearRequests();
    fabrikam.clearRequests();
    await stack.ok(["up", "--yes"]);

    expect(live(contoso()).map((c) => c.topic)).toEqual(["Contoso team"]);
    expect(live(fabrikam).map((c) => c.topic)).toEqual(["Fabrikam team"]);
    const team = live(fabrikam)[0]!;
    expect(team.members.map((m) => m.userId).sort()).toEqual(
      [FABRIKAM_USERS.alex, FABRIKAM_USERS.lee, USERS.federated].sort(),
    );
    expect(team.tenantId).toBe(FEDERATED_TENANT);
    expect(team.installedApps.map((a) => a.teamsAppId.toUpperCase())).toEqual([APPS.plain.toUpperCase()]);

    // Each provider asked its own tenant's token endpoint, as its own app, once: its own token cache
    // served every later request of its resources.
    const asked = (emu: RunningEmulator) => tokenRequests(emu).map((r) => `${r.path} ${r.appId}`);
    expect(asked(contoso())).toEqual([`/${HOME_TENANT}/oauth2/v2.0/token ${APP.clientId}`]);
    expect(asked(fabrikam)).toEqual([`/${FEDERATED_TENANT}/oauth2/v2.0/token ${FABRIKAM_APP.clientId}`]);
  });

  it("the state has both providers, their secrets encrypted, and each chat on its own provider", async () => {
    const resources = (await stack.state()).resources;
    const providers = Object.fromEntries(
      resources
        .filter((r) => r.type === "pulumi:providers:msteams")
        .map((r) => [r.urn.split("::").pop()!, r]),
    );
    expect(Object.keys(providers).sort()).toEqual(["contoso", "fabrikam"]);
    for (const p of Object.values(providers))
      expect(p.inputs?.["clientSecret"]).toMatchObject({ ciphertext: expect.any(String) });
    const text = JSON.stringify(resources);
    expect(text).not.toContain(APP.secret);
    expect(text).not.toContain(FABRIKAM_APP.secret);
    const ref = (name: string) => `${providers[name]!.urn}::${providers[name]!.id}`;
    const byName = Object.fromEntries(resources.map((r) => [r.urn.split("::").pop()!, r]));
    expect(byName["contosoTeam"]!.provider).toBe(ref("contoso"));
    expect(byName["fabrikamTeam"]!.provider).toBe(ref("fabrikam"));
    expect(byName["fabrikamPolls"]!.provider).toBe(ref("fabrikam"));
  });

  it("a preview shows no change; a change to one tenant's chat is planned on that provider only", async () => {
    expect((await stack.preview()).changeSummary).toEqual({ same: 6 });
    stack.program(program().replace("topic: Fabrikam team", "topic: Fabrikam team, renamed"));
    expect(Object.keys(changed(await stack.preview()))).toEqual(["fabrikamTeam"]);
    // A provider's setting changes in place (DiffConfig): its resources are neither replaced nor touched.
    const tuned = program()
      .replace("topic: Fabrikam team", "topic: Fabrikam team, renamed")
      .replace(/(fabrikam:[\s\S]*?pollInitialDelayMs: )100/, "$1150");
    stack.program(tuned);
    const steps = changed(await stack.preview());
    expect(Object.fromEntries(Object.entries(steps).map(([k, st]) => [k, st.op]))).toEqual({
      fabrikam: "update",
      fabrikamTeam: "update",
    });
    expect(steps["fabrikam"]!.detailedDiff).toEqual({
      pollInitialDelayMs: { kind: "update", inputDiff: true },
    });
    await stack.ok(["up", "--yes"]);
    expect(live(fabrikam).map((c) => c.topic)).toEqual(["Fabrikam team, renamed"]);
    expect(live(contoso()).map((c) => c.topic)).toEqual(["Contoso team"]);
  });

  it("destroy deletes each tenant's chat in that tenant", async () => {
    await stack.ok(["destroy", "--yes"]);
    expect(live(contoso())).toEqual([]);
    expect(live(fabrikam)).toEqual([]);
  });
});
