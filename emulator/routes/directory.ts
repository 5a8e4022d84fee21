import { Router } from "express";
import { badRequest, userNotFound } from "../errors";
import { authorize } from "../permissions";
import { context } from "../serialize";
import { allowQuery, type Deps, locals, param } from "./util";

export function directoryRouter({ store }: Deps): Router {
  const r = Router();

  r.get("/users/:user", (req, res) => {
    allowQuery(req, [], "GET /users/{id}");
    const { caller, version } = locals(res);
    const u = store.dir.user(param(req, "user"));
    const self = caller.kind === "delegated" && u?.id === caller.userId;
    if (!self) authorize(caller, "readUser");
    if (!u) throw userNotFound(param(req, "user"));
    const [givenName, ...rest] = u.displayName.split(" ");
    res.json({
      "@odata.context": context(version, "users/$entity"),
      businessPhones: [],
      displayName: u.displayName,
      givenName: givenName ?? null,
      jobTitle: null,
      mail: u.mail ?? u.userPrincipalName,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: "en-US",
      surname: rest.join(" ") || null,
      userPrincipalName: u.userPrincipalName,
      id: u.id,
    });
  });

  r.get("/appCatalogs/teamsApps", (req, res) => {
    allowQuery(req, ["$filter", "$expand"], "GET /appCatalogs/teamsApps");
    const { caller, version } = locals(res);
    authorize(caller, "readCatalog");
    const expand = req.query["$expand"];
    if (expand !== undefined && expand !== "appDefinitions")
      throw badRequest(`$expand='${String(expand)}' is not supported here; use $expand=appDefinitions.`);
    const filter = parseFilter(req.query["$filter"]);
    const apps = store.dir.seed.teamsApps.filter((a) => {
      if (!filter) return true;
      const v =
        filter.field === "id" ? a.id : filter.field === "externalId" ? a.externalId : a.distributionMethod;
      return (v ?? "").toLowerCase() === filter.value.toLowerCase();
    });
    res.json({
      "@odata.context": context(version, "appCatalogs/teamsApps"),
      value: apps.map((a) => ({
        id: a.id,
        externalId: a.externalId ?? null,
        displayName: a.displayName,
        distributionMethod: a.distributionMethod,
        ...(expand
          ? {
              appDefinitions: a.definitions.map((d) => ({
                id: store.dir.definitionId(a, d),
                teamsAppId: a.id,
                displayName: d.displayName ?? a.displayName,
                version: d.version,
                publishingState: d.publishingState ?? "published",
                authorization: {
                  requiredPermissionSet: {
                    resourceSpecificPermissions: d.requiredResourceSpecificPermissions ?? [],
                  },
                },
              })),
            }
          : {}),
      })),
    });
  });

  return r;
}

function parseFilter(
  raw: unknown,
): { field: "id" | "externalId" | "distributionMethod"; value: string } | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(id|externalId|distributionMethod)\s+eq\s+'([^']*)'\s*$/.exec(String(raw));
  if (!m) {
    throw badRequest(
      `$filter '${String(raw)}' is not supported by the pulumi-msteams emulator; supported: id eq '…', externalId eq '…', distributionMethod eq '…'.`,
    );
  }
  return { field: m[1] as "id" | "externalId" | "distributionMethod", value: m[2]! };
}
