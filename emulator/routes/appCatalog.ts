import { Router } from "express";
import { unsupportedExpand, unsupportedFilter } from "../errors";
import { odataContext, queryString } from "../odata";
import type { SeedTeamsApp } from "../seed";
import { definitionJson, teamsAppJson } from "../views/directory";
import { type RouterDeps, route } from "./route";

const FILTERS = "id eq '…', externalId eq '…', distributionMethod eq '…'";
const FILTER = /^\s*(id|externalId|distributionMethod)\s+eq\s+'((?:[^']|'')*)'\s*$/;

/** GET /appCatalogs/teamsApps with its documented $filter forms and $expand=appDefinitions (§7). */
export function appCatalogRouter({ directory }: RouterDeps): Router {
  const r = Router();
  route(
    r,
    "get",
    "/appCatalogs/teamsApps",
    { permission: "readCatalog", query: ["$filter", "$expand"] },
    (ctx) => {
      const expand = queryString(ctx.req, "$expand");
      if (expand !== undefined && expand !== "appDefinitions")
        throw unsupportedExpand(expand, ctx.endpoint, "appDefinitions");
      const filter = queryString(ctx.req, "$filter");
      let matches = (_a: SeedTeamsApp) => true;
      if (filter !== undefined) {
        const m = FILTER.exec(filter);
        if (!m) throw unsupportedFilter(filter, ctx.endpoint, FILTERS);
        const [field, value] = [
          m[1] as "id" | "externalId" | "distributionMethod",
          m[2]!.replace(/''/g, "'"),
        ];
        matches = (a) => (a[field] ?? "").toLowerCase() === value.toLowerCase();
      }
      const value = directory.teamsApps.filter(matches).map((a) => ({
        ...teamsAppJson(a),
        ...(expand
          ? { appDefinitions: a.appDefinitions.map((d) => definitionJson(directory, a, d, true)) }
          : {}),
      }));
      return {
        status: 200,
        body: { "@odata.context": odataContext(ctx.version, "appCatalogs/teamsApps"), value },
      };
    },
  );
  return r;
}
