// The least-privilege report (GET /_emulator/permissions): from the permission checks of the requests the
// emulator served, the smallest set of Microsoft Graph permissions an app registration needs to run the
// same program against a real tenant. Permissions per API: https://learn.microsoft.com/graph/permissions-reference
import type { RequestLogEntry } from "./context";
import type { PermissionCheck } from "./permissions";

export interface PermissionNeed {
  /** The operation (a row of the emulator's permission table) and how often it was checked. */
  operation: string;
  requests: number;
  /** The permission of the report that covers it. */
  coveredBy: string;
}

export interface PermissionReport {
  /** Application permissions (app roles, admin consent), for client-credential tokens. */
  application: string[];
  /** Delegated permissions (scopes), for tokens of a signed-in user. */
  delegated: string[];
  /** Why each permission is there. */
  needs: { application: PermissionNeed[]; delegated: PermissionNeed[] };
  /** What the report does not cover, in words. */
  notes: string[];
  /** How many Graph requests the report was computed from. */
  requests: number;
}

/**
 * Not offered for an app registration: resource-specific consent (`….Chat`, granted per chat by
 * installing an app, not to a registration), `…WhereInstalled` (works only in chats where the app is
 * installed) and `ManageSelected…` (needs an administrator's selection of apps).
 */
const registrable = (p: string) =>
  !p.endsWith(".Chat") && !p.includes("WhereInstalled") && !p.includes("ManageSelected");

/**
 * How much a permission grants, for choosing among those an API accepts (Graph's tables list one least
 * privileged permission and the rest unordered): read-basic < read, send, create < own app only <
 * read-write < with consent < manage/migrate; directory-wide ones rank above the rest.
 */
export function privilege(p: string): number {
  let rank = 4;
  if (p.includes("ReadBasic")) rank = 1;
  else if (/\.Read(\.|For|$)/.test(p) || /\.(Send|Create)$/.test(p)) rank = 2;
  else if (p.includes("SelfForChat")) rank = 3;
  if (p.includes("AndConsent")) rank += 1;
  if (/Manage|Migrate/.test(p)) rank = 6;
  if (p.startsWith("Directory.")) rank += 3;
  return rank;
}

/** The smallest set (greedy, least privileged first, then redundant ones dropped) that passes every check. */
export function cover(checks: readonly PermissionCheck[]): { chosen: string[]; needs: PermissionNeed[] } {
  const rows = new Map<string, { accepted: readonly string[]; requests: number }>();
  for (const c of checks) {
    const key = `${c.operation}\u0000${c.accepted.join(" ")}`;
    const candidates = c.accepted.filter(registrable);
    // A stable sort: equal ranks keep the order of Graph's table.
    const byPrivilege = [...candidates].sort((a, b) => privilege(a) - privilege(b));
    const row = rows.get(key) ?? { accepted: byPrivilege, requests: 0 };
    row.requests++;
    rows.set(key, row);
  }
  const list = [...rows.entries()].filter(([, r]) => r.accepted.length > 0);
  let chosen: string[] = [];
  for (const [, r] of list) if (!r.accepted.some((p) => chosen.includes(p))) chosen.push(r.accepted[0]!);
  // A later, broader choice may make an earlier one redundant (Chat.Read.All covers Chat.ReadBasic.All's rows).
  // Drop the most privileged redundant ones first.
  for (const p of [...chosen].sort((a, b) => privilege(b) - privilege(a))) {
    const without = chosen.filter((x) => x !== p);
    if (list.every(([, r]) => r.accepted.some((a) => without.includes(a)))) chosen = without;
  }
  const needs = list.map(([key, r]) => ({
    operation: key.split("\u0000")[0]!,
    requests: r.requests,
    coveredBy: r.accepted.find((a) => chosen.includes(a))!,
  }));
  return { chosen: chosen.sort(), needs };
}

export function permissionReport(log: readonly RequestLogEntry[]): PermissionReport {
  const graph = log.filter((e) => e.kind === "graph" && e.checks);
  const of = (kind: PermissionCheck["kind"]) =>
    cover(graph.flatMap((e) => e.checks!.filter((c) => c.kind === kind)));
  const app = of("application");
  const delegated = of("delegated");
  return {
    application: app.chosen,
    delegated: delegated.chosen,
    needs: { application: app.needs, delegated: delegated.needs },
    notes: [
      "Computed from the permission checks of the Graph requests since the emulator started (or was reset), refused ones included.",
      "Resource-specific consent (….Chat), …WhereInstalled and ManageSelected… permissions are never proposed: they are granted per chat or per administrator selection, not to an app registration.",
      "Application permissions need an administrator's consent in Entra ID; see https://learn.microsoft.com/graph/permissions-reference",
    ],
    requests: graph.length,
  };
}
