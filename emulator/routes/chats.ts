import { Router } from "express";
import {
  deletionNeedsAdmin,
  hideBodyInvalid,
  hideOnlyForSelf,
  meNeedsDelegated,
  othersChatsNotListable,
  unsupportedExpand,
  userNotFound,
} from "../errors";
import { queryString } from "../odata";
import { authorize } from "../permissions";
import { installOutcome } from "../rules/apps";
import { parseCreateChat, parseTopicPatch } from "../rules/chat";
import { isListed } from "../store/records";
import { chatJson } from "../views/chat";
import { CHAT_LIST_QUERY, listChats } from "./chatList";
import { type Ctx, chatFor, type RouterDeps, route } from "./route";

/** /chats and /chats/{id}: create, read, list, rename, delete, hide (docs/graph-api.md §2, §3). */
export function chatsRouter({ store, directory }: RouterDeps): Router {
  const r = Router();

  route(r, "post", "/chats", { permission: "createChat" }, (ctx) => {
    const { chat: wanted, app } = parseCreateChat(directory, ctx.caller, ctx.body());
    const [a, b] = wanted.members;
    // One-on-one chats are idempotent: the same pair gets the existing chat back (201, same id).
    const chat =
      (wanted.chatType === "oneOnOne" ? store.oneOnOneBetween(a!.userId, b!.userId) : undefined) ??
      store.createChat(wanted);
    if (!app) return { status: 201, body: chatJson(ctx.version, chat, false) };
    // With an app, the chat exists at once and an async operation installs the app (202, no body).
    const op = store.startOperation(chat.id, installOutcome(directory, ctx.caller, app));
    return { status: 202, headers: { location: `/chats('${chat.id}')/operations('${op.id}')` } };
  });

  // A chat just created may not be listed yet (chatListDelayMs), as with Graph's eventual consistency.
  const listed = (userId: string) => store.chatsOf(userId).filter((c) => isListed(c));

  // The signed-in user's chats; /me needs a user, and Graph lists chats for applications only per user.
  for (const path of ["/chats", "/me/chats"]) {
    route(r, "get", path, { permission: null, query: CHAT_LIST_QUERY }, (ctx) => {
      if (path === "/me/chats" && ctx.caller.kind === "application") throw meNeedsDelegated();
      authorize(ctx.caller, "listChats");
      return listChats(ctx, "chats", listed(ctx.caller.userId!));
    });
  }

  route(r, "get", "/users/:user/chats", { permission: "listUserChats", query: CHAT_LIST_QUERY }, (ctx) => {
    const u = directory.user(ctx.param("user"));
    if (!u) throw userNotFound(ctx.param("user"));
    if (ctx.caller.kind === "delegated" && u.id.toLowerCase() !== ctx.caller.userId?.toLowerCase())
      throw othersChatsNotListable(ctx.param("user"));
    return listChats(ctx, `users('${u.id}')/chats`, listed(u.id));
  });

  route(r, "get", "/chats/:chatId", { permission: "readChat", query: ["$expand"] }, (ctx) => {
    const expand = queryString(ctx.req, "$expand");
    if (expand !== undefined && expand !== "members")
      throw unsupportedExpand(expand, ctx.endpoint, "members");
    // Rosters (with emails) are member data: reading them needs a member-read permission too.
    if (expand === "members") authorize(ctx.caller, "readMembers");
    const chat = chatFor(store, ctx.caller, ctx.param("chatId"));
    return { status: 200, body: chatJson(ctx.version, chat, expand === "members") };
  });

  route(r, "patch", "/chats/:chatId", { permission: "updateChat" }, (ctx) => {
    const chat = chatFor(store, ctx.caller, ctx.param("chatId"));
    const topic = parseTopicPatch(chat.chatType, ctx.body());
    return { status: 200, body: chatJson(ctx.version, store.setTopic(chat.id, topic), false) };
  });

  // Soft delete (docs/graph-api.md §3): delegated callers must be Teams administrators, who may delete
  // chats they are not in; the chat is then gone for Graph and kept for the inspection endpoint.
  route(r, "delete", "/chats/:chatId", { permission: "deleteChat" }, (ctx) => {
    if (ctx.caller.kind === "delegated" && !directory.user(ctx.caller.userId!)?.isTeamsAdmin)
      throw deletionNeedsAdmin(ctx.caller.userId!);
    store.deleteChat(ctx.param("chatId"));
    return { status: 204 };
  });

  for (const action of ["hideForUser", "unhideForUser"] as const) {
    route(r, "post", `/chats/:chatId/${action}`, { permission: "hideChat" }, (ctx) => {
      const chat = chatFor(store, ctx.caller, ctx.param("chatId"));
      store.setHidden(chat.id, hideTarget(ctx, action), action === "hideForUser");
      return { status: 204 };
    });
  }

  return r;
}

/** The body's user, which in delegated mode must be the signed-in user (docs/graph-api.md §3). */
function hideTarget(ctx: Ctx, action: string): string {
  const user = (ctx.body()["user"] as { id?: unknown } | undefined)?.id;
  if (typeof user !== "string" || user === "") throw hideBodyInvalid(action);
  if (user.toLowerCase() !== ctx.caller.userId?.toLowerCase()) throw hideOnlyForSelf(action, user);
  return user;
}
