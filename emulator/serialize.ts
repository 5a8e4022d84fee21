import type { Directory } from "./directory";
import type { ChatRecord, InstallationRecord, MemberRecord, MessageRecord, OperationRecord } from "./state";
import { operationStatus } from "./store";

/** Graph's `@odata.context` for the version the request came in on. */
export const context = (version: string, fragment: string) =>
  `https://graph.microsoft.com/${version}/$metadata#${fragment}`;

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
    "@odata.context": context(version, expandMembers ? "chats(members())/$entity" : "chats/$entity"),
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
          "members@odata.context": context(version, `chats('${c.id}')/members`),
          members: c.members.map(memberJson),
        }
      : {}),
  };
}

export function operationJson(
  version: string,
  op: OperationRecord,
  includeUnknownEnums: boolean,
): Record<string, unknown> {
  const status = operationStatus(op);
  const finished = status === "succeeded" || status === "failed";
  return {
    "@odata.context": context(version, `chats('${op.chatId}')/operations/$entity`),
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

export function messageJson(chatId: string, m: MessageRecord): Record<string, unknown> {
  return {
    id: m.id,
    replyToId: null,
    etag: m.etag,
    messageType: m.messageType,
    createdDateTime: m.createdDateTime,
    lastModifiedDateTime: m.lastModifiedDateTime,
    lastEditedDateTime: m.lastEditedDateTime,
    deletedDateTime: m.deletedDateTime,
    subject: m.subject,
    summary: null,
    chatId,
    importance: m.importance,
    locale: "en-us",
    webUrl: null,
    channelIdentity: null,
    policyViolation: null,
    eventDetail: null,
    from: { application: null, device: null, user: m.from.user },
    body: m.deletedDateTime ? { contentType: m.body.contentType, content: "" } : m.body,
    attachments: m.attachments,
    mentions: m.mentions,
    reactions: [],
  };
}

export function installationJson(
  dir: Directory,
  i: InstallationRecord,
  expand: { teamsApp: boolean; teamsAppDefinition: boolean },
  select?: readonly string[],
): Record<string, unknown> {
  const app = dir.teamsApp(i.teamsAppId)!;
  const d = dir.definition(app, i.definitionVersion);
  const full: Record<string, unknown> = { id: i.id };
  // consentedPermissionSet only appears when $select-ed (graph-chat-api.md §7).
  if (select?.includes("consentedPermissionSet")) full["consentedPermissionSet"] = i.consentedPermissionSet;
  if (expand.teamsApp) {
    full["teamsApp"] = {
      id: app.id,
      externalId: app.externalId ?? null,
      displayName: app.displayName,
      distributionMethod: app.distributionMethod,
    };
  }
  if (expand.teamsAppDefinition) {
    full["teamsAppDefinition"] = {
      id: dir.definitionId(app, d),
      teamsAppId: app.id,
      displayName: d.displayName ?? app.displayName,
      version: d.version,
      publishingState: d.publishingState ?? "published",
    };
  }
  if (!select) return full;
  return Object.fromEntries(
    Object.entries(full).filter(
      ([k]) => select.includes(k) || k === "teamsApp" || k === "teamsAppDefinition",
    ),
  );
}
