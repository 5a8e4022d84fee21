import type { Ctx } from "../context";
import type { ChatInstalledApp } from "../generated/types";
import { consentChanged } from "../install/lifecycle";
import { findInstallation, installApp, listInstallations, uninstallApp, upgradeApp } from "../install/ops";

const key = (a: { teamsAppId: string }) => a.teamsAppId.toLowerCase();

/**
 * Brings the apps of an existing chat to the declared list, in place (never replacing the chat): new apps
 * are installed, apps whose declared RSC consent changed upgraded, and apps no longer declared
 * uninstalled. An app declared without consent keeps whatever consent Graph holds.
 */
export async function reconcileApps(
  ctx: Ctx,
  chatId: string,
  previous: readonly ChatInstalledApp[],
  declared: readonly ChatInstalledApp[],
): Promise<void> {
  for (const app of declared) {
    const was = previous.find((p) => key(p) === key(app));
    const wanted = app.consentedPermissionSet;
    if (!was) {
      await installApp(ctx, chatId, app);
    } else if (wanted && consentChanged(was.consentedPermissionSet, wanted)) {
      const inst = await findInstallation(ctx, chatId, app.teamsAppId);
      if (inst) await upgradeApp(ctx, chatId, inst.installationId, wanted);
      else await installApp(ctx, chatId, app);
    }
  }
  for (const gone of previous.filter((p) => !declared.some((d) => key(d) === key(p)))) {
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
    const hit = present.find((p) => key(p) === key(d));
    if (!hit) return [];
    const consent =
      hit.consentedPermissionSet === undefined ? d.consentedPermissionSet : hit.consentedPermissionSet;
    return [{ teamsAppId: d.teamsAppId, ...(consent ? { consentedPermissionSet: consent } : {}) }];
  });
}
