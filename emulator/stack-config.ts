import type { Seed } from "./seed";

/** Which identity a stack uses against the emulator: a signed-in user (delegated) or the app itself. */
export type StackIdentity = "delegated" | "application";
export const stackIdentities: readonly StackIdentity[] = ["delegated", "application"];

/**
 * The `pulumi config set` lines that point a stack at this emulator, for one identity (after an
 * `export NODE_EXTRA_CA_CERTS=…` line when it serves HTTPS with its own CA). The delegated one signs in
 * as the seed's first home-tenant user with the password grant (it can send messages, which an
 * application cannot); the application one uses the seed's first app registration and its secret. Secret values are piped in, never put on
 * pulumi's command line, where any local user could read them from the process list.
 */
export function stackConfigLines(
  url: string,
  seed: Seed,
  who: StackIdentity,
  caPath: string | undefined,
): string[] {
  const home = seed.tenants.find((t) => t.home) ?? seed.tenants[0];
  // The app signs a user in as a public client (password grant), or itself in with its secret.
  const usable = (a: Seed["appRegistrations"][number]) =>
    a.tenantId === home?.id && (who === "delegated" ? a.publicClient === true : a.clientSecret !== undefined);
  const app = seed.appRegistrations.find(usable);
  if (!home || !app)
    throw new Error(`the seed has no app registration of its home tenant for a ${who} sign-in`);
  const set = (key: string, value: string) => `pulumi config set msteams:${key} ${shellQuote(value)}`;
  const secret = (key: string, value: string) =>
    `printf '%s' ${shellQuote(value)} | pulumi config set --secret msteams:${key}`;
  const lines = [
    // Node.js (the Pulumi CLI's language host and provider) trusts the emulator's own CA through this.
    ...(caPath ? [`export NODE_EXTRA_CA_CERTS=${shellQuote(caPath)}`] : []),
    set("graphUrl", url),
    // The emulator is not one of Graph's clouds: say which audience its Graph tokens are for.
    set("graphAudience", "https://graph.microsoft.com"),
    set("authorityHost", url),
    set("tenantId", home.id),
    set("clientId", app.clientId),
  ];
  if (who === "application") return [...lines, secret("clientSecret", app.clientSecret!)];
  const user = seed.users.find((u) => u.tenantId === home.id && u.userType !== "Guest");
  if (!user) throw new Error("the seed has no member user of its home tenant to sign in as");
  return [...lines, set("username", user.userPrincipalName), secret("password", user.password ?? "emulator")];
}

/** Single-quoted for POSIX shells unless the value is plain. */
function shellQuote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}
