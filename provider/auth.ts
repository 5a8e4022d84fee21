import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { AuthMode, ProviderSettings } from "./config";
import { GraphClientError } from "./errors";

export type TokenKind = "delegated" | "application";

/** What the provider knows about the token it holds (from the token's own claims). */
export interface TokenInfo {
  readonly token: string;
  readonly expiresOnTimestamp: number;
  readonly kind: TokenKind;
  /** The signed-in user's object id (delegated tokens). */
  readonly userId: string | undefined;
  readonly tenantId: string | undefined;
  /** `scp` of a delegated token or `roles` of an application token. */
  readonly permissions: readonly string[];
}

/** The kind of token a configuration yields, when knowable without asking for one. */
export function expectedTokenKind(s: ProviderSettings): TokenKind | undefined {
  switch (s.auth) {
    case "deviceCode":
    case "azureCli":
    case "password":
      return "delegated";
    case "default":
      return undefined;
    default:
      return "application";
  }
}

/** `${audience}/.default`: the audience comes from the Graph cloud of graphUrl (see config.ts). */
export function graphScope(s: Pick<ProviderSettings, "graphAudience">): string {
  return `${s.graphAudience}/.default`;
}

/**
 * Options every credential gets: the authority (instance discovery skipped for one outside Entra's
 * clouds, such as the emulator — MSAL would otherwise ask login.microsoftonline.com to vouch for it:
 * https://learn.microsoft.com/javascript/api/@azure/identity/clientsecretcredentialoptions#@azure-identity-clientsecretcredentialoptions-disableinstancediscovery),
 * and no redirects: a token endpoint that answers 3xx gets no second request carrying the secret.
 */
function commonOptions(s: ProviderSettings) {
  return {
    ...(s.authorityHost ? { authorityHost: s.authorityHost } : {}),
    ...(s.customAuthority ? { disableInstanceDiscovery: true } : {}),
    redirectOptions: { maxRetries: 0 },
  };
}

/** Where the device-code instructions go: the provider's console output, which the engine shows. */
const prompt = (info: { message: string }) => {
  console.log(info.message);
};

/**
 * The @azure/identity credential for a configuration: the same code runs against Entra and against the
 * emulator (which speaks Entra's protocols over https). Loaded lazily: slow to import.
 */
export function createCredential(s: ProviderSettings): TokenCredential {
  const id: typeof import("@azure/identity") = require("@azure/identity");
  const common = commonOptions(s);
  const tenant = s.tenantId ? { tenantId: s.tenantId } : {};
  switch (s.auth) {
    case "clientSecret":
      return new id.ClientSecretCredential(s.tenantId!, s.clientId!, s.clientSecret!, common);
    case "clientCertificate":
      return new id.ClientCertificateCredential(
        s.tenantId!,
        s.clientId!,
        { certificatePath: s.clientCertificatePath! },
        common,
      );
    case "deviceCode":
      return new id.DeviceCodeCredential({
        clientId: s.clientId!,
        ...tenant,
        ...common,
        userPromptCallback: prompt,
      });
    case "password":
      return new id.UsernamePasswordCredential(s.tenantId!, s.clientId!, s.username!, s.password!, common);
    case "azureCli":
      return new id.AzureCliCredential(tenant);
    case "workloadIdentity":
      if (!s.federatedTokenFile && s.githubOidc)
        return new id.ClientAssertionCredential(
          s.tenantId!,
          s.clientId!,
          githubAssertion(s.githubOidc),
          common,
        );
      return new id.WorkloadIdentityCredential({
        ...tenant,
        clientId: s.clientId!,
        tokenFilePath: s.federatedTokenFile!,
        ...common,
      });
    case "managedIdentity":
      return s.clientId
        ? new id.ManagedIdentityCredential({ clientId: s.clientId, redirectOptions: common.redirectOptions })
        : new id.ManagedIdentityCredential({ redirectOptions: common.redirectOptions });
    default:
      return new id.DefaultAzureCredential({ ...tenant, ...common });
  }
}

/**
 * A GitHub Actions OIDC token for Entra's token exchange, fetched from the runner each time one is needed
 * (they live minutes): https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust#github-actions
 */
function githubAssertion(oidc: { url: string; token: string }): () => Promise<string> {
  return async () => {
    const url = new URL(oidc.url);
    url.searchParams.set("audience", "api://AzureADTokenExchange");
    const res = await fetch(url, { headers: { authorization: `bearer ${oidc.token}` }, redirect: "error" });
    if (!res.ok)
      throw new Error(`the GitHub Actions OIDC token request failed: ${res.status} ${res.statusText}`);
    const body = (await res.json()) as { value?: unknown };
    if (typeof body.value !== "string")
      throw new Error("the GitHub Actions OIDC token answer has no 'value'");
    return body.value;
  };
}

/** The config key that fixes a refused token, by the identity platform's AADSTS code. */
const FIX_BY_CODE: readonly [RegExp, string][] = [
  [/AADSTS7000215|AADSTS7000222/, "msteams:clientSecret"],
  [/AADSTS700027|AADSTS700024|AADSTS700021|AADSTS50027/, "msteams:clientCertificatePath"],
  [/AADSTS70021\b|AADSTS700211|AADSTS700213/, "msteams:federatedTokenFile"],
  [/AADSTS50126|AADSTS50034/, "msteams:username / msteams:password"],
  [/AADSTS700016|AADSTS7000218/, "msteams:clientId"],
  [/AADSTS90002|AADSTS900023/, "msteams:tenantId"],
];

/** Names the config key behind an identity platform refusal, so the user sees what to change. */
export function credentialHint(message: string, auth?: AuthMode): string | undefined {
  const key = FIX_BY_CODE.find(([re]) => re.test(message))?.[1];
  // The Azure CLI signs in with its own client and account: of the config, only the tenant is its. Its
  // messages say which `az login` to run; the key to change instead is the mode itself.
  if (auth === "azureCli") {
    if (key === "msteams:tenantId") return key;
    return /az login|Azure CLI could not be found/.test(message) ? "msteams:auth" : undefined;
  }
  // A workload identity's assertion is the federated token, not a certificate.
  if (key === "msteams:clientCertificatePath" && auth === "workloadIdentity")
    return "msteams:federatedTokenFile";
  return key;
}

/**
 * MSAL's message for a refusal ("invalid_client: Error(s): 7000215 - Timestamp: … - Description: AADSTS…
 * Trace ID: … - Correlation ID: …") as one line: the error, Entra's description and the ids to quote to
 * support. Anything else (a network failure) is kept as it is.
 */
export function summarizeIdentityError(message: string): string {
  if (/endpoints_resolution_error/.test(message))
    return "endpoints_resolution_error: the authority's OpenID configuration ({authorityHost}/{tenantId}/v2.0/.well-known/openid-configuration) could not be read: the host is unreachable, redirects, or is not an Entra authority; check msteams:authorityHost and msteams:tenantId";
  const m = /^(\w+): Error\(s\):.*?Description: (AADSTS\d+:[^\r\n]*)/s.exec(message);
  if (!m) return message.trim();
  const trace = /Trace ID: ([\w-]+)/.exec(message)?.[1];
  const correlation = /Correlation ID: ([\w-]+)/.exec(message)?.[1];
  const ids = [trace && `trace id ${trace}`, correlation && `correlation id ${correlation}`].filter(Boolean);
  return `${m[1]} ${m[2]!.trim()}${ids.length ? ` [${ids.join(", ")}]` : ""}`;
}

/** Who asks for the token, for error messages: the mode, client, user and authority. */
export function credentialLabel(s: ProviderSettings): string {
  // The Azure CLI signs in with its own account, cloud and client: only the tenant comes from the config.
  if (s.auth === "azureCli")
    return `azureCli credential (the account \`az login\` signed in${s.tenantId ? `, tenant ${s.tenantId}` : ""})`;
  const who = [
    s.clientId ? `client ${s.clientId}` : undefined,
    s.auth === "password" && s.username ? `user ${s.username}` : undefined,
  ].filter(Boolean);
  return `${s.auth} credential at ${s.authorityHost ?? "https://login.microsoftonline.com"}${who.length ? ` for ${who.join(" and ")}` : ""}`;
}

/** Decodes the payload of a JWT access token (no signature check: Graph verifies it). */
export function tokenClaims(token: string): Record<string, unknown> {
  const part = token.split(".")[1];
  if (!part) return {};
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function describeToken(t: AccessToken): TokenInfo {
  const c = tokenClaims(t.token);
  const scp = typeof c["scp"] === "string" ? c["scp"].split(" ").filter(Boolean) : [];
  const roles = Array.isArray(c["roles"]) ? c["roles"].map(String) : [];
  const delegated = scp.length > 0 || c["idtyp"] === "user";
  return {
    token: t.token,
    expiresOnTimestamp: t.expiresOnTimestamp,
    kind: delegated ? "delegated" : "application",
    userId: delegated && typeof c["oid"] === "string" ? c["oid"] : undefined,
    tenantId: typeof c["tid"] === "string" ? c["tid"] : undefined,
    permissions: delegated ? scp : roles,
  };
}

/**
 * One token per process: cached, single-flight, and refreshed five minutes before expiry — or, for a token
 * that lives less than ten minutes, once half its life has passed (so a short-lived token is still reused).
 */
export class TokenProvider {
  private current: TokenInfo | undefined;
  private refreshAt = 0;
  private pending: Promise<TokenInfo> | undefined;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    // Read at each call (not a captured Date.now), so a test can move the clock.
    private readonly now: () => number = () => Date.now(),
    /** Who asks, for error messages (credentialLabel). */
    private readonly label?: string,
    private readonly auth?: AuthMode,
  ) {}

  async get(): Promise<TokenInfo> {
    if (this.current && this.now() < this.refreshAt) return this.current;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /**
   * Forget the cached token (after a 401), so the next call gets a fresh one. MSAL keeps its own cache,
   * which @azure/identity bypasses only for a request with claims, so the next request carries a claims
   * challenge that asks for a token issued from now on (as a CAE challenge would):
   * https://learn.microsoft.com/entra/identity-platform/claims-challenge
   */
  invalidate(): void {
    this.current = undefined;
    this.fresh = true;
  }

  private fresh = false;

  private async fetch(): Promise<TokenInfo> {
    const fetchedAt = this.now();
    const claims = this.fresh
      ? JSON.stringify({
          access_token: { nbf: { essential: true, value: String(Math.floor(fetchedAt / 1000)) } },
        })
      : undefined;
    this.fresh = false;
    const t = await this.credential.getToken(this.scope, claims ? { claims } : {}).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      const key = credentialHint(message, this.auth);
      const reason = `${this.label ? `${this.label}: ` : ""}${summarizeIdentityError(message)}`;
      // The cause is not kept: @azure/identity errors may carry the request (and so the secret).
      throw new Error(key ? `${reason}; check ${key}` : reason);
    });
    if (!t) throw new GraphClientError(`the credential returned no token for ${this.scope}`);
    this.current = describeToken(t);
    const life = t.expiresOnTimestamp - fetchedAt;
    this.refreshAt = t.expiresOnTimestamp - Math.min(5 * 60_000, life / 2);
    return this.current;
  }
}
