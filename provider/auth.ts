import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { ProviderSettings } from "./config";
import { ConfigError, GraphClientError } from "./errors";

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
    case "emulator":
      return s.username ? "delegated" : "application";
    case "deviceCode":
    case "azureCli":
      return "delegated";
    case "default":
      return undefined;
    default:
      return "application";
  }
}

export function graphScope(graphUrl: string): string {
  // Tokens for the emulator are requested with Graph's real audience, as a real client would.
  return graphUrl.startsWith("http://") ? "https://graph.microsoft.com/.default" : `${graphUrl}/.default`;
}

/** The credential for a configuration. @azure/identity is loaded only when a real tenant is used. */
export function createCredential(s: ProviderSettings): TokenCredential {
  if (s.auth === "emulator") return new EmulatorCredential(s);
  // Loaded lazily: slow to import, and never needed against the emulator.
  const id: typeof import("@azure/identity") = require("@azure/identity");
  const authority = s.authorityHost ? { authorityHost: s.authorityHost } : {};
  switch (s.auth) {
    case "clientSecret":
      return new id.ClientSecretCredential(s.tenantId!, s.clientId!, s.clientSecret!, authority);
    case "clientCertificate":
      return new id.ClientCertificateCredential(
        s.tenantId!,
        s.clientId!,
        s.clientCertificatePath!,
        authority,
      );
    case "deviceCode":
      return new id.DeviceCodeCredential({
        clientId: s.clientId!,
        ...(s.tenantId ? { tenantId: s.tenantId } : {}),
        ...authority,
      });
    case "azureCli":
      return new id.AzureCliCredential(s.tenantId ? { tenantId: s.tenantId } : {});
    case "workloadIdentity":
      return new id.WorkloadIdentityCredential({
        ...(s.tenantId ? { tenantId: s.tenantId } : {}),
        ...(s.clientId ? { clientId: s.clientId } : {}),
      });
    case "managedIdentity":
      return s.clientId
        ? new id.ManagedIdentityCredential({ clientId: s.clientId })
        : new id.ManagedIdentityCredential();
    default:
      return new id.DefaultAzureCredential({ ...(s.tenantId ? { tenantId: s.tenantId } : {}), ...authority });
  }
}

/**
 * Gets tokens from the emulator's Entra-like endpoint over plain http (MSAL refuses non-https
 * authorities): client credentials, or the password grant for a seeded user when `username` is set.
 */
export class EmulatorCredential implements TokenCredential {
  constructor(private readonly s: ProviderSettings) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const axios: typeof import("axios").default = require("axios");
    const form = new URLSearchParams({
      client_id: this.s.clientId!,
      scope: Array.isArray(scopes) ? scopes.join(" ") : scopes,
    });
    if (this.s.username) {
      form.set("grant_type", "password");
      form.set("username", this.s.username);
      form.set("password", this.s.password ?? "emulator");
    } else {
      form.set("grant_type", "client_credentials");
      form.set("client_secret", this.s.clientSecret!);
    }
    const url = `${this.s.authorityHost}/${this.s.tenantId}/oauth2/v2.0/token`;
    const res = await axios
      .post(url, form.toString(), {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        validateStatus: () => true,
        timeout: 30_000,
      })
      .catch((e: unknown) => {
        // An AxiosError carries the request (with the secret) in its config: keep only the reason.
        throw new ConfigError(`cannot reach the emulator's token endpoint ${url}: ${(e as Error).message}`);
      });
    const body = res.data as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    };
    if (res.status !== 200 || !body.access_token) {
      // Never echo the request: it holds the secret or password.
      throw new ConfigError(
        `the emulator at ${this.s.authorityHost} refused a token for client ${this.s.clientId}` +
          `${this.s.username ? ` and user ${this.s.username}` : ""}: ${body.error ?? res.status} ${body.error_description ?? ""}`.trim(),
      );
    }
    return { token: body.access_token, expiresOnTimestamp: Date.now() + (body.expires_in ?? 3600) * 1000 };
  }
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
  ) {}

  async get(): Promise<TokenInfo> {
    if (this.current && this.now() < this.refreshAt) return this.current;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget the cached token (after a 401), so the next call gets a fresh one. */
  invalidate(): void {
    this.current = undefined;
  }

  private async fetch(): Promise<TokenInfo> {
    const fetchedAt = this.now();
    const t = await this.credential.getToken(this.scope);
    if (!t) throw new GraphClientError(`the credential returned no token for ${this.scope}`);
    this.current = describeToken(t);
    const life = t.expiresOnTimestamp - fetchedAt;
    this.refreshAt = t.expiresOnTimestamp - Math.min(5 * 60_000, life / 2);
    return this.current;
  }
}
