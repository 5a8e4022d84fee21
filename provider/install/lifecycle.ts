import type * as pulumi from "@pulumi/pulumi";
import type { Ctx } from "../context";
import type { ChatAppInstallationInputs, ChatAppInstallationOutputs } from "../generated/types";
import { isKnown } from "../validate";
import { getInstallation, type Installation, installApp, uninstallApp, upgradeApp } from "./ops";

export type InstallationState = {
  -readonly [K in keyof ChatAppInstallationOutputs]-?: Exclude<ChatAppInstallationOutputs[K], undefined>;
};

export const installationResourceId = (chatId: string, installationId: string) =>
  `${chatId}/installedApps/${installationId}`;

export function parseInstallationId(id: string): { chatId: string; installationId: string } {
  const i = id.lastIndexOf("/installedApps/");
  if (i < 0)
    throw new Error(`'${id}' is not a ChatAppInstallation id ({chatId}/installedApps/{installationId})`);
  return { chatId: id.slice(0, i), installationId: id.slice(i + "/installedApps/".length) };
}

function state(
  chatId: string,
  inst: Installation,
  inputs: Partial<ChatAppInstallationInputs>,
  adopted: boolean,
): InstallationState {
  return {
    chatId,
    teamsAppId: inputs.teamsAppId ?? inst.teamsAppId,
    installationId: inst.installationId,
    consentedPermissionSet: inputs.consentedPermissionSet ?? null,
    teamsAppDefinition: inst.definition ? { ...stripNull(inst.definition) } : null,
    adopted,
  };
}

const stripNull = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

export async function createInstallation(ctx: Ctx, i: ChatAppInstallationInputs) {
  const { installation, adopted } = await installApp(ctx, i.chatId, i);
  return {
    id: installationResourceId(i.chatId, installation.installationId),
    outs: state(i.chatId, installation, i, adopted),
  };
}

export async function readInstallation(ctx: Ctx, id: string, olds: InstallationState) {
  const { chatId, installationId } = parseInstallationId(id);
  const inst = await getInstallation(ctx, chatId, installationId);
  if (!inst) return { id: "" };
  const props = state(
    chatId,
    inst,
    {
      teamsAppId: olds.teamsAppId,
      ...(olds.consentedPermissionSet ? { consentedPermissionSet: olds.consentedPermissionSet } : {}),
    },
    olds.adopted ?? false,
  );
  const inputs: Record<string, unknown> = { chatId, teamsAppId: props.teamsAppId };
  if (props.consentedPermissionSet) inputs["consentedPermissionSet"] = props.consentedPermissionSet;
  return { id, props, inputs };
}

export async function updateInstallation(
  ctx: Ctx,
  id: string,
  olds: InstallationState,
  news: ChatAppInstallationInputs,
) {
  const { chatId, installationId } = parseInstallationId(id);
  await upgradeApp(ctx, chatId, installationId, news.consentedPermissionSet);
  const inst = await getInstallation(ctx, chatId, installationId);
  if (!inst)
    throw new Error(`installation ${installationId} disappeared from chat ${chatId} during the upgrade`);
  return state(chatId, inst, news, olds.adopted ?? false);
}

export async function deleteInstallation(ctx: Ctx, id: string, olds: InstallationState): Promise<void> {
  if (olds.adopted) return; // it was there before this stack: leave it
  const { chatId, installationId } = parseInstallationId(id);
  await uninstallApp(ctx, chatId, installationId);
}

export function diffInstallation(
  olds: InstallationState,
  news: ChatAppInstallationInputs,
): pulumi.dynamic.DiffResult {
  const changes: string[] = [];
  const replaces: string[] = [];
  if (!isKnown(news.chatId) || news.chatId !== olds.chatId) {
    changes.push("chatId");
    replaces.push("chatId");
  }
  if (!isKnown(news.teamsAppId) || news.teamsAppId.toLowerCase() !== olds.teamsAppId.toLowerCase()) {
    changes.push("teamsAppId");
    replaces.push("teamsAppId");
  }
  if (
    !isKnown(news.consentedPermissionSet) ||
    permKey(news.consentedPermissionSet) !== permKey(olds.consentedPermissionSet ?? undefined)
  ) {
    changes.push("consentedPermissionSet");
  }
  return changes.length ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: false };
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
