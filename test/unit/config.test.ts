import { describe, expect, it } from "vitest";
import {
  createCredential,
  credentialHint,
  describeToken,
  expectedTokenKind,
  graphScope,
  summarizeIdentityError,
} from "../../provider/auth";
import { emptyPassphraseWarning, resolveSettings } from "../../provider/config";

const from = (c: Record<string, string>) => (k: string) => c[k];

describe("configuration", () => {
  it("defaults to real Graph and DefaultAzureCredential", () => {
    const s = resolveSettings(from({}), {});
    expect(s).toMatchObject({
      graphUrl: "https://graph.microsoft.com",
      auth: "default",
      operationTimeoutSeconds: 600,
      pollInitialDelayMs: 1000,
      messageListSettleSeconds: 10,
    });
    expect(expectedTokenKind(s)).toBeUndefined();
  });

  it("every missing key of the chosen sign-in, in one message with the line that sets each, and no stack", () => {
    const fail = (c: Record<string, string>) => {
      try {
        resolveSettings(from(c), {});
      } catch (e) {
        return e as Error;
      }
      throw new Error("resolveSettings accepted it");
    };
    const e = fail({ "msteams:clientSecret": "s3cret" });
    expect(e.name).toBe("ConfigError");
    expect(e.message).toBe(
      "the stack's configuration cannot sign in to Microsoft Graph (msteams:auth is unset, so 'clientSecret' was chosen):\n" +
        "  - msteams:tenantId is missing: pulumi config set msteams:tenantId <tenant id>\n" +
        "  - msteams:clientId is missing: pulumi config set msteams:clientId <app registration id>\n" +
        "(environment variables work too; see the README's Configuration section)",
    );
    expect(e.stack).toBe("");
    expect(e.message).not.toContain("s3cret");
    const password = fail({ "msteams:auth": "password", "msteams:tenantId": "t" });
    expect(password.message).toContain("(msteams:auth is 'password')");
    expect(password.message.match(/ is missing: /g)).toHaveLength(3); // clientId, username, password
    expect(password.message).toContain(
      "msteams:password is missing: pulumi config set --secret msteams:password",
    );
  });

  it("two credentials and no msteams:auth is a conflict named once, with the way to choose", () => {
    const c = { "msteams:tenantId": "t", "msteams:clientId": "c" };
    expect(() =>
      resolveSettings(from({ ...c, "msteams:clientSecret": "s", "msteams:username": "u@x" }), {}),
    ).toThrow(
      /msteams:clientSecret and msteams:username are both set, so it is unclear how to sign in: choose with pulumi config set msteams:auth <clientSecret\|password>/,
    );
    // Saying which is enough.
    const s = resolveSettings(
      from({ ...c, "msteams:clientSecret": "s", "msteams:username": "u@x", "msteams:auth": "clientSecret" }),
      {},
    );
    expect(s.auth).toBe("clientSecret");
  });

  it("stack config wins over environment variables, which fill the gaps", () => {
    const s = resolveSettings(from({ "msteams:tenantId": "from-config" }), {
      AZURE_TENANT_ID: "from-env",
      AZURE_CLIENT_ID: "env-client",
      AZURE_CLIENT_SECRET: "env-secret",
    });
    expect(s).toMatchObject({ tenantId: "from-config", clientId: "env-client", auth: "clientSecret" });
    expect(expectedTokenKind(s)).toBe("application");
  });

  it("a username selects the password mode (delegated); the emulator's https URL needs graphAudience", () => {
    const base = {
      "msteams:graphUrl": "https://127.0.0.1:8443/",
      "msteams:graphAudience": "https://graph.microsoft.com",
      "msteams:authorityHost": "https://127.0.0.1:8443/",
      "msteams:tenantId": "t",
      "msteams:clientId": "c",
    };
    const s = resolveSettings(
      from({ ...base, "msteams:username": "adele@contoso.com", "msteams:password": "p" }),
      {},
    );
    expect(s).toMatchObject({
      auth: "password",
      graphUrl: "https://127.0.0.1:8443",
      authorityHost: "https://127.0.0.1:8443",
      graphAudience: "https://graph.microsoft.com",
      customAuthority: true,
    });
    expect(expectedTokenKind(s)).toBe("delegated");
    expect(graphScope(s)).toBe("https://graph.microsoft.com/.default");
  });

  it.each([
    ["https://graph.microsoft.com", "https://graph.microsoft.com/.default"],
    ["https://graph.microsoft.us/", "https://graph.microsoft.us/.default"],
    ["https://dod-graph.microsoft.us", "https://dod-graph.microsoft.us/.default"],
    ["https://microsoftgraph.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn/.default"],
  ])("graphUrl %s → tokens for %s, no opt-in needed", (graphUrl, scope) => {
    const s = resolveSettings(from({ "msteams:graphUrl": graphUrl }), {});
    expect(graphScope(s)).toBe(scope);
  });

  it("an Entra authority keeps instance discovery; any other authority skips it", () => {
    const entra = resolveSettings(from({ "msteams:authorityHost": "https://login.microsoftonline.us" }), {});
    expect(entra.customAuthority).toBe(false);
  });

  it("builds @azure/identity credentials for real tenants (no network needed to construct them)", () => {
    const secret = resolveSettings(
      from({
        "msteams:tenantId": "2432b57b-0abd-43db-aa7b-16eadd115d34",
        "msteams:clientId": "c",
        "msteams:clientSecret": "s",
      }),
      {},
    );
    expect(createCredential(secret).constructor.name).toBe("ClientSecretCredential");
    expect(createCredential(resolveSettings(from({ "msteams:auth": "azureCli" }), {})).constructor.name).toBe(
      "AzureCliCredential",
    );
    expect(createCredential(resolveSettings(from({}), {})).constructor.name).toBe("DefaultAzureCredential");
  });

  it("tells delegated from application tokens by their claims", () => {
    const jwt = (claims: object) => `x.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.y`;
    expect(
      describeToken({
        token: jwt({ scp: "Chat.ReadWrite ChatMessage.Send", oid: "u1", tid: "t" }),
        expiresOnTimestamp: 0,
      }),
    ).toMatchObject({
      kind: "delegated",
      userId: "u1",
      permissions: ["Chat.ReadWrite", "ChatMessage.Send"],
    });
    expect(
      describeToken({ token: jwt({ roles: ["Chat.Create"], tid: "t" }), expiresOnTimestamp: 0 }),
    ).toMatchObject({ kind: "application", userId: undefined, permissions: ["Chat.Create"] });
  });

  it("an identity platform refusal becomes one line with Entra's code, the ids for support, and the key to fix", () => {
    const msal =
      "invalid_client: Error(s): 7000215 - Timestamp: 2026-12-01 08:29:29Z - Description: AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: x - Correlation ID: c-1 - Trace ID: t-1";
    expect(summarizeIdentityError(msal)).toBe(
      "invalid_client AADSTS7000215: Invalid client secret provided. [trace id t-1, correlation id c-1]",
    );
    expect(credentialHint(msal)).toBe("msteams:clientSecret");
    expect(credentialHint("AADSTS700027: Client assertion failed signature validation.")).toBe(
      "msteams:clientCertificatePath",
    );
    expect(credentialHint("AADSTS70021: No matching federated identity record")).toBe(
      "msteams:federatedTokenFile",
    );
    expect(credentialHint("ECONNRESET")).toBeUndefined();
  });

  it("warns about an empty passphrase when a secret is configured for a tenant that is not this machine", () => {
    const real = resolveSettings(
      from({ "msteams:tenantId": "t", "msteams:clientId": "c", "msteams:clientSecret": "s" }),
      {},
    );
    expect(emptyPassphraseWarning(real, { PULUMI_CONFIG_PASSPHRASE: "" })).toMatch(
      /PULUMI_CONFIG_PASSPHRASE is empty.*msteams:clientSecret.*https:\/\/graph\.microsoft\.com is not this machine/,
    );
    expect(emptyPassphraseWarning(real, { PULUMI_CONFIG_PASSPHRASE: "a long one" })).toBeUndefined();
    expect(emptyPassphraseWarning(real, {})).toBeUndefined(); // no passphrase backend in use
    const local = resolveSettings(
      from({
        "msteams:graphUrl": "https://127.0.0.1:8443",
        "msteams:graphAudience": "https://graph.microsoft.com",
        "msteams:tenantId": "t",
        "msteams:clientId": "c",
        "msteams:clientSecret": "s",
      }),
      {},
    );
    expect(emptyPassphraseWarning(local, { PULUMI_CONFIG_PASSPHRASE: "" })).toBeUndefined();
  });
});
