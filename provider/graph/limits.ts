// The Teams limits Graph documents for the endpoints this provider calls, as one table: what the Graph
// client paces its requests to (graph/pacing.ts), so that a large `pulumi up` meets few 429s.
// https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits, summed up in
// docs/graph-api.md §8. The emulator enforces the same limits (a test compares the two).
//
// One client holds one credential: one app in one tenant, and at most one signed-in user. So "per app
// per tenant" is "this client", and "per user per chat" is "per chat" for the user it signs in as.

/** A request as the limits see it: its method, and its path below the version (segments encoded). */
export interface LimitedRequest {
  readonly method: string;
  readonly path: string;
}

/** One limit a request falls under: `count` requests per `periodMs`, counted under `key`. */
export interface Bucket {
  /** The limit, in words (for messages and docs). */
  readonly name: string;
  readonly count: number;
  readonly periodMs: number;
  /** The limit's scope filled in (which chat, which operation…). */
  readonly key: string;
}

/** Who sends: the signed-in user of a delegated token (undefined for an application token). */
export interface Sender {
  readonly userId: string | undefined;
}

export interface Limit {
  readonly name: string;
  readonly count: number;
  readonly periodMs: number;
  /** The scope this request counts under, or undefined when the limit does not apply to it. */
  scope(r: LimitedRequest, who: Sender): string | undefined;
}

const SECOND = 1000;
const MINUTE = 60_000;
const CHAT = /^(?:\/(?:me|users\/[^/]+))?\/chats\/([^/?]+)/;

/** The chat a request is about (`/chats/{id}…`, `/me/chats/{id}…`, `/users/{u}/chats/{id}…`), decoded. */
export function chatOf(path: string): string | undefined {
  const m = CHAT.exec(path);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

const under = (segment: string) => new RegExp(`^(?:/(?:me|users/[^/]+))?/chats/[^/]+/${segment}(?:/|$)`);
const MEMBERS = under("members");
const MESSAGES = under("messages");
const APPS = under("installedApps");
const MEMBER_LIST = /\/chats\/[^/]+\/members\/?$/;
const MEMBER_ONE = /\/chats\/[^/]+\/members\/[^/]+\/?$/;
const MESSAGE_LIST = /\/chats\/[^/]+\/messages\/?$/;
const CHAT_OR_CHATS = /^(?:\/(?:me|users\/[^/]+))?\/chats(?:\/[^/]+)?\/?$/;

/**
 * The per-app-per-tenant rows of the Teams table, in the order they are matched: a request is the first
 * row that matches it, and every request matches one (the last two rows take the rest).
 */
const OPERATIONS: readonly { row: string; perSecond: number; matches(r: LimitedRequest): boolean }[] = [
  {
    row: "POST 1:1/group chat message",
    perSecond: 20,
    matches: (r) => r.method === "POST" && MESSAGE_LIST.test(r.path),
  },
  {
    row: "GET 1:1/group chat message",
    perSecond: 20,
    matches: (r) => r.method === "GET" && MESSAGES.test(r.path),
  },
  {
    row: "POST/DELETE chat member",
    perSecond: 30,
    matches: (r) => (r.method === "POST" || r.method === "DELETE") && MEMBERS.test(r.path),
  },
  { row: "GET installedApps", perSecond: 30, matches: (r) => r.method === "GET" && APPS.test(r.path) },
  { row: "POST installedApps", perSecond: 30, matches: (r) => r.method === "POST" && APPS.test(r.path) },
  { row: "DELETE installedApps", perSecond: 15, matches: (r) => r.method === "DELETE" && APPS.test(r.path) },
  { row: "other GET API calls for Microsoft Teams", perSecond: 30, matches: (r) => r.method === "GET" },
  { row: "other API calls for Microsoft Teams", perSecond: 30, matches: () => true },
];

/** The per-app-per-tenant row a request is. */
export function operationOf(r: LimitedRequest): string {
  return OPERATIONS.find((o) => o.matches(r))!.row;
}

const userInPath = (path: string) => /^\/users\/([^/]+)\//.exec(path)?.[1];

/**
 * Every documented Teams limit that applies to the requests this provider sends. A request falls under
 * several at once; Graph answers 429 when any of them is used up.
 */
export const TEAMS_LIMITS: readonly Limit[] = [
  {
    name: "4 member additions or removals per minute per chat",
    count: 4,
    periodMs: MINUTE,
    scope: ({ method, path }) => {
      const change =
        (method === "POST" && MEMBER_LIST.test(path)) || (method === "DELETE" && MEMBER_ONE.test(path));
      return change ? `members:${chatOf(path)}` : undefined;
    },
  },
  {
    name: "1 message POST per second per user per chat",
    count: 1,
    periodMs: SECOND,
    scope: ({ method, path }) =>
      method === "POST" && MESSAGE_LIST.test(path) ? `post:${chatOf(path)}` : undefined,
  },
  {
    name: "1 request per second per app per tenant per chat",
    count: 1,
    periodMs: SECOND,
    scope: ({ path }) => {
      const chat = chatOf(path);
      return chat === undefined ? undefined : `chat:${chat}`;
    },
  },
  {
    name: "1 chat DELETE per second per tenant",
    count: 1,
    periodMs: SECOND,
    scope: ({ method, path }) =>
      method === "DELETE" && /^\/chats\/[^/]+\/?$/.test(path) ? "delete" : undefined,
  },
  {
    name: "5 List chats or Get chat requests per second per user",
    count: 5,
    periodMs: SECOND,
    scope: ({ method, path }, who) => {
      if (method !== "GET" || !CHAT_OR_CHATS.test(path)) return undefined;
      const user = who.userId ?? userInPath(path);
      return user === undefined ? undefined : `chats:${decodeURIComponent(user).toLowerCase()}`;
    },
  },
  ...OPERATIONS.map(
    (o): Limit => ({
      name: `${o.row}: ${o.perSecond} per second per app per tenant`,
      count: o.perSecond,
      periodMs: SECOND,
      scope: (r) => (operationOf(r) === o.row ? `op:${o.row}` : undefined),
    }),
  ),
];

/** The buckets a request counts against, one per limit that applies to it. */
export function bucketsOf(r: LimitedRequest, who: Sender): Bucket[] {
  const out: Bucket[] = [];
  for (const l of TEAMS_LIMITS) {
    const key = l.scope(r, who);
    if (key !== undefined) out.push({ name: l.name, count: l.count, periodMs: l.periodMs, key });
  }
  return out;
}
