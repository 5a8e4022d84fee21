import { randomBytes, timingSafeEqual } from "node:crypto";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import type { Directory } from "../directory";
import {
  authorizationPending,
  clientNotInTenant,
  credentialMissing,
  deviceCodeExpired,
  deviceCodeUnknown,
  EntraError,
  invalidClientSecret,
  invalidUserCredentials,
  managedIdentityRefused,
  refreshTokenInvalid,
  scopeMissing,
  scopeNotDefault,
  unknownClient,
  unsupportedGrantType,
  userNotInTokenTenant,
} from "../errors";
import {
  isJwtBearer,
  isSelfIssued,
  verifyCertificateAssertion,
  verifyFederatedAssertion,
} from "../identity/assertions";
import type { DeviceCodes } from "../identity/devicecode";
import { discoveryRouter, origin, tenantIdOf } from "../identity/discovery";
import type { SeedAppRegistration, SeedFederationIssuer, SeedUser } from "../seed";
import type { TokenIssuer, TokenSubject } from "../tokens";

type Form = Record<string, string | undefined>;

export interface IdentityDeps {
  directory: Directory;
  issuer: TokenIssuer;
  deviceCodes: DeviceCodes;
  federationIssuers: readonly SeedFederationIssuer[];
  /** The secret a managed-identity caller must send as X-IDENTITY-HEADER (App Service's IDENTITY_HEADER). */
  identityHeader: string;
}

// Entra takes the RFC 8628 name and the short one MSAL sends.
const DEVICE_CODE_GRANTS = new Set(["urn:ietf:params:oauth:grant-type:device_code", "device_code"]);
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

/**
 * The Entra side of the emulator, on the same port as Graph: OpenID configuration and keys, the v2.0
 * token endpoint (client secret, certificate assertion, federated assertion, password, device code,
 * refresh token), the device-code endpoint and sign-in page, and App Service's managed-identity
 * endpoint. Errors use Entra's shape, not Graph's.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
export function tokenRouter(d: IdentityDeps): Router {
  const r = Router();
  const refreshTokens = new Map<string, TokenSubject>();
  r.use(discoveryRouter(d.directory, d.issuer));
  const form = express.urlencoded({ extended: false });

  r.post("/:tenant/oauth2/v2.0/token", form, async (req, res) => {
    const f = (req.body ?? {}) as Form;
    const app = clientOf(d.directory, f, String(req.params["tenant"]), res);
    const grant = f["grant_type"];
    let subject: TokenSubject;
    if (grant === "client_credentials") {
      await authenticateApp(d, app, f, tokenEndpoints(req, app));
      subject = appSubject(app);
    } else if (grant === "password") {
      await authenticatePublic(d, app, f, tokenEndpoints(req, app));
      subject = userSubject(app, inTenantOf(app, signIn(d.directory, f)));
    } else if (DEVICE_CODE_GRANTS.has(grant ?? "")) {
      await authenticatePublic(d, app, f, tokenEndpoints(req, app));
      subject = userSubject(app, inTenantOf(app, redeemDeviceCode(d.deviceCodes, f["device_code"] ?? "")));
    } else if (grant === "refresh_token") {
      const s = refreshTokens.get(f["refresh_token"] ?? "");
      if (!s || s.appId !== app.clientId) throw refreshTokenInvalid();
      subject = s;
    } else throw unsupportedGrantType(grant ?? "");
    const scope = f["scope"];
    if (!scope) throw scopeMissing();
    if (subject.kind === "application" && !scope.split(" ").every((s) => s.endsWith("/.default")))
      throw scopeNotDefault(scope);
    res.json(await tokenResponse(d, subject, scope, req, refreshTokens));
  });

  r.post("/:tenant/oauth2/v2.0/devicecode", form, (req, res) => {
    const f = (req.body ?? {}) as Form;
    const app = clientOf(d.directory, f, String(req.params["tenant"]), res);
    if (!f["scope"]) throw scopeMissing();
    const code = d.deviceCodes.create(app.clientId, app.tenantId);
    const page = `${origin(req)}/devicelogin`;
    res.json({
      user_code: code.userCode,
      device_code: code.deviceCode,
      verification_uri: page,
      expires_in: d.deviceCodes.lifetimeSeconds,
      interval: 1,
      message: `To sign in, use a web browser to open the page ${page} and enter the code ${code.userCode} to authenticate.`,
    });
  });

  r.get("/devicelogin", (_req, res) => {
    res.type("html").send(DEVICE_LOGIN_PAGE);
  });
  r.post("/devicelogin", form, (req, res) => {
    const f = (req.body ?? {}) as Form;
    const user = signIn(d.directory, f);
    const ok = d.deviceCodes.approve(f["user_code"] ?? "", user);
    res
      .status(ok ? 200 : 400)
      .type("text")
      .send(
        ok ? `Signed in as ${user.userPrincipalName}. You may close this page.` : "Unknown or expired code.",
      );
  });

  // App Service managed identity (api-version 2019-08-01): GET ${IDENTITY_ENDPOINT}?resource=…, with the
  // X-IDENTITY-HEADER secret. https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference
  r.get("/msi/token", async (req, res) => {
    const header = String(req.headers["x-identity-header"] ?? "");
    if (!same(header, d.identityHeader))
      throw managedIdentityRefused("X-IDENTITY-HEADER is missing or wrong");
    const resource = String(req.query["resource"] ?? "");
    if (!resource) throw managedIdentityRefused("the 'resource' query parameter is required");
    const wanted = req.query["client_id"] ? String(req.query["client_id"]) : undefined;
    const app = d.directory.appRegistrations.find(
      (a) => a.managedIdentity && (!wanted || a.clientId.toLowerCase() === wanted.toLowerCase()),
    );
    if (!app)
      throw managedIdentityRefused(
        `no managed identity${wanted ? ` with client id '${wanted}'` : ""} in the seed`,
      );
    res.locals["appId"] = app.clientId;
    const expiresOn = Math.floor(Date.now() / 1000) + d.issuer.lifetime;
    res.json({
      access_token: await d.issuer.issue(appSubject(app)),
      expires_on: String(expiresOn),
      resource,
      token_type: "Bearer",
      client_id: app.clientId,
    });
  });
  r.use(entraErrors);
  return r;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The app registration named by client_id, in the tenant of the path. */
function clientOf(directory: Directory, f: Form, tenant: string, res: Response): SeedAppRegistration {
  const app = f["client_id"] ? directory.appRegistration(f["client_id"]) : undefined;
  if (!app) throw unknownClient(f["client_id"] ?? "", tenant);
  res.locals["appId"] = app.clientId;
  const id = tenantIdOf(directory, tenant);
  if (
    !["organizations", "common"].includes(tenant.toLowerCase()) &&
    id?.toLowerCase() !== app.tenantId.toLowerCase()
  )
    throw clientNotInTenant(app.clientId, tenant);
  return app;
}

/** The audiences a certificate assertion may name: this tenant's token endpoint, by id or as in the path. */
const tokenEndpoints = (req: Request, app: SeedAppRegistration) => [
  ...new Set([
    `${origin(req)}/${String(req.params["tenant"])}/oauth2/v2.0/token`,
    `${origin(req)}/${app.tenantId}/oauth2/v2.0/token`,
  ]),
];

/** A confidential client proves itself with its secret, a certificate assertion or a federated token. */
async function authenticateApp(d: IdentityDeps, app: SeedAppRegistration, f: Form, audiences: string[]) {
  const assertion = f["client_assertion"];
  if (assertion && isJwtBearer(f["client_assertion_type"])) {
    if (isSelfIssued(app, assertion)) await verifyCertificateAssertion(app, assertion, audiences);
    else await verifyFederatedAssertion(app, assertion, d.federationIssuers);
    return;
  }
  const secret = f["client_secret"];
  if (secret === undefined) throw credentialMissing(app.clientId);
  if (!app.clientSecret || !same(secret, app.clientSecret)) throw invalidClientSecret(app.clientId);
}

/** Public client flows need no client credential when the registration allows them; else as above. */
async function authenticatePublic(d: IdentityDeps, app: SeedAppRegistration, f: Form, audiences: string[]) {
  if (f["client_secret"] === undefined && f["client_assertion"] === undefined && app.publicClient) return;
  await authenticateApp(d, app, f, audiences);
}

/** Entra signs users into their own tenant: a federated tenant's user gets no token of this one. */
function inTenantOf(app: SeedAppRegistration, user: SeedUser): SeedUser {
  if (user.tenantId.toLowerCase() !== app.tenantId.toLowerCase())
    throw userNotInTokenTenant(user.userPrincipalName, app.tenantId);
  return user;
}

function signIn(directory: Directory, f: Form): SeedUser {
  const user = f["username"] ? directory.user(f["username"]) : undefined;
  if (!user || !same(f["password"] ?? "", user.password ?? "emulator")) throw invalidUserCredentials();
  return user;
}

function redeemDeviceCode(codes: DeviceCodes, deviceCode: string): SeedUser {
  const req = codes.byDeviceCode(deviceCode);
  if (!req || req.redeemed) throw deviceCodeUnknown();
  if (req.expiresAt < Date.now()) throw deviceCodeExpired();
  if (!req.user) throw authorizationPending();
  req.redeemed = true;
  return req.user;
}

const appSubject = (app: SeedAppRegistration): TokenSubject => ({
  kind: "application",
  appId: app.clientId,
  tenantId: app.tenantId,
  userId: undefined,
  permissions: app.applicationPermissions,
});

const userSubject = (app: SeedAppRegistration, user: SeedUser): TokenSubject => ({
  kind: "delegated",
  appId: app.clientId,
  tenantId: app.tenantId,
  userId: user.id,
  upn: user.userPrincipalName,
  name: user.displayName,
  permissions: app.delegatedPermissions,
});

async function tokenResponse(
  d: IdentityDeps,
  s: TokenSubject,
  scope: string,
  req: Request,
  refreshTokens: Map<string, TokenSubject>,
) {
  const lifetime = d.issuer.lifetime;
  const base = {
    token_type: "Bearer",
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await d.issuer.issue(s),
  };
  if (s.kind === "application") return base;
  // A delegated sign-in also gets what MSAL builds its account from: an id token, client_info and a
  // refresh token (used once the access token expires).
  const refresh = randomBytes(32).toString("base64url");
  refreshTokens.set(refresh, s);
  const asked = scope.split(" ").filter((x) => x && !OIDC_SCOPES.has(x));
  return {
    ...base,
    scope: [...asked, ...scope.split(" ").filter((x) => OIDC_SCOPES.has(x))].join(" "),
    refresh_token: refresh,
    id_token: await d.issuer.idToken(s, `${origin(req)}/${s.tenantId}/v2.0`),
    client_info: Buffer.from(JSON.stringify({ uid: s.userId, utid: s.tenantId })).toString("base64url"),
  };
}

/** Entra's error body: {error, error_description, error_codes, timestamp, trace_id, correlation_id}. */
function entraErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(err instanceof EntraError)) {
    next(err);
    return;
  }
  const code = /^AADSTS(\d+)/.exec(err.message)?.[1];
  const stamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  res.status(err.status).json({
    error: err.error,
    error_description: `${err.message}\r\nTrace ID: ${res.locals["requestId"]}\r\nCorrelation ID: ${res.locals["clientRequestId"]}\r\nTimestamp: ${stamp}`,
    error_codes: code ? [Number(code)] : [],
    timestamp: stamp,
    trace_id: res.locals["requestId"],
    correlation_id: res.locals["clientRequestId"],
    error_uri: code ? `https://login.microsoftonline.com/error?code=${code}` : undefined,
  });
}

const DEVICE_LOGIN_PAGE = `<!doctype html><meta charset="utf-8"><title>Sign in (pulumi-msteams emulator)</title>
<h1>Enter code</h1><p>Sign in as one of the emulator's seeded users to approve a device code.</p>
<form method="post" action="/devicelogin">
<p><label>Code <input name="user_code" autofocus required></label></p>
<p><label>User (UPN) <input name="username" required></label></p>
<p><label>Password <input name="password" type="password" value="emulator"></label></p>
<p><button>Sign in</button></p></form>`;
