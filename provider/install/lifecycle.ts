import type * as pulumi from "@pulumi/pulumi";
import { type Ctx, PartialCreateError } from "../context";
import { messageOf } from "../errors";
import type {
  ChatAppInstallationInputs,
  ChatAppInstallationOutputs,
  PermissionSet,
} from "../generated/types";
import { isKnown } from "../validate";
import {
  findInstallation,
  getInstallation,
  type Installation,
  installApp,
  requestInstall,
  uninstallApp,
  upgradeApp,
  waitUntilVisible,
} from "./ops";

export type InstallationState = {
  -readonly [K in keyof ChatAppInstallationOutputs]-?: Exclude<ChatAppInstallationOutputs[K], undefined>;
};

export const installationResourceId = (chatId: string, installationId: string) =>
  `${chatId}/installedApps/${installationId}`;

// A create whose installation Graph did not show in time is recorded under this placeholder (installation
// ids are base64, so never contain ':'); update, read and delete find it by app, and refresh sets the id.
const PENDING = "pending:";

export function parseInstallationId(id: string): { chatId: string; installationId: string } {
  const i = id.lastIndexOf("/installedApps/");
  if (i < 0)
    throw new Error(`'${id}' is not a ChatAppInstallation id ({chatId}/installedApps/{installationId})`);
  return { chatId: id.slice(0, i), installationId: id.slice(i + "/installedApps/".length) };
}

/** Graph's installation id: from the resource id, or from state when the id is still a placeholder. */
function knownInstallationId(installationId: string, olds: Partial<InstallationState>): string | undefined {
  return installationId.startsWith(PENDING) ? olds.installationId || undefined : installationId;
}

function state(
  chatId: string,
  inst: Installation,
  declared: Partial<ChatAppInstallationInputs>,
  adopted: boolean,
): InstallationState {
  return {
    chatId,
    teamsAppId: declared.teamsAppId ?? inst.teamsAppId,
    installationId: inst.installationId,
    // What Graph holds, so that consent changed outside Pulumi shows as drift.
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

export async function createInstallation(ctx: Ctx, i: ChatAppInstallationInputs) {
  const adopted = await requestInstall(ctx, i.chatId, i);
  let seen: Installation | undefined;
  try {
    const inst = await waitUntilVisible(ctx, i.chatId, i.teamsAppId, (s) => {
      seen = s;
    });
    return {
      id: installationResourceId(i.chatId, inst.installationId),
      outs: state(i.chatId, inst, i, adopted),
    };
  } catch (e) {
    throw installedButNotSeen(i, seen, adopted, e);
  }
}

/** The POST succeeded but the wait did not: record the installation (partial create) instead of losing it. */
function installedButNotSeen(
  i: ChatAppInstallationInputs,
  seen: Installation | undefined,
  adopted: boolean,
  cause: unknown,
): PartialCreateError {
  const id = installationResourceId(i.chatId, seen ? seen.installationId : `${PENDING}${i.teamsAppId}`);
  const outs: InstallationState = {
    chatId: i.chatId,
    teamsAppId: i.teamsAppId,
    installationId: seen?.installationId ?? "",
    consentedPermissionSet: i.consentedPermissionSet ?? null,
    teamsAppDefinition: null,
    adopted,
  };
  return new PartialCreateError(
    `app ${i.teamsAppId} was installed in chat ${i.chatId}, but ${messageOf(cause).replace(/\.?$/, ".")} ` +
      `The installation is recorded in the stack as ${id}; the next \`pulumi up\` (or \`pulumi refresh\`) finishes it.`,
    id,
    outs,
  );
}

export async function readInstallation(ctx: Ctx, id: string, olds: Partial<InstallationState>) {
  const { chatId, installationId } = parseInstallationId(id);
  const known = knownInstallationId(installationId, olds);
  const appId = olds.teamsAppId ?? installationId.slice(PENDING.length);
  const inst = known ? await getInstallation(ctx, chatId, known) : await findInstallation(ctx, chatId, appId);
  if (!inst && known) return { id: "" };
  if (!inst) {
    // Installed by an interrupted create but still not shown by Graph: keep it for the next `up` to finish.
    ctx.warn(
      `app ${appId} is still not visible in chat ${chatId}; run \`pulumi up\` to finish installing it`,
    );
    const props: InstallationState = {
      chatId,
      teamsAppId: appId,
      installationId: "",
      consentedPermissionSet: olds.consentedPermissionSet ?? null,
      teamsAppDefinition: null,
      adopted: olds.adopted ?? false,
    };
    return { id, props, inputs: inputsOf(props) };
  }
  const declared = {
    ...(olds.teamsAppId ? { teamsAppId: olds.teamsAppId } : {}),
    ...(olds.consentedPermissionSet ? { consentedPermissionSet: olds.consentedPermissionSet } : {}),
  };
  const props = state(chatId, inst, declared, olds.adopted ?? false);
  return { id: installationResourceId(chatId, inst.installationId), props, inputs: inputsOf(props) };
}

/** The inputs a program would declare to match Graph (refresh writes them as inputs). */
function inputsOf(props: InstallationState): Record<string, unknown> {
  const inputs: Record<string, unknown> = { chatId: props.chatId, teamsAppId: props.teamsAppId };
  if (props.consentedPermissionSet) inputs["consentedPermissionSet"] = props.consentedPermissionSet;
  return inputs;
}

/**
 * Upgrades when the declared consent differs from what Graph holds. Also finishes a create that stopped
 * before Graph showed the installation: it installs again (409 = it is there) and waits; `adopted` stays.
 */
export async function updateInstallation(
  ctx: Ctx,
  id: string,
  olds: InstallationState,
  news: ChatAppInstallationInputs,
) {
  const { chatId, installationId } = parseInstallationId(id);
  let known = knownInstallationId(installationId, olds);
  let held = olds.consentedPermissionSet ?? null;
  if (!known) {
    const { installation } = await installApp(ctx, chatId, news);
    known = installation.installationId;
    held = installation.consentedPermissionSet ?? held;
  }
  const wanted = news.consentedPermissionSet;
  if (wanted && consentChanged(held, wanted)) await upgradeApp(ctx, chatId, known, wanted);
  const inst = await getInstallation(ctx, chatId, known);
  if (!inst)
    throw new Error(
      `installation ${known} is no longer in chat ${chatId}; run \`pulumi refresh\`, then \`pulumi up\` installs the app again`,
    );
  return state(chatId, inst, news, olds.adopted ?? false);
}

export async function deleteInstallation(ctx: Ctx, id: string, olds: InstallationState): Promise<void> {
  if (olds.adopted) return; // it was there before this stack: leave it
  const { chatId, installationId } = parseInstallationId(id);
  const known =
    knownInstallationId(installationId, olds) ??
    (await findInstallation(ctx, chatId, olds.teamsAppId))?.installationId;
  if (known) await uninstallApp(ctx, chatId, known);
  else ctx.warn(`app ${olds.teamsAppId} never became visible in chat ${chatId}; nothing was uninstalled`);
}

/** Whether the declared consent asks for a change. Declaring none leaves Graph's consent as it is. */
export function consentChanged(
  held: PermissionSet | null | undefined,
  declared: PermissionSet | null | undefined,
): boolean {
  return declared !== undefined && declared !== null && permKey(declared) !== permKey(held);
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
    consentChanged(olds.consentedPermissionSet, news.consentedPermissionSet)
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
