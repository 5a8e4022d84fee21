import { Router } from "express";
import { oneOnOneRosterFixed } from "../errors";
import { odataContext } from "../odata";
import { resolveMember } from "../rules/roster";
import type { ChatRecord } from "../store/records";
import { memberEntityJson, memberJson } from "../views/chat";
import { chatFor, type RouterDeps, route } from "./route";

/** /chats/{id}/members (docs/graph-api.md §4). A oneOnOne chat's roster is fixed. */
export function membersRouter({ store, directory }: RouterDeps): Router {
  const r = Router();
  const groupOnly = (c: ChatRecord) => {
    if (c.chatType === "oneOnOne") throw oneOnOneRosterFixed();
  };

  route(r, "get", "/chats/:chatId/members", { permission: "readMembers" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    return {
      status: 200,
      body: {
        "@odata.context": odataContext(ctx.version, `chats('${c.id}')/members`),
        "@odata.count": c.members.length,
        value: c.members.map(memberJson),
      },
    };
  });

  route(r, "get", "/chats/:chatId/members/:membershipId", { permission: "readMembers" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    return {
      status: 200,
      body: memberEntityJson(ctx.version, c.id, store.member(c.id, ctx.param("membershipId"))),
    };
  });

  // Graph documents 201 + Location; the emulator also returns the member (choice: emulator/README.md).
  // Without visibleHistoryStartDateTime no history is shared: the member's history starts now.
  route(r, "post", "/chats/:chatId/members", { permission: "addMember" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    groupOnly(c);
    const m = store.addMember(c.id, resolveMember(directory, ctx.body(), "member", new Date().toISOString()));
    return {
      status: 201,
      headers: { location: `/chats/${c.id}/members/${m.id}` },
      body: memberEntityJson(ctx.version, c.id, m),
    };
  });

  route(r, "delete", "/chats/:chatId/members/:membershipId", { permission: "removeMember" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    groupOnly(c);
    store.removeMember(c.id, ctx.param("membershipId"));
    return { status: 204 };
  });

  return r;
}
