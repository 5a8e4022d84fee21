// Creating a Chat, top to bottom: adopt an existing chat by id, or POST it (sent at most once), wait for
// its creation operation when apps were asked for; the state is Graph's answer to the POST (without apps)
// or one read of the chat (with apps, whose 202 has no body). Each step goes down one
// module and comes back; nothing below calls back up.
import type { Ctx } from "../context";
import { PartialError } from "../contract";
import { messageOf } from "../errors";
import type { ChatInputs } from "../generated/types";
import { stampedBefore } from "../graph/clock";
import { isNotFound } from "../graph/errors";
import { latestOperation, waitForOperation } from "../graph/operations";
import { installedOf, syncChatApps } from "../install/chat-apps";
import { getChat, observe, updateChat } from "./lifecycle";
import { type ChatState, chatState, createdChatState, type GraphChatWithMembers } from "./model";
import { type Posted, postChat } from "./post";

export async function createChat(ctx: Ctx, inputs: ChatInputs): Promise<{ id: string; outs: ChatState }> {
  if (inputs.existingChatId) return adoptChat(ctx, inputs, inputs.existingChatId);
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
      await syncChatApps(ctx, id, await installedOf(ctx, id, apps), apps);
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

async function adoptChat(ctx: Ctx, inputs: ChatInputs, id: string): Promise<{ id: string; outs: ChatState }> {
  let chat: GraphChatWithMembers;
  try {
    chat = await getChat(ctx, id);
  } catch (e) {
    if (isNotFound(e))
      throw new Error(`existingChatId '${id}' was not found in Graph (or this identity cannot see it)`, {
        cause: e,
      });
    throw e;
  }
  if (chat.chatType !== inputs.chatType) {
    throw new Error(
      `existingChatId '${id}' is a ${chat.chatType} chat but chatType is '${inputs.chatType}'; make them agree`,
    );
  }
  const current = await observe(ctx, id, inputs, () => ({ adopted: true }), chat);
  const adopted = { ...current, installedApps: await installedOf(ctx, id, inputs.installedApps ?? []) };
  // Converge the adopted chat on the declared topic, roster and apps (apps it already has are kept).
  return { id, outs: await updateChat(ctx, id, adopted, inputs) };
}
