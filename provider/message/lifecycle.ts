import type { ChatMessage as GraphMessage } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import { CapabilityError } from "../errors";
import type { ChatMessageInputs } from "../generated/types";
import { type Attempt, attemptStartOnGraphClock, graphTime } from "../graph/clock";
import { isGraphError, isNotFound } from "../graph/errors";
import { sendAtMostOnce } from "../graph/once";
import { adoptMessage } from "./adopt";
import {
  inputsFromMessage,
  type MessageState,
  messageBody,
  messagePatch,
  messageResourceId,
  messageState,
  messagesPath,
  parseMessageId,
} from "./model";

/**
 * Sends the message, at most once (graph/once.ts): after a failure whose outcome is unknown, and for an
 * import after a 409 (a message at that instant exists), the chat is searched for the message and it is
 * adopted rather than posted again.
 */
export async function createMessage(
  ctx: Ctx,
  m: ChatMessageInputs,
): Promise<{ id: string; outs: MessageState }> {
  if (m.existingMessageId) return adoptMessage(ctx, { ...m, existingMessageId: m.existingMessageId });
  const token = await ctx.client.token();
  const importing = m.createdDateTime !== undefined;
  if (!importing && token.kind !== "delegated") {
    throw new CapabilityError(
      `sending a message to chat ${m.chatId} needs a delegated token (a signed-in user); application tokens can only import ` +
        "messages into a chat in migration mode (set createdDateTime and from).",
    );
  }
  if (importing && (token.kind !== "application" || !token.permissions.includes("Teamwork.Migrate.All"))) {
    throw new CapabilityError(
      "importing a message (createdDateTime/from) needs an application token with the Teamwork.Migrate.All role; " +
        `the provider's token ${token.kind === "application" ? `has roles: ${token.permissions.join(", ") || "none"}` : "is delegated"}. ` +
        "Grant the role to the app registration (admin consent), or remove createdDateTime/from to send as a user.",
    );
  }
  const sender = importing ? m.from?.user.id : token.userId;
  const r = await sendAtMostOnce(ctx, {
    send: async () =>
      (
        await ctx.client.send<GraphMessage>({
          method: "POST",
          path: messagesPath(m.chatId),
          body: messageBody(m),
        })
      ).data,
    unclear: (e) => e.ambiguous || (importing && e.status === 409),
    find: (firstAttempt) => findPosted(ctx, m, sender, firstAttempt),
    settle: {
      what: `the message to show in chat ${m.chatId}`,
      notYet: "not in the chat's newest messages",
      budgetSeconds: ctx.settings.messageListSettleSeconds,
    },
    stop: (e, attempts, last) => {
      if (e.status === 409) {
        return e.explained(
          `\nChat ${m.chatId} already holds an imported message created at ${m.createdDateTime}, with another ` +
            "sender or body; Graph allows one import per millisecond in a chat. Give this message another createdDateTime.",
        );
      }
      if (!e.ambiguous || last) {
        return e.explained(
          `. Sent ${attempts} time(s); the message was not found in the chat afterwards ` +
            "(searched for msteams:messageListSettleSeconds), so it was not posted.",
        );
      }
      return undefined;
    },
    journaled: true,
  });
  const g = "sent" in r ? r.sent : r.found;
  return {
    id: messageResourceId(m.chatId, g.id!),
    outs: messageState(m.chatId, g, { imported: importing, adopted: "found" in r }),
  };
}

/**
 * The newest messages of the chat: the same sender and body, created since the first attempt (for an
 * import: at exactly the declared time). An identical message sent earlier, by another resource or by
 * hand, is not ours and is never adopted.
 */
async function findPosted(
  ctx: Ctx,
  m: ChatMessageInputs,
  sender: string | undefined,
  firstAttempt: Attempt,
): Promise<GraphMessage | undefined> {
  const res = await ctx.client.send<{ value: GraphMessage[] }>({
    method: "GET",
    path: messagesPath(m.chatId),
    query: { $top: "50", $orderby: "createdDateTime desc" },
  });
  const since = attemptStartOnGraphClock(res.headers["date"], firstAttempt, res.receivedMono);
  return res.data.value.find((g) => {
    if (g.deletedDateTime || (g.messageType && g.messageType !== "message")) return false;
    if (sender && g.from?.user?.id?.toLowerCase() !== sender.toLowerCase()) return false;
    if ((g.body?.content ?? "") !== m.body.content) return false;
    const created = Date.parse(g.createdDateTime ?? "");
    return m.createdDateTime !== undefined ? created === Date.parse(m.createdDateTime) : created >= since;
  });
}

/** The stored message with an edit applied: the PATCH's fields, and its time as the last change and edit. */
function editedState(
  olds: MessageState,
  patch: Record<string, unknown>,
  at: string | undefined,
  extra: { imported: boolean; adopted: boolean },
): MessageState {
  return messageState(
    olds.chatId,
    {
      id: olds.messageId,
      ...(patch as GraphMessage),
      createdDateTime: olds.createdDateTime,
      lastModifiedDateTime: at ?? olds.lastModifiedDateTime ?? null,
      lastEditedDateTime: at ?? olds.lastEditedDateTime ?? null,
      webUrl: olds.webUrl ?? null,
      from: olds.from ?? null,
    } as GraphMessage,
    extra,
  );
}

async function getMessage(ctx: Ctx, chatId: string, messageId: string): Promise<GraphMessage> {
  const res = await ctx.client.send<GraphMessage>({
    method: "GET",
    path: `${messagesPath(chatId)}/${encodeURIComponent(messageId)}`,
  });
  return res.data;
}

export async function readMessage(ctx: Ctx, id: string, olds: MessageState) {
  const { chatId, messageId } = parseMessageId(id);
  let g: GraphMessage;
  try {
    g = await getMessage(ctx, chatId, messageId);
  } catch (e) {
    if (isNotFound(e)) return { id: "" };
    throw e;
  }
  // A soft-deleted message is gone for Pulumi: refresh drops it and the next up sends it again.
  if (g.deletedDateTime) return { id: "" };
  const props = messageState(chatId, g, { imported: olds.imported ?? false, adopted: olds.adopted ?? false });
  return { id, props, inputs: inputsFromMessage(props) };
}

export async function updateMessage(
  ctx: Ctx,
  id: string,
  olds: MessageState,
  news: ChatMessageInputs,
): Promise<MessageState> {
  const { chatId, messageId } = parseMessageId(id);
  const token = await ctx.client.token();
  if (token.kind !== "delegated") {
    throw new CapabilityError(
      `editing message ${messageId} needs a delegated token: Graph lets applications change only policyViolation`,
    );
  }
  const patch = messagePatch(news);
  const res = await ctx.client.send<GraphMessage | "">({
    method: "PATCH",
    path: `${messagesPath(chatId)}/${encodeURIComponent(messageId)}`,
    body: patch,
  });
  const extra = { imported: olds.imported ?? false, adopted: olds.adopted ?? false };
  if (typeof res.data === "object" && res.data?.id) return messageState(chatId, res.data, extra);
  // Graph answers an edit with 204 (https://learn.microsoft.com/graph/api/chatmessage-update): the state is
  // the message as stored with the fields sent, edited when Graph answered. Refresh reads Graph's own.
  const at = graphTime(res.headers);
  return editedState(olds, patch, at, extra);
}

export async function deleteMessage(ctx: Ctx, id: string, olds: MessageState): Promise<void> {
  const { chatId, messageId } = parseMessageId(id);
  if (olds.existingMessageId) {
    ctx.warn(
      `message ${messageId} in chat ${chatId} stays in Teams: it was adopted with existingMessageId, so destroy only removed it from the stack.`,
    );
    return;
  }
  const token = await ctx.client.token();
  if (token.kind !== "delegated" || !token.userId) {
    ctx.warn(
      `message ${messageId} in chat ${chatId} stays in Teams: Graph soft-deletes messages only for a signed-in user, and the provider holds an application token. It was removed from the stack.`,
    );
    return;
  }
  try {
    await ctx.client.send({
      method: "POST",
      path: `/users/${encodeURIComponent(token.userId)}/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(messageId)}/softDelete`,
      idempotent: true,
    });
  } catch (e) {
    if (isNotFound(e)) return;
    if (isGraphError(e) && e.status === 403 && olds.from?.user?.id !== token.userId) {
      throw e.explained(
        `\nOnly the sender can delete a message; it was sent by ${olds.from?.user?.id ?? "someone else"}.`,
      );
    }
    throw e;
  }
}
