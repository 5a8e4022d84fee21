import type { DiffResult } from "../contract";
import { diffResult } from "../diff";
import type { ChatInputs } from "../generated/types";
import { planApps, planIsEmpty } from "../install/model";
import { isKnown } from "../validate";
import { reviewAdopted } from "./adopt-review";
import { type ChatState, comparedRoster, sameRoster } from "./model";

/**
 * Exact diff of stored outputs against new inputs, without any Graph call. `replaces` only for what Graph
 * cannot change in place: the inputs the schema marks as replacing (the chat type, the adopted chat id),
 * and the roster of a one-on-one chat (Graph fixes it at creation), which depends on the chat type.
 * Members the program does not declare count only when they are to be removed (undeclaredMembers). For a
 * chat adopted with existingChatId, `warnings` say what the update changes (adopt-review.ts).
 */
export function diffChat(olds: ChatState, news: ChatInputs): DiffResult {
  const changes: string[] = [];
  const differs = (key: keyof ChatInputs, same: boolean) => {
    if (!same) changes.push(key);
  };
  const oneOnOne = news.chatType === "oneOnOne" || olds.chatType === "oneOnOne";
  differs("chatType", isKnown(news.chatType) && news.chatType === olds.chatType);
  differs(
    "existingChatId",
    isKnown(news.existingChatId) && (news.existingChatId ?? null) === olds.existingChatId,
  );
  // A topic removed from the program is left as it is in Teams (Graph cannot clear a group topic).
  differs("topic", news.topic === undefined || (isKnown(news.topic) && news.topic === olds.topic));
  differs(
    "members",
    isKnown(news.members) &&
      isKnown(news.undeclaredMembers) &&
      sameRoster(oneOnOne ? olds.members : comparedRoster(olds.members, news), news.members),
  );
  differs(
    "undeclaredMembers",
    isKnown(news.undeclaredMembers) && (news.undeclaredMembers ?? null) === (olds.undeclaredMembers ?? null),
  );
  differs(
    "installedApps",
    isKnown(news.installedApps) && planIsEmpty(planApps(olds.installedApps ?? [], news.installedApps ?? [])),
  );
  differs(
    "deletionPolicy",
    isKnown(news.deletionPolicy) && (news.deletionPolicy ?? null) === olds.deletionPolicy,
  );
  const result = diffResult("Chat", changes, oneOnOne ? ["members"] : []);
  const adopted = olds.existingChatId && news.existingChatId === olds.existingChatId;
  // Words need values: while a preview does not know an input yet, the review waits for it.
  const warnings = adopted && !result.replaces?.length && isKnown(news) ? reviewAdopted(olds, news) : [];
  return warnings.length ? { ...result, warnings } : result;
}
