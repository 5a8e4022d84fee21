import type { Request } from "express";
import { Router } from "express";
import { installationNotFound, unsupportedExpand, unsupportedFilter, unsupportedSelect } from "../errors";
import { odataContext, queryString } from "../odata";
import { authorizeAppChange, onlySelf } from "../permissions";
import {
  checkInstall,
  checkRsc,
  grantsNewConsent,
  installTarget,
  isCallerApp,
  parseConsent,
} from "../rules/apps";
import type { InstallationRecord } from "../store/records";
import type { Caller } from "../tokens";
import { type InstallationView, installationJson } from "../views/directory";
import { chatFor, type RouterDeps, route } from "./route";

const EXPANDS = ["teamsApp", "teamsAppDefinition"];
const SELECTS = ["id", "consentedPermissionSet"];
const FILTER = /^\s*teamsApp\/(id|externalId)\s+eq\s+'((?:[^']|'')*)'\s*$/;

/** /chats/{id}/installedApps (docs/graph-api.md §7). New installations show after a short delay. */
export function installedAppsRouter({ store, directory }: RouterDeps): Router {
  const r = Router();
  const base = "/chats/:chatId/installedApps";

  route(r, "get", base, { permission: "readApps", query: ["$expand", "$filter", "$select"] }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    const view = viewOf(ctx.req, ctx.endpoint);
    const filter = queryString(ctx.req, "$filter");
    let items = visibleTo(ctx.caller, store.installations(c.id));
    if (filter !== undefined) {
      const m = FILTER.exec(filter);
      if (!m) throw unsupportedFilter(filter, ctx.endpoint, "teamsApp/id eq '…', teamsApp/externalId eq '…'");
      const value = m[2]!.replace(/''/g, "'").toLowerCase();
      items = items.filter((i) => {
        const app = directory.teamsApp(i.teamsAppId)!;
        return ((m[1] === "id" ? app.id : app.externalId) ?? "").toLowerCase() === value;
      });
    }
    return {
      status: 200,
      body: {
        "@odata.context": odataContext(ctx.version, `chats('${c.id}')/installedApps`),
        value: items.map((i) => installationJson(directory, i, view)),
      },
    };
  });

  route(
    r,
    "get",
    `${base}/:installationId`,
    { permission: "readApps", query: ["$expand", "$select"] },
    (ctx) => {
      const c = chatFor(store, ctx.caller, ctx.param("chatId"));
      const i = store.installation(c.id, ctx.param("installationId"));
      if (visibleTo(ctx.caller, [i]).length === 0) throw installationNotFound(i.id, c.id);
      return {
        status: 200,
        body: {
          "@odata.context": odataContext(ctx.version, `chats('${c.id}')/installedApps/$entity`),
          ...installationJson(directory, i, viewOf(ctx.req, ctx.endpoint)),
        },
      };
    },
  );

  // 201 with an empty body, as documented; the installation is found afterwards with GET + $filter.
  route(r, "post", base, { permission: "writeApps" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    const body = ctx.body();
    const appId = installTarget(body, ctx.endpoint);
    store.install(
      c.id,
      checkInstall(directory, ctx.caller, appId, parseConsent(body["consentedPermissionSet"])),
    );
    return { status: 201 };
  });

  // Moves to the app's newest definition, whose RSC needs the (new) consent to match; consenting to a
  // permission the installation did not have needs an AndConsent permission, as at install.
  route(r, "post", `${base}/:installationId/upgrade`, { permission: "writeApps" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    const i = store.installation(c.id, ctx.param("installationId"));
    const app = directory.teamsApp(i.teamsAppId)!;
    const latest = directory.latestDefinition(app);
    const body = ctx.optionalBody();
    const consent =
      body["consentedPermissionSet"] === undefined
        ? i.consentedPermissionSet
        : parseConsent(body["consentedPermissionSet"]);
    checkRsc(directory.requiredRsc(latest), consent, app.id);
    authorizeAppChange(ctx.caller, {
      appId: app.id,
      isCaller: isCallerApp(app, ctx.caller),
      grantsConsent: grantsNewConsent(i.consentedPermissionSet, consent),
    });
    store.upgradeInstallation(c.id, i.id, latest.version, consent);
    return { status: 204 };
  });

  route(r, "delete", `${base}/:installationId`, { permission: "writeApps" }, (ctx) => {
    const c = chatFor(store, ctx.caller, ctx.param("chatId"));
    const i = store.installation(c.id, ctx.param("installationId"));
    const app = directory.teamsApp(i.teamsAppId)!;
    authorizeAppChange(ctx.caller, {
      appId: app.id,
      isCaller: isCallerApp(app, ctx.caller),
      grantsConsent: false,
    });
    store.uninstall(c.id, i.id);
    return { status: 204 };
  });

  /** A caller whose only installation permissions are "Self" ones sees its own app's installation only. */
  function visibleTo(caller: Caller, items: InstallationRecord[]): InstallationRecord[] {
    if (!onlySelf(caller, "readApps")) return items;
    return items.filter((i) => isCallerApp(directory.teamsApp(i.teamsAppId)!, caller));
  }

  return r;
}

function viewOf(req: Request, endpoint: string): InstallationView {
  const list = (name: string) =>
    queryString(req, name)
      ?.split(",")
      .map((s) => s.trim());
  const expand = list("$expand") ?? [];
  for (const e of expand) if (!EXPANDS.includes(e)) throw unsupportedExpand(e, endpoint, EXPANDS.join(","));
  const select = list("$select");
  for (const s of select ?? []) if (!SELECTS.includes(s)) throw unsupportedSelect(s, SELECTS.join(", "));
  return {
    teamsApp: expand.includes("teamsApp"),
    teamsAppDefinition: expand.includes("teamsAppDefinition"),
    ...(select ? { select } : {}),
  };
}
