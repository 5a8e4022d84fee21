import { appAlreadyInstalled, duplicateImport, installationNotFound, messageNotFound } from "../errors";
import { installationRecord, MemoryChats } from "./memory-chats";
import {
  type ChatRecord,
  type InstallationRecord,
  type MessageRecord,
  nowIso,
  type PermissionSet,
} from "./records";
import type { EmulatorStore, MessagePatch, NewInstallation, NewMessage } from "./store";

/** The in-memory tenant (optionally saved to a JSON file): chats from MemoryChats, plus their content. */
export class MemoryStore extends MemoryChats implements EmulatorStore {
  installations(chatId: string): InstallationRecord[] {
    const now = Date.now();
    return this.chat(chatId).installedApps.filter((i) => i.visibleAt <= now);
  }

  installation(chatId: string, installationId: string): InstallationRecord {
    const i = this.installations(chatId).find((x) => x.id === installationId);
    if (!i) throw installationNotFound(installationId, chatId);
    return i;
  }

  install(chatId: string, app: NewInstallation): InstallationRecord {
    const c = this.chat(chatId);
    if (this.installed(c, app.teamsAppId)) throw appAlreadyInstalled(app.teamsAppId, chatId);
    const i = installationRecord(c, app, Date.now() + this.options.installVisibilityDelayMs);
    c.installedApps.push(i);
    return this.saved(i);
  }

  upgradeInstallation(chatId: string, id: string, version: string, consent: PermissionSet | null) {
    const i = this.installation(chatId, id);
    i.definitionVersion = version;
    i.consentedPermissionSet = consent;
    return this.saved(i);
  }

  uninstall(chatId: string, installationId: string): void {
    const c = this.chat(chatId);
    const i = this.installation(chatId, installationId);
    c.installedApps = c.installedApps.filter((x) => x !== i);
    this.save();
  }

  messages(chatId: string): readonly MessageRecord[] {
    return this.chat(chatId).messages;
  }

  message(chatId: string, messageId: string): MessageRecord {
    const m = this.chat(chatId).messages.find((x) => x.id === messageId);
    if (!m) throw messageNotFound(messageId, chatId);
    return m;
  }

  postMessage(chatId: string, n: NewMessage): MessageRecord {
    const c = this.chat(chatId);
    const created = Date.parse(n.createdDateTime);
    if (n.imported && c.messages.some((m) => m.imported && Date.parse(m.createdDateTime) === created))
      throw duplicateImport(n.createdDateTime, c.id);
    // Graph's message ids are the epoch milliseconds of creation; two in one millisecond get the next one.
    let id = created;
    while (c.messages.some((m) => m.id === String(id))) id++;
    const m: MessageRecord = {
      ...n,
      id: String(id),
      etag: String(id),
      lastModifiedDateTime: n.createdDateTime,
      ...(this.options.messageListDelayMs > 0
        ? { listedFrom: Date.now() + this.options.messageListDelayMs }
        : {}),
    };
    c.messages.push(m);
    return this.saved(m);
  }

  editMessage(chatId: string, messageId: string, patch: MessagePatch): MessageRecord {
    const m = this.message(chatId, messageId);
    const now = nowIso();
    Object.assign(m, patch, {
      lastEditedDateTime: now,
      lastModifiedDateTime: now,
      etag: String(Date.parse(now)),
    });
    return this.saved(m);
  }

  setPolicyViolation(
    chatId: string,
    messageId: string,
    verdict: Record<string, unknown> | null,
  ): MessageRecord {
    const m = this.message(chatId, messageId);
    const now = nowIso();
    Object.assign(m, { policyViolation: verdict, lastModifiedDateTime: now, etag: String(Date.parse(now)) });
    return this.saved(m);
  }

  setMessageDeleted(chatId: string, messageId: string, deleted: boolean): MessageRecord {
    const m = this.message(chatId, messageId);
    const now = nowIso();
    m.deletedDateTime = deleted ? now : null;
    m.lastModifiedDateTime = now;
    return this.saved(m);
  }

  setMigrationMode(chatId: string, mode: ChatRecord["migrationMode"], since?: string): void {
    const c = this.chat(chatId);
    c.migrationMode = mode;
    if (since !== undefined) c.conversationCreationDateTime = since;
    this.save();
  }
}
