import { Router } from "express";
import {
  appEditsPolicyViolationOnly,
  bodyPropertyUnsupported,
  deletedMessageNotEditable,
  messagePropertiesNotUpdatable,
  migrationDateInvalid,
  notInMigration,
  onlySenderMayDelete,
  onlySenderMayEdit,
  ownPathOnly,
  policyViolationInvalid,
  policyViolationNeedsApp,
} from "../errors";
import { odataContext } from "../odata";
import { newMessage, validateContent } from "../rules/message";
import { type ChatRecord, isListed, type MessageRecord } from "../store/records";
import type { MessagePatch } from "../store/store";
import { messageJson } from "../views/message";
import { listMessages } from "./messageList";
import { chatFor, type RouterDeps, route } from "./route";

const EDITABLE = ["body", "importance", "subject", "mentions", "attachments"];
const entity = (version: string, chatId: string, m: MessageRecord) => ({
  "@odata.context": odataContext(version, `chats('${encodeURIComponent(chatId)}')/messages/$entity`),
  ...messageJson(chatId, m),
});

/** Chat messages (docs/graph-api.md §6): send, read, list, edit, soft delete, migration. */
export function messagesRouter({ store, directory }: RouterDeps): Router {
  const r = Router();
  const base = "/chats/:chatId/messages";

  route(r, "post", base, { permission: "sendMessage" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    const m = store.postMessage(c.id, newMessage(directory, ctx.caller, c, ctx.body()));
    return { status: 201, body: entity(ctx.version, c.id, m) };
  });

  route(r, "get", `${base}/:messageId`, { permission: "readMessages" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    return { status: 200, body: entity(ctx.version, c.id, store.message(c.id, ctx.param("messageId"))) };
  });

  route(
    r,
    "get",
    base,
    { permission: "readMessages", query: ["$top", "$orderby", "$filter", "$skiptoken"] },
    (ctx) =>
      listMessages(
        ctx,
        chatFor(store, ctx.caller, ctx.param("chatId")),
        // A message just sent may not be listed yet (messageListDelayMs), as with Graph's eventual consistency.
        store.messages(ctx.param("chatId")).filter((m) => isListed(m)),
      ),
  );

  // Delegated: any editable property, by the sender only (204). Application: policyViolation only (200).
  route(r, "patch", `${base}/:messageId`, { permission: "editMessage" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    const m = store.message(c.id, ctx.param("messageId"));
    const body = ctx.body();
    const keys = Object.keys(body);
    if (ctx.caller.kind === "application") {
      if (keys.some((k) => k !== "policyViolation")) throw appEditsPolicyViolationOnly();
      const verdict = body["policyViolation"];
      if (verdict !== null && (typeof verdict !== "object" || Array.isArray(verdict)))
        throw policyViolationInvalid();
      const updated = store.setPolicyViolation(c.id, m.id, verdict as Record<string, unknown> | null);
      return { status: 200, body: entity(ctx.version, c.id, updated) };
    }
    if (keys.includes("policyViolation")) throw policyViolationNeedsApp();
    const unknown = keys.filter((k) => !EDITABLE.includes(k));
    if (unknown.length) throw messagePropertiesNotUpdatable(unknown);
    if (m.from.user.id !== ctx.caller.userId) throw onlySenderMayEdit();
    if (m.deletedDateTime) throw deletedMessageNotEditable();
    const patch = Object.fromEntries(keys.map((k) => [k, body[k]])) as MessagePatch;
    validateContent({ ...m, ...patch });
    store.editMessage(c.id, m.id, patch);
    return { status: 204 };
  });

  // Soft delete lives under the signed-in user's path: /users/{id}/chats/{id}/messages/{id}/softDelete.
  for (const action of ["softDelete", "undoSoftDelete"] as const) {
    route(
      r,
      "post",
      `/users/:userId/chats/:chatId/messages/:messageId/${action}`,
      { permission: "softDeleteMessage" },
      (ctx) => {
        if (ctx.param("userId").toLowerCase() !== ctx.caller.userId?.toLowerCase()) throw ownPathOnly(action);
        const c = chatFor(store, ctx.caller, ctx.param("chatId"));
        const m = store.message(c.id, ctx.param("messageId"));
        if (m.from.user.id !== ctx.caller.userId) throw onlySenderMayDelete();
        store.setMessageDeleted(c.id, m.id, action === "softDelete");
        return { status: 204 };
      },
    );
  }

  for (const action of ["startMigration", "completeMigration"] as const) {
    route(r, "post", `/chats/:chatId/${action}`, { permission: "migrate" }, (ctx) => {
      const c = chatFor(store, ctx.caller, ctx.param("chatId"));
      const body = ctx.optionalBody();
      if (action === "completeMigration" && c.migrationMode !== "inProgress") throw notInMigration(c.id);
      const since = action === "startMigration" ? migrationStart(c, body) : undefined;
      store.setMigrationMode(c.id, action === "startMigration" ? "inProgress" : "completed", since);
      return { status: 204 };
    });
  }

  return r;
}

/**
 * startMigration's optional conversationCreationDateTime may only move the conversation's start into the
 * past (https://learn.microsoft.com/graph/api/chat-startmigration): later imports may not precede it.
 */
function migrationStart(c: ChatRecord, body: Record<string, unknown>): string | undefined {
  for (const k of Object.keys(body))
    if (k !== "conversationCreationDateTime")
      throw bodyPropertyUnsupported(k, "POST /chats/{chat-id}/startMigration", [
        "conversationCreationDateTime",
      ]);
  const v = body["conversationCreationDateTime"];
  if (v === undefined) return undefined;
  const t = typeof v === "string" ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t) || t >= Date.parse(c.createdDateTime)) throw migrationDateInvalid(v, c.createdDateTime);
  return new Date(t).toISOString();
}
