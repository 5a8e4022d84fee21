import type { CheckEnv, CheckResult } from "../contract";
import type { ChatInputs, ChatMember } from "../generated/types";
import {
  type CheckFailure,
  canonicalInputs,
  constraintsOf,
  isKnown,
  isUnknown,
  oneEach,
  validateInputs,
} from "../validate";

/**
 * Validates Chat inputs before anything reaches Graph, fills defaults (`roles: ["owner"]`) and writes
 * case-insensitive values (RSC `permissionType`) in the schema's spelling.
 * Every failure names the property and the fix; unknown (preview) values pass.
 */
export function checkChat(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  ctx: CheckEnv,
): CheckResult {
  const failures = validateInputs("Chat", news);
  // An adopted chat (existingChatId) is not created: its apps are installed by updates, any number of them.
  const creating =
    olds["chatType"] === undefined && olds["members"] === undefined && news["existingChatId"] === undefined;
  const inputs = withDefaults(canonicalInputs("Chat", news));
  // A resource rule is more specific than the schema's on the same property: report one failure each.
  const rules = chatRules(inputs as unknown as ChatInputs, creating, ctx);
  return { inputs, failures: oneEach(failures, rules) };
}

function withDefaults(news: Record<string, unknown>): Record<string, unknown> {
  const members = news["members"];
  if (!Array.isArray(members)) return { ...news };
  return {
    ...news,
    members: members.map((m) =>
      typeof m === "object" && m !== null && !Array.isArray(m) && (m as ChatMember).roles === undefined
        ? { ...m, roles: ["owner"] }
        : m,
    ),
  };
}

function chatRules(i: ChatInputs, creating: boolean, ctx: CheckEnv): CheckFailure[] {
  const out: CheckFailure[] = [];
  const oneOnOne = i.chatType === "oneOnOne";
  if (oneOnOne && i.topic !== undefined && i.topic !== null) {
    out.push({
      property: "topic",
      reason: "is only allowed on group chats: remove it, or set chatType to 'group'",
    });
  }
  if (Array.isArray(i.members)) {
    if (oneOnOne && i.members.length !== 2) {
      out.push({
        property: "members",
        reason: `a oneOnOne chat has exactly 2 members; got ${i.members.length}. Use chatType 'group' for more`,
      });
    }
    out.push(...memberRules(i.members));
  }
  const maxAtCreation = constraintsOf("Chat", "installedApps").maxItemsAtCreation;
  if (
    creating &&
    Array.isArray(i.installedApps) &&
    maxAtCreation !== undefined &&
    i.installedApps.length > maxAtCreation
  ) {
    out.push({
      property: "installedApps",
      reason:
        `Graph installs at most ${maxAtCreation} app when a chat is created; got ${i.installedApps.length}. ` +
        "Keep one here and declare the others as ChatAppInstallation resources",
    });
  }
  if (i.deletionPolicy === "hide" && ctx.tokenKind === "application") {
    out.push({
      property: "deletionPolicy",
      reason:
        "'hide' hides the chat for the signed-in user and needs a delegated token, but the configured " +
        "credential gets an application token; use 'delete' or 'forget', or sign in as a user",
    });
  }
  return out;
}

function memberRules(members: readonly ChatMember[]): CheckFailure[] {
  const out: CheckFailure[] = [];
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    if (typeof m !== "object" || m === null || !isKnown(m.user) || typeof m.user !== "string") return;
    const key = m.user.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({
        property: `members[${i}].user`,
        reason: `'${m.user}' is already listed as members[${first}]; list each person once`,
      });
    } else seen.set(key, i);
    const roles = Array.isArray(m.roles) && !isUnknown(m.roles) ? m.roles : [];
    if (m.tenantId && isKnown(m.tenantId) && roles.includes("guest")) {
      out.push({
        property: `members[${i}].roles`,
        reason:
          "a user of another tenant (tenantId set) must have role 'owner'; 'guest' is for guests of your own tenant",
      });
    }
  });
  return out;
}
