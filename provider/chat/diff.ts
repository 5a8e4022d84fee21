import type * as pulumi from "@pulumi/pulumi";
import type { ChatInputs, ChatMember, ChatMemberState } from "../generated/types";
import { isKnown } from "../validate";
import { type ChatState, sameUser } from "./model";

/**
 * Exact diff of stored outputs against new inputs, without any Graph call. `replaces` only for what Graph
 * cannot change in place: the chat type, the adopted chat id, and the roster of a one-on-one chat.
 */
export function diffChat(olds: ChatState, news: ChatInputs): pulumi.dynamic.DiffResult {
  const changes: string[] = [];
  const replaces: string[] = [];
  const differs = (key: keyof ChatInputs, same: boolean, replace = false) => {
    if (same) return;
    changes.push(key);
    if (replace) replaces.push(key);
  };
  const oneOnOne = news.chatType === "oneOnOne" || olds.chatType === "oneOnOne";
  differs("chatType", isKnown(news.chatType) && news.chatType === olds.chatType, true);
  differs(
    "existingChatId",
    isKnown(news.existingChatId) && (news.existingChatId ?? null) === olds.existingChatId,
    true,
  );
  // A topic removed from the program is left as it is in Teams (Graph cannot clear a group topic).
  differs("topic", news.topic === undefined || (isKnown(news.topic) && news.topic === olds.topic));
  differs("members", isKnown(news.members) && sameRoster(olds.members, news.members), oneOnOne);
  differs(
    "installedApps",
    isKnown(news.installedApps) && sameApps(olds.installedApps ?? [], news.installedApps ?? []),
  );
  differs(
    "deletionPolicy",
    isKnown(news.deletionPolicy) && (news.deletionPolicy ?? null) === olds.deletionPolicy,
  );
  return changes.length === 0 ? { changes: false } : { changes: true, replaces, deleteBeforeReplace: false };
}

/** Same people with the same roles (and tenant, where declared). History visibility applies only when added. */
export function sameRoster(current: readonly ChatMemberState[], declared: readonly ChatMember[]): boolean {
  if (current.length !== declared.length) return false;
  const left = [...current];
  for (const d of declared) {
    const i = left.findIndex((c) => sameUser(d.user, c));
    if (i < 0) return false;
    const [c] = left.splice(i, 1);
    if (!sameRoles(c!.roles, d.roles ?? ["owner"])) return false;
    if (d.tenantId && d.tenantId.toLowerCase() !== (c!.tenantId ?? "").toLowerCase()) return false;
  }
  return true;
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  [...a]
    .map((r) => r.toLowerCase())
    .sort()
    .join() ===
  [...b]
    .map((r) => r.toLowerCase())
    .sort()
    .join();

function appKey(a: {
  teamsAppId: string;
  consentedPermissionSet?:
    | { resourceSpecificPermissions: { permissionValue: string; permissionType: string }[] }
    | undefined;
}): string {
  const perms = (a.consentedPermissionSet?.resourceSpecificPermissions ?? [])
    .map((p) => `${p.permissionValue}/${p.permissionType}`.toLowerCase())
    .sort();
  return `${a.teamsAppId.toLowerCase()}:${perms.join(",")}`;
}

export function sameApps(
  a: readonly Parameters<typeof appKey>[0][],
  b: readonly Parameters<typeof appKey>[0][],
): boolean {
  return a.map(appKey).sort().join("|") === b.map(appKey).sort().join("|");
}
