import type { Ctx } from "../context";
import type { ChatInstalledApp } from "../generated/types";
import { permKey } from "../install/lifecycle";
import { findInstallation, installApp, uninstallApp, upgradeApp } from "../install/ops";

/**
 * Brings the apps of an existing chat to the declared list, in place (never replacing the chat): new apps
 * are installed, apps with changed RSC consent upgraded, and apps no longer declared uninstalled.
 */
export async function reconcileApps(
  ctx: Ctx,
  chatId: string,
  previous: readonly ChatInstalledApp[],
  declared: readonly ChatInstalledApp[],
): Promise<void> {
  const key = (a: ChatInstalledApp) => a.teamsAppId.toLowerCase();
  for (const app of declared) {
    const was = previous.find((p) => key(p) === key(app));
    if (!was) {
      await installApp(ctx, chatId, app);
    } else if (permKey(was.consentedPermissionSet) !== permKey(app.consentedPermissionSet)) {
      const inst = await findInstallation(ctx, chatId, app.teamsAppId);
      if (inst) await upgradeApp(ctx, chatId, inst.installationId, app.consentedPermissionSet);
      else await installApp(ctx, chatId, app);
    }
  }
  for (const gone of previous.filter((p) => !declared.some((d) => key(d) === key(p)))) {
    const inst = await findInstallation(ctx, chatId, gone.teamsAppId);
    if (inst) await uninstallApp(ctx, chatId, inst.installationId);
  }
}
