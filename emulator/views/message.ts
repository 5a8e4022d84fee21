import type { MessageRecord } from "../store/records";

/** Graph's chatMessage JSON (docs/graph-api.md §6); a soft-deleted message keeps no content. */
export function messageJson(chatId: string, m: MessageRecord): Record<string, unknown> {
  return {
    id: m.id,
    replyToId: null,
    etag: m.etag,
    messageType: m.messageType,
    createdDateTime: m.createdDateTime,
    lastModifiedDateTime: m.lastModifiedDateTime,
    lastEditedDateTime: m.lastEditedDateTime,
    deletedDateTime: m.deletedDateTime,
    subject: m.subject,
    summary: null,
    chatId,
    importance: m.importance,
    locale: "en-us",
    webUrl: null,
    channelIdentity: null,
    policyViolation: m.policyViolation ?? null,
    eventDetail: null,
    from: { application: null, device: null, user: m.from.user },
    body: m.deletedDateTime ? { contentType: m.body.contentType, content: "" } : m.body,
    attachments: m.attachments,
    mentions: m.mentions,
    reactions: [],
  };
}
