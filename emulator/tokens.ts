import { createHash, generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";
import { exportJWK, type JWK, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import {
  type GraphHttpError,
  tokenExpired,
  tokenMalformed,
  tokenNotYetValid,
  tokenSignatureInvalid,
  tokenWrongAudience,
} from "./errors";

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";

/** Who is calling, from a verified token. */
export interface Caller {
  readonly kind: "delegated" | "application";
  readonly appId: string;
  readonly tenantId: string;
  /** The signed-in user's object id (delegated tokens only). */
  readonly userId: string | undefined;
  /** `roles` of an application token, or the `scp` scopes of a delegated one. */
  readonly permissions: readonly string[];
}

export type TokenSubject = Caller & { readonly upn?: string; readonly name?: string };

/**
 * Issues and verifies RS256 JWTs shaped like Entra's Graph access tokens (v1 issuer, `roles` or `scp`),
 * signed with an RSA key made at start-up and published as a JWKS (`kid` in every token header), as Entra
 * publishes its signing keys: https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens
 * A token from another emulator process fails verification.
 */
export class TokenIssuer {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly kid: string;

  constructor(private lifetimeSeconds: number) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    // Entra's kid is the key's thumbprint; any stable, unique string works for clients.
    this.kid = createHash("sha256")
      .update(publicKey.export({ type: "spki", format: "der" }))
      .digest("base64url")
      .slice(0, 27);
  }

  get lifetime(): number {
    return this.lifetimeSeconds;
  }

  setLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  /** The published keys: GET /{tenant}/discovery/v2.0/keys. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.publicKey);
    return { keys: [{ ...jwk, kid: this.kid, use: "sig", alg: "RS256" }] };
  }

  /** A Graph access token for `s`. */
  issue(s: TokenSubject): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      tid: s.tenantId,
      appid: s.appId,
      azp: s.appId,
      idtyp: s.kind === "application" ? "app" : "user",
      uti: randomUUID(),
      ...(s.kind === "application"
        ? { roles: s.permissions, oid: s.appId, sub: s.appId }
        : { scp: s.permissions.join(" "), oid: s.userId, sub: s.userId, upn: s.upn, name: s.name }),
    };
    return this.sign(
      claims,
      GRAPH_AUDIENCE,
      `https://sts.windows.net/${s.tenantId}/`,
      now,
      this.lifetimeSeconds,
    );
  }

  /** An id token (v2.0 issuer) for a delegated sign-in, which MSAL reads to build the account. */
  idToken(s: TokenSubject, issuer: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.sign(
      {
        tid: s.tenantId,
        oid: s.userId,
        sub: s.userId,
        preferred_username: s.upn,
        name: s.name,
        ver: "2.0",
      },
      s.appId,
      issuer,
      now,
      3600,
    );
  }

  private sign(claims: Record<string, unknown>, aud: string, iss: string, now: number, life: number) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.kid })
      .setAudience(aud)
      .setIssuer(iss)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + life)
      .sign(this.privateKey);
  }

  /** The caller, or the catalogue error (401) saying why the token is not acceptable. */
  async verify(token: string): Promise<Caller | GraphHttpError> {
    if (token.split(".").length !== 3) return tokenMalformed();
    let c: Record<string, unknown>;
    try {
      // Entra tolerates five minutes of clock skew on nbf; exp is checked strictly here.
      ({ payload: c } = await jwtVerify(token, this.publicKey, { algorithms: ["RS256"] }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return tokenExpired();
      if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === "nbf") {
        const nbf = Number(decode(token)?.["nbf"]);
        if (nbf > Date.now() / 1000 + 300) return tokenNotYetValid();
        return this.verifyLate(token);
      }
      // A signature by another key, or another algorithm (an HS256 forgery), is not this emulator's.
      if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JOSEAlgNotAllowed)
        return tokenSignatureInvalid();
      return tokenMalformed();
    }
    return this.caller(c);
  }

  private async verifyLate(token: string): Promise<Caller | GraphHttpError> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ["RS256"],
        clockTolerance: 300,
      });
      return this.caller(payload);
    } catch {
      return tokenMalformed();
    }
  }

  private caller(c: Record<string, unknown>): Caller | GraphHttpError {
    if (c["aud"] !== GRAPH_AUDIENCE) return tokenWrongAudience(String(c["aud"]));
    const delegated = c["idtyp"] === "user";
    return {
      kind: delegated ? "delegated" : "application",
      appId: String(c["appid"]),
      tenantId: String(c["tid"]),
      userId: delegated ? String(c["oid"]) : undefined,
      permissions: delegated
        ? String(c["scp"] ?? "")
            .split(" ")
            .filter(Boolean)
        : Array.isArray(c["roles"])
          ? (c["roles"] as unknown[]).map(String)
          : [],
    };
  }
}

/** The payload of a JWT without checking it (to read `iss` and pick the key that must verify it). */
export function decode(token: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
}
