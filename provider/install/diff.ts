import type { DiffResult } from "../contract";
import { diffResult } from "../diff";
import type { ChatAppInstallationInputs } from "../generated/types";
import { isKnown } from "../validate";
import { reviewAdoptedInstallation } from "./adopt";
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
  const result = diffResult("ChatAppInstallation", changes);
  // An adopted installation's stored inputs are the program's own: the engine would show a bare update.
  const review = olds.adopted && !result.replaces?.length ? reviewAdoptedInstallation(olds, news) : [];
  return review.length
    ? {
        ...result,
        warnings: [`adopted app ${olds.teamsAppId} in chat ${olds.chatId}: the update ${review.join("; ")}`],
      }
    : result;
}
