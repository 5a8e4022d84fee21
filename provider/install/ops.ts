import type { TeamsAppInstallation } from "@microsoft/microsoft-graph-types";
import { appBody } from "../chat/model";
import type { Ctx } from "../context";
import type { PermissionSet } from "../generated/types";
import { isGraphError, isNotFound } from "../graph/errors";
import { poll } from "../poller";

export const installedAppsPath = (chatId: string) => `/chats/${encodeURIComponent(chatId)}/installedApps`;

export interface Installation {
  readonly installationId: string;
  readonly teamsAppId: string;
  readonly definition: { id: string | null; version: string | null; displayName: string | null } | null;
}

function toInstallation(g: TeamsAppInstallation): Installation {
  const d = g.teamsAppDefinition;
  return {
    installationId: g.id ?? "",
    teamsAppId: g.teamsApp?.id ?? d?.teamsAppId ?? "",
    definition: d
      ? { id: d.id ?? null, version: d.version ?? null, displayName: d.displayName ?? null }
      : null,
  };
}

/** The installation of an app in a chat, or undefined when Graph does not show one (yet). */
export async function findInstallation(
  ctx: Ctx,
  chatId: string,
  teamsAppId: string,
): Promise<Installation | undefined> {
  const res = await ctx.client.send<{ value: TeamsAppInstallation[] }>({
    method: "GET",
    path: installedAppsPath(chatId),
    query: {
      $expand: "teamsApp,teamsAppDefinition",
      $filter: `teamsApp/id eq '${teamsAppId.replace(/'/g, "''")}'`,
    },
    chatId,
  });
  const hit = res.data.value.find((g) => (g.teamsApp?.id ?? "").toLowerCase() === teamsAppId.toLowerCase());
  return hit && toInstallation(hit);
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
      query: { $expand: "teamsApp,teamsAppDefinition" },
      chatId,
    });
    return toInstallation(res.data);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * Installs an app (201, empty body) and waits until Graph shows the installation with its definition —
 * installations become visible after a while. An app already installed (409) is reported as adopted.
 */
export async function installApp(
  ctx: Ctx,
  chatId: string,
  app: { teamsAppId: string; consentedPermissionSet?: PermissionSet | undefined },
): Promise<{ installation: Installation; adopted: boolean }> {
  let adopted = false;
  try {
    await ctx.client.send({
      method: "POST",
      path: installedAppsPath(chatId),
      body: appBody(ctx.settings.graphUrl, app),
      chatId,
    });
  } catch (e) {
    if (!(isGraphError(e) && e.status === 409)) throw e;
    adopted = true;
  }
  const { value } = await poll(
    async () => {
      const found = await findInstallation(ctx, chatId, app.teamsAppId);
      return found?.definition
        ? { done: true, value: found }
        : { done: false, status: found ? "definition not known yet" : "not visible yet" };
    },
    {
      what: `app ${app.teamsAppId} to appear in chat ${chatId}`,
      timeoutMs: ctx.settings.operationTimeoutSeconds * 1000,
      initialDelayMs: Math.min(ctx.settings.pollInitialDelayMs, 250),
      maxDelayMs: ctx.settings.pollMaxDelayMs,
    },
  );
  return { installation: value, adopted };
}

export async function upgradeApp(
  ctx: Ctx,
  chatId: string,
  installationId: string,
  set: PermissionSet | undefined,
): Promise<void> {
  await ctx.client.send({
    method: "POST",
    path: `${installedAppsPath(chatId)}/${encodeURIComponent(installationId)}/upgrade`,
    ...(set ? { body: { consentedPermissionSet: set } } : {}),
    idempotent: true,
    chatId,
  });
}

export async function uninstallApp(ctx: Ctx, chatId: string, installationId: string): Promise<void> {
  try {
    await ctx.client.send({
      method: "DELETE",
      path: `${installedAppsPath(chatId)}/${encodeURIComponent(installationId)}`,
      chatId,
    });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
