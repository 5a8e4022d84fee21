// `existingChatId`: an existing chat becomes this resource, recorded exactly as Graph holds it and changed
// in nothing. Reads only (the chat with its members, the installed apps when apps are declared, a UPN's
// object id when the member list does not show it); the next preview reviews what an update would change
// (adopt-review.ts) and the next up applies it. See docs/adoption.md.
import type { Ctx } from "../context";
import { UserError } from "../errors";
import type { ChatInputs } from "../generated/types";
import { isNotFound } from "../graph/errors";
import { installedOf } from "../install/chat-apps";
import { adoptionReport } from "./adopt-review";
import { getChat, resolveDeclared } from "./lifecycle";
import { type ChatState, chatState, type GraphChatWithMembers } from "./model";

export async function adoptChat(
  ctx: Ctx,
  inputs: ChatInputs & { existingChatId: string },
): Promise<{ id: string; outs: ChatState }> {
  const id = inputs.existingChatId;
  const chat = await existing(ctx, id);
  if (chat.chatType !== inputs.chatType) {
    throw new UserError(
      `existingChatId '${id}' is a ${chat.chatType} chat but chatType is '${inputs.chatType}'; make them agree`,
    );
  }
  const members = await resolveDeclared(ctx, inputs.members, chat.members ?? []);
  // Only the declared apps are recorded (with the consent Graph holds); apps the program does not declare
  // are not this resource's and stay as they are.
  const installedApps = inputs.installedApps ? await installedOf(ctx, id, inputs.installedApps) : null;
  const outs = chatState(chat, inputs, members, { adopted: true, installedApps });
  for (const w of adoptionReport(outs, inputs)) ctx.warn(w);
  return { id, outs };
}

async function existing(ctx: Ctx, id: string): Promise<GraphChatWithMembers> {
  try {
    return await getChat(ctx, id);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    throw new Error(`existingChatId '${id}' was not found in Graph (or this identity cannot see it)`, {
      cause: e,
    });
  }
}
