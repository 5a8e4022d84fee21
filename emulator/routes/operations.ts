import { Router } from "express";
import { odataContext } from "../odata";
import { operationJson } from "../views/chat";
import { type Ctx, chatFor, type RouterDeps, route } from "./route";

/** Evolvable enum members (operationType createChat) only for callers that ask for them. */
const wantsUnknownEnums = (ctx: Ctx) =>
  (ctx.header("prefer") ?? "")
    .split(",")
    .some((p) => p.trim().toLowerCase() === "include-unknown-enum-members");

/**
 * /chats/{id}/operations (docs/graph-api.md §5). Graph documents these under /beta only; the v1.0
 * create-chat Location points at the same path, so the emulator serves both versions (README choice).
 */
export function operationsRouter({ store }: RouterDeps): Router {
  const r = Router();
  const applied = (ctx: Ctx): Record<string, string> =>
    wantsUnknownEnums(ctx) ? { "preference-applied": "include-unknown-enum-members" } : {};

  route(r, "get", "/chats/:chatId/operations/:operationId", { permission: "readOperation" }, (ctx) => {
    const chat = chatFor(store, ctx.caller, ctx.param("chatId"));
    const op = store.pollOperation(chat.id, ctx.param("operationId"));
    return {
      status: 200,
      headers: applied(ctx),
      body: {
        "@odata.context": odataContext(ctx.version, `chats('${chat.id}')/operations/$entity`),
        ...operationJson(op, wantsUnknownEnums(ctx)),
      },
    };
  });

  route(r, "get", "/chats/:chatId/operations", { permission: "readOperation" }, (ctx) => {
    const chat = chatFor(store, ctx.caller, ctx.param("chatId"));
    return {
      status: 200,
      headers: applied(ctx),
      body: {
        "@odata.context": odataContext(ctx.version, `chats('${chat.id}')/operations`),
        value: store.operations(chat.id).map((op) => operationJson(op, wantsUnknownEnums(ctx))),
      },
    };
  });

  return r;
}
