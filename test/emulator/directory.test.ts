import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSeedPath, loadSeed, validateSeed } from "../../emulator";
import { ALEX, APPS, adele, expectGraphError, JACOB, STANDUP_APP, USERS, useEmulator } from "./helpers";

const { raw } = useEmulator();

describe("GET /users/{id | upn}", () => {
  it("by id, by UPN and by OData key, with Graph's default properties", async () => {
    const byId = await raw().call("GET", `/users/${JACOB.id}`);
    expect(byId.json).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
      businessPhones: [],
      displayName: "Jacob Hancock",
      givenName: "Jacob",
      jobTitle: null,
      mail: "jacob@contoso.com",
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: "en-US",
      surname: "Hancock",
      userPrincipalName: "jacob@contoso.com",
      id: JACOB.id,
    });
    expect((await raw().call("GET", "/users/ALEX@contoso.com")).json["id"]).toBe(ALEX.id);
    expect((await raw().call("GET", "/beta/users('alex@contoso.com')")).json["id"]).toBe(ALEX.id);
    expect(
      (await raw().call("GET", `/users('${encodeURIComponent("guest_outlook.com#EXT#@contoso.com")}')`)).json[
        "id"
      ],
    ).toBe(USERS.guest);
  });

  it("an unknown user → 404 Request_ResourceNotFound naming it; $select → 400", async () => {
    expectGraphError(
      await raw().call("GET", "/users/ghost@contoso.com"),
      404,
      "Request_ResourceNotFound",
      /Resource 'ghost@contoso\.com' does not exist/,
    );
    expectGraphError(
      await raw().call("GET", `/users/${USERS.adele}?$select=displayName`),
      400,
      "BadRequest",
      /Query option '\$select' is not supported .*it takes no query options/,
    );
  });

  it("a delegated caller reads themselves and, with User.ReadBasic.All, others", async () => {
    expect((await raw().call("GET", `/users/${USERS.adele}`, undefined, adele)).status).toBe(200);
    expect((await raw().call("GET", `/users/${USERS.u82af}`, undefined, adele)).status).toBe(200);
  });
});

describe("GET /appCatalogs/teamsApps", () => {
  it("lists the catalog; $expand=appDefinitions gives the definitions with their RSC needs", async () => {
    const all = await raw().call("GET", "/appCatalogs/teamsApps");
    expect(all.json["@odata.context"]).toBe(
      "https://graph.microsoft.com/v1.0/$metadata#appCatalogs/teamsApps",
    );
    expect(all.json["value"].map((a: { id: string }) => a.id)).toEqual([APPS.plain, APPS.rsc, STANDUP_APP]);
    expect(all.json["value"][0]).not.toHaveProperty("appDefinitions");
    const rsc = await raw().call(
      "GET",
      `/appCatalogs/teamsApps?$filter=id eq '${APPS.rsc.toUpperCase()}'&$expand=appDefinitions`,
    );
    expect(rsc.json["value"]).toEqual([
      {
        id: APPS.rsc,
        externalId: "2ed9a4fe-3f2a-4a7b-a3e1-5a5c2bdbd2a9",
        displayName: "Meeting Notes (RSC)",
        distributionMethod: "organization",
        appDefinitions: [
          {
            id: Buffer.from(`${APPS.rsc}##1.0.0##published`).toString("base64"),
            teamsAppId: APPS.rsc,
            displayName: "Meeting Notes (RSC)",
            version: "1.0.0",
            publishingState: "published",
            authorization: {
              clientAppId: null,
              requiredPermissionSet: {
                resourceSpecificPermissions: [
                  { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
                  { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
                ],
              },
            },
          },
        ],
      },
    ]);
  });

  it.each([
    ["externalId eq '05F59CEC-a742-4a50-a62e-202a57e478a4'", [APPS.plain]],
    ["distributionMethod eq 'organization'", [APPS.rsc, STANDUP_APP]],
    ["distributionMethod eq 'sideloaded'", []],
  ])("$filter=%s", async (filter, ids) => {
    const r = await raw().call("GET", `/appCatalogs/teamsApps?$filter=${encodeURIComponent(filter)}`);
    expect(r.json["value"].map((a: { id: string }) => a.id)).toEqual(ids);
  });

  it("other $filter, $expand and query options → 400 saying what is supported", async () => {
    expectGraphError(
      await raw().call("GET", "/appCatalogs/teamsApps?$filter=startswith(displayName,'P')"),
      400,
      "BadRequest",
      /\$filter 'startswith.*supported: id eq/,
    );
    expectGraphError(
      await raw().call("GET", "/appCatalogs/teamsApps?$expand=bot"),
      400,
      "BadRequest",
      /\$expand=bot .*supported: appDefinitions/,
    );
    expectGraphError(
      await raw().call("GET", "/appCatalogs/teamsApps?$top=1"),
      400,
      "BadRequest",
      /'\$top' is not supported .*supported: \$filter, \$expand/,
    );
    expectGraphError(
      await raw().call("GET", "/appCatalogs/teamsApps?$filter=id eq 'a'&$filter=id eq 'b'"),
      400,
      "BadRequest",
      /given more than once/,
    );
  });
});

describe("seed", () => {
  it("the default seed resolves from the sources and validates", () => {
    expect(existsSync(defaultSeedPath)).toBe(true);
    const seed = loadSeed();
    expect(seed.users.find((u) => u.userPrincipalName === "jacob@contoso.com")?.id).toBe(JACOB.id);
    expect(seed.users.find((u) => u.userPrincipalName === "adele@contoso.com")?.isTeamsAdmin).toBe(true);
  });

  it("a broken seed fails with every problem and its place", () => {
    const seed = loadSeed();
    const broken = {
      ...seed,
      extra: [],
      tenants: seed.tenants.map((t) => ({ ...t, home: false })),
      users: [...seed.users, { ...seed.users[0]!, id: "not-a-guid", tenantId: "nowhere" }],
      teamsApps: [{ ...seed.teamsApps[0]!, distributionMethod: "web", appDefinitions: [] }],
    };
    expect(() => validateSeed(broken, "my.yaml")).toThrow(
      /^my\.yaml: invalid emulator seed:\n {2}- extra is not a seed section[\s\S]*tenants must have exactly one tenant with 'home: true'[\s\S]*users\[11\]\.id must be a GUID; got "not-a-guid"[\s\S]*users\[11\]\.tenantId 'nowhere' is not a seeded tenant[\s\S]*users\[11\]\.userPrincipalName 'adele@contoso\.com' is used twice[\s\S]*teamsApps\[0\]\.distributionMethod must be one of[\s\S]*teamsApps\[0\]\.appDefinitions must list at least one definition/,
    );
  });

  it("a missing or unparsable seed file fails clearly", () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-seed-"));
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "tenants: [\n");
    expect(() => loadSeed(bad)).toThrow(/bad\.yaml is not valid YAML/);
    expect(() => loadSeed(join(dir, "none.yaml"))).toThrow(/cannot read the emulator seed .*none\.yaml/);
  });
});
