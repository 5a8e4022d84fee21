import { consentPermissionRequired, missingPermission, selfOnlyPermission } from "./errors";
import type { Caller } from "./tokens";

// Accepted delegated scopes / application roles per operation, from the permission tables of the Graph
// docs (docs/graph-api.md §2–§7, §9, §10). `.Chat` entries are resource-specific (RSC) permissions; an
// empty list means the API does not work with that kind of token at all.
const table = {
  createChat: { delegated: ["Chat.Create", "Chat.ReadWrite"], application: ["Chat.Create"] },
  readChat: {
    delegated: ["Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"],
    application: [
      "Chat.ReadBasic.WhereInstalled",
      "Chat.Manage.Chat",
      "Chat.Read.All",
      "Chat.ReadBasic.All",
      "Chat.ReadWrite.All",
      "ChatSettings.Read.Chat",
      "ChatSettings.ReadWrite.Chat",
    ],
  },
  // List chats: /chats and /me/chats are the signed-in user's; applications must name a user.
  listChats: { delegated: ["Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"], application: [] },
  listUserChats: {
    delegated: ["Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"],
    application: ["Chat.ReadBasic.All", "Chat.Read.All", "Chat.ReadWrite.All"],
  },
  readOperation: {
    delegated: ["Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"],
    application: [
      "ChatSettings.Read.Chat",
      "Chat.Manage.Chat",
      "Chat.Read.All",
      "Chat.ReadBasic.All",
      "Chat.ReadWrite.All",
      "ChatSettings.ReadWrite.Chat",
    ],
  },
  updateChat: {
    delegated: ["Chat.ReadWrite"],
    application: ["ChatSettings.ReadWrite.Chat", "Chat.ReadWrite.All"],
  },
  deleteChat: {
    delegated: ["Chat.ManageDeletion.All"],
    application: ["Chat.ManageDeletion.Chat", "Chat.ManageDeletion.All"],
  },
  hideChat: { delegated: ["Chat.ReadWrite"], application: [] },
  readMembers: {
    delegated: ["Chat.ReadBasic", "ChatMember.Read", "ChatMember.ReadWrite", "Chat.Read", "Chat.ReadWrite"],
    application: [
      "ChatMember.Read.All",
      "ChatMember.ReadWrite.All",
      "ChatMember.Read.Chat",
      "Chat.Manage.Chat",
      "Chat.Read.All",
      "Chat.ReadWrite.All",
    ],
  },
  addMember: {
    delegated: ["ChatMember.ReadWrite", "Chat.ReadWrite"],
    application: ["Chat.Manage.Chat", "ChatMember.ReadWrite.All", "Chat.ReadWrite.All"],
  },
  removeMember: {
    delegated: ["ChatMember.ReadWrite"],
    application: ["ChatMember.ReadWrite.All", "Chat.Manage.Chat"],
  },
  readUser: {
    delegated: ["User.ReadBasic.All", "User.Read.All", "Directory.Read.All"],
    application: ["User.Read.All", "User.ReadBasic.All", "Directory.Read.All"],
  },
  // A delegated caller reading their own user object.
  readSelf: {
    delegated: ["User.Read", "User.ReadBasic.All", "User.Read.All", "Directory.Read.All"],
    application: [],
  },
  readCatalog: {
    delegated: ["AppCatalog.Read.All", "AppCatalog.ReadWrite.All", "Directory.Read.All"],
    application: ["AppCatalog.Read.All", "AppCatalog.ReadWrite.All", "Directory.Read.All"],
  },
  sendMessage: { delegated: ["ChatMessage.Send", "Chat.ReadWrite"], application: ["Teamwork.Migrate.All"] },
  readMessages: {
    delegated: ["Chat.Read", "Chat.ReadWrite"],
    application: ["ChatMessage.Read.Chat", "Chat.Read.All", "Chat.ReadWrite.All"],
  },
  editMessage: {
    delegated: ["Chat.ReadWrite"],
    application: ["Chat.UpdatePolicyViolation.All", "Chat.ReadWrite.All"],
  },
  softDeleteMessage: { delegated: ["Chat.ReadWrite"], application: [] },
  migrate: { delegated: [], application: ["Teamwork.Migrate.All"] },
  readApps: {
    delegated: [
      "TeamsAppInstallation.ReadForChat",
      "TeamsAppInstallation.ReadWriteForChat",
      "TeamsAppInstallation.ReadWriteSelfForChat",
      "TeamsAppInstallation.ReadWriteAndConsentForChat",
      "TeamsAppInstallation.ReadWriteAndConsentSelfForChat",
      "Chat.ReadWrite",
    ],
    application: [
      "TeamsAppInstallation.ReadForChat.All",
      "TeamsAppInstallation.ReadWriteForChat.All",
      "TeamsAppInstallation.ReadWriteSelfForChat.All",
      "TeamsAppInstallation.ReadWriteAndConsentForChat.All",
      "TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All",
      "Chat.Manage.Chat",
      "Chat.ReadWrite.All",
    ],
  },
  writeApps: {
    delegated: [
      "TeamsAppInstallation.ReadWriteSelfForChat",
      "TeamsAppInstallation.ManageSelectedForChat",
      "TeamsAppInstallation.ReadWriteForChat",
      "TeamsAppInstallation.ReadWriteAndConsentForChat",
      "TeamsAppInstallation.ReadWriteAndConsentSelfForChat",
    ],
    application: [
      "TeamsAppInstallation.ReadWriteSelfForChat.All",
      "TeamsAppInstallation.ManageSelectedForChat.All",
      "TeamsAppInstallation.ReadWriteForChat.All",
      "TeamsAppInstallation.ReadWriteAndConsentForChat.All",
      "TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All",
      "Chat.Manage.Chat",
    ],
  },
} as const;

export type Operation = keyof typeof table;

/** One permission check a request went through: what it needed, and what on the token satisfied it. */
export interface PermissionCheck {
  readonly operation: string;
  readonly kind: Caller["kind"];
  /** Any one of these satisfies the check, least privileged first (Graph's permission tables). */
  readonly accepted: readonly string[];
  /** The token's permissions that satisfied it; empty when the request was refused for want of one. */
  readonly grantedBy: readonly string[];
}

// Callers are made per request by the authentication step, so their checks can be kept beside them.
const checks = new WeakMap<Caller, PermissionCheck[]>();
/** The permission checks made for this request's caller, in order (the request log and report read them). */
export const checksOf = (caller: Caller): readonly PermissionCheck[] => checks.get(caller) ?? [];

function check(caller: Caller, operation: string, accepted: readonly string[]): boolean {
  const grantedBy = caller.permissions.filter((p) => accepted.includes(p));
  const list = checks.get(caller) ?? [];
  list.push({ operation, kind: caller.kind, accepted, grantedBy });
  checks.set(caller, list);
  return grantedBy.length > 0;
}

/** Throws Graph's 403 (naming the accepted permissions) unless the token carries one of the accepted permissions for the operation. */
export function authorize(caller: Caller, op: Operation): void {
  const accepted: readonly string[] = table[op][caller.kind];
  if (!check(caller, op, accepted)) throw missingPermission(caller.kind, accepted, caller.permissions);
}

/**
 * Installing, upgrading or removing one app (docs/graph-api.md §7): the "Self" permissions cover only the
 * calling app itself (the app whose definition names the caller's client id), and only the "AndConsent"
 * permissions may grant resource-specific consent. Chat.Manage.Chat and the other write permissions
 * install apps that need no consent. `authorize(caller, "writeApps")` has already passed.
 */
export function authorizeAppChange(
  caller: Caller,
  target: { readonly appId: string; readonly isCaller: boolean; readonly grantsConsent: boolean },
): void {
  const held = caller.permissions.filter((p) => writeApps(caller).includes(p));
  // POST /chats installs its app with only Chat.Create: then no installation permission narrows the target.
  const reaching = held.length === 0 ? caller.permissions : held.filter((p) => target.isCaller || !isSelf(p));
  const reachable = writeApps(caller).filter((p) => target.isCaller || !isSelf(p));
  // Through the installedApps routes (which checked writeApps) another app needs a permission that reaches
  // it; at chat creation Chat.Create is enough unless only "Self" ones are held, which is enforced below.
  const viaRoute = checksOf(caller).some((c) => c.operation === "writeApps");
  if (viaRoute && !target.isCaller && !check(caller, "writeApps: another app", reachable))
    throw selfOnlyPermission(target.appId, held);
  if (reaching.length === 0) throw selfOnlyPermission(target.appId, held);
  if (
    target.grantsConsent &&
    !check(
      caller,
      "writeApps: grant consent",
      reachable.filter((p) => p.includes("AndConsent")),
    ) &&
    !reaching.some((p) => p.includes("AndConsent"))
  )
    throw consentPermissionRequired(target.appId);
}

/** Whether every installation permission the caller holds for `op` is a "Self" one (its own app only). */
export function onlySelf(caller: Caller, op: "readApps" | "writeApps"): boolean {
  const accepted: readonly string[] = table[op][caller.kind];
  const held = caller.permissions.filter((p) => accepted.includes(p));
  return held.length > 0 && held.every(isSelf);
}

const writeApps = (caller: Caller): readonly string[] => table.writeApps[caller.kind];
const isSelf = (p: string) => /SelfForChat/.test(p);
