import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { Raw } from "../support/raw";
import { APP, HOME_TENANT, USERS } from "../support/tenant";

let emu: RunningEmulator;
let raw: Raw;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  raw = new Raw(emu);
});
afterAll(() => emu.close());

const tokenRequest = (form: Record<string, string>, tenant = HOME_TENANT) =>
  fetch(`${emu.url}/${tenant}/oauth2/v2.0/token`, { method: "POST", body: new URLSearchParams(form) });
const claims = (t: string) =>
  JSON.parse(Buffer.from(t.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

describe("token endpoint", () => {
  it("client credentials → an application token with the app's roles", async () => {
    const res = await tokenRequest({
      grant_type: "client_credentials",
      client_id: APP.clientId,
      client_secret: APP.secret,
      scope: "https://graph.microsoft.com/.default",
    });
    const body = (await res.json()) as { token_type: string; expires_in: number; access_token: string };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(claims(body.access_token)).toMatchObject({
      tid: HOME_TENANT,
      appid: APP.clientId,
      idtyp: "app",
      roles: expect.arrayContaining(["Chat.Create"]),
    });
  });

  it("password grant for a seeded user → a delegated token with scp and oid", async () => {
    const res = await tokenRequest({
      grant_type: "password",
      client_id: APP.clientId,
      username: "adele@contoso.com",
      password: "emulator",
      scope: "x",
    });
    const t = ((await res.json()) as { access_token: string }).access_token;
    expect(claims(t)).toMatchObject({
      idtyp: "user",
      oid: USERS.adele,
      upn: "adele@contoso.com",
      scp: expect.stringContaining("ChatMessage.Send"),
    });
  });

  it.each([
    [
      { grant_type: "client_credentials", client_id: APP.clientId, client_secret: "wrong" },
      401,
      "invalid_client",
    ],
    [
      {
        grant_type: "client_credentials",
        client_id: "00000000-0000-0000-0000-000000000000",
        client_secret: "x",
      },
      400,
      "unauthorized_client",
    ],
    [
      { grant_type: "password", client_id: APP.clientId, username: "adele@contoso.com", password: "nope" },
      400,
      "invalid_grant",
    ],
    [{ grant_type: "authorization_code", client_id: APP.clientId }, 400, "unsupported_grant_type"],
  ])("refuses %j with Entra's error shape", async (form, status, error) => {
    const res = await tokenRequest(form as Record<string, string>);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  });
});

describe("Graph authentication and the error envelope", () => {
  it.each([
    ["no token", undefined],
    ["garbage", "Bearer abc"],
    ["forged signature", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl"],
  ])("%s → 401 InvalidAuthenticationToken with WWW-Authenticate", async (_n, auth) => {
    const res = await fetch(`${emu.url}/v1.0/users/${USERS.adele}`, {
      headers: auth ? { authorization: auth } : {},
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationToken");
  });

  it("an expired token → 401", async () => {
    emu.configure({ tokenLifetimeSeconds: -1 });
    const fresh = new Raw(emu);
    const r = await fresh.call("GET", `/users/${USERS.adele}`);
    emu.configure({ tokenLifetimeSeconds: 3600 });
    expect(r.status).toBe(401);
    expect(r.json["error"].message).toMatch(/expired/);
  });

  it("errors carry code, message and innerError with the request ids, echoed in headers", async () => {
    const r = await raw.call("GET", "/chats/19:nope@thread.v2", undefined, "app", {
      "client-request-id": "my-id-1",
    });
    expect(r.status).toBe(404);
    expect(r.headers.get("client-request-id")).toBe("my-id-1");
    const id = r.headers.get("request-id");
    expect(r.json["error"]).toEqual({
      code: "NotFound",
      message: "Chat '19:nope@thread.v2' was not found.",
      innerError: { date: expect.any(String), "request-id": id, "client-request-id": "my-id-1" },
    });
  });

  it("unknown endpoints → 501 and unsupported query options → 400, both saying so", async () => {
    const a = await raw.call("GET", "/me/chats");
    expect(a.status).toBe(501);
    expect(a.json["error"].message).toMatch(/not supported by the pulumi-msteams emulator/);
    const b = await raw.call("GET", `/users/${USERS.adele}?$select=displayName`);
    expect(b.status).toBe(400);
    expect(b.json["error"].message).toMatch(/Query option '\$select' is not supported/);
  });

  it("users by id, UPN and OData key; unknown users → 404 naming them", async () => {
    expect((await raw.call("GET", "/users/adele@contoso.com")).json["id"]).toBe(USERS.adele);
    expect((await raw.call("GET", "/users('adele@contoso.com')")).json["@odata.context"]).toMatch(
      /\$metadata#users\/\$entity$/,
    );
    const r = await raw.call("GET", "/users/ghost@contoso.com");
    expect(r.status).toBe(404);
    expect(r.json["error"]).toMatchObject({
      code: "Request_ResourceNotFound",
      message: expect.stringContaining("ghost@contoso.com"),
    });
  });

  it("the app catalog answers its documented $filter forms and $expand=appDefinitions", async () => {
    const byId = await raw.call(
      "GET",
      "/appCatalogs/teamsApps?$filter=id eq '8e55a7b1-6766-4f0a-8610-ecacfe3d569a'&$expand=appDefinitions",
    );
    expect(byId.json["value"]).toHaveLength(1);
    expect(
      byId.json["value"][0].appDefinitions[0].authorization.requiredPermissionSet.resourceSpecificPermissions,
    ).toHaveLength(2);
    expect(
      (await raw.call("GET", "/appCatalogs/teamsApps?$filter=distributionMethod eq 'organization'")).json[
        "value"
      ].length,
    ).toBeGreaterThan(0);
    expect(
      (
        await raw.call(
          "GET",
          "/appCatalogs/teamsApps?$filter=externalId eq '05f59cec-a742-4a50-a62e-202a57e478a4'",
        )
      ).json["value"],
    ).toHaveLength(1);
    expect((await raw.call("GET", "/appCatalogs/teamsApps?$filter=startswith(displayName,'P')")).status).toBe(
      400,
    );
  });
});
