import { skipTokenInvalid } from "../errors";
import type { Ctx } from "./route";

/** The offset an opaque $skiptoken stands for (0 without one); a token not made here → 400. */
export function parseSkipToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const n = Number(Buffer.from(token, "base64url").toString());
  if (!Number.isInteger(n) || n < 0) throw skipTokenInvalid();
  return n;
}

/** The same request (`path` under the request's version, same options) from offset `skip`. */
export function nextLink(ctx: Ctx, path: string, skip: number): string {
  const q = new URLSearchParams(
    Object.entries(ctx.req.query)
      .filter(([k]) => k !== "$skiptoken")
      .map(([k, v]): [string, string] => [k, String(v)]),
  );
  q.set("$skiptoken", Buffer.from(String(skip)).toString("base64url"));
  return `${ctx.req.protocol}://${ctx.req.get("host")}/${ctx.version}${path}?${q}`;
}
