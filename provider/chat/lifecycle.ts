import type { AadUserConversationMember, User } from "@microsoft/microsoft-graph-types";
import { type Ctx, PartialCreateError } from "../context";
import { messageOf } from "../errors";
import type { ChatInputs, ChatMember, ChatMemberState } from "../generated/types";
import { isNotFound } from "../graph/errors";
import { waitForOperation } from "../operations";
import { installedOf, reconcileApps } from "./apps";
import { sameApps, sameRoster } from "./diff";
import {
  type ChatState,
  chatPath,
  chatState,
  type GraphChatWithMembers,
  inputsFromState,
  sameUser,
} from "./model";
import { creationOperation, postChat } from "./reconcile";
import { reconcileRoster } from "./roster";

export async function getChat(ctx: Ctx, id: string): Promise<GraphChatWithMembers> {
  const res = await ctx.client.send<GraphChatWithMembers>({
    method: "GET",
    path: chatPath(id),
    query: { $expand: "members" },
    chatId: id,
  });
  return res.data;
}

export async function createChat(ctx: Ctx, inputs: ChatInputs): Promise<{ id: string; outs: ChatState }> {
  if (inputs.existingChatId) return adoptChat(ctx, inputs, inputs.existingChatId);
  const sentAt = Date.now();
  const posted = await postChat(ctx, inputs);
  const { id } = posted;
  let operationId = posted.operationId;
  const apps = inputs.installedApps ?? [];
  try {
    // A chat found by a search has lost its 202's Location: its creation operation is looked up instead.
    if (posted.found && apps.length) operationId = await creationOperation(ctx, id);
    if (operationId) {
      await waitForOperation(
        ctx,
        { chatId: id, operationId },
        `creating chat ${id} with ${apps.length} app(s)`,
      );
    } else if (posted.found && apps.length) {
      // Graph lists no operation for it: install what the chat lacks (an install under way is a 409, adopted).
      await reconcileApps(ctx, id, await installedOf(ctx, id, apps), apps);
    }
    const chat = await getChat(ctx, id);
    const members = await resolveDeclared(ctx, inputs.members, chat.members ?? []);
    const adopted = inputs.chatType === "oneOnOne" && existedBefore(chat, sentAt, posted.dateHeader);
    return { id, outs: chatState(chat, inputs, members, { adopted, creationOperationId: operationId }) };
  } catch (e) {
    throw await partial(ctx, id, inputs, operationId, sentAt, e);
  }
}

/**
 * Graph hands back the existing one-on-one chat for a pair: it existed before this create when Graph
 * created it before we sent the request. A large clock offset (from the Date header) is corrected first.
 */
export function existedBefore(
  chat: GraphChatWithMembers,
  sentAt: number,
  dateHeader: string | undefined,
  now = Date.now(),
): boolean {
  const created = Date.parse(chat.createdDateTime ?? "");
  if (Number.isNaN(created)) return false;
  const serverNow = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  const offset = !Number.isNaN(serverNow) && Math.abs(serverNow - now) > 5000 ? serverNow - now : 0;
  return created < sentAt + offset;
}

async function partial(
  ctx: Ctx,
  id: string,
  inputs: ChatInputs,
  operationId: string | null,
  sentAt: number,
  cause: unknown,
) {
  let outs: Record<string, unknown> = {
    chatType: inputs.chatType,
    members: [],
    adopted: false,
    creationOperationId: operationId,
  };
  try {
    const chat = await getChat(ctx, id);
    const adopted = inputs.chatType === "oneOnOne" && existedBefore(chat, sentAt, undefined);
    // Apps of a failed creation operation are not installed: recording none lets the next `up` retry them.
    outs = chatState(chat, inputs, inputs.members, {
      adopted,
      creationOperationId: operationId,
      installedApps: [],
    });
  } catch {
    // Keep the minimal outputs: the id alone lets refresh and the next up find the chat.
  }
  return new PartialCreateError(`chat ${id} was created, but ${messageOf(cause)}`, id, outs);
}

async function adoptChat(ctx: Ctx, inputs: ChatInputs, id: string): Promise<{ id: string; outs: ChatState }> {
  let chat: GraphChatWithMembers;
  try {
    chat = await getChat(ctx, id);
  } catch (e) {
    if (isNotFound(e))
      throw new Error(`existingChatId '${id}' was not found in Graph (or this identity cannot see it)`);
    throw e;
  }
  if (chat.chatType !== inputs.chatType) {
    throw new Error(
      `existingChatId '${id}' is a ${chat.chatType} chat but chatType is '${inputs.chatType}'; make them agree`,
    );
  }
  const current = chatState(chat, inputs, await resolveDeclared(ctx, inputs.members, chat.members ?? []), {
    adopted: true,
    installedApps: await installedOf(ctx, id, inputs.installedApps ?? []),
  });
  // Converge the adopted chat on the declared topic, roster and apps (apps it already has are kept).
  return { id, outs: await updateChat(ctx, id, current, inputs) };
}

export async function readChat(
  ctx: Ctx,
  id: string,
  olds: ChatState,
): Promise<{ id: string; props?: ChatState; inputs?: Record<string, unknown> }> {
  let chat: GraphChatWithMembers;
  try {
    chat = await getChat(ctx, id);
  } catch (e) {
    if (isNotFound(e)) return { id: "" };
    throw e;
  }
  const declared = declaredFrom(olds);
  const props = chatState(chat, declared, olds.members ?? [], {
    adopted: olds.adopted ?? false,
    creationOperationId: olds.creationOperationId ?? null,
    installedApps: olds.installedApps ?? null,
  });
  return { id, props, inputs: inputsFromState(props, declared) };
}

function declaredFrom(olds: ChatState): Partial<ChatInputs> {
  const d: Record<string, unknown> = { chatType: olds.chatType, members: olds.members ?? [] };
  if (olds.topic !== null && olds.topic !== undefined) d["topic"] = olds.topic;
  if (olds.installedApps) d["installedApps"] = olds.installedApps;
  if (olds.deletionPolicy) d["deletionPolicy"] = olds.deletionPolicy;
  if (olds.existingChatId) d["existingChatId"] = olds.existingChatId;
  return d as Partial<ChatInputs>;
}

export async function updateChat(
  ctx: Ctx,
  id: string,
  olds: ChatState,
  news: ChatInputs,
): Promise<ChatState> {
  if (news.chatType === "group" && news.topic !== undefined && news.topic !== olds.topic) {
    await ctx.client.send({ method: "PATCH", path: chatPath(id), body: { topic: news.topic }, chatId: id });
  }
  let declared: readonly (ChatMember | ChatMemberState)[] = news.members;
  if (news.chatType === "group" && !sameRoster(olds.members ?? [], news.members)) {
    declared = await reconcileRoster(ctx, id, olds.members ?? [], news.members);
  }
  if (!sameApps(olds.installedApps ?? [], news.installedApps ?? [])) {
    await reconcileApps(ctx, id, olds.installedApps ?? [], news.installedApps ?? []);
  }
  const chat = await getChat(ctx, id);
  return chatState(chat, news, declared, {
    adopted: olds.adopted ?? false,
    creationOperationId: olds.creationOperationId ?? null,
  });
}

/** Declared members, with the object id of any UPN that Graph's member list does not show as email. */
export async function resolveDeclared(
  ctx: Ctx,
  declared: readonly ChatMember[],
  graph: readonly AadUserConversationMember[],
): Promise<(ChatMember | ChatMemberState)[]> {
  return Promise.all(
    declared.map(async (d) => {
      if (graph.some((g) => sameUser(d.user, g)) || !d.user.includes("@")) return d;
      const res = await ctx.client.send<User>({
        method: "GET",
        path: `/users/${encodeURIComponent(d.user)}`,
      });
      return { ...d, roles: d.roles ?? ["owner"], userId: res.data.id ?? d.user } as ChatMemberState;
    }),
  );
}
