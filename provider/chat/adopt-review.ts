// An adopted chat, reviewed before anything changes it: what an update would do to its topic, members and
// apps, in words. The engine's dynamic-provider host forwards no detailed diff, and the inputs an adopting
// create stores are the program's own, so without these words a preview would show a bare "~ update".
// Pure, on known inputs (diff asks only once the preview knows them): diff shows them as warnings on every
// preview, the adopting create once. See docs/adoption.md.
import type { ChatInputs, ChatMember, ChatMemberState } from "../generated/types";
import { describePlan, planApps } from "../install/model";
import { type ChatState, sameRoles, sameUser, undeclared, undeclaredPolicy } from "./model";

/** The preview of a create that adopts: it can say no more, since check and diff make no Graph call. */
export function adoptingNotice(id: string): string {
  return (
    `Chat adopts the existing chat ${id}: this up records it exactly as Graph holds it (topic, members, ` +
    "installed apps) and changes nothing in it; the preview after it shows what the following up would change"
  );
}

/** What an update of this adopted chat changes (empty when nothing), and which members it leaves alone. */
export function reviewAdopted(olds: ChatState, news: ChatInputs): string[] {
  const changes = changesOf(olds, news);
  return [
    ...(changes.length ? [`adopted chat ${olds.existingChatId}: the update ${changes.join("; ")}`] : []),
    ...keptWarning(olds, news),
  ];
}

/** What the adopting create tells: it changed nothing, and what the next up would change. */
export function adoptionReport(outs: ChatState, inputs: ChatInputs): string[] {
  const changes = changesOf(outs, inputs);
  const head = `adopted chat ${outs.existingChatId} as Graph holds it; this up changed nothing in it`;
  return [
    changes.length ? `${head}. The next up ${changes.join("; ")}` : `${head}, and it matches the program`,
    ...keptWarning(outs, inputs),
  ];
}

function changesOf(olds: ChatState, news: ChatInputs): string[] {
  const out: string[] = [];
  const group = olds.chatType === "group";
  if (group && news.topic !== undefined && news.topic !== olds.topic) {
    out.push(`renames it from ${JSON.stringify(olds.topic ?? "")} to ${JSON.stringify(news.topic)}`);
  }
  if (group) out.push(...memberChanges(olds.members, news));
  out.push(...describePlan(planApps(olds.installedApps ?? [], news.installedApps ?? [])));
  return out;
}

function memberChanges(current: readonly ChatMemberState[], news: ChatInputs): string[] {
  const out: string[] = [];
  for (const d of news.members) {
    const c = current.find((m) => names(d, m));
    const roles = d.roles ?? ["owner"];
    if (!c) out.push(`adds member ${d.user}`);
    else if (!sameRoles(c.roles, roles) || (d.tenantId && d.tenantId.toLowerCase() !== lower(c.tenantId)))
      out.push(
        `re-adds member ${who(c)} as ${roles.join(", ")}${d.tenantId ? ` of tenant ${d.tenantId}` : ""}`,
      );
  }
  if (undeclaredPolicy(news) === "remove") {
    for (const m of undeclared(current, news.members))
      out.push(`removes member ${who(m)} (undeclaredMembers: "remove")`);
  }
  return out;
}

/** Undeclared members kept by default (not by an explicit `keep`): the warning names them and the input. */
function keptWarning(olds: ChatState, news: ChatInputs): string[] {
  if (olds.chatType !== "group" || news.undeclaredMembers !== undefined) return [];
  if (undeclaredPolicy(news) !== "keep") return [];
  const kept = undeclared(olds.members, news.members);
  if (kept.length === 0) return [];
  return [
    `adopted chat ${olds.existingChatId} has ${kept.length} member(s) the program does not declare: ${kept.map(who).join(", ")}. ` +
      `They stay; undeclaredMembers: "remove" removes them, "keep" keeps them without this warning, or declare them in members`,
  ];
}

const lower = (s: string | null | undefined) => (s ?? "").toLowerCase();

function names(d: ChatMember, m: ChatMemberState): boolean {
  return sameUser(d.user, m) || (!!m.userId && lower(d.user) === lower(m.userId));
}

function who(m: ChatMemberState): string {
  return m.displayName ? `${m.displayName} (${m.user})` : m.user;
}
