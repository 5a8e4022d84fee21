import type { Seed } from "./seed";

/** Which identity a stack uses against the emulator: a signed-in user (delegated) or the app itself. */
export type StackIdentity = "delegated" | "application";
export const stackIdentities: readonly StackIdentity[] = ["delegated", "application"];

/**
 * The `pulumi config set` lines that point a stack at this emulator, for one identity. The delegated one
 * signs in as the seed's first home-tenant user (it can send messages, which an application cannot); the
 * application one uses the seed's first app registration. Secret values are piped in, never put on
 * pulumi's command line, where any local user could read them from the process list.
 */
export function stackConfigLines(url: string, seed: Seed, who: StackIdentity): string[] {
  const home = seed.tenants.find((t) => t.home) ?? seed.tenants[0];
  const app = seed.appRegistrations.find((a) => a.tenantId === home?.id) ?? seed.appRegistrations[0];
  if (!home || !app) throw new Error("the seed has no tenant or no app registration to sign in with");
  const set = (key: string, value: string) => `pulumi config set msteams:${key} ${shellQuote(value)}`;
  const secret = (key: string, value: string) =>
    `printf '%s' ${shellQuote(value)} | pulumi config set --secret msteams:${key}`;
  const lines = [
    set("graphUrl", url),
    set("authorityHost", url),
    set("tenantId", home.id),
    set("clientId", app.clientId),
  ];
  if (who === "application") return [...lines, secret("clientSecret", app.clientSecret)];
  const user = seed.users.find((u) => u.tenantId === home.id && u.userType !== "Guest");
  if (!user) throw new Error("the seed has no member user of its home tenant to sign in as");
  return [...lines, set("username", user.userPrincipalName), secret("password", user.password ?? "emulator")];
}

/** Single-quoted for POSIX shells unless the value is plain. */
function shellQuote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}
