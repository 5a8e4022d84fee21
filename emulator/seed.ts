import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { validateSeed } from "./validate-seed";

// The directory the emulator starts from (emulator/seed/default.yaml). Shapes follow Graph's own objects
// where there is one (teamsApp, teamsAppDefinition, teamsAppPermissionSet), so a catalog entry can be
// copied from a real tenant's GET /appCatalogs/teamsApps?$expand=appDefinitions.

export interface SeedTenant {
  id: string;
  displayName: string;
  domain: string;
  /** Exactly one tenant is the home tenant: chats, app registrations and tokens live there. */
  home?: boolean;
}

export interface SeedUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string;
  tenantId: string;
  /** @default "Member" */
  userType?: "Member" | "Guest";
  /** For the emulator's password grant. @default "emulator" */
  password?: string;
  /** A tenant or Teams service administrator (may delete chats with delegated permissions). */
  isTeamsAdmin?: boolean;
}

export interface SeedAppRegistration {
  clientId: string;
  /** A client secret (client credentials). A managed identity has none. */
  clientSecret?: string;
  displayName: string;
  tenantId: string;
  /** Become the `roles` of client-credentials tokens. */
  applicationPermissions: string[];
  /** Become the `scp` of password-grant (delegated) tokens. */
  delegatedPermissions: string[];
  /**
   * Certificates (PEM, public part only) registered as the app's credentials: a client assertion signed
   * with one of their keys authenticates the app, as Entra's certificate credentials do.
   */
  certificates?: string[];
  /** Trusted external tokens (workload identity), in Graph's federatedIdentityCredential shape. */
  federatedCredentials?: SeedFederatedCredential[];
  /** Public client flows (device code, username/password) allowed without a client secret. */
  publicClient?: boolean;
  /** This registration is a managed identity: the App Service identity endpoint issues its tokens. */
  managedIdentity?: boolean;
}

/** https://learn.microsoft.com/graph/api/resources/federatedidentitycredential */
export interface SeedFederatedCredential {
  issuer: string;
  subject: string;
  /** @default ["api://AzureADTokenExchange"] */
  audiences?: string[];
}

/**
 * An external token issuer (GitHub Actions, a Kubernetes cluster) and the public keys its tokens are
 * signed with: Entra fetches them from the issuer's JWKS; the emulator, offline, takes them from here.
 */
export interface SeedFederationIssuer {
  issuer: string;
  /** PEM public keys (or certificates). */
  publicKeys: string[];
}

export interface SeedRscPermission {
  permissionValue: string;
  /** Compared case-insensitively: Graph's requests say "Application", its answers "application". */
  permissionType: string;
}

export interface SeedAppDefinition {
  /** @default base64 of `{teamsAppId}##{version}##{publishingState}` (Graph's observed form) */
  id?: string;
  /** Must equal the app's id when given. */
  teamsAppId?: string;
  displayName?: string;
  version: string;
  /** @default "published" */
  publishingState?: "published" | "submitted" | "rejected";
  authorization?: {
    clientAppId?: string;
    requiredPermissionSet?: { resourceSpecificPermissions?: SeedRscPermission[] };
  };
}

export interface SeedTeamsApp {
  id: string;
  externalId?: string;
  displayName: string;
  distributionMethod: "store" | "organization" | "sideloaded";
  /** Installs use the first published definition; `upgrade` moves to the last one. */
  appDefinitions: SeedAppDefinition[];
}

export interface Seed {
  tenants: SeedTenant[];
  users: SeedUser[];
  appRegistrations: SeedAppRegistration[];
  teamsApps: SeedTeamsApp[];
  federationIssuers?: SeedFederationIssuer[];
}

/**
 * The emulator package's root: the nearest folder above this file with a package.json, which works from
 * the TypeScript sources (vitest) and from dist/ alike (tsc does not copy the YAML into dist).
 */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return join(from, "..");
  }
}

export const defaultSeedPath: string = join(packageRoot(__dirname), "seed", "default.yaml");

/** Reads and validates a seed file; fails with every problem found, each with its place in the file. */
export function loadSeed(path: string = defaultSeedPath): Seed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read the emulator seed ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new Error(`the emulator seed ${path} is not valid YAML: ${(e as Error).message}`);
  }
  return validateSeed(raw, path);
}
