import type { AadUserConversationMember, User } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import { messageOf } from "../errors";
import type { ChatInputs } from "../generated/types";
import { type Attempt, attemptStartOnGraphClock, type ClockReading } from "../graph/clock";
import type { GraphError } from "../graph/errors";
import { sendAtMostOnce } from "../graph/once";
import { parseOperationLocation } from "../graph/operations";
import { createBody } from "./body";
import { chatPath, type GraphChatWithMembers } from "./model";

/** Pages of the member's group chats looked through per search (Graph's $top is at most 50). */
const SEARCH_PAGES = 3;
/** Graph's known issue: List chats with $expand=members returns at most 25 members of a chat (docs/graph-api.md §3). */
const LISTED_MEMBERS = 25;

/** What POST /chats made: the chat, its creation operation (202), and whether it was found by a search. */
export interface Posted {
  readonly id: string;
  readonly operationId: string | null;
  /** The POST's answer as a reading of Graph's clock (no Date header when the chat was found by a search). */
  readonly sent: ClockReading;
  readonly found: boolean;
  /**
   * The chat as Graph answered: the `201`'s body (no members), or the listed chat a search found (with
   * members); undefined after a `202`, whose answer has no body.
   */
  readonly chat: GraphChatWithMembers | undefined;
}

/**
 * POST /chats. Graph returns the existing chat for a one-on-one pair, so that POST is repeated freely. A
 * group-chat POST is not idempotent: it is sent at most once (graph/once.ts), the member's group chats
 * being searched for the one this create made before it is sent again, so an unclear answer ends in
 * neither a duplicate nor an orphan.
 */
export async function postChat(ctx: Ctx, inputs: ChatInputs): Promise<Posted> {
  let search: Search | undefined;
  // Described only after an unclear answer, once: the members' object ids and whose chats to list.
  const searchFor = async () => (search ??= await describeSearch(ctx, inputs));
  const body = createBody(ctx.settings.graphUrl, inputs);
  const oneOnOne = inputs.chatType === "oneOnOne";
  const r = await sendAtMostOnce(ctx, {
    send: () =>
      ctx.client.send<GraphChatWithMembers>({ method: "POST", path: "/chats", body, idempotent: oneOnOne }),
    unclear: (e) => !oneOnOne && e.ambiguous,
    find: async (firstAttempt, cause) => {
      try {
        return await findCreated(ctx, await searchFor(), firstAttempt);
      } catch (e) {
        throw searchFailed(cause, e);
      }
    },
    settle: {
      what: "the new group chat to show in the member's chats",
      notYet: "not among the member's chats",
      budgetSeconds: ctx.settings.chatListSettleSeconds,
    },
    stop: (e, attempts, last) => (last ? notFound(ctx, e, attempts, search!) : undefined),
    journaled: true,
  });
  if ("found" in r)
    return {
      id: r.found.id!,
      operationId: null,
      sent: { attempt: r.firstAttempt, dateHeader: undefined, receivedMono: performance.now() },
      found: true,
      chat: r.found,
    };
  const res = r.sent;
  const ref = res.status === 202 ? parseOperationLocation(res.headers["location"]) : undefined;
  return {
    id: ref?.chatId ?? res.data.id!,
    operationId: ref?.operationId ?? null,
    sent: { attempt: r.firstAttempt, dateHeader: res.headers["date"], receivedMono: res.receivedMono },
    found: false,
    chat: res.status === 201 && res.data?.id ? res.data : undefined,
  };
}

/** Where and what to look for: a group chat of exactly these users (object ids, lower case). */
interface Search {
  readonly path: string;
  readonly whose: string;
  readonly topic: string | null;
  readonly userIds: readonly string[];
}

async function describeSearch(ctx: Ctx, inputs: ChatInputs): Promise<Search> {
  // Graph's member lists show object ids: a member declared by UPN is looked up.
  const userIds = await Promise.all(
    inputs.members.map(async ({ user }) => {
      if (!user.includes("@")) return user.toLowerCase();
      const res = await ctx.client.send<User>({
        method: "GET",
        path: `/users/${encodeURIComponent(user)}`,
      });
      return (res.data.id ?? user).toLowerCase();
    }),
  );
  const token = await ctx.client.token();
  // A delegated token lists its own chats; an application names a user: the first of this tenant.
  const self = token.kind === "delegated";
  const home = inputs.members.findIndex((m) => !m.tenantId);
  const first = Math.max(home, 0);
  return {
    path: self ? "/me/chats" : `/users/${encodeURIComponent(userIds[first]!)}/chats`,
    whose: self ? "the signed-in user" : `member ${inputs.members[first]!.user}`,
    topic: inputs.topic || null,
    userIds: [...new Set(userIds)].sort(),
  };
}

type ChatPage = { value: GraphChatWithMembers[]; "@odata.nextLink"?: string };

/**
 * The group chat with the declared topic (or none) and exactly the declared members, created on Graph's
 * clock no earlier than the first attempt. An identical chat made before, by hand or by another stack,
 * is not ours and is never taken. Should two match (a repeat made a second), the first made is ours.
 */
async function findCreated(
  ctx: Ctx,
  s: Search,
  firstAttempt: Attempt,
): Promise<GraphChatWithMembers | undefined> {
  const filter = `chatType eq 'group'${s.topic ? ` and topic eq '${s.topic.replace(/'/g, "''")}'` : ""}`;
  let next: { path: string; query: Record<string, string> } | undefined = {
    path: s.path,
    query: { $filter: filter, $expand: "members", $top: "50" },
  };
  const matches: GraphChatWithMembers[] = [];
  for (let page = 0; page < SEARCH_PAGES && next; page++) {
    const res = await ctx.client.send<ChatPage>({ method: "GET", ...next });
    const since = attemptStartOnGraphClock(res.headers["date"], firstAttempt, res.receivedMono);
    for (const c of res.data.value) if (await isOurs(ctx, c, s, since)) matches.push(c);
    next = followLink(res.data["@odata.nextLink"]);
  }
  matches.sort((a, b) => Date.parse(a.createdDateTime!) - Date.parse(b.createdDateTime!));
  if (matches.length > 1) {
    const others = matches.slice(1).map((c) => c.id);
    ctx.warn(
      `the create of a group chat was sent more than once and Graph made ${matches.length} chats; keeping ${matches[0]!.id}. ` +
        `The others (${others.join(", ")}) are duplicates this stack does not manage: delete them in Teams.`,
    );
  }
  return matches[0];
}

async function isOurs(ctx: Ctx, c: GraphChatWithMembers, s: Search, since: number): Promise<boolean> {
  if (c.chatType !== "group" || (c.topic || null) !== s.topic) return false;
  if (!(Date.parse(c.createdDateTime ?? "") >= since)) return false;
  let members: AadUserConversationMember[] = c.members ?? [];
  if (members.length >= LISTED_MEMBERS && s.userIds.length >= LISTED_MEMBERS) {
    const res = await ctx.client.send<{ value: AadUserConversationMember[] }>({
      method: "GET",
      path: `${chatPath(c.id!)}/members`,
    });
    members = res.data.value;
  }
  const ids = [...new Set(members.map((m) => (m.userId ?? "").toLowerCase()))].sort();
  return ids.length === s.userIds.length && ids.every((id, i) => id === s.userIds[i]);
}

/** An @odata.nextLink as a request of the client (path below the version, and the query). */
function followLink(link: string | undefined): { path: string; query: Record<string, string> } | undefined {
  if (!link) return undefined;
  const u = new URL(link);
  return { path: u.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, ""), query: Object.fromEntries(u.searchParams) };
}

function notFound(ctx: Ctx, e: GraphError, attempts: number, s: Search): GraphError {
  const topic = s.topic === null ? "no topic" : `topic '${s.topic}'`;
  return e.explained(
    `. The create was sent ${attempts} times; after each, the group chats of ${s.whose} were searched ` +
      `(${s.path}, for up to msteams:chatListSettleSeconds = ${ctx.settings.chatListSettleSeconds}s) for a chat with ${topic} ` +
      `and exactly these ${s.userIds.length} members made since the first attempt, and none was found. Graph did not ` +
      "create the chat, or its lists lag more than that: run pulumi up again (raise msteams:chatListSettleSeconds if " +
      "Graph is slow), or set existingChatId to adopt a chat you find in Teams.",
  );
}

function searchFailed(cause: GraphError, e: unknown): GraphError {
  return cause.explained(
    `. Graph may have created the chat anyway, and looking for it failed: ${messageOf(e)}. ` +
      "Look for the chat in Teams and set existingChatId to adopt it, or run pulumi up again to create it.",
  );
}
