import { Router } from "express";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { authorize, canConsent } from "../permissions";
import { context, installationJson } from "../serialize";
import type { ChatRecord, InstallationRecord } from "../state";
import type { EmulatorStore } from "../store";
import type { Caller } from "../tokens";
import { allowQuery, type Deps, locals, param } from "./util";

type PermSet = NonNullable<InstallationRecord["consentedPermissionSet"]>;
const permKey = (ps: { permissionValue: string; permissionType: string }[] | undefined) =>
  (ps ?? [])
    .map((p) => `${p.permissionValue}/${p.permissionType}`.toLowerCase())
    .sort()
    .join(",");

/** Validates an install request (app exists, RSC consent matches the definition) into a record. */
export function installationRecord(
  store: EmulatorStore,
  chat: ChatRecord,
  body: Record<string, unknown>,
): InstallationRecord {
  const bind = body["teamsApp@odata.bind"];
  const m = typeof bind === "string" ? /\/appCatalogs\/teamsApps\/([^/?#]+)\/?$/.exec(bind) : null;
  if (!m) throw badRequest("'teamsApp@odata.bind' must be a …/appCatalogs/teamsApps/{id} URL.");
  const app = store.dir.teamsApp(decodeURIComponent(m[1]!));
  if (!app) throw notFound(`Teams app '${m[1]}' was not found in the app catalog.`);
  const def = store.dir.installDefinition(app);
  const consent = (body["consentedPermissionSet"] ?? null) as PermSet | null;
  checkRsc(def.requiredResourceSpecificPermissions, consent, app.id);
  return {
    id: Buffer.from(`${chat.id}##${app.id}`).toString("base64"),
    teamsAppId: app.id,
    definitionVersion: def.version,
    consentedPermissionSet: consent,
    visibleAt: Date.now() + store.options.installVisibilityDelayMs,
  };
}

function checkRsc(
  required: { permissionValue: string; permissionType: string }[] | undefined,
  consent: PermSet | null,
  appId: string,
): void {
  // Delegated-only RSC may be omitted; application RSC must be consented exactly (case-insensitively).
  const needed = (required ?? []).filter((p) => p.permissionType.toLowerCase() === "application");
  const given = consent?.resourceSpecificPermissions ?? [];
  if (needed.length === 0 && given.length === 0) return;
  if (permKey(required) !== permKey(given) && permKey(needed) !== permKey(given)) {
    throw badRequest(
      `The consented permissions for app '${appId}' do not match what its definition requires: ${permKey(required) || "none"}; got ${permKey(given) || "none"}.`,
    );
  }
}

export function checkConsent(store: EmulatorStore, caller: Caller, i: InstallationRecord): void {
  const app = store.dir.teamsApp(i.teamsAppId)!;
  const rsc = store.dir.definition(app, i.definitionVersion).requiredResourceSpecificPermissions ?? [];
  if (rsc.length && !canConsent(caller)) {
    throw forbidden(
      `App '${app.id}' needs resource-specific consent; installing it needs a TeamsAppInstallation.ReadWriteAndConsent…ForChat permission.`,
    );
  }
}

export function installedAppsRouter({ store }: Deps): Router {
  const r = Router();
  const visible = (c: ChatRecord) => c.installedApps.filter((i) => i.visibleAt <= Date.now());
  const find = (c: ChatRecord, id: string) => {
    const i = visible(c).find((x) => x.id === id);
    if (!i) throw notFound(`Installation '${id}' was not found in chat '${c.id}'.`);
    return i;
  };

  r.get("/chats/:chatId/installedApps", (req, res) => {
    allowQuery(req, ["$expand", "$filter", "$select"], "GET /chats/{id}/installedApps");
    const { caller, version } = locals(res);
    authorize(caller, "readApps");
    const c = store.chat(caller, param(req, "chatId"));
    const expand = parseExpand(req.query["$expand"]);
    const select = parseSelect(req.query["$select"]);
    const filter = parseFilter(req.query["$filter"]);
    const items = visible(c).filter((i) => {
      if (!filter) return true;
      const app = store.dir.teamsApp(i.teamsAppId)!;
      const v = filter.field === "id" ? app.id : app.externalId;
      return (v ?? "").toLowerCase() === filter.value.toLowerCase();
    });
    res.json({
      "@odata.context": context(version, `chats('${c.id}')/installedApps`),
      value: items.map((i) => installationJson(store.dir, i, expand, select)),
    });
  });

  r.get("/chats/:chatId/installedApps/:installationId", (req, res) => {
    allowQuery(req, ["$expand", "$select"], "GET /chats/{id}/installedApps/{id}");
    const { caller, version } = locals(res);
    authorize(caller, "readApps");
    const c = store.chat(caller, param(req, "chatId"));
    const select = parseSelect(req.query["$select"]);
    res.json({
      "@odata.context": context(version, `chats('${c.id}')/installedApps/$entity`),
      ...installationJson(
        store.dir,
        find(c, param(req, "installationId")),
        parseExpand(req.query["$expand"]),
        select,
      ),
    });
  });

  r.post("/chats/:chatId/installedApps", (req, res) => {
    allowQuery(req, [], "POST /chats/{id}/installedApps");
    const { caller } = locals(res);
    authorize(caller, "writeApps");
    const c = store.chat(caller, param(req, "chatId"));
    const rec = installationRecord(store, c, (req.body ?? {}) as Record<string, unknown>);
    checkConsent(store, caller, rec);
    if (c.installedApps.some((i) => i.teamsAppId.toLowerCase() === rec.teamsAppId.toLowerCase())) {
      throw conflict(`App '${rec.teamsAppId}' is already installed in chat '${c.id}'.`);
    }
    c.installedApps.push(rec);
    store.save();
    res.status(201).end();
  });

  r.post("/chats/:chatId/installedApps/:installationId/upgrade", (req, res) => {
    allowQuery(req, [], "POST …/installedApps/{id}/upgrade");
    const { caller } = locals(res);
    authorize(caller, "writeApps");
    const c = store.chat(caller, param(req, "chatId"));
    const i = find(c, param(req, "installationId"));
    const app = store.dir.teamsApp(i.teamsAppId)!;
    const latest = store.dir.latestDefinition(app);
    const consent =
      ((req.body ?? {}) as { consentedPermissionSet?: PermSet }).consentedPermissionSet ??
      i.consentedPermissionSet;
    checkRsc(latest.requiredResourceSpecificPermissions, consent ?? null, app.id);
    i.definitionVersion = latest.version;
    i.consentedPermissionSet = consent ?? null;
    store.save();
    res.status(204).end();
  });

  r.delete("/chats/:chatId/installedApps/:installationId", (req, res) => {
    allowQuery(req, [], "DELETE …/installedApps/{id}");
    const { caller } = locals(res);
    authorize(caller, "writeApps");
    const c = store.chat(caller, param(req, "chatId"));
    const i = find(c, param(req, "installationId"));
    c.installedApps = c.installedApps.filter((x) => x !== i);
    store.save();
    res.status(204).end();
  });

  return r;
}

function parseSelect(raw: unknown): string[] | undefined {
  return raw === undefined
    ? undefined
    : String(raw)
        .split(",")
        .map((s) => s.trim());
}

function parseExpand(raw: unknown): { teamsApp: boolean; teamsAppDefinition: boolean } {
  const parts =
    raw === undefined
      ? []
      : String(raw)
          .split(",")
          .map((s) => s.trim());
  for (const p of parts) {
    if (p !== "teamsApp" && p !== "teamsAppDefinition")
      throw badRequest(
        `$expand '${p}' is not supported by the pulumi-msteams emulator; use teamsApp,teamsAppDefinition.`,
      );
  }
  return { teamsApp: parts.includes("teamsApp"), teamsAppDefinition: parts.includes("teamsAppDefinition") };
}

function parseFilter(raw: unknown): { field: "id" | "externalId"; value: string } | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*teamsApp\/(id|externalId)\s+eq\s+'([^']*)'\s*$/.exec(String(raw));
  if (!m)
    throw badRequest(
      `$filter '${String(raw)}' is not supported by the pulumi-msteams emulator; use teamsApp/id eq '…' or teamsApp/externalId eq '…'.`,
    );
  return { field: m[1] as "id" | "externalId", value: m[2]! };
}
