// An app already installed in the chat when its ChatAppInstallation is created: the installation becomes
// this resource, recorded exactly as Graph holds it (its consent, its definition) and changed in nothing;
// the next preview says what an update would change (an upgrade to the declared consent) and the next up
// does it. Destroy then only forgets it. See docs/adoption.md.
import type { Ctx } from "../context";
import type { ChatAppInstallationInputs } from "../generated/types";
import { isKnown } from "../validate";
import {
  consentChanged,
  type Installation,
  type InstallationState,
  installationResourceId,
  installationState,
  permKey,
} from "./model";

export function adoptInstallation(
  ctx: Ctx,
  i: ChatAppInstallationInputs,
  inst: Installation,
): { id: string; outs: InstallationState } {
  // The consent recorded is Graph's, not the declared one: a difference shows as an upgrade on the next preview.
  const outs = installationState(i.chatId, inst, { teamsAppId: i.teamsAppId }, true);
  const next = reviewAdoptedInstallation(outs, i);
  ctx.warn(
    `app ${i.teamsAppId} was already installed in chat ${i.chatId}: adopted as Graph holds it (consent ` +
      `${consentWords(outs.consentedPermissionSet)}); this up changed nothing in it` +
      (next.length ? `. The next up ${next.join("; ")}` : ", and it matches the program"),
  );
  return { id: installationResourceId(i.chatId, inst.installationId), outs };
}

/** What an update of an adopted installation changes, in words (diff shows them as warnings). */
export function reviewAdoptedInstallation(
  olds: InstallationState,
  news: ChatAppInstallationInputs,
): string[] {
  if (!isKnown(news.consentedPermissionSet)) return [];
  if (!consentChanged(olds.consentedPermissionSet, news.consentedPermissionSet)) return [];
  return [
    `upgrades it to consent ${consentWords(news.consentedPermissionSet)} (Graph holds ${consentWords(olds.consentedPermissionSet)})`,
  ];
}

const consentWords = (set: InstallationState["consentedPermissionSet"] | undefined) =>
  permKey(set) || "no RSC permissions";
