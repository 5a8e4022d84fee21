import { alreadyMember, chatNotFound, internalError, memberNotFound, operationNotFound } from "../errors";
import { ids } from "./ids";
import { readState, writeState } from "./persist";
import {
  type ChatRecord,
  emptyState,
  type InstallationRecord,
  type MemberRecord,
  nowIso,
  type OperationRecord,
  operationStatus,
  type TenantState,
} from "./records";
import type { NewChat, NewInstallation, NewMember, OperationOutcome, StoreOptions } from "./store";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The chats, members and operations of the in-memory tenant; MemoryStore (memory.ts) adds what lives
 * inside a chat (installed apps, messages). Saved to a JSON file after every change when given a path.
 */
export abstract class MemoryChats {
  protected data: TenantState;

  constructor(
    private readonly tenantId: string,
    readonly options: StoreOptions,
    private readonly statePath?: string,
  ) {
    this.data = readState(statePath);
  }

  get state(): Readonly<TenantState> {
    return this.data;
  }

  reset(): void {
    this.data = emptyState();
    this.save();
  }

  chat(id: string): ChatRecord {
    const c = this.data.chats.find((x) => x.id === id && !x.deletedDateTime);
    if (!c) throw chatNotFound(id);
    return c;
  }

  oneOnOneBetween(userA: string, userB: string): ChatRecord | undefined {
    const id = ids.oneOnOne(userA, userB);
    return this.data.chats.find((x) => x.id === id && !x.deletedDateTime);
  }

  chatsOf(userId: string): ChatRecord[] {
    return this.data.chats.filter((c) => !c.deletedDateTime && c.members.some((m) => same(m.userId, userId)));
  }

  createChat(n: NewChat): ChatRecord {
    const [a, b] = n.members;
    const id = n.chatType === "oneOnOne" ? ids.oneOnOne(a!.userId, b!.userId) : ids.group();
    if (this.data.chats.some((x) => x.id === id && !x.deletedDateTime))
      throw internalError(`createChat called for chat '${id}', which exists`);
    const now = nowIso();
    const chat: ChatRecord = {
      id,
      chatType: n.chatType,
      topic: n.topic,
      createdDateTime: now,
      lastUpdatedDateTime: now,
      tenantId: this.tenantId,
      webUrl: ids.webUrl(id, this.tenantId),
      members: n.members.map((m) => ({ ...m, id: ids.membership(m.tenantId, id, m.userId) })),
      installedApps: [],
      messages: [],
      hiddenFor: [],
      migrationMode: "none",
      deletedDateTime: null,
      ...(this.options.chatListDelayMs > 0 ? { listedFrom: Date.now() + this.options.chatListDelayMs } : {}),
    };
    this.data.chats.push(chat);
    return this.saved(chat);
  }

  setTopic(chatId: string, topic: string): ChatRecord {
    const c = this.chat(chatId);
    c.topic = topic;
    c.lastUpdatedDateTime = nowIso();
    return this.saved(c);
  }

  deleteChat(chatId: string): void {
    this.chat(chatId).deletedDateTime = nowIso();
    this.save();
  }

  setHidden(chatId: string, userId: string, hidden: boolean): void {
    const c = this.chat(chatId);
    c.hiddenFor = c.hiddenFor.filter((u) => !same(u, userId)).concat(hidden ? [userId] : []);
    this.save();
  }

  member(chatId: string, membershipId: string): MemberRecord {
    const m = this.chat(chatId).members.find((x) => x.id === membershipId);
    if (!m) throw memberNotFound(membershipId, chatId);
    return m;
  }

  addMember(chatId: string, n: NewMember): MemberRecord {
    const c = this.chat(chatId);
    if (c.members.some((x) => same(x.userId, n.userId))) throw alreadyMember(n.userId, chatId);
    const m: MemberRecord = { ...n, id: ids.membership(n.tenantId, chatId, n.userId) };
    c.members.push(m);
    c.lastUpdatedDateTime = nowIso();
    return this.saved(m);
  }

  removeMember(chatId: string, membershipId: string): void {
    const c = this.chat(chatId);
    const m = this.member(chatId, membershipId);
    c.members = c.members.filter((x) => x !== m);
    c.lastUpdatedDateTime = nowIso();
    this.save();
  }

  startOperation(chatId: string, outcome: OperationOutcome): OperationRecord {
    const c = this.chat(chatId);
    const op: OperationRecord = {
      id: ids.operation(this.tenantId),
      chatId: c.id,
      createdAt: Date.now(),
      durationMs: this.options.asyncOperationMs,
      attemptsCount: 1,
      failure: "failure" in outcome ? outcome.failure : null,
      history: [{ status: "notStarted", at: nowIso() }],
      ...(this.options.asyncOperationPolls
        ? { completeAfterPolls: this.options.asyncOperationPolls, polls: 0 }
        : {}),
    };
    this.data.operations.push(op);
    // The app is recorded at once but shows only when the operation has succeeded (in poll mode: on the
    // poll that answers succeeded).
    const visibleAt = op.completeAfterPolls ? Number.MAX_SAFE_INTEGER : op.createdAt + op.durationMs;
    if ("installation" in outcome && !this.installed(c, outcome.installation.teamsAppId))
      c.installedApps.push(installationRecord(c, outcome.installation, visibleAt));
    return this.saved(op);
  }

  pollOperation(chatId: string, operationId: string): OperationRecord {
    const op = this.operation(chatId, operationId);
    op.polls = (op.polls ?? 0) + 1;
    const status = operationStatus(op);
    op.history = op.history ?? [];
    if (op.history.at(-1)?.status !== status) op.history.push({ status, at: nowIso() });
    if (op.completeAfterPolls && status === "succeeded")
      for (const i of this.chat(chatId).installedApps)
        if (i.visibleAt === Number.MAX_SAFE_INTEGER) i.visibleAt = Date.now();
    return this.saved(op);
  }

  operation(chatId: string, operationId: string): OperationRecord {
    const op = this.operations(chatId).find((o) => o.id === operationId);
    if (!op) throw operationNotFound(operationId, chatId);
    return op;
  }

  operations(chatId: string): OperationRecord[] {
    const c = this.chat(chatId);
    return this.data.operations.filter((o) => o.chatId === c.id);
  }

  protected installed(c: ChatRecord, teamsAppId: string): boolean {
    return c.installedApps.some((i) => same(i.teamsAppId, teamsAppId));
  }

  protected saved<T>(value: T): T {
    this.save();
    return value;
  }

  protected save(): void {
    writeState(this.statePath, this.data);
  }
}

export function installationRecord(
  c: ChatRecord,
  app: NewInstallation,
  visibleAt: number,
): InstallationRecord {
  return { ...app, id: ids.installation(c.id, app.teamsAppId), visibleAt };
}
