import type { DiffResult } from "../contract";
import { diffResult } from "../diff";
import type { ChatAppInstallationInputs } from "../generated/types";
import { isKnown } from "../validate";
import { consentChanged, type InstallationState } from "./model";

/** Local diff: the chat or the app replaces (schema), a consent change upgrades in place. */
export function diffInstallation(olds: InstallationState, news: ChatAppInstallationInputs): DiffResult {
  const changes: string[] = [];
  if (!isKnown(news.chatId) || news.chatId !== olds.chatId) changes.push("chatId");
  if (!isKnown(news.teamsAppId) || news.teamsAppId.toLowerCase() !== olds.teamsAppId.toLowerCase()) {
    changes.push("teamsAppId");
  }
  if (
    !isKnown(news.consentedPermissionSet) ||
    consentChanged(olds.consentedPermissionSet, news.consentedPermissionSet)
  ) {
    changes.push("consentedPermissionSet");
  }
  return diffResult("ChatAppInstallation", changes);
}
