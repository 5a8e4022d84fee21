// Credentials through the real engine: the dynamic-provider process runs unmodified @azure/identity against
// the HTTPS emulator (trusting its CA through NODE_EXTRA_CA_CERTS, inherited from the test run). Secrets
// travel in environment variables only: no process started during a run carries one in its argv.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { fakeAzLogin } from "../support/fake-az";
import { testIdentities } from "../support/identity";
import { APP, HOME_TENANT } from "../support/tenant";
import { changes, Stack, useEmulator } from "./harness";

const ids = testIdentities();
// A secret no other test uses, so finding it anywhere means this run leaked it.
const SECRET = `e2e-secret-${randomUUID()}`;
const emulator = useEmulator({
  seed: {
    ...ids.seed,
    appRegistrations: ids.seed.appRegistrations.map((a) =>
      a.clientId === APP.clientId ? { ...a, clientSecret: SECRET } : a,
    ),
  },
});
afterAll(() => rmSync(ids.dir, { recursive: true, force: true }));

/** Every command line of every process on the machine, sampled every 20 ms until stopped. */
/** The status of each token request the emulator served, oldest first. */
const tokenStatuses = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "token")
    .map((r) => r.status);

function watchArgv(): { stop(): string[] } {
  const seen = new Set<string>();
  const sample = () => {
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        seen.add(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" "));
      } catch {
        // The process ended between the listing and the read.
      }
    }
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return [...seen];
    },
  };
}

describe("credentials through the real engine", () => {
  it("clientSecret: up and destroy; the secret is in no process's argv, not in state, not in the output", async () => {
    const s = new Stack("chats", emulator());
    const argv = watchArgv();
    const up = await s.run("up", {}, { "msteams:clientSecret": SECRET });
    const exported = await s.run("export");
    const down = await s.run("destroy", {}, { "msteams:clientSecret": SECRET });
    const commandLines = argv.stop();
    expect(up.code, up.log).toBe(0);
    expect(changes(up.result!.summary)).toEqual({ create: 3 });
    expect(down.code, down.log).toBe(0);
    // The runner, the Pulumi CLI and the provider process were all seen, none with the secret.
    expect(commandLines.some((c) => c.includes("dist/engine/cli.js up"))).toBe(true);
    expect(commandLines.some((c) => /pulumi(-language-nodejs)? /.test(c) || c.includes("/pulumi "))).toBe(
      true,
    );
    expect(commandLines.filter((c) => c.includes(SECRET))).toEqual([]);
    expect(JSON.stringify(exported.result)).not.toContain(SECRET);
    expect(s.stateFiles()).not.toContain(SECRET);
    expect(up.log + exported.log + down.log).not.toContain(SECRET);
    expect(
      emulator()
        .requests()
        .filter((r) => r.kind === "token" && r.status !== 200),
    ).toEqual([]);
  });

  it("clientCertificate: up creates the chats with a token from a certificate assertion", async () => {
    const s = new Stack("chats", emulator());
    const cert = {
      "msteams:auth": "clientCertificate",
      "msteams:clientCertificatePath": ids.certificatePath,
    };
    emulator().clearRequests();
    const up = await s.ok("up", cert);
    expect(changes(up.summary)).toEqual({ create: 3 });
    expect(tokenStatuses()).toEqual([200]);
    await s.ok("destroy", cert);
  });

  it("deviceCode: the sign-in prompt reaches the person running pulumi up, who approves it; up completes", async () => {
    const s = new Stack("message", emulator());
    const device = { "msteams:auth": "deviceCode" };
    let approved: string | undefined;
    const up = await s.run("up", device, {}, {}, (chunk) => {
      const code = /enter the code ([A-Z0-9]{9}) to authenticate/.exec(chunk)?.[1];
      if (code && !approved && emulator().approveDeviceCode(code, "adele@contoso.com")) approved = code;
    });
    expect(up.code, up.log).toBe(0);
    expect(approved).toBeDefined();
    expect(up.log).toMatch(
      new RegExp(
        `To sign in, use a web browser to open the page ${emulator().url}/devicelogin and enter the code ${approved}`,
      ),
    );
    expect(changes(up.result!.summary)).toEqual({ create: 3 });
    // The welcome message was sent by the signed-in user.
    const chat = emulator().store.state.chats.find((c) => c.id === up.result!.outputs["chatId"])!;
    expect(chat.messages[0]?.from?.user?.id).toBe("8b081ef6-4792-4def-b2c9-c363a1bf41d5");
    await s.run("destroy", device, {}, {}, (chunk) => {
      const code = /enter the code ([A-Z0-9]{9}) to authenticate/.exec(chunk)?.[1];
      if (code) emulator().approveDeviceCode(code, "adele@contoso.com");
    });
  });

  it("azureCli: up with the account az login saved (the Azure CLI test double first on PATH); the welcome is sent as that user", async () => {
    const s = new Stack("message", emulator());
    const cli = { "msteams:auth": "azureCli" };
    const az = fakeAzLogin(emulator(), "adele@contoso.com");
    try {
      // The engine's provider process inherits the runner's environment, so AzureCliCredential finds `az` there.
      const env = { PATH: az.PATH, AZURE_CONFIG_DIR: az.AZURE_CONFIG_DIR };
      emulator().clearRequests();
      const up = await s.ok("up", cli, {}, env);
      expect(changes(up.summary)).toEqual({ create: 3 });
      const chat = emulator().store.state.chats.find((c) => c.id === up.outputs["chatId"])!;
      expect(chat.messages[0]?.from?.user?.id).toBe("8b081ef6-4792-4def-b2c9-c363a1bf41d5");
      // One provider process, one `az account get-access-token`, one sign-in at the emulator.
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
      expect(tokenStatuses()).toEqual([200]);
      await s.ok("destroy", cli, {}, env);
    } finally {
      az.remove();
    }
  });

  it("workloadIdentity: up with a federated token file", async () => {
    const s = new Stack("chats", emulator());
    const wi = {
      "msteams:auth": "workloadIdentity",
      "msteams:federatedTokenFile": await ids.federatedToken(),
    };
    expect(changes((await s.ok("up", wi)).summary)).toEqual({ create: 3 });
    await s.ok("destroy", wi);
  });

  it("managedIdentity: up with App Service's IDENTITY_ENDPOINT and IDENTITY_HEADER in the environment", async () => {
    const s = new Stack("chats", emulator());
    const mi = { "msteams:auth": "managedIdentity", "msteams:clientId": "" };
    const env = {
      IDENTITY_ENDPOINT: emulator().managedIdentity.endpoint,
      IDENTITY_HEADER: emulator().managedIdentity.header,
    };
    emulator().clearRequests();
    expect(changes((await s.ok("up", mi, {}, env)).summary)).toEqual({ create: 3 });
    expect(
      emulator()
        .requests()
        .filter((r) => r.kind === "token")
        .map((r) => r.path),
    ).toEqual(["/msi/token"]);
    await s.ok("destroy", mi, {}, env);
  });

  it("default: DefaultAzureCredential finds the AZURE_* variables of the environment", async () => {
    const s = new Stack("chats", emulator());
    const chain = { "msteams:auth": "default", "msteams:clientId": "" };
    const env = {
      AZURE_TENANT_ID: ids.seed.tenants[0]!.id,
      AZURE_CLIENT_ID: APP.clientId,
      AZURE_CLIENT_SECRET: SECRET,
      AZURE_AUTHORITY_HOST: emulator().url,
    };
    emulator().clearRequests();
    expect(changes((await s.ok("up", chain, {}, env)).summary)).toEqual({ create: 3 });
    expect(tokenStatuses()).toEqual([200]);
    await s.ok("destroy", chain, {}, env);
  });
});
