// Creating a Chat, top to bottom: POST it (sent at most once), wait for its creation operation when apps
// were asked for; the state is Graph's answer to the POST (without apps)
// or one read of the chat (with apps, whose 202 has no body). Each step goes down one
// module and comes back; nothing below calls back up.
import type { Ctx } from "../context";
import { PartialError } from "../contract";
import { messageOf } from "../errors";
import type { ChatInputs } from "../generated/types";
import { stampedBefore } from "../graph/clock";
import { latestOperation, waitForOperation } from "../graph/operations";
import { installMissing } from "../install/chat-apps";
import { getChat, observe } from "./lifecycle";
import { type ChatState, chatState, createdChatState, type GraphChatWithMembers } from "./model";
import { type Posted, postChat } from "./post";

/** A new chat (adopting one by existingChatId is adopt.ts, chosen by provider.ts). */
export async function createChat(ctx: Ctx, inputs: ChatInputs): Promise<{ id: string; outs: ChatState }> {
  const posted = await postChat(ctx, inputs);
  const { id } = posted;
  let operationId = posted.operationId;
  const apps = inputs.installedApps ?? [];
  try {
    // A chat found by a search has lost its 202's Location: its creation operation is looked up instead.
    if (posted.found && apps.length) operationId = await latestOperation(ctx, id, "createChat");
    if (operationId) {
      await waitForOperation(
        ctx,
        { chatId: id, operationId },
        `creating chat ${id} with ${apps.length} app(s)`,
      );
    } else if (posted.found && apps.length) {
      // Graph lists no operation for it: install what the chat lacks (an install under way is a 409, adopted).
      await installMissing(ctx, id, apps);
    }
    // Graph hands back the existing one-on-one chat for a pair: adopted when Graph made it before the POST.
    const extra = (chat: GraphChatWithMembers) => ({
      adopted: inputs.chatType === "oneOnOne" && stampedBefore(chat.createdDateTime, posted.sent),
      creationOperationId: operationId,
    });
    // Without apps the POST's answer is the chat (or the search found it with exactly the declared
    // members, a list showing at most 25 of them): one request in all. With apps (a 202) it is read once.
    const chat = apps.length ? undefined : posted.chat;
    if (chat) return { id, outs: createdChatState(chat, inputs, extra(chat)) };
    return { id, outs: await observe(ctx, id, inputs, extra) };
  } catch (e) {
    throw await partial(ctx, posted, inputs, operationId, e);
  }
}

/** The chat exists in Graph but the create failed afterwards: record it (partial create) instead of losing it. */
async function partial(
  ctx: Ctx,
  posted: Posted,
  inputs: ChatInputs,
  operationId: string | null,
  cause: unknown,
): Promise<PartialError> {
  const { id } = posted;
  let outs: Record<string, unknown> = {
    chatType: inputs.chatType,
    members: [],
    adopted: false,
    creationOperationId: operationId,
  };
  try {
    const chat = await getChat(ctx, id);
    const adopted =
      inputs.chatType === "oneOnOne" &&
      stampedBefore(chat.createdDateTime, { ...posted.sent, dateHeader: undefined });
    // Apps of a failed creation operation are not installed: recording none lets the next `up` retry them.
    outs = chatState(chat, inputs, inputs.members, {
      adopted,
      creationOperationId: operationId,
      installedApps: [],
    });
  } catch {
    // Keep the minimal outputs: the id alone lets refresh and the next up find the chat.
  }
  return new PartialError(`chat ${id} was created, but ${messageOf(cause)}`, id, outs, { cause });
}
