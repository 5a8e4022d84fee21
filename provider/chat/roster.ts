import type { AadUserConversationMember, User } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import type { ChatMember, ChatMemberState } from "../generated/types";
import { graphTime } from "../graph/clock";
import { isNotFound } from "../graph/errors";
import { sendAtMostOnce } from "../graph/once";
import { memberBody } from "./body";
import { chatPath, declaredMemberState, type MemberState, sameRoles, sameUser, toState } from "./model";

/**
 * Brings a group chat's roster to the declared one, from Graph's current list (not from state, so
 * out-of-band changes are handled): new people are added first, then role changes (remove + add, since
 * Graph cannot change a role in place), then departures, so the chat never shrinks below its target.
 * Returns the roster as state, in declared order, from that list and the adds' answers, and when Graph
 * answered the last change (its Date header), so the update needs no read afterwards. With
 * `keepUndeclared` (undeclaredMembers: "keep") members the program does not declare stay, listed last.
 */
export async function syncRoster(
  ctx: Ctx,
  chatId: string,
  previous: readonly ChatMemberState[],
  declared: readonly ChatMember[],
  chatTenantId: string | null,
  keepUndeclared = false,
): Promise<{ members: ChatMemberState[]; changedAt: string | undefined }> {
  const res = await ctx.client.send<{ value: AadUserConversationMember[] }>({
    method: "GET",
    path: `${chatPath(chatId)}/members`,
  });
  const current = [...res.data.value];
  const resolved = await resolveUnmatched(
    ctx,
    declared.map((d) => withKnownId(d, previous)),
    current,
  );
  const states = new Map<Resolved, MemberState>();
  const adds: Resolved[] = [];
  const roleChanges: { member: AadUserConversationMember; declared: Resolved }[] = [];
  for (const d of resolved) {
    const i = current.findIndex((g) => matches(d, g));
    if (i < 0) {
      adds.push(d);
      continue;
    }
    const [g] = current.splice(i, 1);
    if (sameRoles(g!.roles ?? [], d.roles ?? ["owner"])) states.set(d, toState(d.user, g!));
    else roleChanges.push({ member: g!, declared: d });
  }
  let changedAt: string | undefined;
  const add = async (d: Resolved) => {
    const r = await addMember(ctx, chatId, d, chatTenantId);
    states.set(d, r.member);
    changedAt = r.at ?? changedAt;
  };
  for (const d of adds) await add(d);
  for (const { member, declared: d } of roleChanges) {
    changedAt = (await removeMember(ctx, chatId, member.id!)) ?? changedAt;
    await add(d);
  }
  for (const g of keepUndeclared ? [] : current)
    changedAt = (await removeMember(ctx, chatId, g.id!)) ?? changedAt;
  const kept = keepUndeclared ? current.map((g) => toState(g.userId ?? g.id ?? "", g)) : [];
  const members = [...resolved.map((d) => states.get(d)!), ...kept] as ChatMemberState[];
  return { members, changedAt };
}

type Resolved = ChatMember & { userId?: string | null | undefined };

/** Reuses the object id resolved earlier for a UPN, so renamed emails still match. */
function withKnownId(d: ChatMember, previous: readonly ChatMemberState[]): Resolved {
  const was = previous.find((p) => p.user.toLowerCase() === d.user.toLowerCase());
  return was?.userId ? { ...d, userId: was.userId } : d;
}

/**
 * A declared UPN that matches no listed member while a listed member matches no declared one may be that
 * member under another email: its object id is looked up then (and only then), so the same person is not
 * removed and added again.
 */
async function resolveUnmatched(
  ctx: Ctx,
  declared: readonly Resolved[],
  listed: readonly AadUserConversationMember[],
): Promise<Resolved[]> {
  const strangers = listed.some((g) => !declared.some((d) => matches(d, g)));
  if (!strangers) return [...declared];
  return Promise.all(
    declared.map(async (d) => {
      if (d.userId || !d.user.includes("@") || listed.some((g) => matches(d, g))) return d;
      const res = await ctx.client.send<User>({
        method: "GET",
        path: `/users/${encodeURIComponent(d.user)}`,
      });
      return res.data.id ? { ...d, userId: res.data.id } : d;
    }),
  );
}

function matches(d: Resolved, g: AadUserConversationMember): boolean {
  return sameUser(d.user, g) || (!!d.userId && d.userId.toLowerCase() === (g.userId ?? "").toLowerCase());
}

/**
 * Adds a member: the member as state from the answer's body when Graph sends one, else as declared. The
 * add is sent at most once (graph/once.ts): after an answer lost on the way, the roster is looked at
 * before sending again, and a member the lost attempt added is done; Graph refuses to add a member twice
 * (409), so a resend the roster did not yet show is done too.
 */
async function addMember(
  ctx: Ctx,
  chatId: string,
  m: Resolved,
  chatTenantId: string | null,
): Promise<{ member: MemberState; at: string | undefined }> {
  const body = memberBody(ctx.settings.graphUrl, m);
  const listed = async () => {
    const g = await listedMember(ctx, chatId, m);
    return g && toState(m.user, g);
  };
  const r = await sendAtMostOnce(ctx, {
    send: () =>
      ctx.client.send<AadUserConversationMember | "">({
        method: "POST",
        path: `${chatPath(chatId)}/members`,
        body,
      }),
    find: listed,
    already: async (e) =>
      e.status === 409 ? ((await listed()) ?? declaredMemberState(m, chatTenantId)) : undefined,
  });
  if ("found" in r) return { member: r.found, at: undefined };
  const res = r.sent;
  const answered = typeof res.data === "object" && res.data?.id ? res.data : undefined;
  const member = answered ? toState(m.user, answered) : declaredMemberState(m, chatTenantId);
  return { member, at: graphTime(res.headers) };
}

/** The declared member in Graph's member list now, if it is there (as Graph holds it: roles included). */
async function listedMember(
  ctx: Ctx,
  chatId: string,
  m: Resolved,
): Promise<AadUserConversationMember | undefined> {
  const res = await ctx.client.send<{ value: AadUserConversationMember[] }>({
    method: "GET",
    path: `${chatPath(chatId)}/members`,
  });
  return res.data.value.find((g) => matches(m, g));
}

/** Removes a membership; when Graph answered (undefined when it was already gone). */
async function removeMember(ctx: Ctx, chatId: string, membershipId: string): Promise<string | undefined> {
  try {
    const res = await ctx.client.send({
      method: "DELETE",
      path: `${chatPath(chatId)}/members/${encodeURIComponent(membershipId)}`,
    });
    return graphTime(res.headers);
  } catch (e) {
    if (!isNotFound(e)) throw e; // already gone is what we wanted
    return undefined;
  }
}
