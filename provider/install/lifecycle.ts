import type { Ctx } from "../context";
import { PartialError } from "../contract";
import { messageOf } from "../errors";
import type { ChatAppInstallationInputs } from "../generated/types";
import { startAttempt } from "../graph/clock";
import { adoptInstallation } from "./adopt";
import {
  consentChanged,
  type Installation,
  type InstallationState,
  installationInputs,
  installationResourceId,
  installationState,
  knownInstallationId,
  PENDING,
  parseInstallationId,
} from "./model";
import {
  findInstallation,
  getInstallation,
  installApp,
  requestInstall,
  uninstallApp,
  upgradeApp,
  waitUntilVisible,
} from "./ops";

/**
 * Looks first: an app the chat already has is adopted as Graph holds it, with no write (adopt.ts).
 * Otherwise the app is installed and the installation waited for until Graph shows it.
 */
export async function createInstallation(ctx: Ctx, i: ChatAppInstallationInputs) {
  // An earlier run of this create that was killed, or whose outcome was unknown, left its intent in the
  // create journal (docs/interruption.md): the installation found now, or Graph's 409, is that run's
  // install, this stack's own, not one to adopt.
  const earlier = ctx.intent?.pending !== undefined;
  const there = await findInstallation(ctx, i.chatId, i.teamsAppId);
  if (there && !earlier) return adoptInstallation(ctx, i, there);
  ctx.intent?.record(startAttempt());
  const adopted = !there && (await requestInstall(ctx, i.chatId, i)) && !earlier;
  let seen: Installation | undefined;
  try {
    const inst = await waitUntilVisible(ctx, i.chatId, i.teamsAppId, (s) => {
      seen = s;
    });
    return {
      id: installationResourceId(i.chatId, inst.installationId),
      outs: installationState(i.chatId, inst, i, adopted),
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
): PartialError {
  const id = installationResourceId(i.chatId, seen ? seen.installationId : `${PENDING}${i.teamsAppId}`);
  const outs: InstallationState = {
    chatId: i.chatId,
    teamsAppId: i.teamsAppId,
    installationId: seen?.installationId ?? "",
    consentedPermissionSet: i.consentedPermissionSet ?? null,
    teamsAppDefinition: null,
    adopted,
  };
  return new PartialError(
    `app ${i.teamsAppId} was installed in chat ${i.chatId}, but ${messageOf(cause).replace(/\.?$/, ".")} ` +
      `The installation is recorded in the stack as ${id}; the next \`pulumi up\` (or \`pulumi refresh\`) finishes it.`,
    id,
    outs,
    { cause },
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
    return { id, props, inputs: installationInputs(props) };
  }
  const declared = {
    ...(olds.teamsAppId ? { teamsAppId: olds.teamsAppId } : {}),
    ...(olds.consentedPermissionSet ? { consentedPermissionSet: olds.consentedPermissionSet } : {}),
  };
  const props = installationState(chatId, inst, declared, olds.adopted ?? false);
  return {
    id: installationResourceId(chatId, inst.installationId),
    props,
    inputs: installationInputs(props),
  };
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
): Promise<InstallationState> {
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
  return installationState(chatId, inst, news, olds.adopted ?? false);
}

export async function deleteInstallation(ctx: Ctx, id: string, olds: InstallationState): Promise<void> {
  if (olds.adopted) {
    // It was there before this stack: leave it, and say so.
    ctx.warn(
      `app ${olds.teamsAppId} stays installed in chat ${olds.chatId}: it was installed before this stack adopted it, ` +
        "so destroy only removed it from the stack. Uninstall it in Teams, or remove it with the Graph API, if it should go.",
    );
    return;
  }
  const { chatId, installationId } = parseInstallationId(id);
  const known =
    knownInstallationId(installationId, olds) ??
    (await findInstallation(ctx, chatId, olds.teamsAppId))?.installationId;
  if (known) await uninstallApp(ctx, chatId, known);
  else ctx.warn(`app ${olds.teamsAppId} never became visible in chat ${chatId}; nothing was uninstalled`);
}
