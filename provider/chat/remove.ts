import type { Ctx } from "../context";
import { CapabilityError } from "../errors";
import type { DeletionPolicy } from "../generated/types";
import { isGraphError, isNotFound } from "../graph/errors";
import type { ChatState } from "./model";
import { chatPath } from "./model";

/**
 * The policy destroy applies: the declared one; else `delete` for a group chat this stack created, and
 * `forget` for an adopted chat and for every one-on-one chat. A one-on-one chat is the pair's only chat
 * (Graph hands the same one to anyone who opens it), so even one this stack created may since hold the
 * two people's conversation: it is never deleted unless the program says so.
 */
export function effectivePolicy(
  olds: Pick<ChatState, "deletionPolicy" | "adopted" | "chatType">,
): DeletionPolicy {
  return olds.deletionPolicy ?? (olds.adopted || olds.chatType === "oneOnOne" ? "forget" : "delete");
}

export async function deleteChat(ctx: Ctx, id: string, olds: ChatState): Promise<void> {
  const policy = effectivePolicy(olds);
  if (policy === "forget") {
    ctx.warn(forgetNotice(id, olds));
    return;
  }
  if (policy === "hide") return hideChat(ctx, id);
  try {
    await ctx.client.send({ method: "DELETE", path: chatPath(id) });
  } catch (e) {
    if (isNotFound(e)) return;
    if (isGraphError(e) && e.status === 403) {
      throw e.explained(
        `\nDeleting a chat is a soft delete that needs the application permission Chat.ManageDeletion.All ` +
          "(or a Teams administrator signed in with delegated Chat.ManageDeletion.All). To leave the chat in Teams, set " +
          "deletionPolicy: 'forget' (remove it from the stack only) or 'hide' (hide it for the signed-in user), run pulumi up, then destroy again.",
      );
    }
    throw e;
  }
}

/** Destroy says what it did: the chat was only removed from the stack, and what would delete it. */
function forgetNotice(
  id: string,
  olds: Pick<ChatState, "deletionPolicy" | "adopted" | "chatType" | "topic">,
): string {
  const what =
    olds.chatType === "oneOnOne" ? "one-on-one chat" : `group chat${olds.topic ? ` '${olds.topic}'` : ""}`;
  const why = olds.deletionPolicy
    ? "its deletionPolicy is 'forget'"
    : olds.adopted
      ? "it was adopted (it existed before this stack)"
      : "a one-on-one chat is the pair's only chat, and is never deleted unless the program says so";
  return (
    `${what} ${id} stays in Teams and was only removed from the stack: ${why}. To delete it, set ` +
    `deletionPolicy: "delete" on the resource (or "hide" to hide it for the signed-in user), run pulumi up, then destroy.`
  );
}

async function hideChat(ctx: Ctx, id: string): Promise<void> {
  const token = await ctx.client.token();
  if (token.kind !== "delegated" || !token.userId) {
    throw new CapabilityError(
      `deletionPolicy 'hide' on chat ${id} hides it for the signed-in user, but the provider holds an application token. ` +
        "Use deletionPolicy 'delete' or 'forget', or sign in as a user.",
    );
  }
  try {
    await ctx.client.send({
      method: "POST",
      path: `${chatPath(id)}/hideForUser`,
      body: { user: { id: token.userId, ...(token.tenantId ? { tenantId: token.tenantId } : {}) } },
      idempotent: true,
    });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
