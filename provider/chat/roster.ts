import type { AadUserConversationMember } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import type { ChatMember, ChatMemberState } from "../generated/types";
import { isNotFound } from "../graph/errors";
import { memberBody } from "./body";
import { chatPath, sameRoles, sameUser } from "./model";

/**
 * Brings a group chat's roster to the declared one, from Graph's current list (not from state, so
 * out-of-band changes are handled): new people are added first, then role changes (remove + add, since
 * Graph cannot change a role in place), then departures, so the chat never shrinks below its target.
 * Returns the declared members with resolved ids for output mapping.
 */
export async function syncRoster(
  ctx: Ctx,
  chatId: string,
  previous: readonly ChatMemberState[],
  declared: readonly ChatMember[],
): Promise<(ChatMember | ChatMemberState)[]> {
  const res = await ctx.client.send<{ value: AadUserConversationMember[] }>({
    method: "GET",
    path: `${chatPath(chatId)}/members`,
  });
  const current = [...res.data.value];
  const resolved = declared.map((d) => withKnownId(d, previous));
  const adds: ChatMember[] = [];
  const roleChanges: { member: AadUserConversationMember; declared: ChatMember }[] = [];
  for (const d of resolved) {
    const i = current.findIndex((g) => matches(d, g));
    if (i < 0) {
      adds.push(d);
      continue;
    }
    const [g] = current.splice(i, 1);
    if (!sameRoles(g!.roles ?? [], d.roles ?? ["owner"])) roleChanges.push({ member: g!, declared: d });
  }
  for (const d of adds) await addMember(ctx, chatId, d);
  for (const { member, declared: d } of roleChanges) {
    await removeMember(ctx, chatId, member.id!);
    await addMember(ctx, chatId, d);
  }
  for (const g of current) await removeMember(ctx, chatId, g.id!);
  return resolved;
}

type Resolved = ChatMember & { userId?: string | null | undefined };

/** Reuses the object id resolved earlier for a UPN, so renamed emails still match. */
function withKnownId(d: ChatMember, previous: readonly ChatMemberState[]): Resolved {
  const was = previous.find((p) => p.user.toLowerCase() === d.user.toLowerCase());
  return was?.userId ? { ...d, userId: was.userId } : d;
}

function matches(d: Resolved, g: AadUserConversationMember): boolean {
  return sameUser(d.user, g) || (!!d.userId && d.userId.toLowerCase() === (g.userId ?? "").toLowerCase());
}

async function addMember(ctx: Ctx, chatId: string, m: ChatMember): Promise<void> {
  const body = memberBody(ctx.settings.graphUrl, m);
  await ctx.client.send({ method: "POST", path: `${chatPath(chatId)}/members`, body });
}

async function removeMember(ctx: Ctx, chatId: string, membershipId: string): Promise<void> {
  try {
    await ctx.client.send({
      method: "DELETE",
      path: `${chatPath(chatId)}/members/${encodeURIComponent(membershipId)}`,
    });
  } catch (e) {
    if (!isNotFound(e)) throw e; // already gone is what we wanted
  }
}
