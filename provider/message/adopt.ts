import type { ChatMessage as GraphMessage } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import type { DiffResult } from "../contract";
import { UserError } from "../errors";
import type { ChatMessageInputs } from "../generated/types";
import { isNotFound } from "../graph/errors";
import { type MessageState, messageResourceId, messageState, messagesPath } from "./model";

/** The preview of a create that adopts (check makes no Graph call, so it can say no more). */
export const adoptingNotice = (id: string): string =>
  `ChatMessage adopts the existing message ${id}: this up records it exactly as Graph holds it and ` +
  "changes nothing in it; the preview after it shows what the following up would edit";

/** An adopted message's stored inputs are the program's own: the update's edits, in words. */
export function reviewAdopted(r: DiffResult, olds: MessageState, changed: readonly string[]): DiffResult {
  if (!olds.existingMessageId || !r.changes || r.replaces?.length) return r;
  const warning = `adopted message ${olds.messageId} of chat ${olds.chatId}: the update edits its ${changed.join(", ")}`;
  return { ...r, warnings: [...(r.warnings ?? []), warning] };
}

/**
 * `existingMessageId`: a message already in the chat becomes this resource, recorded exactly as Graph
 * holds it and changed in nothing, so the next preview shows what the program would edit. One GET.
 */
export async function adoptMessage(
  ctx: Ctx,
  m: ChatMessageInputs & { existingMessageId: string },
): Promise<{ id: string; outs: MessageState }> {
  if (m.createdDateTime !== undefined || m.from !== undefined) {
    throw new UserError(
      "existingMessageId adopts a message that was sent already; createdDateTime and from are for importing history: remove one or the other",
    );
  }
  let g: GraphMessage;
  try {
    const res = await ctx.client.send<GraphMessage>({
      method: "GET",
      path: `${messagesPath(m.chatId)}/${encodeURIComponent(m.existingMessageId)}`,
    });
    g = res.data;
  } catch (e) {
    if (!isNotFound(e)) throw e;
    throw new UserError(
      `existingMessageId '${m.existingMessageId}' is not a message of chat ${m.chatId} (or this identity cannot read it): check both ids`,
    );
  }
  if (g.deletedDateTime)
    throw new UserError(
      `message ${m.existingMessageId} of chat ${m.chatId} was deleted: it cannot be adopted`,
    );
  const outs = {
    ...messageState(m.chatId, g, { imported: false, adopted: true }),
    existingMessageId: g.id ?? m.existingMessageId,
  };
  return { id: messageResourceId(m.chatId, outs.messageId), outs };
}
