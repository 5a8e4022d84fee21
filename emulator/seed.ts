import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parse } from "yaml";

export interface SeedTenant {
  id: string;
  displayName: string;
  domain: string;
  home?: boolean;
}
export interface SeedUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string;
  tenantId: string;
  userType?: "Member" | "Guest";
  password?: string;
  isTeamsAdmin?: boolean;
}
export interface SeedAppRegistration {
  clientId: string;
  clientSecret: string;
  displayName: string;
  tenantId: string;
  applicationPermissions: string[];
  delegatedPermissions: string[];
}
export interface SeedPermission {
  permissionValue: string;
  permissionType: string;
}
export interface SeedAppDefinition {
  id?: string;
  version: string;
  displayName?: string;
  publishingState?: string;
  requiredResourceSpecificPermissions?: SeedPermission[];
}
export interface SeedTeamsApp {
  id: string;
  externalId?: string;
  displayName: string;
  distributionMethod: "store" | "organization" | "sideloaded";
  definitions: SeedAppDefinition[];
}
export interface Seed {
  tenants: SeedTenant[];
  users: SeedUser[];
  appRegistrations: SeedAppRegistration[];
  teamsApps: SeedTeamsApp[];
}

/** The package root, from the TS sources (vitest) and from dist/ alike. */
function packageRoot(): string {
  return basename(dirname(__dirname)) === "dist" ? join(__dirname, "..", "..") : join(__dirname, "..");
}

export const defaultSeedPath = join(packageRoot(), "emulator", "seed", "default.yaml");

export function loadSeed(path: string = defaultSeedPath): Seed {
  return validateSeed(parse(readFileSync(path, "utf8")) as unknown, path);
}

/** Fails with the path of the first wrong entry, so a hand-written seed is easy to fix. */
export function validateSeed(raw: unknown, source = "seed"): Seed {
  const s = raw as Partial<Seed>;
  const fail = (m: string): never => {
    throw new Error(`${source}: ${m}`);
  };
  for (const k of ["tenants", "users", "appRegistrations", "teamsApps"] as const)
    if (!Array.isArray(s?.[k])) fail(`'${k}' must be a list`);
  const seed = s as Seed;
  const tenants = new Set(seed.tenants.map((t) => t.id));
  if (!seed.tenants.some((t) => t.home)) fail("one tenant needs 'home: true'");
  seed.users.forEach((u, i) => {
    if (!u.id || !u.userPrincipalName || !u.displayName)
      fail(`users[${i}] needs id, userPrincipalName and displayName`);
    if (!tenants.has(u.tenantId)) fail(`users[${i}].tenantId '${u.tenantId}' is not a seeded tenant`);
  });
  seed.appRegistrations.forEach((a, i) => {
    if (!a.clientId || !a.clientSecret || !tenants.has(a.tenantId))
      fail(`appRegistrations[${i}] needs clientId, clientSecret and a seeded tenantId`);
  });
  seed.teamsApps.forEach((a, i) => {
    if (!a.id || !a.displayName || !a.definitions?.length)
      fail(`teamsApps[${i}] needs id, displayName and at least one definition`);
  });
  return seed;
}
