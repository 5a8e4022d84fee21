import { odataContext } from "../odata";
import { type ChatRecord, type MemberRecord, type OperationRecord, operationStatus } from "../store/records";

// Graph's JSON for chats, members and operations (docs/graph-api.md §1, §4, §5).

export function memberJson(m: MemberRecord): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.aadUserConversationMember",
    id: m.id,
    roles: m.roles,
    displayName: m.displayName,
    visibleHistoryStartDateTime: m.visibleHistoryStartDateTime,
    userId: m.userId,
    email: m.email,
    tenantId: m.tenantId,
  };
}

export function chatJson(version: string, c: ChatRecord, expandMembers: boolean): Record<string, unknown> {
  return {
    "@odata.context": odataContext(version, expandMembers ? "chats(members())/$entity" : "chats/$entity"),
    id: c.id,
    topic: c.topic,
    createdDateTime: c.createdDateTime,
    lastUpdatedDateTime: c.lastUpdatedDateTime,
    chatType: c.chatType,
    webUrl: c.webUrl,
    tenantId: c.tenantId,
    isHiddenForAllMembers: false,
    onlineMeetingInfo: null,
    ...(expandMembers
      ? {
          "members@odata.context": odataContext(version, `chats('${c.id}')/members`),
          members: c.members.map(memberJson),
        }
      : {}),
  };
}

export const memberEntityJson = (version: string, chatId: string, m: MemberRecord) => ({
  "@odata.context": odataContext(version, `chats('${chatId}')/members/$entity`),
  ...memberJson(m),
});

/**
 * A teamsAsyncOperation, its status computed from the time elapsed. `operationType` is an evolvable
 * enum member: `createChat` only for callers that sent `Prefer: include-unknown-enum-members`.
 */
export function operationJson(op: OperationRecord, includeUnknownEnums: boolean): Record<string, unknown> {
  const status = operationStatus(op);
  const finished = status === "succeeded" || status === "failed";
  return {
    id: op.id,
    operationType: includeUnknownEnums ? "createChat" : "unknownFutureValue",
    createdDateTime: new Date(op.createdAt).toISOString(),
    status,
    lastActionDateTime: new Date(finished ? op.createdAt + op.durationMs : Date.now()).toISOString(),
    attemptsCount: op.attemptsCount,
    targetResourceId: op.chatId,
    targetResourceLocation: `/chats('${op.chatId}')`,
    error: status === "failed" ? op.failure : null,
  };
}
