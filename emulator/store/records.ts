// The emulated tenant's state: plain JSON-serializable records, so a tenant can be saved and restored.
// Only store methods change them; handlers and tests read them.

export interface MemberRecord {
  id: string;
  userId: string;
  displayName: string;
  email: string | null;
  tenantId: string;
  roles: string[];
  visibleHistoryStartDateTime: string;
}

export interface RscPermission {
  permissionValue: string;
  permissionType: string;
}

export interface PermissionSet {
  resourceSpecificPermissions: RscPermission[];
}

export interface InstallationRecord {
  id: string;
  teamsAppId: string;
  definitionVersion: string;
  consentedPermissionSet: PermissionSet | null;
  /** Epoch ms from which Graph shows it (installations are eventually consistent). */
  visibleAt: number;
}

export interface MessageRecord {
  id: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  lastEditedDateTime: string | null;
  deletedDateTime: string | null;
  etag: string;
  messageType: "message";
  importance: string;
  subject: string | null;
  body: { contentType: string; content: string };
  mentions: unknown[];
  attachments: unknown[];
  from: { user: { id: string; displayName: string | null; userIdentityType: string } };
  /** Epoch ms from which the message list shows it (eventual consistency); absent = at once. */
  listedFrom?: number;
  /** Set by an application (DLP) through PATCH; null until then. */
  policyViolation?: Record<string, unknown> | null;
  imported: boolean;
}

export interface ChatRecord {
  id: string;
  chatType: "oneOnOne" | "group";
  topic: string | null;
  createdDateTime: string;
  lastUpdatedDateTime: string;
  tenantId: string;
  webUrl: string;
  members: MemberRecord[];
  installedApps: InstallationRecord[];
  messages: MessageRecord[];
  /** Users who hid the chat for themselves (hideForUser). */
  hiddenFor: string[];
  migrationMode: "none" | "inProgress" | "completed";
  /** Set by startMigration: when the imported conversation began (before createdDateTime). */
  conversationCreationDateTime?: string;
  /** Set by a (soft) delete: the chat is then gone for Graph but kept for inspection. */
  deletedDateTime: string | null;
  /** Epoch ms from which chat lists show it (eventual consistency); absent = at once. */
  listedFrom?: number;
}

export interface OperationRecord {
  id: string;
  chatId: string;
  createdAt: number;
  durationMs: number;
  attemptsCount: number;
  /** What the operation ends with once durationMs has passed: null = succeeded. */
  failure: { code: string; message: string } | null;
  /** Set when the emulator runs with asyncOperationPolls: the operation ends on this poll instead. */
  completeAfterPolls?: number;
  /** GETs of the operation answered so far (counted in poll mode, and for the status history). */
  polls?: number;
  /** The statuses polls were answered with, each from the first time it was answered. */
  history?: { status: OperationStatus; at: string }[];
}

export interface TenantState {
  /** Live chats and soft-deleted ones (deletedDateTime set). */
  chats: ChatRecord[];
  operations: OperationRecord[];
}

export const emptyState = (): TenantState => ({ chats: [], operations: [] });

export const nowIso = (t = Date.now()): string => new Date(t).toISOString();

export type OperationStatus = "notStarted" | "inProgress" | "succeeded" | "failed";

/**
 * An operation's status, computed from the time elapsed since it started: notStarted for the first 20%
 * of its duration, then inProgress, then succeeded or failed — or, in poll mode, from the polls answered.
 */
export function operationStatus(op: OperationRecord, now = Date.now()): OperationStatus {
  if (op.completeAfterPolls !== undefined) {
    // Deterministic mode: the first poll sees notStarted, the Nth sees the end, the ones between inProgress.
    const polls = op.polls ?? 0;
    if (polls >= op.completeAfterPolls) return op.failure ? "failed" : "succeeded";
    return polls <= 1 ? "notStarted" : "inProgress";
  }
  const elapsed = now - op.createdAt;
  if (elapsed >= op.durationMs) return op.failure ? "failed" : "succeeded";
  return elapsed < op.durationMs * 0.2 ? "notStarted" : "inProgress";
}

/** Whether a list shows the record yet (records made under a list delay carry `listedFrom`). */
export const isListed = (r: { readonly listedFrom?: number }, now = Date.now()): boolean =>
  (r.listedFrom ?? 0) <= now;
