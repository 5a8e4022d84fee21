import type { Caller } from "../tokens";
import type { Rate } from "./gcra";

/**
 * Graph's documented limits for the Teams endpoints the emulator serves, from
 * https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits. Each one is a rate
 * and a scope; a request falls under several at once and is refused (429) when any of them is used up.
 */
export type Limit = (r: ThrottledRequest) => Bucket | undefined;

/** What a request counts against under one limit. */
export interface Bucket {
  /** Said in the 429's message. */
  readonly name: string;
  readonly rate: Rate;
  /** One bucket per key: the limit's scope (app, tenant, chat, user…) filled in. */
  readonly key: string;
}

/** A Graph request as the limits see it: the path without /v1.0 or /beta, decoded. */
export interface ThrottledRequest {
  readonly method: string;
  readonly path: string;
  readonly caller: Caller;
}

export const perSecond = (count: number): Rate => ({ count, periodMs: 1000 });
const member = /\/chats\/[^/]+\/members(\/[^/]+)?\/?$/;
const postMessage = /\/chats\/[^/]+\/messages\/?$/;

/** The chat a request is about: /chats/{id}/…, /me/chats/{id}/…, /users/{id}/chats/{id}/…. */
export function chatOf(path: string): string | undefined {
  return /^(?:\/(?:me|users\/[^/]+))?\/chats\/([^/]+)/.exec(path)?.[1];
}

/** Which row of the per-app-per-tenant table a request is: method and resource. */
export function operationOf(method: string, path: string): { row: string; rate: Rate } {
  const under = (segment: string) => new RegExp(`^(?:/(?:me|users/[^/]+))?/chats/[^/]+/${segment}(/|$)`);
  if (under("messages").test(path)) {
    if (method === "POST" && postMessage.test(path))
      return { row: "POST 1:1/group chat message", rate: perSecond(20) };
    if (method === "GET") return { row: "GET 1:1/group chat message", rate: perSecond(20) };
  }
  if (under("members").test(path) && (method === "POST" || method === "DELETE"))
    return { row: "POST/DELETE chat member", rate: perSecond(30) };
  if (under("installedApps").test(path)) {
    if (method === "GET") return { row: "GET installedApps", rate: perSecond(30) };
    if (method === "POST") return { row: "POST installedApps", rate: perSecond(30) };
    if (method === "DELETE") return { row: "DELETE installedApps", rate: perSecond(15) };
  }
  if (method === "GET") return { row: "other GET API calls for Microsoft Teams", rate: perSecond(30) };
  return { row: "other API calls for Microsoft Teams", rate: perSecond(30) };
}

const isListOrGetChat = (method: string, path: string) =>
  method === "GET" && /^(?:\/(?:me|users\/[^/]+))?\/chats(?:\/[^/]+)?\/?$/.test(path);

/** The signed-in user, else the user named in the path (/users/{id}/chats); lower case. */
const userOf = (r: ThrottledRequest) =>
  (r.caller.userId ?? /^\/users\/([^/]+)\//.exec(r.path)?.[1])?.toLowerCase();

/** Every documented limit that can apply to the emulator's endpoints. */
export const GRAPH_LIMITS: readonly Limit[] = [
  (r) => {
    const chat = chatOf(r.path);
    const m = member.exec(r.path);
    const change = m && ((r.method === "POST" && !m[1]) || (r.method === "DELETE" && m[1]));
    if (!chat || !change) return undefined;
    const name = "4 member additions or removals per minute per chat";
    return { name, rate: { count: 4, periodMs: 60_000 }, key: `members:${r.caller.tenantId}:${chat}` };
  },
  (r) => {
    const chat = chatOf(r.path);
    if (r.method !== "POST" || !chat || !postMessage.test(r.path)) return undefined;
    const user = r.caller.userId ?? r.caller.appId;
    const name = "1 message POST per second per user per chat";
    return { name, rate: perSecond(1), key: `post:${r.caller.tenantId}:${chat}:${user}` };
  },
  (r) => {
    const chat = chatOf(r.path);
    if (!chat) return undefined;
    const name = "1 request per second per app per tenant per chat";
    return { name, rate: perSecond(1), key: `chat:${r.caller.appId}:${r.caller.tenantId}:${chat}` };
  },
  (r) => {
    if (r.method !== "DELETE" || !/^\/chats\/[^/]+\/?$/.test(r.path)) return undefined;
    return {
      name: "1 chat DELETE per second per tenant",
      rate: perSecond(1),
      key: `delete:${r.caller.tenantId}`,
    };
  },
  (r) => {
    const user = userOf(r);
    if (!user || !isListOrGetChat(r.method, r.path)) return undefined;
    const name = "5 List chats or Get chat requests per second per user";
    return { name, rate: perSecond(5), key: `chats:${r.caller.tenantId}:${user}` };
  },
  (r) => {
    const { row, rate } = operationOf(r.method, r.path);
    const name = `${row}: ${rate.count} per second per app per tenant`;
    return { name, rate, key: `op:${r.caller.appId}:${r.caller.tenantId}:${row}` };
  },
];
