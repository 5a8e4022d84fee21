import type { Directory } from "../directory";
import {
  appPostNeedsMigration,
  attachmentMissing,
  attachmentUnreferenced,
  contentTypeInvalid,
  entryWithoutMention,
  importanceInvalid,
  importBeforeChat,
  importFieldsFromUser,
  importFieldsRequired,
  importInFuture,
  importSenderUnknown,
  mentionsNeedHtml,
  mentionWithoutEntry,
  messageBodyEmpty,
  messageBodyRequired,
  messagePropertiesUnknown,
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
  const unknown = Object.keys(b).filter((k) => !SETTABLE.includes(k));
  if (unknown.length) throw messagePropertiesUnknown(unknown, SETTABLE);
  if (importing && c.migrationMode !== "inProgress") throw appPostNeedsMigration(c.id);
  if (!importing && (b["createdDateTime"] !== undefined || b["from"] !== undefined))
    throw importFieldsFromUser();
  const body = b["body"] as { contentType?: unknown; content?: unknown } | undefined;
  if (!body || typeof body.content !== "string") throw messageBodyRequired();
  const created = importing ? Date.parse(String(b["createdDateTime"] ?? "")) : Date.now();
  const from = (b["from"] as { user?: { id?: unknown; displayName?: unknown } } | undefined)?.user;
  if (importing && (Number.isNaN(created) || typeof from?.id !== "string")) throw importFieldsRequired();
  const senderId = importing ? String(from!.id) : caller.userId!;
  if (importing) checkImport(dir, caller, c, created, senderId);
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

/** What a new message may set; the rest of a chatMessage is read-only (and unknown names are typos). */
const SETTABLE = ["body", "importance", "subject", "mentions", "attachments", "createdDateTime", "from"];

/**
 * Import rules (https://learn.microsoft.com/microsoftteams/platform/graph-api/import-messages/import-external-messages-to-teams):
 * not in the future, not before the conversation's creation (the chat's, or startMigration's earlier
 * conversationCreationDateTime), and from a user of the importing app's tenant.
 */
function checkImport(dir: Directory, caller: Caller, c: ChatRecord, created: number, senderId: string): void {
  const at = new Date(created).toISOString();
  if (created > Date.now()) throw importInFuture(at);
  const since = c.conversationCreationDateTime ?? c.createdDateTime;
  if (created < Date.parse(since)) throw importBeforeChat(at, since);
  const sender = dir.user(senderId);
  if (!sender || sender.tenantId.toLowerCase() !== caller.tenantId.toLowerCase())
    throw importSenderUnknown(senderId);
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
