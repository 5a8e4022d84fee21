// The emulator's Entra side over raw HTTPS: what MSAL reads (OpenID configuration, keys), the flows it
// checks as Entra does (certificate assertions, device code, refresh tokens, managed identity), and
// Entra's error shape.
import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { createRemoteJWKSet, jwtVerify, SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { testIdentities } from "../support/identity";
import { APP, HOME_TENANT, useEmulator } from "./helpers";

const ids = testIdentities();
const { emu } = useEmulator({ seed: ids.seed });
afterAll(() => rmSync(ids.dir, { recursive: true, force: true }));

const GRAPH = "https://graph.microsoft.com/.default";
const token = (form: Record<string, string>) =>
  fetch(`${emu().url}/${HOME_TENANT}/oauth2/v2.0/token`, { method: "POST", body: new URLSearchParams(form) });
const json = async (r: Response) => (await r.json()) as Record<string, any>;

/** A client assertion as MSAL makes one, signed with the registered certificate's key. */
async function assertion(o: { exp?: number; aud?: string } = {}) {
  const pem = readFileSync(ids.certificatePath, "utf8");
  const der = new X509Certificate(pem).raw;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: `j-${now}` })
    .setProtectedHeader({
      alg: "PS256",
      typ: "JWT",
      "x5t#S256": createHash("sha256").update(der).digest("base64url"),
    })
    .setIssuer(APP.clientId)
    .setSubject(APP.clientId)
    .setAudience(o.aud ?? `${emu().url}/${HOME_TENANT}/oauth2/v2.0/token`)
    .setNotBefore(now - 10)
    .setExpirationTime(o.exp ?? now + 600)
    .sign(createPrivateKey(pem));
}
const withAssertion = (a: string) => ({
  grant_type: "client_credentials",
  client_id: APP.clientId,
  scope: GRAPH,
  client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  client_assertion: a,
});

describe("what MSAL reads", () => {
  it("the tenant's OpenID configuration names endpoints on the emulator's own https origin", async () => {
    const c = await json(await fetch(`${emu().url}/${HOME_TENANT}/v2.0/.well-known/openid-configuration`));
    expect(c).toMatchObject({
      token_endpoint: `${emu().url}/${HOME_TENANT}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${emu().url}/${HOME_TENANT}/oauth2/v2.0/devicecode`,
      jwks_uri: `${emu().url}/${HOME_TENANT}/discovery/v2.0/keys`,
      issuer: `${emu().url}/${HOME_TENANT}/v2.0`,
    });
    expect(emu().url).toMatch(/^https:/);
  });

  it("an unknown tenant: 400 AADSTS90002", async () => {
    const r = await fetch(
      `${emu().url}/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration`,
    );
    expect(r.status).toBe(400);
    expect((await json(r))["error_description"]).toMatch(/^AADSTS90002/);
  });

  it("access tokens are RS256, with a kid, and verify against the published keys", async () => {
    const r = await json(
      await token({
        grant_type: "client_credentials",
        client_id: APP.clientId,
        client_secret: APP.secret,
        scope: GRAPH,
      }),
    );
    const keys = createRemoteJWKSet(new URL(`${emu().url}/${HOME_TENANT}/discovery/v2.0/keys`));
    const { protectedHeader, payload } = await jwtVerify(r["access_token"], keys, {
      audience: "https://graph.microsoft.com",
      issuer: `https://sts.windows.net/${HOME_TENANT}/`,
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT", kid: expect.any(String) });
    expect(payload).toMatchObject({ appid: APP.clientId, idtyp: "app" });
  });
});

describe("client assertions, checked as Entra checks them", () => {
  it("a certificate assertion signed with the registered key → an application token", async () => {
    const r = await token(withAssertion(await assertion()));
    expect(r.status).toBe(200);
    expect((await json(r))["access_token"]).toBeTruthy();
  });

  it.each([
    [
      "expired",
      { exp: Math.floor(Date.now() / 1000) - 3600 },
      /^AADSTS700024: Client assertion is not within its valid time range/,
    ],
    [
      "for another audience",
      { aud: "https://login.microsoftonline.com/x/oauth2/v2.0/token" },
      /^AADSTS700021: /,
    ],
  ])("an %s assertion → 401 invalid_client", async (_n, o, message) => {
    const r = await token(withAssertion(await assertion(o)));
    const body = await json(r);
    expect(r.status).toBe(401);
    expect(body).toMatchObject({
      error: "invalid_client",
      error_codes: [Number(/AADSTS(\d+)/.exec(String(message))![1])],
    });
    expect(body["error_description"]).toMatch(message);
  });

  it("a secretless client-credentials request for a confidential app → AADSTS7000218", async () => {
    const r = await token({ grant_type: "client_credentials", client_id: APP.clientId, scope: GRAPH });
    expect(r.status).toBe(401);
    expect((await json(r))["error_description"]).toMatch(/^AADSTS7000218/);
  });

  it("errors carry Entra's fields: error, error_description, error_codes, timestamp, trace_id, correlation_id", async () => {
    const r = await fetch(`${emu().url}/${HOME_TENANT}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "client-request-id": "my-correlation" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: APP.clientId,
        client_secret: "nope",
        scope: GRAPH,
      }),
    });
    expect(await json(r)).toEqual({
      error: "invalid_client",
      error_description: expect.stringMatching(
        /^AADSTS7000215: .*\r\nTrace ID: [\w-]+\r\nCorrelation ID: my-correlation\r\nTimestamp: /s,
      ),
      error_codes: [7000215],
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/),
      trace_id: r.headers.get("request-id"),
      correlation_id: "my-correlation",
      error_uri: "https://login.microsoftonline.com/error?code=7000215",
    });
  });
});

describe("device code", () => {
  const start = async () =>
    json(
      await fetch(`${emu().url}/${HOME_TENANT}/oauth2/v2.0/devicecode`, {
        method: "POST",
        body: new URLSearchParams({ client_id: APP.clientId, scope: `${GRAPH} offline_access` }),
      }),
    );
  const poll = (deviceCode: string) =>
    token({
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      client_id: APP.clientId,
      device_code: deviceCode,
      scope: GRAPH,
    });

  it("pending until approved, then one delegated token with an id token and a refresh token; the code is used once", async () => {
    const code = await start();
    expect(code).toMatchObject({
      user_code: expect.stringMatching(/^[A-Z2-9]{9}$/),
      verification_uri: `${emu().url}/devicelogin`,
      interval: 1,
    });
    const pending = await poll(code["device_code"]);
    expect(pending.status).toBe(400);
    expect(await json(pending)).toMatchObject({ error: "authorization_pending", error_codes: [70016] });
    expect(emu().waitingDeviceCodes()).toEqual([code["user_code"]]);
    const approve = await fetch(`${emu().url}/_emulator/devicecode/approve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userCode: code["user_code"], user: "pat@contoso.com" }),
    });
    expect(approve.status).toBe(204);
    const ok = await json(await poll(code["device_code"]));
    expect(ok).toMatchObject({
      token_type: "Bearer",
      refresh_token: expect.any(String),
      id_token: expect.any(String),
      client_info: expect.any(String),
    });
    const claims = JSON.parse(Buffer.from(ok["access_token"].split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ idtyp: "user", upn: "pat@contoso.com" });
    expect((await json(await poll(code["device_code"])))["error"]).toBe("invalid_grant");
    const refreshed = await token({
      grant_type: "refresh_token",
      client_id: APP.clientId,
      refresh_token: ok["refresh_token"],
      scope: GRAPH,
    });
    expect(refreshed.status).toBe(200);
    expect(
      JSON.parse(Buffer.from((await json(refreshed))["access_token"].split(".")[1], "base64url").toString()),
    ).toMatchObject({ upn: "pat@contoso.com" });
  });

  it("a person approves on the /devicelogin page with the user's password", async () => {
    expect((await fetch(`${emu().url}/devicelogin`)).headers.get("content-type")).toMatch(/html/);
    const code = await start();
    const wrong = await fetch(`${emu().url}/devicelogin`, {
      method: "POST",
      body: new URLSearchParams({
        user_code: code["user_code"],
        username: "adele@contoso.com",
        password: "nope",
      }),
    });
    expect(wrong.status).toBe(400);
    const page = await fetch(`${emu().url}/devicelogin`, {
      method: "POST",
      body: new URLSearchParams({
        user_code: code["user_code"],
        username: "adele@contoso.com",
        password: "emulator",
      }),
    });
    expect(await page.text()).toMatch(/Signed in as adele@contoso\.com/);
    expect((await poll(code["device_code"])).status).toBe(200);
  });
});

describe("App Service managed identity", () => {
  it("the identity endpoint needs X-IDENTITY-HEADER and issues the seeded managed identity's token", async () => {
    const url = `${emu().managedIdentity.endpoint}?api-version=2019-08-01&resource=https://graph.microsoft.com`;
    const refused = await fetch(url, { headers: { "x-identity-header": "wrong" } });
    expect(refused.status).toBe(401);
    expect(await fetch(url).then((r) => r.status)).toBe(401);
    const ok = await json(
      await fetch(url, { headers: { "x-identity-header": emu().managedIdentity.header } }),
    );
    expect(ok).toMatchObject({
      token_type: "Bearer",
      resource: "https://graph.microsoft.com",
      expires_on: expect.stringMatching(/^\d+$/),
    });
    expect(
      emu()
        .requests()
        .map((r) => `${r.kind} ${r.status}`),
    ).toEqual(["token 401", "token 401", "token 200"]);
  });
});
