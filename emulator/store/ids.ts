import { randomBytes, randomUUID } from "node:crypto";

/** Graph's observed (opaque) ids, from the doc examples (docs/graph-api.md §1, §4, §7). */
export const ids = {
  oneOnOne: (a: string, b: string) =>
    `19:${[a.toLowerCase(), b.toLowerCase()].sort().join("_")}@unq.gbl.spaces`,
  group: () => `19:${randomBytes(16).toString("hex")}@thread.v2`,
  webUrl: (chatId: string, tenantId: string) =>
    `https://teams.microsoft.com/l/chat/${chatId.replace(/^19:/, "19%3A")}/0?tenantId=${tenantId}`,
  membership: (tenantId: string, chatId: string, userId: string) =>
    Buffer.from(`0##${tenantId}##${chatId}##${userId}`).toString("base64"),
  installation: (chatId: string, teamsAppId: string) =>
    Buffer.from(`${chatId}##${teamsAppId}`).toString("base64"),
  operation: (tenantId: string) => `${tenantId}-${randomUUID()}-${randomUUID()}`,
};
