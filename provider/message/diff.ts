import type { DiffResult } from "../contract";
import { diffResult } from "../diff";
import { type ChatMessageInputs, replaceOnChanges } from "../generated/types";
import { isKnown } from "../validate";
import { reviewAdopted } from "./adopt";
import { coveredBy, type MessageState } from "./model";

/** The inputs the schema marks as replacing (willReplaceOnChanges): the chat, the adopted id, the import fields. */
const replacing = replaceOnChanges.ChatMessage;
const editable = ["body", "importance", "subject", "mentions", "attachments"] as const;

/** Local diff: chat and import fields replace; body, importance, subject, mentions, attachments edit in place. */
export function diffMessage(olds: MessageState, news: ChatMessageInputs): DiffResult {
  const changes: string[] = [];
  for (const k of replacing) {
    const same =
      k === "chatId"
        ? news.chatId === olds.chatId
        : k === "existingMessageId"
          ? isKnown(news.existingMessageId) &&
            (news.existingMessageId ?? null) === (olds.existingMessageId ?? null)
          : sameImportField(k, olds, news);
    if (!same) changes.push(k);
  }
  for (const k of editable) {
    // A body not known yet (preview) is a change: its default content type must not hide the sentinel.
    const declared =
      k === "body" && isKnown(news.body)
        ? { contentType: news.body?.contentType ?? "text", content: news.body?.content }
        : news[k];
    const current = olds[k] ?? (k === "mentions" || k === "attachments" ? [] : undefined);
    const same =
      isKnown(declared) &&
      (declared === undefined ? !isDeclaredByDefault(k, current) : coveredBy(declared, current));
    if (!same) changes.push(k);
  }
  // An adopted message's stored inputs are the program's own: its edits are also said in words.
  return reviewAdopted(diffResult("ChatMessage", changes), olds, changes);
}

/** A key the program dropped is a change only when Graph still holds a non-default value for it. */
function isDeclaredByDefault(k: string, current: unknown): boolean {
  if (k === "importance") return current !== null && current !== undefined && current !== "normal";
  if (k === "mentions" || k === "attachments") return Array.isArray(current) && current.length > 0;
  return current !== null && current !== undefined;
}

function sameImportField(
  k: "createdDateTime" | "from",
  olds: MessageState,
  news: ChatMessageInputs,
): boolean {
  if (!isKnown(news[k])) return false;
  if (!olds.imported) return news[k] === undefined;
  if (k === "createdDateTime")
    return (
      news.createdDateTime !== undefined &&
      Date.parse(news.createdDateTime) === Date.parse(olds.createdDateTime)
    );
  return coveredBy(news.from?.user?.id, olds.from?.user?.id);
}
