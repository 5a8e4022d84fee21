import type { Directory } from "../directory";
import {
  appPostNeedsMigration,
  attachmentMissing,
  attachmentUnreferenced,
  contentTypeInvalid,
  entryWithoutMention,
  importanceInvalid,
  importFieldsFromUser,
  importFieldsRequired,
  mentionsNeedHtml,
  mentionWithoutEntry,
  messageBodyEmpty,
  messageBodyRequired,
  messageTooLarge,
} from "../errors";
import type { ChatRecord, MessageRecord } from "../store/records";
import type { NewMessage } from "../store/store";
import type { Caller } from "../tokens";

/** Teams refuses messages larger than about 28 KB. */
export const MAX_MESSAGE_BYTES = 28 * 1024;

/**
 * A new chat message from a POST body (docs/graph-api.md §6). Users send as themselves; applications
 * only import (Teamwork.Migrate.All, chat in migration mode) with a historic createdDateTime and from.
 */
export function newMessage(
  dir: Directory,
  caller: Caller,
  c: ChatRecord,
  b: Record<string, unknown>,
): NewMessage {
  const importing = caller.kind === "application";
  if (importing && c.migrationMode !== "inProgress") throw appPostNeedsMigration(c.id);
  if (!importing && (b["createdDateTime"] !== undefined || b["from"] !== undefined))
    throw importFieldsFromUser();
  const body = b["body"] as { contentType?: unknown; content?: unknown } | undefined;
  if (!body || typeof body.content !== "string") throw messageBodyRequired();
  const created = importing ? Date.parse(String(b["createdDateTime"] ?? "")) : Date.now();
  const from = (b["from"] as { user?: { id?: unknown; displayName?: unknown } } | undefined)?.user;
  if (importing && (Number.isNaN(created) || typeof from?.id !== "string")) throw importFieldsRequired();
  const senderId = importing ? String(from!.id) : caller.userId!;
  const m: NewMessage = {
    createdDateTime: new Date(created).toISOString(),
    lastEditedDateTime: null,
    deletedDateTime: null,
    messageType: "message",
    importance: typeof b["importance"] === "string" ? b["importance"] : "normal",
    subject: typeof b["subject"] === "string" ? b["subject"] : null,
    body: {
      contentType: typeof body.contentType === "string" ? body.contentType : "text",
      content: body.content,
    },
    mentions: Array.isArray(b["mentions"]) ? b["mentions"] : [],
    attachments: Array.isArray(b["attachments"]) ? b["attachments"] : [],
    from: {
      user: {
        id: senderId,
        displayName:
          (importing && typeof from?.displayName === "string" ? from.displayName : undefined) ??
          dir.user(senderId)?.displayName ??
          null,
        userIdentityType: "aadUser",
      },
    },
    imported: importing,
  };
  validateContent(m);
  return m;
}

type Content = Pick<MessageRecord, "body" | "importance" | "mentions" | "attachments">;

/** Body rules: content type, size, importance, and mention and attachment references both ways. */
export function validateContent(m: Content): void {
  const { contentType, content } = m.body;
  if (contentType !== "text" && contentType !== "html") throw contentTypeInvalid(contentType);
  if (content.trim() === "") throw messageBodyEmpty();
  const bytes = Buffer.byteLength(content);
  if (bytes > MAX_MESSAGE_BYTES) throw messageTooLarge(bytes, MAX_MESSAGE_BYTES);
  if (!["normal", "high", "urgent"].includes(m.importance)) throw importanceInvalid(m.importance);
  const ats = [...content.matchAll(/<at\s+id\s*=\s*["']?(\d+)["']?\s*>/gi)].map((x) => Number(x[1]));
  const refs = [...content.matchAll(/<attachment\s+id\s*=\s*["']([^"']+)["']\s*>/gi)].map((x) => x[1]!);
  if ((ats.length || refs.length) && contentType !== "html") throw mentionsNeedHtml();
  const mentionIds = (m.mentions as { id?: unknown }[]).map((x) => x.id);
  for (const n of ats) if (!mentionIds.includes(n)) throw mentionWithoutEntry(n);
  for (const n of mentionIds) if (!ats.includes(n as number)) throw entryWithoutMention(n);
  const attachmentIds = (m.attachments as { id?: unknown }[]).map((x) => x.id);
  for (const id of refs) if (!attachmentIds.includes(id)) throw attachmentMissing(id);
  for (const id of attachmentIds) if (!refs.includes(id as string)) throw attachmentUnreferenced(id);
}
