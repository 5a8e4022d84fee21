import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Who is calling, from a verified token. */
export interface Caller {
  readonly kind: "delegated" | "application";
  readonly appId: string;
  readonly tenantId: string;
  readonly userId: string | undefined;
  readonly permissions: readonly string[];
}

/** Issues and verifies HS256 JWTs shaped like Entra's Graph tokens, signed with a per-process key. */
export class TokenIssuer {
  private readonly key = randomBytes(32);

  constructor(private lifetimeSeconds: number) {}

  setLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  get lifetime(): number {
    return this.lifetimeSeconds;
  }

  issue(c: Caller & { upn?: string }): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${c.tenantId}/`,
      tid: c.tenantId,
      appid: c.appId,
      azp: c.appId,
      idtyp: c.kind === "application" ? "app" : "user",
      iat: now,
      nbf: now,
      exp: now + this.lifetimeSeconds,
      ...(c.kind === "application"
        ? { roles: c.permissions }
        : { scp: c.permissions.join(" "), oid: c.userId, upn: c.upn }),
    };
    const head = b64({ alg: "HS256", typ: "JWT" });
    const body = b64(claims);
    return `${head}.${body}.${this.sign(`${head}.${body}`)}`;
  }

  /** The caller, or a reason the token is not acceptable. */
  verify(token: string): Caller | string {
    const [head, body, sig] = token.split(".");
    if (!head || !body || !sig) return "The access token is not a JWT.";
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const got = Buffer.from(sig);
    if (expected.length !== got.length || !timingSafeEqual(expected, got))
      return "Access token validation failure: invalid signature.";
    const c = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof c["exp"] !== "number" || c["exp"] * 1000 <= Date.now())
      return "Lifetime validation failed, the token is expired.";
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
        : ((c["roles"] as string[]) ?? []),
    };
  }

  private sign(data: string): string {
    return createHmac("sha256", this.key).update(data).digest("base64url");
  }
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
