// A chat's declared apps (Chat's installedApps), brought about with the same installation calls the
// ChatAppInstallation resource uses: Chat depends on this folder, never the reverse.
import type { Ctx } from "../context";
import type { ChatInstalledApp } from "../generated/types";
import { consentChanged, sameApp } from "./model";
import { findInstallation, installApp, listInstallations, uninstallApp, upgradeApp } from "./ops";

/**
 * Brings the apps of an existing chat to the declared list, in place (never replacing the chat): new apps
 * are installed, apps whose declared RSC consent changed upgraded, and apps no longer declared
 * uninstalled. An app declared without consent keeps whatever consent Graph holds.
 */
export async function syncChatApps(
  ctx: Ctx,
  chatId: string,
  previous: readonly ChatInstalledApp[],
  declared: readonly ChatInstalledApp[],
): Promise<void> {
  for (const app of declared) {
    const was = previous.find((p) => sameApp(p, app));
    const wanted = app.consentedPermissionSet;
    if (!was) {
      await installApp(ctx, chatId, app);
    } else if (wanted && consentChanged(was.consentedPermissionSet, wanted)) {
      const inst = await findInstallation(ctx, chatId, app.teamsAppId);
      if (inst) await upgradeApp(ctx, chatId, inst.installationId, wanted);
      else await installApp(ctx, chatId, app);
    }
  }
  for (const gone of previous.filter((p) => !declared.some((d) => sameApp(d, p)))) {
    const inst = await findInstallation(ctx, chatId, gone.teamsAppId);
    if (inst) await uninstallApp(ctx, chatId, inst.installationId);
  }
}

/**
 * The declared apps that Graph already shows in the chat, with the consent Graph holds: where an adopted
 * chat starts from, so declared apps that are missing get installed (and nothing else is touched).
 */
export async function installedOf(
  ctx: Ctx,
  chatId: string,
  declared: readonly ChatInstalledApp[],
): Promise<ChatInstalledApp[]> {
  if (declared.length === 0) return [];
  const present = await listInstallations(ctx, chatId);
  return declared.flatMap((d) => {
    const hit = present.find((p) => sameApp(p, d));
    if (!hit) return [];
    const consent =
      hit.consentedPermissionSet === undefined ? d.consentedPermissionSet : hit.consentedPermissionSet;
    return [{ teamsAppId: d.teamsAppId, ...(consent ? { consentedPermissionSet: consent } : {}) }];
  });
}
