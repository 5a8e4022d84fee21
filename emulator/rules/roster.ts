import type { Directory } from "../directory";
import {
  duplicateMember,
  federatedMustBeOwner,
  federatedTenantRequired,
  guestRoleOnlyForGuests,
  guestRoleRequired,
  homeTenantMismatch,
  memberNotObject,
  memberPropertyUnsupported,
  memberTypeUnsupported,
  memberUserNotFound,
  roleNotSupported,
  rolesNotOne,
  rolesRequired,
  userBindInvalid,
  visibleHistoryInvalid,
} from "../errors";
import { parseUserBind } from "../odata";
import type { NewMember } from "../store/store";

const MEMBER_TYPE = "#microsoft.graph.aadUserConversationMember";
/** What a request may set on a member (docs/graph-api.md §2, §4); read-only and unknown ones are refused. */
const MEMBER_PROPERTIES = [
  "@odata.type",
  "roles",
  "user@odata.bind",
  "tenantId",
  "visibleHistoryStartDateTime",
];
/** Graph's value for "the entire history" (docs/graph-api.md §4). */
export const ENTIRE_HISTORY = "0001-01-01T00:00:00Z";
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Resolves one conversationMember of a create-chat or add-member request, enforcing Graph's roster
 * rules (docs/graph-api.md §2, §4): roles owner|guest, guests of the tenant as 'guest', users of another
 * tenant as 'owner' with their tenantId. `where` names the member in messages, e.g. "members[1]";
 * `defaultHistory` is the visibleHistoryStartDateTime when the request has none.
 */
export function resolveMember(
  dir: Directory,
  raw: unknown,
  where: string,
  defaultHistory: string,
): NewMember {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw memberNotObject(where);
  const m = raw as Record<string, unknown>;
  const extra = Object.keys(m).find((k) => !MEMBER_PROPERTIES.includes(k));
  if (extra !== undefined) throw memberPropertyUnsupported(where, extra, MEMBER_PROPERTIES);
  const type = m["@odata.type"];
  if (type !== undefined && type !== MEMBER_TYPE) throw memberTypeUnsupported(where, String(type));
  const roles = m["roles"];
  if (!Array.isArray(roles) || roles.length === 0) throw rolesRequired(where);
  for (const r of roles) if (r !== "owner" && r !== "guest") throw roleNotSupported(String(r));
  // A chat member is an owner or a guest, never both (a guest listed as owner too is not a guest).
  if (roles.length !== 1) throw rolesNotOne(where, roles);
  const ref = parseUserBind(m["user@odata.bind"]);
  if (!ref) throw userBindInvalid(where, m["user@odata.bind"]);
  const user = dir.user(ref);
  if (!user) throw memberUserNotFound(where, ref);
  const isRole = (r: string) => (roles as string[]).includes(r);
  const tenantId = m["tenantId"];
  const sameTenant = typeof tenantId === "string" && tenantId.toLowerCase() === user.tenantId.toLowerCase();
  if (user.tenantId.toLowerCase() !== dir.homeTenantId.toLowerCase()) {
    if (!sameTenant) throw federatedTenantRequired(where, ref, user.tenantId);
    if (!isRole("owner")) throw federatedMustBeOwner(where, ref);
  } else if (tenantId !== undefined && tenantId !== null && !sameTenant) {
    // The home tenant's own id is harmless; another one would be silently wrong.
    throw homeTenantMismatch(where, ref, user.tenantId, tenantId);
  } else if (user.userType === "Guest") {
    if (!isRole("guest")) throw guestRoleRequired(where, ref);
  } else if (isRole("guest")) {
    throw guestRoleOnlyForGuests(where, ref);
  }
  const history = m["visibleHistoryStartDateTime"];
  if (history !== undefined && (typeof history !== "string" || !ISO_DATE_TIME.test(history)))
    throw visibleHistoryInvalid(where, history);
  return {
    userId: user.id,
    displayName: user.displayName,
    email: user.mail ?? user.userPrincipalName,
    tenantId: user.tenantId,
    roles: [...(roles as string[])],
    visibleHistoryStartDateTime: (history as string | undefined) ?? defaultHistory,
  };
}

/** Every user at most once. */
export function checkUnique(members: readonly NewMember[]): void {
  const seen = new Set<string>();
  for (const m of members) {
    const k = m.userId.toLowerCase();
    if (seen.has(k)) throw duplicateMember(m.userId);
    seen.add(k);
  }
}
