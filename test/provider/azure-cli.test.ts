// msteams:auth azureCli through unmodified @azure/identity: AzureCliCredential runs `az account
// get-access-token`, here a test double of the Azure CLI (test/support/fake-az/az) that signs in, as the
// account `az login` saved, at the HTTPS emulator's token endpoint and prints the CLI's JSON. Only this
// file's environment finds the double (PATH is stubbed per test). Timings are printed, not asserted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { tokenClaims } from "../../provider/auth";
import * as runtime from "../../provider/runtime";
import { type FakeAzLogin, fakeAzLogin } from "../support/fake-az";
import { call, configureProvider, graphRequests } from "../support/provider";
import { APP, FEDERATED_TENANT, HOME_TENANT, USERS } from "../support/tenant";

const adeleGroup = {
  chatType: "group",
  topic: "Signed in with az",
  members: [USERS.adele, USERS.u8c0a].map((user) => ({ user, roles: ["owner"] })),
  __provider: "serialized-shim",
};

let emu: RunningEmulator;
let az: FakeAzLogin;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, asyncOperationMs: 300 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  az = fakeAzLogin(emu);
  vi.stubEnv("PATH", az.PATH);
  vi.stubEnv("AZURE_CONFIG_DIR", az.AZURE_CONFIG_DIR);
  // No client secret: the Azure CLI signs in, not the app.
  configureProvider(emu, { kind: "app" }, { "msteams:auth": "azureCli", "msteams:clientSecret": "" });
});
afterEach(() => {
  vi.unstubAllEnvs();
  az.remove();
});

const tokenRequests = () => emu.requests().filter((r) => r.kind === "token");
const failure = (p: Promise<unknown>) =>
  p.then(
    () => Error("expected a failure"),
    (e: unknown) => e as Error,
  );

describe("azureCli (AzureCliCredential) with the Azure CLI test double", () => {
  it("gets a delegated token for the account az login saved and creates a chat as that user", async () => {
    const t = Date.now();
    const token = await runtime.context().client.token();
    console.log(`token flow azureCli (az test double, a Node process): ${Date.now() - t} ms`);
    expect(token.kind).toBe("delegated");
    expect(token.userId).toBe(USERS.adele);
    expect(token.tenantId).toBe(HOME_TENANT);
    // The CLI's expires_on (epoch seconds) became the token's expiry: about the emulator's lifetime ahead.
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 5 * 60_000);
    const chat = await call<{ id: string }>("create", adeleGroup);
    expect(chat.id).toMatch(/^19:/);
    await call("create", { ...adeleGroup, topic: "Second" });
    // One sign-in (the password grant the double made, for the resource AzureCliCredential asked for),
    // reused for every Graph request; each request was made as the signed-in user.
    expect(tokenRequests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `POST /${HOME_TENANT}/oauth2/v2.0/token 200`,
    ]);
    // How AzureCliCredential called the CLI: Graph's resource (the scope without /.default) and the tenant.
    expect(az.commands()).toEqual([
      [
        "account",
        "get-access-token",
        "--output",
        "json",
        "--resource",
        "https://graph.microsoft.com",
        "--tenant",
        HOME_TENANT,
      ],
    ]);
    const graph = graphRequests(emu);
    expect(graph.length).toBeGreaterThanOrEqual(2);
    expect(new Set(graph.map((r) => r.appId))).toEqual(new Set([APP.clientId]));
    const created = emu.store.state.chats.find((c) => c.id === chat.id)!;
    expect(created.members.map((m) => m.userId).sort()).toEqual([USERS.adele, USERS.u8c0a].sort());
  });

  it("an Azure CLI before 2.54.0 (only expiresOn, in local time): the expiry is the token's own, in any time zone", async () => {
    az.remove();
    az = fakeAzLogin(emu, "adele@contoso.com", "2.53.1");
    vi.stubEnv("AZURE_CONFIG_DIR", az.AZURE_CONFIG_DIR);
    // The CLI writes and the credential reads expiresOn as local time, both in this zone (UTC-5 or -4).
    vi.stubEnv("TZ", "America/New_York");
    const token = await runtime.context().client.token();
    const exp = tokenClaims(token.token)["exp"] as number;
    expect(Math.abs(token.expiresOnTimestamp - exp * 1000)).toBeLessThan(2000);
    expect((await call<{ id: string }>("create", adeleGroup)).id).toMatch(/^19:/);
  });

  it("without msteams:tenantId, the CLI's own tenant (no --tenant) signs in", async () => {
    configureProvider(
      emu,
      { kind: "app" },
      { "msteams:auth": "azureCli", "msteams:clientSecret": "", "msteams:tenantId": "" },
    );
    expect((await call<{ id: string }>("create", adeleGroup)).id).toMatch(/^19:/);
    expect(tokenRequests().map((r) => r.status)).toEqual([200]);
    expect(az.commands()).toEqual([
      ["account", "get-access-token", "--output", "json", "--resource", "https://graph.microsoft.com"],
    ]);
  });

  it("not logged in: the error says to run az login and names msteams:auth; nothing reaches Graph", async () => {
    az.logout();
    const err = await failure(call("create", adeleGroup));
    expect(err.name).toBe("CredentialError");
    expect(err.message).toBe(
      `cannot get a token for Microsoft Graph: azureCli credential (the account \`az login\` signed in, tenant ${HOME_TENANT}): ` +
        "Please run 'az login' from a command prompt to authenticate before using this credential.; check msteams:auth",
    );
    expect(err.message).toMatch(/; check msteams:auth$/);
    expect(tokenRequests()).toEqual([]);
    expect(graphRequests(emu)).toEqual([]);
  });

  it("msteams:tenantId naming a tenant the signed-in account cannot use: Entra's refusal, naming msteams:tenantId", async () => {
    configureProvider(
      emu,
      { kind: "app" },
      { "msteams:auth": "azureCli", "msteams:clientSecret": "", "msteams:tenantId": FEDERATED_TENANT },
    );
    const err = await failure(call("create", adeleGroup));
    expect(err.name).toBe("CredentialError");
    // AzureCliCredential passes on what the CLI printed: Entra's code, and the sign-in the CLI asks for.
    expect(err.message).toMatch(/AADSTS90002: Tenant '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1'/);
    expect(err.message).toMatch(/az login --scope https:\/\/graph\.microsoft\.com\/\.default/);
    expect(err.message).toMatch(/; check msteams:tenantId$/);
    expect(az.commands()[0]).toEqual(expect.arrayContaining(["--tenant", FEDERATED_TENANT]));
    expect(graphRequests(emu)).toEqual([]);
  });

  it("the Azure CLI not installed: the error says where to get it, to run az login, and names msteams:auth", async () => {
    const empty = mkdtempSync(join(tmpdir(), "msteams-no-az-"));
    try {
      vi.stubEnv("PATH", empty);
      const err = await failure(call("create", adeleGroup));
      expect(err.name).toBe("CredentialError");
      expect(err.message).toMatch(/Azure CLI could not be found\. Please visit https:\/\/aka\.ms\/azure-cli/);
      expect(err.message).toMatch(/'az login'/);
      expect(err.message).toMatch(/; check msteams:auth$/);
      expect(graphRequests(emu)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("Graph refusing the CLI's token (401): the renewal asks for a claims challenge, which the CLI must sign in for", async () => {
    const chat = await call<{ id: string; outs: object }>("create", adeleGroup);
    emu.clearRequests();
    emu.faults.add({ method: "GET", kind: "status", status: 401, times: 1 });
    const err = await failure(call("read", chat.id, { ...chat.outs, __provider: "serialized-shim" }));
    // A renewal after a 401 asks for a token issued from now on (a claims challenge); AzureCliCredential
    // cannot pass one to `az account get-access-token`, and says which `az login` gets it.
    expect(err.message).toMatch(
      /doesn't support claims challenges.*az login --claims-challenge \S+ --scope https:\/\/graph\.microsoft\.com\/\.default/,
    );
    expect(err.message).toMatch(/; check msteams:auth$/);
    expect(az.commands()).toHaveLength(1);
  });
});
