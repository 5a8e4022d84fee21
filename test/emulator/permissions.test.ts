import { describe, expect, it } from "vitest";
import { loadSeed, type Seed, startEmulator } from "../../emulator";
import {
  APPS,
  appBind,
  chatPath,
  expectGraphError,
  groupBody,
  HOME_TENANT,
  LIMITED_APP,
  member,
  newGroupChat,
  Raw,
  USERS,
  useEmulator,
} from "./helpers";

const { raw } = useEmulator();
const limitedUser = { user: "lee.gu@contoso.com" };

/** A delegated token of the weak app (scp Chat.Create Chat.ReadBasic) for Lee, a member of the chats below. */
async function limitedDelegated(r: Raw, method: string, path: string, body?: unknown) {
  const form = new URLSearchParams({
    grant_type: "password",
    client_id: LIMITED_APP.clientId,
    username: limitedUser.user,
    password: "emulator",
    scope: "https://graph.microsoft.com/.default",
  });
  const t = (await (
    await fetch(`${r.emu.url}/${HOME_TENANT}/oauth2/v2.0/token`, { method: "POST", body: form })
  ).json()) as {
    access_token: string;
  };
  const res = await fetch(`${r.emu.url}/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${t.access_token}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: (text ? JSON.parse(text) : undefined) as Record<string, any>,
  };
}

const LIMITED_ROLES = "Roles on the request 'Chat.Create, Chat.ReadBasic.All, User.Read.All'.";

describe("403 Forbidden for missing permissions, naming what is accepted (limited-app)", () => {
  it("reads it may do: GET chat (Chat.ReadBasic.All), GET user (User.Read.All), create (Chat.Create)", async () => {
    const id = await newGroupChat(raw(), [USERS.u4b82, USERS.u82af]);
    expect((await raw().call("GET", chatPath(id), undefined, "limited")).status).toBe(200);
    expect((await raw().call("GET", `/users/${USERS.adele}`, undefined, "limited")).status).toBe(200);
    expect((await raw().call("POST", "/chats", groupBody(), "limited")).status).toBe(201);
  });

  it.each([
    [
      "PATCH chat",
      "PATCH",
      "",
      { topic: "x" },
      /API requires one of 'ChatSettings\.ReadWrite\.Chat, Chat\.ReadWrite\.All'\./,
    ],
    [
      "DELETE chat",
      "DELETE",
      "",
      undefined,
      /API requires one of 'Chat\.ManageDeletion\.Chat, Chat\.ManageDeletion\.All'\./,
    ],
    ["list members", "GET", "/members", undefined, /API requires one of 'ChatMember\.Read\.All, /],
    [
      "add a member",
      "POST",
      "/members",
      member(USERS.u3626),
      /API requires one of 'Chat\.Manage\.Chat, ChatMember\.ReadWrite\.All, Chat\.ReadWrite\.All'\./,
    ],
    [
      "list installed apps",
      "GET",
      "/installedApps",
      undefined,
      /API requires one of 'TeamsAppInstallation\.ReadForChat\.All, /,
    ],
    [
      "install an app",
      "POST",
      "/installedApps",
      { "teamsApp@odata.bind": appBind(APPS.plain) },
      /TeamsAppInstallation\.ReadWriteSelfForChat\.All/,
    ],
    [
      "send a message",
      "POST",
      "/messages",
      { body: { content: "x" } },
      /API requires one of 'Teamwork\.Migrate\.All'\./,
    ],
    [
      "read messages",
      "GET",
      "/messages",
      undefined,
      /API requires one of 'ChatMessage\.Read\.Chat, Chat\.Read\.All, Chat\.ReadWrite\.All'\./,
    ],
  ])("%s", async (_n, method, suffix, body, accepted) => {
    const id = await newGroupChat(raw(), [USERS.u4b82, USERS.u82af]);
    const r = await raw().call(method, `${chatPath(id)}${suffix}`, body, "limited");
    expectGraphError(r, 403, "Forbidden", /^Missing role permissions on the request\. /);
    expect(r.json["error"].message).toMatch(accepted);
    expect(r.json["error"].message).toContain(LIMITED_ROLES);
  });

  it("the app catalog needs AppCatalog.Read.All", async () => {
    expectGraphError(
      await raw().call("GET", "/appCatalogs/teamsApps", undefined, "limited"),
      403,
      "Forbidden",
      /'AppCatalog\.Read\.All, AppCatalog\.ReadWrite\.All, Directory\.Read\.All'/,
    );
  });

  it("delegated scopes are named as scopes", async () => {
    const id = await newGroupChat(raw(), [USERS.u4b82, USERS.u82af]);
    const r = await limitedDelegated(raw(), "PATCH", chatPath(id), { topic: "x" });
    expectGraphError(
      r,
      403,
      "Forbidden",
      /^Missing scope permissions on the request\. API requires one of 'Chat\.ReadWrite'\. Scopes on the request 'Chat\.Create, Chat\.ReadBasic'\.$/,
    );
    expect((await limitedDelegated(raw(), "GET", chatPath(id))).status).toBe(200);
  });

  it("an app without Chat.Create cannot create chats", async () => {
    const seed: Seed = loadSeed();
    const weak: Seed = {
      ...seed,
      appRegistrations: seed.appRegistrations.map((a) =>
        a.clientId === LIMITED_APP.clientId ? { ...a, applicationPermissions: ["Chat.ReadBasic.All"] } : a,
      ),
    };
    const other = await startEmulator({ port: 0, seed: weak });
    try {
      const r = await new Raw(other).call("POST", "/chats", groupBody(), "limited");
      expectGraphError(
        r,
        403,
        "Forbidden",
        /API requires one of 'Chat\.Create'\. Roles on the request 'Chat\.ReadBasic\.All'\.$/,
      );
    } finally {
      await other.close();
    }
  });
});
