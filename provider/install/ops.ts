// Graph's calls on a chat's installed apps: the one place that installs, finds, upgrades and removes an app
// in a chat. https://learn.microsoft.com/graph/api/chat-post-installedapps
import type { TeamsAppInstallation } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import type { PermissionSet } from "../generated/types";
import { isNotFound } from "../graph/errors";
import { sendAtMostOnce } from "../graph/once";
import { poll } from "../graph/poller";
import { type AppRef, appBody, type Installation, installedAppsPath, toInstallation } from "./model";

// consentedPermissionSet appears only when $select-ed, and $select would drop the other properties.
const INSTALLATION_QUERY = { $expand: "teamsApp,teamsAppDefinition", $select: "id,consentedPermissionSet" };

/** The installation of an app in a chat, or undefined when Graph does not show one (yet). */
export async function findInstallation(
  ctx: Ctx,
  chatId: string,
  teamsAppId: string,
): Promise<Installation | undefined> {
  const res = await ctx.client.send<{ value: TeamsAppInstallation[] }>({
    method: "GET",
    path: installedAppsPath(chatId),
    query: { ...INSTALLATION_QUERY, $filter: `teamsApp/id eq '${teamsAppId.replace(/'/g, "''")}'` },
  });
  const hit = res.data.value.find((g) => (g.teamsApp?.id ?? "").toLowerCase() === teamsAppId.toLowerCase());
  return hit && toInstallation(hit);
}

/** Every installation Graph shows in the chat. */
export async function listInstallations(ctx: Ctx, chatId: string): Promise<Installation[]> {
  const res = await ctx.client.send<{ value: TeamsAppInstallation[] }>({
    method: "GET",
    path: installedAppsPath(chatId),
    query: INSTALLATION_QUERY,
  });
  return res.data.value.map(toInstallation);
}

export async function getInstallation(
  ctx: Ctx,
  chatId: string,
  installationId: string,
): Promise<Installation | undefined> {
  try {
    const res = await ctx.client.send<TeamsAppInstallation>({
      method: "GET",
      path: `${installedAppsPath(chatId)}/${encodeURIComponent(installationId)}`,
      query: INSTALLATION_QUERY,
    });
    return toInstallation(res.data);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** Installs an app and waits until Graph shows it (see requestInstall and waitUntilVisible). */
export async function installApp(
  ctx: Ctx,
  chatId: string,
  app: AppRef,
): Promise<{ installation: Installation; adopted: boolean }> {
  const adopted = await requestInstall(ctx, chatId, app);
  return { installation: await waitUntilVisible(ctx, chatId, app.teamsAppId), adopted };
}

/**
 * POSTs the installation (201, empty body). Returns true when the app was there before (adopted): a 409
 * to the first attempt. Graph refuses to install an app twice in a chat (409), so an attempt whose answer
 * was lost is sent again at once (graph/once.ts) and cannot duplicate anything; a 409 to that repeat is
 * the installation our lost attempt made, this stack's (false).
 */
export async function requestInstall(ctx: Ctx, chatId: string, app: AppRef): Promise<boolean> {
  const r = await sendAtMostOnce(ctx, {
    send: () =>
      ctx.client.send({
        method: "POST",
        path: installedAppsPath(chatId),
        body: appBody(ctx.settings.graphUrl, app),
      }),
    already: (e) => (e.status === 409 ? true : undefined),
  });
  return "found" in r && !r.afterUnclear;
}

/**
 * Waits until Graph shows the app's installation with its definition: installations become visible after
 * a while. `seen` hears of the installation as soon as Graph lists it, definition or not.
 */
export async function waitUntilVisible(
  ctx: Ctx,
  chatId: string,
  teamsAppId: string,
  seen: (i: Installation) => void = () => {},
): Promise<Installation> {
  const { value } = await poll(
    async () => {
      const found = await findInstallation(ctx, chatId, teamsAppId);
      if (found) seen(found);
      return found?.definition
        ? { done: true, value: found }
        : { done: false, status: found ? "definition not known yet" : "not visible yet" };
    },
    {
      what: `app ${teamsAppId} to appear in chat ${chatId}`,
      timeoutMs: ctx.settings.operationTimeoutSeconds * 1000,
      initialDelayMs: Math.min(ctx.settings.pollInitialDelayMs, 250),
      maxDelayMs: ctx.settings.pollMaxDelayMs,
    },
  );
  return value;
}

/** Moves the installation to the app's newest definition, consenting to `set` (204). */
export async function upgradeApp(
  ctx: Ctx,
  chatId: string,
  installationId: string,
  set: PermissionSet,
): Promise<void> {
  await ctx.client.send({
    method: "POST",
    path: `${installedAppsPath(chatId)}/${encodeURIComponent(installationId)}/upgrade`,
    body: { consentedPermissionSet: set },
    idempotent: true,
  });
}

export async function uninstallApp(ctx: Ctx, chatId: string, installationId: string): Promise<void> {
  try {
    await ctx.client.send({
      method: "DELETE",
      path: `${installedAppsPath(chatId)}/${encodeURIComponent(installationId)}`,
    });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
