// A chat's declared apps (Chat's installedApps), brought about with the same installation calls the
// ChatAppInstallation resource uses: Chat depends on this folder, never the reverse.
import type { Ctx } from "../context";
import type { ChatInstalledApp } from "../generated/types";
import { latestOperation, waitForOperation } from "../graph/operations";
import { planApps, sameApp } from "./model";
import { findInstallation, installApp, listInstallations, uninstallApp, upgradeApp } from "./ops";

/** Brings the apps of an existing chat to the declared list, in place (never replacing the chat). */
export async function syncChatApps(
  ctx: Ctx,
  chatId: string,
  previous: readonly ChatInstalledApp[],
  declared: readonly ChatInstalledApp[],
): Promise<void> {
  const plan = planApps(previous, declared);
  for (const app of plan.install) await installApp(ctx, chatId, app);
  for (const app of plan.upgrade) {
    const inst = await findInstallation(ctx, chatId, app.teamsAppId);
    if (inst) await upgradeApp(ctx, chatId, inst.installationId, app.consentedPermissionSet!);
    else await installApp(ctx, chatId, app);
  }
  for (const gone of plan.uninstall) {
    const inst = await findInstallation(ctx, chatId, gone.teamsAppId);
    if (inst) await uninstallApp(ctx, chatId, inst.installationId);
  }
}

/**
 * The declared apps that Graph already shows in the chat, with the consent Graph holds: what an adopted
 * chat records (a declared app it lacks is installed by the next update), one list request.
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

/**
 * The apps a chat create asked for, once the chat exists: Graph installs them through the create's
 * teamsAsyncOperation, which is waited for. A chat found by a search (its create's answer was lost) has
 * lost the 202's Location: its creation operation is looked up instead, and where Graph lists none, the
 * apps the chat lacks are installed (an install under way is a 409). Returns the operation's id, if any.
 */
export async function appsOfNewChat(
  ctx: Ctx,
  chatId: string,
  declared: readonly ChatInstalledApp[],
  posted: { readonly operationId: string | null; readonly found: boolean },
): Promise<string | null> {
  if (declared.length === 0) return posted.operationId;
  const operationId = posted.found ? await latestOperation(ctx, chatId, "createChat") : posted.operationId;
  const what = `creating chat ${chatId} with ${declared.length} app(s)`;
  if (operationId) await waitForOperation(ctx, { chatId, operationId }, what);
  else if (posted.found) {
    const present = await installedOf(ctx, chatId, declared);
    await syncChatApps(ctx, chatId, present, declared);
  }
  return operationId;
}
