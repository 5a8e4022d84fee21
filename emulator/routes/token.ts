import express, { type NextFunction, type Request, type Response, Router } from "express";
import type { Directory } from "../directory";
import {
  clientNotInTenant,
  EntraError,
  invalidClientSecret,
  invalidUserCredentials,
  scopeMissing,
  scopeNotDefault,
  unknownClient,
  unsupportedGrantType,
  userNotInTokenTenant,
} from "../errors";
import type { SeedAppRegistration } from "../seed";
import type { TokenIssuer, TokenSubject } from "../tokens";

type Form = Record<string, string | undefined>;

/**
 * POST /{tenant}/oauth2/v2.0/token, form-encoded like Entra's: client credentials for a seeded app
 * registration (an application token whose roles are its applicationPermissions), or — the emulator's
 * documented way to a delegated token — the password grant for a seeded user (scp = the registration's
 * delegatedPermissions, oid and upn = the user). Errors use Entra's shape, not Graph's.
 */
export function tokenRouter(directory: Directory, issuer: TokenIssuer): Router {
  const r = Router();
  r.post("/:tenant/oauth2/v2.0/token", express.urlencoded({ extended: false }), (req, res) => {
    const form = (req.body ?? {}) as Form;
    const tenant = String(req.params["tenant"]);
    const app = form["client_id"] ? directory.appRegistration(form["client_id"]) : undefined;
    if (!app) throw unknownClient(form["client_id"] ?? "", tenant);
    res.locals["appId"] = app.clientId;
    if (!["organizations", "common"].includes(tenant) && tenant.toLowerCase() !== app.tenantId.toLowerCase())
      throw clientNotInTenant(app.clientId, tenant);
    const subject = authenticateClient(directory, app, form);
    const lifetime = issuer.lifetime;
    res.json({
      token_type: "Bearer",
      ...(subject.kind === "delegated" ? { scope: subject.permissions.join(" ") } : {}),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: issuer.issue(subject),
    });
  });
  r.use("/:tenant/oauth2/v2.0/token", entraErrors);
  return r;
}

function authenticateClient(directory: Directory, app: SeedAppRegistration, form: Form): TokenSubject {
  const base = { appId: app.clientId, tenantId: app.tenantId };
  const scope = form["scope"];
  if (form["grant_type"] === "client_credentials") {
    if (form["client_secret"] !== app.clientSecret) throw invalidClientSecret(app.clientId);
    if (!scope) throw scopeMissing();
    if (!scope.split(" ").every((s) => s.endsWith("/.default"))) throw scopeNotDefault(scope);
    return { ...base, kind: "application", userId: undefined, permissions: app.applicationPermissions };
  }
  if (form["grant_type"] === "password") {
    if (!scope) throw scopeMissing();
    const user = form["username"] ? directory.user(form["username"]) : undefined;
    if (!user || form["password"] !== (user.password ?? "emulator")) throw invalidUserCredentials();
    // Entra signs users into their own tenant: a federated tenant's user gets no token of this one.
    if (user.tenantId.toLowerCase() !== app.tenantId.toLowerCase())
      throw userNotInTokenTenant(user.userPrincipalName, app.tenantId);
    return {
      ...base,
      kind: "delegated",
      userId: user.id,
      upn: user.userPrincipalName,
      permissions: app.delegatedPermissions,
    };
  }
  throw unsupportedGrantType(form["grant_type"] ?? "");
}

/** Entra's error body: {error, error_description, error_codes, timestamp, trace_id, correlation_id}. */
function entraErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(err instanceof EntraError)) {
    next(err);
    return;
  }
  const code = /^AADSTS(\d+)/.exec(err.message)?.[1];
  res.status(err.status).json({
    error: err.error,
    error_description: err.message,
    error_codes: code ? [Number(code)] : [],
    timestamp: new Date()
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d+Z$/, "Z"),
    trace_id: res.locals["requestId"],
    correlation_id: res.locals["clientRequestId"],
  });
}
