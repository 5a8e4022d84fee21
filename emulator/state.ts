// The emulator's state: plain JSON-serializable records, so a tenant can be saved and restored.

export interface MemberRecord {
  id: string;
  userId: string;
  displayName: string;
  email: string | null;
  tenantId: string;
  roles: string[];
  visibleHistoryStartDateTime: string;
}

export interface InstallationRecord {
  id: string;
  teamsAppId: string;
  definitionVersion: string;
  consentedPermissionSet: {
    resourceSpecificPermissions: { permissionValue: string; permissionType: string }[];
  } | null;
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
  hiddenFor: string[];
  migrationMode: "none" | "inProgress" | "completed";
  deletedDateTime: string | null;
}

export interface OperationRecord {
  id: string;
  chatId: string;
  createdAt: number;
  durationMs: number;
  attemptsCount: number;
  failure: { code: string; message: string } | null;
}

export interface TenantState {
  chats: ChatRecord[];
  operations: OperationRecord[];
}

export const emptyState = (): TenantState => ({ chats: [], operations: [] });

export const nowIso = (t = Date.now()) => new Date(t).toISOString();
