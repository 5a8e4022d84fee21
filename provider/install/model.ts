// Installations of an app in a chat, as this provider models them: ids, Graph's body and answer, and how
// consents compare. Used by the ChatAppInstallation resource and by Chat's installedApps alike.
import type { TeamsAppInstallation } from "@microsoft/microsoft-graph-types";
import type {
  ChatAppInstallationInputs,
  ChatAppInstallationOutputs,
  PermissionSet,
  ResourceSpecificPermission,
} from "../generated/types";
import { teamsAppBind } from "../graph/binds";

export type InstallationState = {
  -readonly [K in keyof ChatAppInstallationOutputs]-?: Exclude<ChatAppInstallationOutputs[K], undefined>;
};

/** An app as a chat declares it, or as the installation resource declares it. */
export interface AppRef {
  readonly teamsAppId: string;
  readonly consentedPermissionSet?: PermissionSet | null | undefined;
}

export const installedAppsPath = (chatId: string) => `/chats/${encodeURIComponent(chatId)}/installedApps`;

export const installationResourceId = (chatId: string, installationId: string) =>
  `${chatId}/installedApps/${installationId}`;

// A create whose installation Graph did not show in time is recorded under this placeholder (installation
// ids are base64, so never contain ':'); update, read and delete find it by app, and refresh sets the id.
export const PENDING = "pending:";

export function parseInstallationId(id: string): { chatId: string; installationId: string } {
  const i = id.lastIndexOf("/installedApps/");
  if (i < 0)
    throw new Error(`'${id}' is not a ChatAppInstallation id ({chatId}/installedApps/{installationId})`);
  return { chatId: id.slice(0, i), installationId: id.slice(i + "/installedApps/".length) };
}

/** Graph's installation id: from the resource id, or from state when the id is still a placeholder. */
export function knownInstallationId(
  installationId: string,
  olds: Partial<InstallationState>,
): string | undefined {
  return installationId.startsWith(PENDING) ? olds.installationId || undefined : installationId;
}

/** Graph's body for installing an app (also one entry of a chat create's installedApps). */
export function appBody(graphUrl: string, a: AppRef): Record<string, unknown> {
  return {
    "teamsApp@odata.bind": teamsAppBind(graphUrl, a.teamsAppId),
    ...(a.consentedPermissionSet ? { consentedPermissionSet: a.consentedPermissionSet } : {}),
  };
}

export interface Installation {
  readonly installationId: string;
  readonly teamsAppId: string;
  readonly definition: { id: string | null; version: string | null; displayName: string | null } | null;
  /** What Graph holds (null: no consent); undefined when Graph's answer did not include it. */
  readonly consentedPermissionSet: PermissionSet | null | undefined;
}

export function toInstallation(g: TeamsAppInstallation): Installation {
  const d = g.teamsAppDefinition;
  return {
    installationId: g.id ?? "",
    teamsAppId: g.teamsApp?.id ?? d?.teamsAppId ?? "",
    definition: d
      ? { id: d.id ?? null, version: d.version ?? null, displayName: d.displayName ?? null }
      : null,
    consentedPermissionSet: g.consentedPermissionSet === undefined ? undefined : toConsent(g),
  };
}

/** Graph's consent in our shape: permission types lower-case (as Graph answers), an empty set as null. */
function toConsent(g: TeamsAppInstallation): PermissionSet | null {
  const list = g.consentedPermissionSet?.resourceSpecificPermissions ?? [];
  if (list.length === 0) return null;
  return {
    resourceSpecificPermissions: list.map((p) => ({
      permissionValue: p.permissionValue ?? "",
      permissionType: (p.permissionType ?? "").toLowerCase() as ResourceSpecificPermission["permissionType"],
    })),
  };
}

/** Permission sets compare case-insensitively and in any order (Graph echoes types in lower case). */
export function permKey(
  set:
    | { resourceSpecificPermissions: { permissionValue: string; permissionType: string }[] }
    | undefined
    | null,
): string {
  return (set?.resourceSpecificPermissions ?? [])
    .map((p) => `${p.permissionValue}/${p.permissionType}`.toLowerCase())
    .sort()
    .join(",");
}

/** Whether the declared consent asks for a change. Declaring none leaves Graph's consent as it is. */
export function consentChanged(
  held: PermissionSet | null | undefined,
  declared: PermissionSet | null | undefined,
): boolean {
  return declared !== undefined && declared !== null && permKey(declared) !== permKey(held);
}

/** The same app (ids in any case). */
export const sameApp = (a: AppRef, b: AppRef): boolean =>
  a.teamsAppId.toLowerCase() === b.teamsAppId.toLowerCase();

/** State from Graph's installation: consent as Graph holds it, so a change made outside Pulumi shows as drift. */
export function installationState(
  chatId: string,
  inst: Installation,
  declared: Partial<ChatAppInstallationInputs>,
  adopted: boolean,
): InstallationState {
  return {
    chatId,
    teamsAppId: declared.teamsAppId ?? inst.teamsAppId,
    installationId: inst.installationId,
    consentedPermissionSet:
      inst.consentedPermissionSet !== undefined
        ? inst.consentedPermissionSet
        : (declared.consentedPermissionSet ?? null),
    teamsAppDefinition: inst.definition ? { ...stripNull(inst.definition) } : null,
    adopted,
  };
}

const stripNull = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

/** The inputs a program would declare to match Graph (refresh writes them as inputs). */
export function installationInputs(props: InstallationState): Record<string, unknown> {
  const inputs: Record<string, unknown> = { chatId: props.chatId, teamsAppId: props.teamsAppId };
  if (props.consentedPermissionSet) inputs["consentedPermissionSet"] = props.consentedPermissionSet;
  return inputs;
}

/** What bringing a chat's apps from `previous` to `declared` takes; empty lists when nothing. */
export interface AppPlan {
  readonly install: readonly AppRef[];
  readonly upgrade: readonly AppRef[];
  readonly uninstall: readonly AppRef[];
}

/**
 * New apps are installed, apps whose declared RSC consent differs from the one held are upgraded, and apps
 * no longer declared uninstalled. An app declared without consent keeps whatever consent Graph holds.
 * Diff uses it to say whether (and what) an update changes, chat-apps.ts syncChatApps to do it.
 */
export function planApps(previous: readonly AppRef[], declared: readonly AppRef[]): AppPlan {
  return {
    install: declared.filter((d) => !previous.some((p) => sameApp(p, d))),
    upgrade: declared.filter((d) => {
      const was = previous.find((p) => sameApp(p, d));
      return !!was && consentChanged(was.consentedPermissionSet, d.consentedPermissionSet);
    }),
    uninstall: previous.filter((p) => !declared.some((d) => sameApp(d, p))),
  };
}

export const planIsEmpty = (p: AppPlan): boolean =>
  p.install.length + p.upgrade.length + p.uninstall.length === 0;

/** The plan in words, one phrase per app (for the warnings of a preview). */
export function describePlan(p: AppPlan): string[] {
  const consent = (a: AppRef) => permKey(a.consentedPermissionSet) || "no RSC permissions";
  return [
    ...p.install.map((a) => `installs app ${a.teamsAppId}`),
    ...p.upgrade.map((a) => `upgrades app ${a.teamsAppId} to consent ${consent(a)}`),
    ...p.uninstall.map((a) => `uninstalls app ${a.teamsAppId}`),
  ];
}
