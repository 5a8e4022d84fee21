import type { AadUserConversationMember, Chat as GraphChat } from "@microsoft/microsoft-graph-types";
import type {
  ChatInputs,
  ChatInstalledApp,
  ChatMember,
  ChatMemberState,
  ChatOutputs,
  UndeclaredMembers,
} from "../generated/types";

// A chat as this provider models it: Graph's chat mapped to state and refreshed inputs, and how rosters
// compare. Pure functions; the request bodies are in body.ts.

/** A chat as GET /chats/{id}?$expand=members returns it. */
export type GraphChatWithMembers = GraphChat & { members?: AadUserConversationMember[] };

/** Outputs as the provider writes them: every optional key present, null when absent. */
export type ChatState = { -readonly [K in keyof ChatOutputs]-?: Exclude<ChatOutputs[K], undefined> };
/** A member in state: the display name and email only once a read has listed them (absent, not null). */
export type MemberState = {
  -readonly [K in Exclude<keyof ChatMemberState, Described>]-?: Exclude<ChatMemberState[K], undefined> | null;
} & { -readonly [K in Described]?: string };
type Described = "displayName" | "email";

export const chatPath = (id: string): string => `/chats/${encodeURIComponent(id)}`;

const lower = (s: string | null | undefined): string => (s ?? "").toLowerCase();

/** Whether a declared user (object id or UPN) names this Graph member. */
export function sameUser(declared: string, g: Identity): boolean {
  const d = lower(declared);
  const spelled = typeof g.user === "string" ? g.user : undefined;
  return d !== "" && (d === lower(g.userId) || d === lower(g.email) || d === lower(spelled));
}

interface Identity {
  readonly userId?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly user?: unknown;
}

/** The same roles in any order and case (Graph answers roles as it likes to spell them). */
export function sameRoles(a: readonly (string | null)[], b: readonly string[]): boolean {
  const key = (roles: readonly (string | null)[]) =>
    roles
      .map((r) => String(r).toLowerCase())
      .sort()
      .join();
  return key(a) === key(b);
}

/** Same people with the same roles (and tenant, where declared). History visibility applies only when added. */
export function sameRoster(current: readonly ChatMemberState[], declared: readonly ChatMember[]): boolean {
  if (current.length !== declared.length) return false;
  const left = [...current];
  for (const d of declared) {
    const i = left.findIndex((c) => sameUser(d.user, c));
    if (i < 0) return false;
    const [c] = left.splice(i, 1);
    if (!sameRoles(c!.roles, d.roles ?? ["owner"])) return false;
    if (d.tenantId && d.tenantId.toLowerCase() !== (c!.tenantId ?? "").toLowerCase()) return false;
  }
  return true;
}

/**
 * What an update does with members the program does not declare: as declared, else `keep` for a chat
 * adopted with existingChatId (they were there before the program) and `remove` for one this stack made.
 */
export function undeclaredPolicy(news: Partial<ChatInputs>): UndeclaredMembers {
  return news.undeclaredMembers ?? (news.existingChatId ? "keep" : "remove");
}

/** The members in state that no declared member names. */
export function undeclared(
  current: readonly ChatMemberState[],
  declared: readonly ChatMember[],
): ChatMemberState[] {
  return current.filter(
    (c) => !declared.some((d) => sameUser(d.user, c) || (!!c.userId && lower(d.user) === lower(c.userId))),
  );
}

/** The roster an update compares with the declared one: undeclared members left out when they are kept. */
export function comparedRoster(
  current: readonly ChatMemberState[],
  news: Partial<ChatInputs> & { members: readonly ChatMember[] },
): ChatMemberState[] {
  if (undeclaredPolicy(news) === "remove") return [...current];
  const extra = undeclared(current, news.members);
  return current.filter((c) => !extra.includes(c));
}

/**
 * Maps Graph's roster to output members: declared members first (keeping the spelling the program used,
 * matched by object id, email or a previously resolved id), then members added outside Pulumi.
 */
export function memberStates(
  graph: readonly AadUserConversationMember[],
  declared: readonly (ChatMember | ChatMemberState)[],
): MemberState[] {
  const remaining = [...graph];
  const out: MemberState[] = [];
  for (const d of declared) {
    const resolved = "userId" in d ? d.userId : undefined;
    const i = remaining.findIndex(
      (g) => sameUser(d.user, g) || (resolved && lower(resolved) === lower(g.userId)),
    );
    if (i < 0) continue;
    const [g] = remaining.splice(i, 1);
    out.push(toState(d.user, g!));
  }
  for (const g of remaining) out.push(toState(g.userId ?? g.id ?? "", g));
  return out;
}

export function toState(user: string, g: AadUserConversationMember): MemberState {
  return {
    user,
    roles: (g.roles ?? []).map(String),
    tenantId: g.tenantId ?? null,
    userId: g.userId ?? null,
    ...(g.displayName ? { displayName: g.displayName } : {}),
    ...(g.email ? { email: g.email } : {}),
  };
}

/**
 * A declared member as the create or add that named it tells: the user, roles and tenant sent (a member
 * of no declared tenant is of the chat's), the object id when the user was named by it. Graph's answer
 * to a create has no roster (https://learn.microsoft.com/graph/api/chat-post), so the display name and
 * email are absent (and a UPN's object id null) until a read (refresh) lists the members.
 */
export function declaredMemberState(
  d: ChatMember | ChatMemberState,
  chatTenantId: string | null,
): MemberState {
  const known = "userId" in d ? d.userId : undefined;
  return {
    user: d.user,
    roles: [...(d.roles ?? ["owner"])],
    tenantId: d.tenantId ?? chatTenantId,
    userId: known ?? (d.user.includes("@") ? null : d.user),
  };
}

/** Members as state, each spelled as the program declares it now (the same people, matched by id or email). */
export function respelled(
  current: readonly ChatMemberState[],
  declared: readonly ChatMember[],
): ChatMemberState[] {
  return current.map((c) => {
    const d = declared.find((x) => sameUser(x.user, c) || (!!c.userId && lower(x.user) === lower(c.userId)));
    return d ? { ...c, user: d.user } : c;
  });
}

/** The inputs a program would declare to match what Graph reports (refresh writes them as inputs). */
export function inputsFromState(state: ChatState, declared: Partial<ChatInputs>): Record<string, unknown> {
  return stripNulls({
    chatType: state.chatType,
    topic: state.chatType === "group" && declared.topic !== undefined ? state.topic : undefined,
    // tenantId only for members of another tenant (that is when a program declares it); history
    // visibility applies only when a member is added, so it is not part of the refreshed inputs.
    members: (state.members as MemberState[]).map((m) =>
      stripNulls({
        user: m.user,
        roles: m.roles?.length ? m.roles : undefined,
        tenantId:
          m.tenantId && m.tenantId.toLowerCase() !== state.tenantId.toLowerCase() ? m.tenantId : undefined,
      }),
    ),
    installedApps: declared.installedApps,
    deletionPolicy: declared.deletionPolicy,
    existingChatId: declared.existingChatId,
    undeclaredMembers: declared.undeclaredMembers,
  });
}

/** Drops null/undefined keys: the engine's Struct rejects undefined, and absent beats null for inputs. */
export function stripNulls<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** What state holds beyond Graph's chat and the inputs. `installedApps` defaults to the declared ones. */
export interface ChatStateExtra {
  readonly adopted: boolean;
  readonly creationOperationId?: string | null;
  readonly installedApps?: ChatInstalledApp[] | null;
}

export function chatState(
  chat: GraphChatWithMembers,
  inputs: Partial<ChatInputs>,
  declaredMembers: readonly (ChatMember | ChatMemberState)[],
  extra: ChatStateExtra,
): ChatState {
  return chatStateWith(chat, inputs, memberStates(chat.members ?? [], declaredMembers), extra);
}

/**
 * The chat Graph answered a create with (a `201` holds no members): its roster is the declared one
 * (declaredMemberState), so the create needs no second request.
 */
export function createdChatState(chat: GraphChat, inputs: ChatInputs, extra: ChatStateExtra): ChatState {
  const members = inputs.members.map((d) => declaredMemberState(d, chat.tenantId ?? null));
  return chatStateWith(chat, inputs, members, extra);
}

function chatStateWith(
  chat: GraphChat,
  inputs: Partial<ChatInputs>,
  members: readonly MemberState[],
  extra: ChatStateExtra,
): ChatState {
  return {
    chatType: chat.chatType as ChatState["chatType"],
    topic: chat.topic ?? null,
    members: members as ChatMemberState[],
    installedApps: extra.installedApps !== undefined ? extra.installedApps : (inputs.installedApps ?? null),
    deletionPolicy: inputs.deletionPolicy ?? null,
    existingChatId: inputs.existingChatId ?? null,
    undeclaredMembers: inputs.undeclaredMembers ?? null,
    createdDateTime: chat.createdDateTime ?? "",
    lastUpdatedDateTime: chat.lastUpdatedDateTime ?? chat.createdDateTime ?? "",
    tenantId: chat.tenantId ?? "",
    webUrl: chat.webUrl ?? "",
    adopted: extra.adopted,
    creationOperationId: extra.creationOperationId ?? null,
  };
}
