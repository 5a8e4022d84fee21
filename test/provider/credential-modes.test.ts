// Every msteams:auth mode gets its token through unmodified @azure/identity from the HTTPS emulator, which
// checks each flow as Entra does, and then creates a chat through the provider. Timings are printed
// (not asserted): "token flow <mode>: N ms".
import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import * as runtime from "../../provider/runtime";
import { FEDERATION, MANAGED_IDENTITY, type TestIdentities, testIdentities } from "../support/identity";
import { call, configureProvider, graphRequests } from "../support/provider";
import { APP, USERS } from "../support/tenant";

const PROVIDER = { __provider: "serialized-shim" };
const groupWith = (topic: string, users: string[]) => ({
  chatType: "group",
  topic,
  members: users.map((user) => ({ user, roles: ["owner"] })),
  ...PROVIDER,
});
const appGroup = groupWith("Modes", [USERS.u8c0a, USERS.u82fe]);
// Delegated creates must include the signed-in user (Adele).
const adeleGroup = groupWith("Modes", [USERS.adele, USERS.u8c0a]);

let emu: RunningEmulator;
let ids: TestIdentities;
beforeAll(async () => {
  ids = testIdentities();
  emu = await startEmulator({ port: 0, seed: ids.seed, asyncOperationMs: 300 });
});
afterAll(async () => {
  await emu.close();
  rmSync(ids.dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const tokenRequests = () => emu.requests().filter((r) => r.kind === "token");
const failure = (p: Promise<unknown>) =>
  p.then(
    () => Error("expected a failure"),
    (e: unknown) => e as Error,
  );

/** Config for a mode: no client secret unless the mode needs one. */
function mode(auth: string, extra: Record<string, string> = {}) {
  configureProvider(emu, { kind: "app" }, { "msteams:auth": auth, "msteams:clientSecret": "", ...extra });
}

/** Gets the provider's token first, printing how long the flow took, then runs the operation. */
async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t = Date.now();
  await runtime.context().client.token();
  console.log(`token flow ${name}: ${Date.now() - t} ms`);
  return run();
}

/** The kind of caller Graph saw, from the emulator's request log. */
const graphCaller = () => graphRequests(emu).map((r) => r.appId);

describe("each auth mode obtains a token through @azure/identity and creates a chat", () => {
  it("clientSecret (ClientSecretCredential): one token for several operations", async () => {
    configureProvider(emu, { kind: "app" }, { "msteams:auth": "clientSecret" });
    await timed("clientSecret", () => call("create", appGroup));
    await call("create", { ...appGroup, topic: "Second" });
    expect(tokenRequests().map((r) => `${r.method} ${r.status}`)).toEqual(["POST 200"]);
    expect(new Set(graphCaller())).toEqual(new Set([APP.clientId]));
  });

  it("clientCertificate (ClientCertificateCredential): a signed assertion checked against the seeded certificate", async () => {
    mode("clientCertificate", { "msteams:clientCertificatePath": ids.certificatePath });
    const r = await timed("clientCertificate", () => call<{ id: string }>("create", appGroup));
    expect(r.id).toMatch(/^19:/);
    expect(tokenRequests()).toHaveLength(1);
  });

  it("clientCertificate with a certificate the app does not have: AADSTS700027, naming the key", async () => {
    mode("clientCertificate", { "msteams:clientCertificatePath": ids.unregisteredCertificatePath });
    const err = await failure(call("create", appGroup));
    expect(err.name).toBe("CredentialError");
    expect(err.message).toMatch(
      /invalid_client AADSTS700027: .*not registered.*; check msteams:clientCertificatePath$/,
    );
    expect(graphRequests(emu)).toEqual([]);
  });

  it("password (UsernamePasswordCredential): a delegated token for a seeded user", async () => {
    configureProvider(emu, { kind: "user", username: "adele@contoso.com" }, { "msteams:auth": "password" });
    await timed("password", () => call("create", adeleGroup));
    expect(tokenRequests()).toHaveLength(1);
  });

  it("deviceCode (DeviceCodeCredential): the prompt names the page and code; approval completes the create", async () => {
    const prompts: string[] = [];
    vi.spyOn(console, "log").mockImplementation((m: unknown) => {
      prompts.push(String(m));
    });
    mode("deviceCode");
    const started = Date.now();
    const create = call<{ id: string }>("create", adeleGroup);
    await vi.waitFor(() => expect(prompts.join("\n")).toMatch(/enter the code [A-Z0-9]{9} to authenticate/), {
      timeout: 10_000,
    });
    const code = /enter the code ([A-Z0-9]{9})/.exec(prompts.join("\n"))![1]!;
    expect(prompts.join("\n")).toContain(`${emu.url}/devicelogin`);
    // While nobody approved, the credential polls and gets authorization_pending (400).
    await new Promise((r) => setTimeout(r, 1500));
    expect(tokenRequests().some((r) => r.status === 400)).toBe(true);
    const approve = await fetch(`${emu.url}/_emulator/devicecode/approve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userCode: code, user: "adele@contoso.com" }),
    });
    expect(approve.status).toBe(204);
    expect((await create).id).toMatch(/^19:/);
    console.info(`token flow deviceCode: ${Date.now() - started} ms (including ~1.5 s waiting for approval)`);
    expect(tokenRequests().at(-1)?.status).toBe(200);
  });

  it("deviceCode: after the token expires it is renewed with the refresh token, without a new prompt", async () => {
    const prompts: string[] = [];
    vi.spyOn(console, "log").mockImplementation((m: unknown) => {
      prompts.push(String(m));
    });
    const auto = await startEmulator({ port: 0, seed: ids.seed, deviceCodeUser: "adele@contoso.com" });
    try {
      auto.configure({ tokenLifetimeSeconds: 2 });
      configureProvider(auto, { kind: "app" }, { "msteams:auth": "deviceCode", "msteams:clientSecret": "" });
      await call("create", adeleGroup);
      await new Promise((r) => setTimeout(r, 2100));
      await call("create", { ...adeleGroup, topic: "After expiry" });
      expect(prompts.filter((p) => p.includes("enter the code"))).toHaveLength(1);
      const tokens = auto.requests().filter((r) => r.kind === "token" && r.status === 200);
      expect(tokens).toHaveLength(2);
    } finally {
      await auto.close();
    }
  });

  it("workloadIdentity (WorkloadIdentityCredential): a federated token from a trusted issuer", async () => {
    mode("workloadIdentity", { "msteams:federatedTokenFile": await ids.federatedToken() });
    await timed("workloadIdentity", () => call("create", appGroup));
    expect(tokenRequests()).toHaveLength(1);
  });

  it.each([
    [
      "another subject",
      { sub: "repo:someone/else:ref:refs/heads/main" },
      /AADSTS70021: No matching federated identity record/,
    ],
    [
      "an expired token",
      { expiresIn: -600 },
      /AADSTS700024: Client assertion is not within its valid time range/,
    ],
  ])("workloadIdentity with %s: refused, naming msteams:federatedTokenFile", async (_n, claims, reason) => {
    mode("workloadIdentity", { "msteams:federatedTokenFile": await ids.federatedToken(claims) });
    const err = await failure(call("create", appGroup));
    expect(err.name).toBe("CredentialError");
    expect(err.message).toMatch(reason);
    expect(err.message).toMatch(/; check msteams:federatedTokenFile$/);
    expect(FEDERATION.issuer).toBe("https://token.actions.githubusercontent.com");
  });

  it("workloadIdentity in GitHub Actions: the runner's OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL) is exchanged", async () => {
    const jwt = readFileSync(await ids.federatedToken(), "utf8");
    const asked: string[] = [];
    const runner = createServer(
      {
        cert: readFileSync(process.env["MSTEAMS_EMULATOR_TLS_CERT"]!),
        key: readFileSync(process.env["MSTEAMS_EMULATOR_TLS_KEY"]!),
      },
      (req, res) => {
        asked.push(`${req.url} ${req.headers.authorization}`);
        if (req.headers.authorization !== "bearer runner-request-token") res.writeHead(401).end();
        else res.setHeader("content-type", "application/json").end(JSON.stringify({ value: jwt }));
      },
    );
    await new Promise<void>((r) => runner.listen(0, "127.0.0.1", r));
    try {
      const port = (runner.address() as AddressInfo).port;
      vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_URL", `https://127.0.0.1:${port}/_apis/token?api-version=2.0`);
      vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "runner-request-token");
      mode("workloadIdentity");
      await timed("workloadIdentity (GitHub Actions)", () => call("create", appGroup));
      // MSAL may ask for the assertion more than once per token; every request is the same.
      expect([...new Set(asked)]).toEqual([
        "/_apis/token?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange bearer runner-request-token",
      ]);
      expect(tokenRequests().map((r) => r.status)).toEqual([200]);
    } finally {
      await new Promise((r) => runner.close(r));
    }
  });

  it("managedIdentity (ManagedIdentityCredential): App Service's IDENTITY_ENDPOINT and IDENTITY_HEADER", async () => {
    vi.stubEnv("IDENTITY_ENDPOINT", emu.managedIdentity.endpoint);
    vi.stubEnv("IDENTITY_HEADER", emu.managedIdentity.header);
    mode("managedIdentity", { "msteams:clientId": "" });
    await timed("managedIdentity", () => call("create", appGroup));
    expect(tokenRequests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /msi/token 200"]);
    expect(new Set(graphCaller())).toEqual(new Set([MANAGED_IDENTITY]));
    // (A wrong IDENTITY_HEADER is tested on the emulator's endpoint: MSAL fixes the managed-identity source
    // and its header for the whole process at first use, and caches its tokens process-wide.)
  });

  it("default (DefaultAzureCredential): the environment credential of the chain, from AZURE_* variables", async () => {
    vi.stubEnv("AZURE_TENANT_ID", ids.seed.tenants[0]!.id);
    vi.stubEnv("AZURE_CLIENT_ID", APP.clientId);
    vi.stubEnv("AZURE_CLIENT_SECRET", APP.secret);
    vi.stubEnv("AZURE_AUTHORITY_HOST", emu.url);
    mode("default");
    await timed("default (EnvironmentCredential)", () => call("create", appGroup));
    expect(tokenRequests()).toHaveLength(1);
  });
});
