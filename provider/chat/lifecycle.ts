// Reading and updating a Chat: Graph's chat as state, and the in-place changes (topic, roster, apps).
import type { AadUserConversationMember, Chat as GraphChat, User } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import { PartialError } from "../contract";
import { messageOf } from "../errors";
import type { ChatInputs, ChatMember, ChatMemberState } from "../generated/types";
import { graphTime } from "../graph/clock";
import { isNotFound } from "../graph/errors";
import { syncChatApps } from "../install/chat-apps";
import { sameApps } from "../install/model";
import {
  type ChatState,
  type ChatStateExtra,
  chatPath,
  chatState,
  type GraphChatWithMembers,
  inputsFromState,
  respelled,
  sameRoster,
  sameUser,
} from "./model";
import { syncRoster } from "./roster";

export async function getChat(ctx: Ctx, id: string): Promise<GraphChatWithMembers> {
  const res = await ctx.client.send<GraphChatWithMembers>({
    method: "GET",
    path: chatPath(id),
    query: { $expand: "members" },
  });
  return res.data;
}

/**
 * The chat as state, read from Graph now: its members matched to the declared ones (a UPN that Graph's
 * list does not show is resolved to its object id). `extra` sees the chat Graph returned.
 */
export async function observe(
  ctx: Ctx,
  id: string,
  inputs: ChatInputs,
  extra: (chat: GraphChatWithMembers) => ChatStateExtra,
  known?: GraphChatWithMembers,
): Promise<ChatState> {
  const chat = known ?? (await getChat(ctx, id));
  const members = await resolveDeclared(ctx, inputs.members, chat.members ?? []);
  return chatState(chat, inputs, members, extra(chat));
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
  const members = await resolveDeclared(ctx, olds.members ?? [], chat.members ?? []);
  const props = chatState(chat, declared, members, {
    adopted: olds.adopted ?? false,
    creationOperationId: olds.creationOperationId ?? null,
    installedApps: olds.installedApps ?? null,
  });
  // No state yet (an import, or a reference): nothing was declared, so the topic Graph shows is the input.
  const asDeclared =
    olds.chatType === undefined && props.topic ? { ...declared, topic: props.topic } : declared;
  return { id, props, inputs: inputsFromState(props, asDeclared) };
}

function declaredFrom(olds: ChatState): Partial<ChatInputs> {
  const d: Record<string, unknown> = { chatType: olds.chatType, members: olds.members ?? [] };
  if (olds.topic !== null && olds.topic !== undefined) d["topic"] = olds.topic;
  if (olds.installedApps) d["installedApps"] = olds.installedApps;
  if (olds.deletionPolicy) d["deletionPolicy"] = olds.deletionPolicy;
  if (olds.existingChatId) d["existingChatId"] = olds.existingChatId;
  return d as Partial<ChatInputs>;
}

/**
 * Applies the changes and returns the state the writes' answers tell, without reading the chat again:
 * Graph's answer to the PATCH, the updated chat (https://learn.microsoft.com/graph/api/chat-patch; the
 * topic sent should it answer without a body), the roster the sync left (from its own member list and
 * adds), the apps declared. Refresh is where out-of-band changes are read.
 */
export async function updateChat(
  ctx: Ctx,
  id: string,
  olds: ChatState,
  news: ChatInputs,
): Promise<ChatState> {
  let topic = olds.topic ?? null;
  let lastUpdated = olds.lastUpdatedDateTime;
  if (news.chatType === "group" && news.topic !== undefined && news.topic !== olds.topic) {
    const res = await ctx.client.send<GraphChat | "">({
      method: "PATCH",
      path: chatPath(id),
      body: { topic: news.topic },
    });
    const answered = typeof res.data === "object" && res.data?.id ? res.data : undefined;
    topic = answered ? (answered.topic ?? null) : news.topic;
    lastUpdated = answered?.lastUpdatedDateTime ?? graphTime(res.headers) ?? lastUpdated;
  }
  let members = respelled(olds.members ?? [], news.members);
  if (news.chatType === "group" && !sameRoster(olds.members ?? [], news.members)) {
    const synced = await syncRoster(ctx, id, olds.members ?? [], news.members, olds.tenantId);
    members = synced.members;
    lastUpdated = synced.changedAt ?? lastUpdated;
  }
  if (!sameApps(olds.installedApps ?? [], news.installedApps ?? [])) {
    await syncChatApps(ctx, id, olds.installedApps ?? [], news.installedApps ?? []);
  }
  return {
    chatType: olds.chatType,
    topic,
    members,
    installedApps: news.installedApps ?? null,
    deletionPolicy: news.deletionPolicy ?? null,
    existingChatId: news.existingChatId ?? null,
    createdDateTime: olds.createdDateTime,
    lastUpdatedDateTime: lastUpdated,
    tenantId: olds.tenantId,
    webUrl: olds.webUrl,
    adopted: olds.adopted ?? false,
    creationOperationId: olds.creationOperationId ?? null,
  };
}

/**
 * An update that fails after changing something stops part-way: when the chat is still there, the error
 * carries its state now (a partial failure), so the stack records what Graph holds and the next `up`
 * finishes the job. Otherwise the original error stands.
 */
export async function updateOrRecord(
  ctx: Ctx,
  id: string,
  olds: ChatState,
  news: ChatInputs,
): Promise<{ outs: ChatState }> {
  try {
    return { outs: await updateChat(ctx, id, olds, news) };
  } catch (e) {
    const now = await readChat(ctx, id, olds).catch(() => undefined);
    if (!now?.id) throw e;
    throw new PartialError(
      `updating chat ${id} stopped part-way: ${messageOf(e)}`,
      id,
      { ...now.props },
      {
        cause: e,
      },
    );
  }
}

/**
 * Declared members, with the object id of any UPN that Graph's member list does not show as email (one
 * whose id is known from an earlier read is not looked up again).
 */
export async function resolveDeclared(
  ctx: Ctx,
  declared: readonly (ChatMember | ChatMemberState)[],
  graph: readonly AadUserConversationMember[],
): Promise<(ChatMember | ChatMemberState)[]> {
  return Promise.all(
    declared.map(async (d) => {
      if ("userId" in d && d.userId) return d;
      if (graph.some((g) => sameUser(d.user, g)) || !d.user.includes("@")) return d;
      const res = await ctx.client.send<User>({
        method: "GET",
        path: `/users/${encodeURIComponent(d.user)}`,
      });
      return { ...d, roles: d.roles ?? ["owner"], userId: res.data.id ?? d.user } as ChatMemberState;
    }),
  );
}
