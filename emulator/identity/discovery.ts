import { type Request, Router } from "express";
import type { Directory } from "../directory";
import type { TokenIssuer } from "../tokens";

/** The scheme and host the client used, so the endpoints it is told about are the ones it can reach. */
export const origin = (req: Request) => `${req.protocol}://${req.get("host")}`;

/** A tenant in a path (id, domain, or common/organizations) as a seeded tenant id, if it is one. */
export function tenantIdOf(directory: Directory, tenant: string): string | undefined {
  const t = tenant.toLowerCase();
  return directory.tenants.find((x) => x.id.toLowerCase() === t || x.domain.toLowerCase() === t)?.id;
}

/**
 * What MSAL (inside @azure/identity) reads before it asks for a token, with the authority pointed here:
 * the tenant's OpenID Connect configuration and the signing keys. Instance discovery is answered too,
 * although @azure/identity skips it when `disableInstanceDiscovery` is set, as the provider does for any
 * authority outside Microsoft's clouds.
 * https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
 */
export function discoveryRouter(directory: Directory, issuer: TokenIssuer): Router {
  const r = Router();
  r.get("/:tenant/v2.0/.well-known/openid-configuration", (req, res) => {
    const tenant = String(req.params["tenant"]);
    const id = tenantIdOf(directory, tenant);
    if (!id && !["common", "organizations"].includes(tenant.toLowerCase())) {
      res.status(400).json({
        error: "invalid_tenant",
        error_description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`,
        error_codes: [90002],
      });
      return;
    }
    const base = `${origin(req)}/${tenant}`;
    res.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${origin(req)}/${id ?? tenant}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${origin(req)}/${id ?? "{tenantid}"}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin(req)}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
        "nbf",
        "name",
        "preferred_username",
        "oid",
        "tid",
      ],
      tenant_region_scope: "EU",
      cloud_instance_name: "pulumi-msteams.emulator",
      cloud_graph_host_name: "graph.microsoft.com",
      msgraph_host: "graph.microsoft.com",
    });
  });
  const keys = async (_req: Request, res: import("express").Response) => {
    res.json(await issuer.jwks());
  };
  r.get("/:tenant/discovery/v2.0/keys", keys);
  r.get("/:tenant/discovery/keys", keys);
  r.get("/common/discovery/instance", (req, res) => {
    const host = req.get("host") ?? "";
    res.json({
      tenant_discovery_endpoint: `${origin(req)}/common/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });
  // Realm discovery before a username/password sign-in: every seeded user is a managed (cloud) account.
  r.get("/common/userrealm/:user", (req, res) => {
    const user = directory.user(String(req.params["user"]));
    res.json({
      ver: "1.0",
      account_type: user ? "Managed" : "Unknown",
      domain_name: String(req.params["user"]).split("@")[1] ?? "",
      cloud_instance_name: "pulumi-msteams.emulator",
      cloud_audience_urn: "urn:federation:MicrosoftOnline",
    });
  });
  return r;
}
