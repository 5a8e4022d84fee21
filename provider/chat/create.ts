// Creating a Chat, top to bottom, one step down and back each: POST it (post.ts, sent at most once), let
// the apps asked for arrive (install/chat-apps.ts: Graph's creation operation, or installing what a chat
// found after a lost answer lacks), then its state (lifecycle.ts: Graph's answer to the POST without apps,
// one read with apps). Nothing below calls back up. Adopting a chat (existingChatId) is adopt.ts, which
// provider.ts chooses instead.
import type { Ctx } from "../context";
import { PartialError } from "../contract";
import { messageOf } from "../errors";
import type { ChatInputs } from "../generated/types";
import { appsOfNewChat } from "../install/chat-apps";
import { createdState } from "./lifecycle";
import type { ChatState } from "./model";
import { postChat } from "./post";

export async function createChat(ctx: Ctx, inputs: ChatInputs): Promise<{ id: string; outs: ChatState }> {
  const posted = await postChat(ctx, inputs);
  const { id } = posted;
  const apps = await appsOfNewChat(ctx, id, inputs.installedApps ?? [], posted).then(
    (operationId) => ({ operationId, failure: undefined }),
    (failure: unknown) => ({ operationId: posted.operationId, failure }),
  );
  const state = await createdState(ctx, posted, inputs, apps);
  if ("outs" in state) return { id, outs: state.outs };
  // The chat exists in Graph but the create failed afterwards: record it (partial create) instead of losing it.
  const { partial, failure } = state;
  throw new PartialError(`chat ${id} was created, but ${messageOf(failure)}`, id, partial, {
    cause: failure,
  });
}
