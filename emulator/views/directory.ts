import type { Directory } from "../directory";
import type { SeedAppDefinition, SeedTeamsApp, SeedUser } from "../seed";
import type { InstallationRecord } from "../store/records";

// Graph's JSON for directory objects: users (docs/graph-api.md §9) and the app catalog (§7).

/** The default property set of GET /users/{id} (no $select). */
export function userJson(u: SeedUser): Record<string, unknown> {
  const [first, ...rest] = u.displayName.split(" ");
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName ?? first ?? null,
    jobTitle: u.jobTitle ?? null,
    mail: u.mail ?? null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: "en-US",
    surname: u.surname ?? (rest.join(" ") || null),
    userPrincipalName: u.userPrincipalName,
    id: u.id,
  };
}

export function teamsAppJson(a: SeedTeamsApp): Record<string, unknown> {
  return {
    id: a.id,
    externalId: a.externalId ?? null,
    displayName: a.displayName,
    distributionMethod: a.distributionMethod,
  };
}

export function definitionJson(dir: Directory, a: SeedTeamsApp, d: SeedAppDefinition, withAuth: boolean) {
  return {
    id: dir.definitionId(a, d),
    teamsAppId: a.id,
    displayName: d.displayName ?? a.displayName,
    version: d.version,
    publishingState: d.publishingState ?? "published",
    ...(withAuth
      ? {
          authorization: {
            clientAppId: d.authorization?.clientAppId ?? null,
            requiredPermissionSet: { resourceSpecificPermissions: dir.requiredRsc(d) },
          },
        }
      : {}),
  };
}

export interface InstallationView {
  teamsApp: boolean;
  teamsAppDefinition: boolean;
  /** $select: consentedPermissionSet only appears when selected (docs/graph-api.md §7). */
  select?: readonly string[];
}

export function installationJson(dir: Directory, i: InstallationRecord, v: InstallationView) {
  const app = dir.teamsApp(i.teamsAppId)!;
  const out: Record<string, unknown> = {};
  if (!v.select || v.select.includes("id")) out["id"] = i.id;
  if (v.select?.includes("consentedPermissionSet")) out["consentedPermissionSet"] = i.consentedPermissionSet;
  if (v.teamsApp) out["teamsApp"] = teamsAppJson(app);
  if (v.teamsAppDefinition)
    out["teamsAppDefinition"] = definitionJson(dir, app, dir.definition(app, i.definitionVersion), false);
  return out;
}
