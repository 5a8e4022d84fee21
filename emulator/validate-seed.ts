import type { Seed } from "./seed";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECTIONS = ["tenants", "users", "appRegistrations", "teamsApps"] as const;
const OPTIONAL_SECTIONS = ["federationIssuers"] as const;
type Obj = Record<string, unknown>;

/** Collects every problem of a seed with its place (e.g. `users[3].tenantId`), so one run shows them all. */
class Problems {
  readonly list: string[] = [];
  add(where: string, what: string): void {
    this.list.push(`${where} ${what}`);
  }
  string(o: Obj, key: string, where: string, optional = false): void {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== "string" || v === "") this.add(`${where}.${key}`, "must be a non-empty string");
  }
  guid(o: Obj, key: string, where: string): void {
    if (typeof o[key] !== "string" || !GUID.test(o[key] as string))
      this.add(`${where}.${key}`, `must be a GUID; got ${JSON.stringify(o[key])}`);
  }
  oneOf(o: Obj, key: string, where: string, allowed: readonly string[]): void {
    if (o[key] !== undefined && !allowed.includes(o[key] as string))
      this.add(`${where}.${key}`, `must be one of ${allowed.join(", ")}; got ${JSON.stringify(o[key])}`);
  }
  strings(o: Obj, key: string, where: string): void {
    const v = o[key];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
      this.add(`${where}.${key}`, "must be a list of strings");
  }
  unique(items: Obj[], key: string, section: string): void {
    const seen = new Set<string>();
    items.forEach((o, i) => {
      const k = String(o[key]).toLowerCase();
      if (seen.has(k)) this.add(`${section}[${i}].${key}`, `'${String(o[key])}' is used twice`);
      seen.add(k);
    });
  }
}

const objects = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.map((x) => (x && typeof x === "object" ? (x as Obj) : {})) : [];

/** Validates a parsed seed; throws one Error listing every problem, prefixed with `source`. */
export function validateSeed(raw: unknown, source = "seed"): Seed {
  const p = new Problems();
  const s = (raw && typeof raw === "object" ? raw : {}) as Obj;
  for (const k of Object.keys(s))
    if (![...SECTIONS, ...OPTIONAL_SECTIONS].includes(k as never))
      p.add(k, `is not a seed section (${SECTIONS.join(", ")})`);
  for (const k of SECTIONS) if (!Array.isArray(s[k])) p.add(k, "must be a list");
  const [tenants, users, apps, teamsApps] = SECTIONS.map((k) => objects(s[k])) as [
    Obj[],
    Obj[],
    Obj[],
    Obj[],
  ];

  tenants.forEach((t, i) => {
    p.guid(t, "id", `tenants[${i}]`);
    p.string(t, "displayName", `tenants[${i}]`);
    p.string(t, "domain", `tenants[${i}]`);
  });
  if (tenants.filter((t) => t["home"] === true).length !== 1)
    p.add("tenants", "must have exactly one tenant with 'home: true'");
  const tenantIds = new Set(tenants.map((t) => String(t["id"]).toLowerCase()));
  const seededTenant = (o: Obj, where: string) => {
    if (!tenantIds.has(String(o["tenantId"]).toLowerCase()))
      p.add(`${where}.tenantId`, `'${String(o["tenantId"])}' is not a seeded tenant`);
  };

  users.forEach((u, i) => {
    const w = `users[${i}]`;
    p.guid(u, "id", w);
    p.string(u, "displayName", w);
    if (typeof u["userPrincipalName"] !== "string" || !u["userPrincipalName"].includes("@"))
      p.add(`${w}.userPrincipalName`, "must be a UPN like name@domain");
    for (const k of ["mail", "givenName", "surname", "jobTitle", "password"]) p.string(u, k, w, true);
    p.oneOf(u, "userType", w, ["Member", "Guest"]);
    if (u["isTeamsAdmin"] !== undefined && typeof u["isTeamsAdmin"] !== "boolean")
      p.add(`${w}.isTeamsAdmin`, "must be true or false");
    seededTenant(u, w);
  });
  p.unique(users, "id", "users");
  p.unique(users, "userPrincipalName", "users");

  apps.forEach((a, i) => {
    const w = `appRegistrations[${i}]`;
    p.guid(a, "clientId", w);
    p.string(a, "clientSecret", w, true);
    checkCredentials(p, a, w);
    p.string(a, "displayName", w);
    p.strings(a, "applicationPermissions", w);
    p.strings(a, "delegatedPermissions", w);
    seededTenant(a, w);
  });
  p.unique(apps, "clientId", "appRegistrations");

  teamsApps.forEach((a, i) => {
    checkTeamsApp(p, a, `teamsApps[${i}]`);
  });
  p.unique(teamsApps, "id", "teamsApps");
  if (s["federationIssuers"] !== undefined && !Array.isArray(s["federationIssuers"]))
    p.add("federationIssuers", "must be a list");
  objects(s["federationIssuers"]).forEach((f, i) => {
    p.string(f, "issuer", `federationIssuers[${i}]`);
    pems(p, f, "publicKeys", `federationIssuers[${i}]`);
  });

  if (p.list.length) throw new Error(`${source}: invalid emulator seed:\n  - ${p.list.join("\n  - ")}`);
  return raw as Seed;
}

function checkTeamsApp(p: Problems, a: Obj, w: string): void {
  p.string(a, "id", w);
  p.string(a, "externalId", w, true);
  p.string(a, "displayName", w);
  if (a["distributionMethod"] === undefined) p.add(`${w}.distributionMethod`, "is required");
  p.oneOf(a, "distributionMethod", w, ["store", "organization", "sideloaded"]);
  const defs = objects(a["appDefinitions"]);
  if (defs.length === 0) p.add(`${w}.appDefinitions`, "must list at least one definition");
  defs.forEach((d, j) => {
    const dw = `${w}.appDefinitions[${j}]`;
    p.string(d, "version", dw);
    p.string(d, "id", dw, true);
    p.oneOf(d, "publishingState", dw, ["published", "submitted", "rejected"]);
    if (
      d["teamsAppId"] !== undefined &&
      String(d["teamsAppId"]).toLowerCase() !== String(a["id"]).toLowerCase()
    )
      p.add(`${dw}.teamsAppId`, `must equal the app's id '${String(a["id"])}'`);
    const auth = (d["authorization"] ?? {}) as Obj;
    const set = (auth["requiredPermissionSet"] ?? {}) as Obj;
    objects(set["resourceSpecificPermissions"] ?? []).forEach((r, k) => {
      const rw = `${dw}.authorization.requiredPermissionSet.resourceSpecificPermissions[${k}]`;
      p.string(r, "permissionValue", rw);
      if (!["application", "delegated"].includes(String(r["permissionType"]).toLowerCase()))
        p.add(`${rw}.permissionType`, "must be application or delegated");
    });
  });
}

function pems(p: Problems, o: Obj, key: string, w: string): void {
  const v = o[key];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || !x.includes("-----BEGIN ")))
    p.add(`${w}.${key}`, "must be a list of PEM texts (-----BEGIN ...)");
}

/** Certificates, federated credentials and the flags of an app registration. */
function checkCredentials(p: Problems, a: Obj, w: string): void {
  if (a["certificates"] !== undefined) pems(p, a, "certificates", w);
  if (a["federatedCredentials"] !== undefined && !Array.isArray(a["federatedCredentials"]))
    p.add(`${w}.federatedCredentials`, "must be a list");
  objects(a["federatedCredentials"]).forEach((f, j) => {
    p.string(f, "issuer", `${w}.federatedCredentials[${j}]`);
    p.string(f, "subject", `${w}.federatedCredentials[${j}]`);
    if (f["audiences"] !== undefined) p.strings(f, "audiences", `${w}.federatedCredentials[${j}]`);
  });
  for (const k of ["publicClient", "managedIdentity"])
    if (a[k] !== undefined && typeof a[k] !== "boolean") p.add(`${w}.${k}`, "must be true or false");
  if (a["clientSecret"] === undefined && a["managedIdentity"] !== true && a["certificates"] === undefined)
    if (a["federatedCredentials"] === undefined && a["publicClient"] !== true)
      p.add(
        `${w}`,
        "needs a credential: clientSecret, certificates, federatedCredentials, publicClient or managedIdentity",
      );
}
