import type {
  ChatRecord,
  InstallationRecord,
  MemberRecord,
  MessageRecord,
  OperationRecord,
  PermissionSet,
  TenantState,
} from "./records";

export interface StoreOptions {
  /** Time a create-chat operation takes to reach succeeded/failed. */
  asyncOperationMs: number;
  /** Delay before a new app installation is visible (eventual consistency). */
  installVisibilityDelayMs: number;
  /** Delay before a new message shows in the chat's message list (GET by id sees it at once). */
  messageListDelayMs: number;
  /** Delay before a new chat shows in chat lists (GET by id sees it at once). */
  chatListDelayMs: number;
  /** When > 0, a create-chat operation ends on its Nth poll instead of after asyncOperationMs. */
  asyncOperationPolls?: number;
}

/** A member as the roster rules resolved it; the store makes its membership id. */
export type NewMember = Omit<MemberRecord, "id">;

export interface NewChat {
  chatType: "oneOnOne" | "group";
  topic: string | null;
  members: NewMember[];
}

export interface NewInstallation {
  teamsAppId: string;
  definitionVersion: string;
  consentedPermissionSet: PermissionSet | null;
}

/** How an async create-chat operation will end: the app it installs, or the error it fails with. */
export type OperationOutcome =
  | { installation: NewInstallation }
  | { failure: { code: string; message: string } };

/** A message as the message rules built it; the store makes its id (epoch ms of createdDateTime). */
export type NewMessage = Omit<MessageRecord, "id" | "etag" | "lastModifiedDateTime">;

export type MessagePatch = Partial<
  Pick<MessageRecord, "body" | "importance" | "subject" | "mentions" | "attachments">
>;

/**
 * The emulated tenant. Methods find records or throw catalogue errors (errors.ts) — 404 for what does
 * not exist, 409 for what already does — and never build HTTP answers; Graph's request rules are
 * checked by the handlers before they call in. Records returned are the store's own: read, don't change.
 * A future store (e.g. file-backed) implements the same interface; MemoryStore is the one used today.
 */
export interface EmulatorStore {
  /** Everything, for tests and the inspection endpoint. Change it only through the methods below. */
  readonly state: Readonly<TenantState>;
  readonly options: StoreOptions;
  /** Back to an empty tenant (the seeded directory is not part of the store). */
  reset(): void;

  // chats
  chat(id: string): ChatRecord;
  oneOnOneBetween(userA: string, userB: string): ChatRecord | undefined;
  /** The live chats the user is a member of, listed yet or not (see ChatRecord.listedFrom). */
  chatsOf(userId: string): ChatRecord[];
  createChat(chat: NewChat): ChatRecord;
  setTopic(chatId: string, topic: string): ChatRecord;
  deleteChat(chatId: string): void;
  setHidden(chatId: string, userId: string, hidden: boolean): void;

  // members
  member(chatId: string, membershipId: string): MemberRecord;
  addMember(chatId: string, member: NewMember): MemberRecord;
  removeMember(chatId: string, membershipId: string): void;

  // async operations (create chat with an app)
  startOperation(chatId: string, outcome: OperationOutcome): OperationRecord;
  operation(chatId: string, operationId: string): OperationRecord;
  operations(chatId: string): OperationRecord[];
  /** A GET of the operation: counts the poll and records the status it is answered with. */
  pollOperation(chatId: string, operationId: string): OperationRecord;

  // installed apps (only visible ones are found; installing checks all)
  installations(chatId: string): InstallationRecord[];
  installation(chatId: string, installationId: string): InstallationRecord;
  install(chatId: string, app: NewInstallation): InstallationRecord;
  upgradeInstallation(
    chatId: string,
    installationId: string,
    definitionVersion: string,
    consent: PermissionSet | null,
  ): InstallationRecord;
  uninstall(chatId: string, installationId: string): void;

  // messages
  messages(chatId: string): readonly MessageRecord[];
  message(chatId: string, messageId: string): MessageRecord;
  postMessage(chatId: string, message: NewMessage): MessageRecord;
  editMessage(chatId: string, messageId: string, patch: MessagePatch): MessageRecord;
  /** A DLP verdict: changes the message's version, not its content (lastEditedDateTime stays). */
  setPolicyViolation(
    chatId: string,
    messageId: string,
    verdict: Record<string, unknown> | null,
  ): MessageRecord;
  setMessageDeleted(chatId: string, messageId: string, deleted: boolean): MessageRecord;
  /** `since`: startMigration's conversationCreationDateTime, when given. */
  setMigrationMode(chatId: string, mode: ChatRecord["migrationMode"], since?: string): void;
}
