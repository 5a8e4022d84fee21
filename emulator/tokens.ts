import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
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

export type TokenSubject = Caller & { readonly upn?: string };

/**
 * Issues and verifies HS256 JWTs shaped like Entra's Graph access tokens (v1 issuer, `roles` or `scp`),
 * signed with a key made at start-up: a token from another emulator process fails verification.
 */
export class TokenIssuer {
  private readonly key = randomBytes(32);

  constructor(private lifetimeSeconds: number) {}

  get lifetime(): number {
    return this.lifetimeSeconds;
  }

  setLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  issue(s: TokenSubject): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: GRAPH_AUDIENCE,
      iss: `https://sts.windows.net/${s.tenantId}/`,
      tid: s.tenantId,
      appid: s.appId,
      azp: s.appId,
      idtyp: s.kind === "application" ? "app" : "user",
      iat: now,
      nbf: now,
      exp: now + this.lifetimeSeconds,
      ...(s.kind === "application"
        ? { roles: s.permissions }
        : { scp: s.permissions.join(" "), oid: s.userId, upn: s.upn }),
    };
    const head = b64({ alg: "HS256", typ: "JWT" });
    const body = b64(claims);
    return `${head}.${body}.${this.sign(`${head}.${body}`)}`;
  }

  /** The caller, or the catalogue error (401) saying why the token is not acceptable. */
  verify(token: string): Caller | GraphHttpError {
    const [head, body, sig, extra] = token.split(".");
    if (!head || !body || !sig || extra !== undefined) return tokenMalformed();
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const got = Buffer.from(sig);
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) return tokenSignatureInvalid();
    let c: Record<string, unknown>;
    try {
      c = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      return tokenMalformed();
    }
    const now = Date.now() / 1000;
    if (c["aud"] !== GRAPH_AUDIENCE) return tokenWrongAudience(String(c["aud"]));
    if (typeof c["exp"] !== "number" || c["exp"] <= now) return tokenExpired();
    if (typeof c["nbf"] === "number" && c["nbf"] > now + 300) return tokenNotYetValid();
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

  private sign(data: string): string {
    return createHmac("sha256", this.key).update(data).digest("base64url");
  }
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
