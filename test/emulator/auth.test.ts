import { describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import { APP, counter, expectGraphError, HOME_TENANT, Raw, USERS, useEmulator } from "./helpers";

const { emu, raw } = useEmulator();
const GRAPH = "https://graph.microsoft.com/.default";

const tokenRequest = (form: Record<string, string>, tenant = HOME_TENANT) =>
  fetch(`${emu().url}/${tenant}/oauth2/v2.0/token`, { method: "POST", body: new URLSearchParams(form) });
const claims = (t: string) =>
  JSON.parse(Buffer.from(t.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
const getAdele = (authorization?: string, headers: Record<string, string> = {}) =>
  fetch(`${emu().url}/v1.0/users/${USERS.adele}`, {
    headers: { ...(authorization ? { authorization } : {}), ...headers },
  });

describe("token endpoint (Entra's shape)", () => {
  it("client credentials → an application token whose roles are the app's applicationPermissions", async () => {
    const res = await tokenRequest({
      grant_type: "client_credentials",
      client_id: APP.clientId,
      client_secret: APP.secret,
      scope: GRAPH,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600 });
    const c = claims(body["access_token"]);
    expect(c).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${HOME_TENANT}/`,
      tid: HOME_TENANT,
      appid: APP.clientId,
      azp: APP.clientId,
      idtyp: "app",
      roles: expect.arrayContaining(["Chat.Create", "Chat.ManageDeletion.All", "Teamwork.Migrate.All"]),
    });
    expect(c["exp"]).toBe((c["iat"] as number) + 3600);
    expect(c["nbf"]).toBe(c["iat"]);
    expect(c).not.toHaveProperty("scp");
  });

  it.each([
    ["UPN", "adele@contoso.com"],
    ["object id", USERS.adele],
  ])("password grant by %s → a delegated token with scp, oid and upn", async (_n, username) => {
    const res = await tokenRequest({
      grant_type: "password",
      client_id: APP.clientId,
      username,
      password: "emulator",
      scope: GRAPH,
    });
    const body = (await res.json()) as Record<string, any>;
    expect(res.status).toBe(200);
    expect(claims(body["access_token"])).toMatchObject({
      idtyp: "user",
      oid: USERS.adele,
      upn: "adele@contoso.com",
      scp: "Chat.Create Chat.ReadWrite ChatMember.ReadWrite ChatMessage.Send Chat.ManageDeletion.All TeamsAppInstallation.ReadWriteAndConsentForChat AppCatalog.Read.All User.ReadBasic.All",
    });
    expect(claims(body["access_token"])).not.toHaveProperty("roles");
  });

  it.each([
    [
      "a wrong secret",
      { grant_type: "client_credentials", client_id: APP.clientId, client_secret: "wrong", scope: GRAPH },
      401,
      "invalid_client",
      /^AADSTS7000215: Invalid client secret/,
    ],
    [
      "an unknown client",
      {
        grant_type: "client_credentials",
        client_id: "00000000-0000-0000-0000-000000000000",
        client_secret: "x",
        scope: GRAPH,
      },
      400,
      "unauthorized_client",
      /^AADSTS700016: .*'00000000-0000-0000-0000-000000000000' was not found/,
    ],
    [
      "a wrong password",
      {
        grant_type: "password",
        client_id: APP.clientId,
        username: "adele@contoso.com",
        password: "nope",
        scope: GRAPH,
      },
      400,
      "invalid_grant",
      /^AADSTS50126/,
    ],
    [
      "an unknown user",
      {
        grant_type: "password",
        client_id: APP.clientId,
        username: "ghost@contoso.com",
        password: "emulator",
        scope: GRAPH,
      },
      400,
      "invalid_grant",
      /^AADSTS50126/,
    ],
    [
      "no scope",
      { grant_type: "client_credentials", client_id: APP.clientId, client_secret: APP.secret },
      400,
      "invalid_request",
      /^AADSTS90014: .*'scope'/,
    ],
    [
      "a scope without /.default",
      {
        grant_type: "client_credentials",
        client_id: APP.clientId,
        client_secret: APP.secret,
        scope: "https://graph.microsoft.com/Chat.Create",
      },
      400,
      "invalid_scope",
      /^AADSTS1002012: .*\/\.default/,
    ],
    [
      "another grant",
      { grant_type: "authorization_code", client_id: APP.clientId, scope: GRAPH },
      400,
      "unsupported_grant_type",
      /^AADSTS70003: grant_type 'authorization_code'/,
    ],
  ])("refuses %s", async (_n, form, status, error, description) => {
    const res = await tokenRequest(form);
    const body = (await res.json()) as Record<string, any>;
    expect(res.status).toBe(status);
    expect(body["error"]).toBe(error);
    expect(body["error_description"]).toMatch(description);
    expect(JSON.stringify(body)).not.toContain("wrong"); // never echoes a secret
  });

  it("refuses a client in the wrong tenant", async () => {
    const res = await tokenRequest(
      { grant_type: "client_credentials", client_id: APP.clientId, client_secret: APP.secret, scope: GRAPH },
      "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1",
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_description: string }).error_description).toMatch(/^AADSTS90002/);
  });

  it("logs token requests with kind 'token' and the client id", async () => {
    await new Raw(emu()).token();
    expect(emu().requests()).toEqual([
      expect.objectContaining({ method: "POST", kind: "token", status: 200, appId: APP.clientId }),
    ]);
  });
});

describe("Graph authentication: 401 InvalidAuthenticationToken with WWW-Authenticate: Bearer", () => {
  const expect401 = async (res: Response, message: RegExp) => {
    const json = (await res.json()) as Record<string, any>;
    expectGraphError(
      { status: res.status, headers: res.headers, json },
      401,
      "InvalidAuthenticationToken",
      message,
    );
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
  };

  it.each([
    ["no token", undefined, /Access token is empty/],
    ["another scheme", "Basic YWRlbGU6ZW11bGF0b3I=", /not a well-formed JWT/],
    ["not a JWT", "Bearer abc", /not a well-formed JWT/],
    [
      "a forged signature",
      "Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl",
      /signature is invalid/,
    ],
  ])("%s", async (_n, auth, message) => {
    await expect401(await getAdele(auth), message);
  });

  it("a token signed by another emulator process (foreign key)", async () => {
    const other = await startEmulator({ port: 0 });
    const foreign = await new Raw(other).token();
    await other.close();
    await expect401(await getAdele(`Bearer ${foreign}`), /signature is invalid/);
  });

  it("an expired token", async () => {
    emu().configure({ tokenLifetimeSeconds: -1 });
    const expired = await new Raw(emu()).token();
    await expect401(await getAdele(`Bearer ${expired}`), /token is expired/);
  });
});

describe("Graph's error envelope and headers", () => {
  const nextId = counter("client-request");

  it("every answer carries request-id and echoes client-request-id, also inside innerError", async () => {
    const id = nextId();
    const r = await raw().call("GET", "/chats/19:nope@thread.v2", undefined, "app", {
      "client-request-id": id,
    });
    expect(r.headers.get("client-request-id")).toBe(id);
    expect(r.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expectGraphError(r, 404, "NotFound", /^Chat '19:nope@thread\.v2' was not found\.$/);
    const ok = await raw().call("GET", `/users/${USERS.adele}`);
    expect(ok.headers.get("client-request-id")).toBe(ok.headers.get("request-id")); // none sent: Graph reuses it
  });

  it("an unexpected throw is a 500 InternalServerError that says it is an emulator bug", async () => {
    const store = emu().store as unknown as { chat: (id: string) => unknown };
    const original = store.chat;
    store.chat = () => {
      throw new Error("boom");
    };
    const quiet = console.error;
    console.error = () => {};
    try {
      expectGraphError(
        await raw().call("GET", "/chats/19:x@thread.v2"),
        500,
        "InternalServerError",
        /Emulator bug.*boom/,
      );
    } finally {
      store.chat = original;
      console.error = quiet;
    }
  });

  it("malformed JSON → 400; a non-object body → 400", async () => {
    const token = await raw().token();
    const res = await fetch(`${emu().url}/v1.0/chats`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{not json",
    });
    const json = (await res.json()) as Record<string, any>;
    expectGraphError({ status: res.status, headers: res.headers, json }, 400, "BadRequest", /not valid JSON/);
    expectGraphError(
      await raw().call("POST", "/chats", [1, 2]),
      400,
      "BadRequest",
      /needs a JSON object body/,
    );
  });

  it("paths outside /v1.0, /beta and the token endpoint → 404 in Graph's envelope", async () => {
    const res = await fetch(`${emu().url}/v2.0/chats`);
    const json = (await res.json()) as Record<string, any>;
    expectGraphError(
      { status: res.status, headers: res.headers, json },
      404,
      "NotFound",
      /served under \/v1\.0 and \/beta/,
    );
  });
});
