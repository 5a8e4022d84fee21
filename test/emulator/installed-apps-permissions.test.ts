import { describe, expect, it } from "vitest";
import { loadSeed, type Seed, type SeedTeamsApp } from "../../emulator";
import {
  type Answer,
  APPS,
  appBind,
  chatPath,
  expectGraphError,
  HOME_TENANT,
  newGroupChat,
  STANDUP_APP,
  useEmulator,
} from "./helpers";

// Who may install, upgrade and remove which app (docs/graph-api.md §7): "Self" permissions reach only the
// calling app itself (the app whose definition names the caller's client id), only "AndConsent"
// permissions grant resource-specific consent, and Chat.Manage.Chat installs apps that need none.

/** App registrations of this file's seed, one per permission being tested. */
const CALLERS = {
  self: "1b0c7d5e-2a3f-4e6d-8c9b-0a1b2c3d4e01", // owns Polls (its definition names this client id)
  selfConsent: "1b0c7d5e-2a3f-4e6d-8c9b-0a1b2c3d4e02", // owns Standup Bot (needs RSC)
  manageChat: "1b0c7d5e-2a3f-4e6d-8c9b-0a1b2c3d4e03",
  readWrite: "1b0c7d5e-2a3f-4e6d-8c9b-0a1b2c3d4e04",
} as const;
type Caller = keyof typeof CALLERS;

const registration = (
  name: Caller,
  applicationPermissions: string[],
  delegatedPermissions: string[] = [],
) => ({
  clientId: CALLERS[name],
  clientSecret: `${name}-secret`,
  displayName: name,
  tenantId: HOME_TENANT,
  applicationPermissions,
  delegatedPermissions,
  publicClient: true, // its delegated tokens come from the password grant
});

function ownedBy(app: SeedTeamsApp, clientId: string): SeedTeamsApp {
  return {
    ...app,
    appDefinitions: app.appDefinitions.map((d) => ({
      ...d,
      authorization: { ...d.authorization, clientAppId: clientId },
    })),
  };
}

function seed(): Seed {
  const base = loadSeed();
  return {
    ...base,
    appRegistrations: [
      ...base.appRegistrations,
      registration(
        "self",
        ["TeamsAppInstallation.ReadWriteSelfForChat.All"],
        ["TeamsAppInstallation.ReadWriteSelfForChat"],
      ),
      registration(
        "selfConsent",
        ["TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All"],
        ["TeamsAppInstallation.ReadWriteAndConsentSelfForChat"],
      ),
      registration("manageChat", ["Chat.Manage.Chat"]),
      registration("readWrite", ["TeamsAppInstallation.ReadWriteForChat.All"]),
    ],
    teamsApps: base.teamsApps.map((a) =>
      a.id === APPS.plain
        ? ownedBy(a, CALLERS.self)
        : a.id === STANDUP_APP
          ? ownedBy(a, CALLERS.selfConsent)
          : a,
    ),
  };
}

const { emu, raw } = useEmulator({ seed: seed(), installVisibilityDelayMs: 0 });

/** A Graph call with a token of one of this file's callers: application, or delegated for `user`. */
async function as(who: Caller, method: string, path: string, body?: unknown, user?: string): Promise<Answer> {
  const form = new URLSearchParams({
    client_id: CALLERS[who],
    scope: "https://graph.microsoft.com/.default",
  });
  const grant = user
    ? { grant_type: "password", username: user, password: "emulator" }
    : { grant_type: "client_credentials", client_secret: `${who}-secret` };
  for (const [k, v] of Object.entries(grant)) form.set(k, v);
  const tok = await fetch(`${emu().url}/${HOME_TENANT}/oauth2/v2.0/token`, { method: "POST", body: form });
  const res = await fetch(`${emu().url}/v1.0${path}`, {
    method,
    headers: {
      authorization: `Bearer ${((await tok.json()) as { access_token: string }).access_token}`,
      "content-type": "application/json",
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

const rsc = (...values: string[]) => ({
  resourceSpecificPermissions: values.map((permissionValue) => ({
    permissionValue,
    permissionType: "Application",
  })),
});
const RSC_APP_CONSENT = rsc("ChatMessage.Read.Chat", "OnlineMeeting.ReadBasic.Chat");
const apps = (chatId: string) => `${chatPath(chatId)}/installedApps`;
const installBody = (appId: string, consent?: unknown) => ({
  "teamsApp@odata.bind": appBind(appId),
  ...(consent ? { consentedPermissionSet: consent } : {}),
});

/** Installs with the fully privileged seeded app and returns the installation id. */
async function installAsAdmin(chatId: string, appId: string, consent?: unknown): Promise<string> {
  expect((await raw().call("POST", apps(chatId), installBody(appId, consent))).status).toBe(201);
  const list = await raw().call("GET", `${apps(chatId)}?$expand=teamsApp`);
  return list.json["value"].find((i: { teamsApp: { id: string } }) => i.teamsApp.id === appId).id;
}

describe("'Self' permissions reach only the calling app itself", () => {
  it("ReadWriteSelfForChat.All installs its own app, and another app → 403 naming the permission", async () => {
    const chatId = await newGroupChat(raw());
    expectGraphError(
      await as("self", "POST", apps(chatId), installBody(STANDUP_APP, rsc("ChatMessage.Read.Chat"))),
      403,
      "Forbidden",
      new RegExp(
        `^App '${STANDUP_APP}' is not the calling app: TeamsAppInstallation\\.ReadWriteSelfForChat\\.All only`,
      ),
    );
    expect((await as("self", "POST", apps(chatId), installBody(APPS.plain))).status).toBe(201);
  });

  it("the delegated variant (ReadWriteAndConsentSelfForChat) is limited the same way", async () => {
    const chatId = await newGroupChat(raw());
    const adele = "adele@contoso.com";
    const other = await as(
      "selfConsent",
      "POST",
      apps(chatId),
      installBody(APPS.rsc, RSC_APP_CONSENT),
      adele,
    );
    expectGraphError(
      other,
      403,
      "Forbidden",
      /is not the calling app: TeamsAppInstallation\.ReadWriteAndConsentSelfForChat only/,
    );
    const own = installBody(STANDUP_APP, rsc("ChatMessage.Read.Chat"));
    expect((await as("selfConsent", "POST", apps(chatId), own, adele)).status).toBe(201);
  });

  it("a Self caller removes only itself, and sees only its own installation", async () => {
    const chatId = await newGroupChat(raw());
    const other = await installAsAdmin(chatId, STANDUP_APP, rsc("ChatMessage.Read.Chat"));
    const own = await installAsAdmin(chatId, APPS.plain);
    const listed = await as("self", "GET", `${apps(chatId)}?$expand=teamsApp`);
    expect(listed.json["value"].map((i: { teamsApp: { id: string } }) => i.teamsApp.id)).toEqual([
      APPS.plain,
    ]);
    expect((await as("self", "GET", `${apps(chatId)}/${encodeURIComponent(other)}`)).status).toBe(404);
    expectGraphError(
      await as("self", "DELETE", `${apps(chatId)}/${encodeURIComponent(other)}`),
      403,
      "Forbidden",
      /is not the calling app/,
    );
    expect((await as("self", "DELETE", `${apps(chatId)}/${encodeURIComponent(own)}`)).status).toBe(204);
  });

  it("ReadWriteAndConsentSelfForChat.All consents for itself only", async () => {
    const chatId = await newGroupChat(raw());
    expect(
      (await as("selfConsent", "POST", apps(chatId), installBody(APPS.rsc, RSC_APP_CONSENT))).status,
    ).toBe(403);
    const own = await as(
      "selfConsent",
      "POST",
      apps(chatId),
      installBody(STANDUP_APP, rsc("ChatMessage.Read.Chat")),
    );
    expect(own.status).toBe(201);
  });
});

describe("only 'AndConsent' permissions grant resource-specific consent", () => {
  it("Chat.Manage.Chat installs an app without RSC, but not one that needs consent (403)", async () => {
    const chatId = await newGroupChat(raw());
    expect((await as("manageChat", "POST", apps(chatId), installBody(APPS.plain))).status).toBe(201);
    expectGraphError(
      await as("manageChat", "POST", apps(chatId), installBody(APPS.rsc, RSC_APP_CONSENT)),
      403,
      "Forbidden",
      /needs resource-specific consent; installing it needs a TeamsAppInstallation\.ReadWriteAndConsent…ForChat/,
    );
  });

  it("an upgrade that consents to new permissions needs AndConsent; one that grants nothing new does not", async () => {
    const chatId = await newGroupChat(raw());
    const id = await installAsAdmin(chatId, STANDUP_APP, rsc("ChatMessage.Read.Chat"));
    const upgrade = `${apps(chatId)}/${encodeURIComponent(id)}/upgrade`;
    const v2 = { consentedPermissionSet: rsc("ChatMessage.Read.Chat", "ChatMessage.Send.Chat") };
    expectGraphError(
      await as("readWrite", "POST", upgrade, v2),
      403,
      "Forbidden",
      /needs resource-specific consent/,
    );
    expect((await raw().call("POST", upgrade, v2)).status).toBe(204); // pulumi-msteams has …AndConsentForChat.All
    expect((await as("readWrite", "POST", upgrade, v2)).status).toBe(204); // the same consent again
    expect((await as("readWrite", "POST", upgrade)).status).toBe(204); // no body: consent kept
  });
});

describe("consent as Graph answers it", () => {
  it("a request's 'Application' is answered as 'application' (docs/graph-api.md §7)", async () => {
    const chatId = await newGroupChat(raw());
    await installAsAdmin(chatId, APPS.rsc, RSC_APP_CONSENT);
    const r = await raw().call("GET", `${apps(chatId)}?$select=id,consentedPermissionSet`);
    expect(r.json["value"][0].consentedPermissionSet.resourceSpecificPermissions).toEqual([
      { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
      { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
    ]);
  });
});
