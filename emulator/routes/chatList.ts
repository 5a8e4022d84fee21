import { topOutOfRange, unsupportedExpand, unsupportedFilter } from "../errors";
import { odataContext, queryString } from "../odata";
import { authorize } from "../permissions";
import type { ChatRecord } from "../store/records";
import { chatJson } from "../views/chat";
import { nextLink, parseSkipToken } from "./paging";
import type { Ctx, Reply } from "./route";

/** Query options of List chats; any other one is a 400 (route.ts). */
export const CHAT_LIST_QUERY = ["$expand", "$top", "$filter", "$skiptoken"] as const;

/** Graph's known issue: with $expand=members, at most 25 members of each chat are returned. */
const EXPANDED_MEMBERS = 25;

const FILTERS =
  "chatType eq 'group'|'oneOnOne', topic eq '…', " +
  "members/any(o: o/microsoft.graph.aadUserConversationMember/userId eq '…'), joined with ' and '";

/**
 * GET /chats, /me/chats, /users/{id|upn}/chats (docs/graph-api.md §3 "List chats"): the live chats the
 * user is a member of, lastUpdatedDateTime descending (README choice). $expand=members; $top 1–50
 * (default 20); $filter as in FILTERS; paging through @odata.nextLink with an opaque $skiptoken.
 * `chats` are the user's chats that lists show already (chatListDelayMs).
 */
export function listChats(ctx: Ctx, contextPath: string, chats: readonly ChatRecord[]): Reply {
  const expand = queryString(ctx.req, "$expand");
  if (expand !== undefined && expand !== "members") throw unsupportedExpand(expand, ctx.endpoint, "members");
  // Rosters (with emails) are member data: reading them needs a member-read permission too.
  if (expand === "members") authorize(ctx.caller, "readMembers");
  const rawTop = queryString(ctx.req, "$top");
  const top = rawTop === undefined ? 20 : Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > 50) throw topOutOfRange(rawTop);
  const filter = queryString(ctx.req, "$filter");
  const keep = filter === undefined ? () => true : parseChatFilter(filter, ctx.endpoint);
  const items = chats
    .filter(keep)
    .sort(
      (a, b) =>
        Date.parse(b.lastUpdatedDateTime) - Date.parse(a.lastUpdatedDateTime) ||
        Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime) ||
        a.id.localeCompare(b.id),
    );
  const skip = parseSkipToken(queryString(ctx.req, "$skiptoken"));
  const page = items.slice(skip, skip + top);
  const withMembers = expand === "members";
  return {
    status: 200,
    body: {
      "@odata.context": odataContext(ctx.version, `${contextPath}${withMembers ? "(members())" : ""}`),
      "@odata.count": page.length,
      ...(skip + top < items.length ? { "@odata.nextLink": nextLink(ctx, ctx.req.path, skip + top) } : {}),
      value: page.map((c) => listedChat(ctx.version, c, withMembers)),
    },
  };
}

function listedChat(version: string, c: ChatRecord, withMembers: boolean): Record<string, unknown> {
  const { "@odata.context": _entity, ...json } = chatJson(version, c, withMembers);
  if (withMembers) json["members"] = (json["members"] as unknown[]).slice(0, EXPANDED_MEMBERS);
  return json;
}

type ChatTest = (c: ChatRecord) => boolean;

const QUOTED = "'((?:[^']|'')*)'";
const unquote = (s: string) => s.replace(/''/g, "'");
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The $filter clauses understood, each a sticky pattern and the test it builds (undefined: refused). */
const CLAUSES: readonly [RegExp, (m: RegExpExecArray) => ChatTest | undefined][] = [
  [
    new RegExp(`chatType eq ${QUOTED}`, "y"),
    (m) => {
      const t = unquote(m[1]!);
      return t === "group" || t === "oneOnOne" ? (c) => c.chatType === t : undefined;
    },
  ],
  [
    new RegExp(`topic eq ${QUOTED}`, "y"),
    (m) => {
      const topic = unquote(m[1]!);
      return (c) => c.topic === topic;
    },
  ],
  [
    new RegExp(
      `members/any\\((\\w+):\\s*\\1/microsoft\\.graph\\.aadUserConversationMember/userId eq ${QUOTED}\\)`,
      "y",
    ),
    (m) => {
      const userId = unquote(m[2]!);
      return (c) => c.members.some((x) => same(x.userId, userId));
    },
  ],
];

/** The clauses of a $filter joined with `and` (quotes respected), as one test; anything else is a 400. */
export function parseChatFilter(filter: string, endpoint: string): ChatTest {
  const refuse = () => unsupportedFilter(filter, endpoint, FILTERS);
  const text = filter.trim();
  const tests: ChatTest[] = [];
  const and = /\s+and\s+/y;
  let at = 0;
  for (;;) {
    let test: ChatTest | undefined;
    for (const [pattern, build] of CLAUSES) {
      pattern.lastIndex = at;
      const m = pattern.exec(text);
      if (!m) continue;
      test = build(m);
      at = pattern.lastIndex;
      break;
    }
    if (!test) throw refuse();
    tests.push(test);
    if (at === text.length) return (c) => tests.every((t) => t(c));
    and.lastIndex = at;
    if (!and.exec(text)) throw refuse();
    at = and.lastIndex;
  }
}
