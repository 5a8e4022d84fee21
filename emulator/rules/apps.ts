import type { Directory } from "../directory";
import {
  bodyPropertyUnsupported,
  consentDuplicate,
  consentInvalid,
  consentMismatch,
  isGraphHttpError,
  teamsAppBindInvalid,
  teamsAppNotFound,
} from "../errors";
import { parseTeamsAppBind } from "../odata";
import { authorizeAppChange } from "../permissions";
import type { SeedTeamsApp } from "../seed";
import type { PermissionSet, RscPermission } from "../store/records";
import type { NewInstallation, OperationOutcome } from "../store/store";
import type { Caller } from "../tokens";

const INSTALL_PROPERTIES = ["@odata.type", "teamsApp@odata.bind", "consentedPermissionSet"];

/** Case-insensitive key of a permission set: requests say "Application", answers "application". */
const permKey = (ps: readonly RscPermission[] | undefined) =>
  (ps ?? [])
    .map((p) => `${p.permissionValue}/${p.permissionType}`.toLowerCase())
    .sort()
    .join(", ");

/** The teams app id of an install request (400 when the bind URL is not one). */
export function installTarget(body: Record<string, unknown>, endpoint: string): string {
  const extra = Object.keys(body).find((k) => !INSTALL_PROPERTIES.includes(k));
  if (extra !== undefined) throw bodyPropertyUnsupported(extra, endpoint, INSTALL_PROPERTIES);
  const id = parseTeamsAppBind(body["teamsApp@odata.bind"]);
  if (!id) throw teamsAppBindInvalid(body["teamsApp@odata.bind"]);
  return id;
}

export function parseConsent(raw: unknown): PermissionSet | null {
  if (raw === undefined || raw === null) return null;
  const list = (raw as { resourceSpecificPermissions?: unknown }).resourceSpecificPermissions;
  const ok = (p: unknown) =>
    !!p &&
    typeof (p as RscPermission).permissionValue === "string" &&
    ["application", "delegated"].includes(String((p as RscPermission).permissionType).toLowerCase());
  if (typeof raw !== "object" || !Array.isArray(list) || !list.every(ok)) throw consentInvalid();
  const seen = new Set<string>();
  for (const p of list as RscPermission[]) {
    const key = `${p.permissionValue}/${p.permissionType}`.toLowerCase();
    if (seen.has(key)) throw consentDuplicate(p.permissionValue);
    seen.add(key);
  }
  // Requests may say "Application"; Graph answers with the lower-case form (docs/graph-api.md §7).
  return {
    resourceSpecificPermissions: (list as RscPermission[]).map((p) => ({
      permissionValue: p.permissionValue,
      permissionType: p.permissionType.toLowerCase(),
    })),
  };
}

/** Whether `app` is the calling app itself: a definition names the caller's client id ("Self" permissions). */
export function isCallerApp(app: SeedTeamsApp, caller: Caller): boolean {
  const me = caller.appId.toLowerCase();
  return app.appDefinitions.some((d) => d.authorization?.clientAppId?.toLowerCase() === me);
}

/** Whether `after` consents to a permission that `before` did not (granting needs an AndConsent permission). */
export function grantsNewConsent(before: PermissionSet | null, after: PermissionSet | null): boolean {
  const had = new Set(permKey(before?.resourceSpecificPermissions).split(", "));
  return permKey(after?.resourceSpecificPermissions)
    .split(", ")
    .some((p) => p !== "" && !had.has(p));
}

/**
 * Consented RSC permissions must equal what the app definition requires (compared case-insensitively);
 * a definition needing only delegated RSC may be installed without consent (docs/graph-api.md §7).
 */
export function checkRsc(
  required: readonly RscPermission[],
  consent: PermissionSet | null,
  appId: string,
): void {
  const needed = required.filter((p) => p.permissionType.toLowerCase() === "application");
  const given = consent?.resourceSpecificPermissions ?? [];
  if (needed.length === 0 && given.length === 0) return;
  if (permKey(required) !== permKey(given) && permKey(needed) !== permKey(given))
    throw consentMismatch(appId, permKey(required), permKey(given));
}

/** Checks an install of `teamsAppId` for `caller`: the app exists, consent matches, caller may consent. */
export function checkInstall(
  dir: Directory,
  caller: Caller,
  teamsAppId: string,
  consent: PermissionSet | null,
): NewInstallation {
  const app = dir.teamsApp(teamsAppId);
  if (!app) throw teamsAppNotFound(teamsAppId);
  const def = dir.installDefinition(app);
  const required = dir.requiredRsc(def);
  checkRsc(required, consent, app.id);
  authorizeAppChange(caller, {
    appId: app.id,
    isCaller: isCallerApp(app, caller),
    grantsConsent: required.length > 0,
  });
  return { teamsAppId: app.id, definitionVersion: def.version, consentedPermissionSet: consent };
}

/** The one `installedApps` entry of a create-chat request: its shape is checked at once (400). */
export interface AppEntry {
  teamsAppId: string;
  consent: PermissionSet | null;
}

export function parseAppEntry(raw: unknown): AppEntry {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw teamsAppBindInvalid(raw);
  const entry = raw as Record<string, unknown>;
  return {
    teamsAppId: installTarget(entry, "POST /chats installedApps[0]"),
    consent: parseConsent(entry["consentedPermissionSet"]),
  };
}

/**
 * How the async operation of a create-chat request ends: an unknown app, a consent that does not match
 * or a caller who may not consent makes it fail (with that error's code and message) instead of the POST.
 */
export function installOutcome(dir: Directory, caller: Caller, entry: AppEntry): OperationOutcome {
  try {
    return { installation: checkInstall(dir, caller, entry.teamsAppId, entry.consent) };
  } catch (e) {
    if (!isGraphHttpError(e)) throw e;
    return { failure: { code: e.code, message: e.message } };
  }
}
