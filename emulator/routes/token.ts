import express, { Router } from "express";
import type { Directory } from "../directory";
import type { TokenIssuer } from "../tokens";

/** Entra's error shape (not Graph's) for the token endpoint. */
const entraError = (error: string, description: string) => ({
  error,
  error_description: description,
  error_codes: [],
  timestamp: new Date().toISOString(),
});

/**
 * POST /{tenant}/oauth2/v2.0/token: client credentials for a seeded app registration (application
 * token with its applicationPermissions as roles), or — the emulator's documented way to a delegated
 * token — the password grant for a seeded user (scp = the app's delegatedPermissions).
 */
export function tokenRouter(dir: Directory, issuer: TokenIssuer): Router {
  const r = Router();
  r.post("/:tenant/oauth2/v2.0/token", express.urlencoded({ extended: false }), (req, res) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const app = b["client_id"] ? dir.app(b["client_id"]) : undefined;
    if (!app) {
      res
        .status(400)
        .json(
          entraError(
            "unauthorized_client",
            `AADSTS700016: Application with identifier '${b["client_id"] ?? ""}' was not found in the directory.`,
          ),
        );
      return;
    }
    const tenant = String(req.params["tenant"]);
    if (tenant.toLowerCase() !== app.tenantId.toLowerCase() && tenant !== "organizations") {
      res
        .status(400)
        .json(
          entraError(
            "invalid_request",
            `AADSTS90002: Tenant '${tenant}' is not the tenant of application '${app.clientId}'.`,
          ),
        );
      return;
    }
    const base = { appId: app.clientId, tenantId: app.tenantId };
    if (b["grant_type"] === "client_credentials") {
      if (b["client_secret"] !== app.clientSecret) {
        res.status(401).json(entraError("invalid_client", "AADSTS7000215: Invalid client secret provided."));
        return;
      }
      const token = issuer.issue({
        ...base,
        kind: "application",
        userId: undefined,
        permissions: app.applicationPermissions,
      });
      res.json({
        token_type: "Bearer",
        expires_in: issuer.lifetime,
        ext_expires_in: issuer.lifetime,
        access_token: token,
      });
      return;
    }
    if (b["grant_type"] === "password") {
      const user = b["username"] ? dir.user(b["username"]) : undefined;
      if (!user || b["password"] !== (user.password ?? "emulator")) {
        res
          .status(400)
          .json(
            entraError(
              "invalid_grant",
              "AADSTS50126: Error validating credentials due to invalid username or password.",
            ),
          );
        return;
      }
      const token = issuer.issue({
        ...base,
        kind: "delegated",
        userId: user.id,
        upn: user.userPrincipalName,
        permissions: app.delegatedPermissions,
      });
      res.json({
        token_type: "Bearer",
        scope: app.delegatedPermissions.join(" "),
        expires_in: issuer.lifetime,
        ext_expires_in: issuer.lifetime,
        access_token: token,
      });
      return;
    }
    res
      .status(400)
      .json(
        entraError(
          "unsupported_grant_type",
          `AADSTS70003: grant_type '${b["grant_type"] ?? ""}' is not supported by the emulator (use client_credentials or password).`,
        ),
      );
  });
  return r;
}
