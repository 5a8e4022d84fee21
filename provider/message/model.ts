import type { ChatMessage as GraphMessage } from "@microsoft/microsoft-graph-types";
import type { ChatMessageInputs, ChatMessageOutputs } from "../generated/types";

export type MessageState = {
  -readonly [K in keyof ChatMessageOutputs]-?: Exclude<ChatMessageOutputs[K], undefined>;
};

/** Message ids are unique only within a chat, so the resource id carries both. */
export const messageResourceId = (chatId: string, messageId: string) => `${chatId}/messages/${messageId}`;

export function parseMessageId(id: string): { chatId: string; messageId: string } {
  const i = id.lastIndexOf("/messages/");
  if (i < 0) throw new Error(`'${id}' is not a ChatMessage id ({chatId}/messages/{messageId})`);
  return { chatId: id.slice(0, i), messageId: id.slice(i + "/messages/".length) };
}

export const messagesPath = (chatId: string) => `/chats/${encodeURIComponent(chatId)}/messages`;

/** The fields a program declares, as Graph's body for POST. */
export function messageBody(m: ChatMessageInputs): Record<string, unknown> {
  return stripUndefined({
    body: { contentType: m.body.contentType ?? "text", content: m.body.content },
    importance: m.importance,
    subject: m.subject,
    mentions: m.mentions,
    attachments: m.attachments,
    createdDateTime: m.createdDateTime,
    from: m.from,
  });
}

/**
 * The PATCH body for an edit: every editable field, so a field the program dropped is cleared in Graph
 * (Graph keeps what a PATCH leaves out): no subject, normal importance, no mentions, no attachments.
 */
export function messagePatch(m: ChatMessageInputs): Record<string, unknown> {
  return {
    body: { contentType: m.body.contentType ?? "text", content: m.body.content },
    importance: m.importance ?? "normal",
    subject: m.subject ?? null,
    mentions: m.mentions ?? [],
    attachments: m.attachments ?? [],
  };
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Graph's nulls kept, undefined removed: the engine's Struct rejects undefined anywhere. */
export function clean<T>(v: T): T {
  return JSON.parse(JSON.stringify(v ?? null)) as T;
}

export function messageState(
  chatId: string,
  g: GraphMessage,
  extra: { imported: boolean; adopted: boolean },
): MessageState {
  return clean({
    chatId,
    messageId: g.id ?? "",
    body: { contentType: (g.body?.contentType ?? "text") as "text" | "html", content: g.body?.content ?? "" },
    importance: g.importance ?? null,
    subject: g.subject ?? null,
    // None is left out of state (bytes paid at every checkpoint): diff reads an absent list as empty.
    ...(g.mentions?.length ? { mentions: g.mentions as MessageState["mentions"] } : {}),
    ...(g.attachments?.length ? { attachments: g.attachments as MessageState["attachments"] } : {}),
    createdDateTime: g.createdDateTime ?? "",
    lastModifiedDateTime: g.lastModifiedDateTime ?? null,
    lastEditedDateTime: g.lastEditedDateTime ?? null,
    webUrl: g.webUrl ?? null,
    from: g.from?.user ? ({ user: g.from.user } as MessageState["from"]) : null,
    imported: extra.imported,
    adopted: extra.adopted,
    existingMessageId: null,
  }) as MessageState;
}

/**
 * Whether everything the program declared is present in `actual` (Graph adds keys of its own, such as
 * `conversation: null` in mentions): objects by declared keys, lists pairwise, scalars by equality.
 */
export function coveredBy(declared: unknown, actual: unknown): boolean {
  if (declared === undefined) return true;
  if (Array.isArray(declared)) {
    return (
      Array.isArray(actual) &&
      actual.length === declared.length &&
      declared.every((d, i) => coveredBy(d, actual[i]))
    );
  }
  if (typeof declared === "object" && declared !== null) {
    if (typeof actual !== "object" || actual === null) return false;
    return Object.entries(declared).every(([k, v]) => coveredBy(v, (actual as Record<string, unknown>)[k]));
  }
  return declared === actual;
}

/** The inputs a program would declare to match Graph (refresh writes them as inputs). */
export function inputsFromMessage(s: MessageState): Record<string, unknown> {
  const i: Record<string, unknown> = { chatId: s.chatId, body: s.body };
  if (s.importance && s.importance !== "normal") i["importance"] = s.importance;
  if (s.subject) i["subject"] = s.subject;
  if (s.mentions?.length) i["mentions"] = s.mentions;
  if (s.attachments?.length) i["attachments"] = s.attachments;
  if (s.imported) {
    i["createdDateTime"] = s.createdDateTime;
    if (s.from) i["from"] = s.from;
  }
  return i;
}
