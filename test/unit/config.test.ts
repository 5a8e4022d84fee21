import { describe, expect, it } from "vitest";
import { createCredential, describeToken, expectedTokenKind } from "../../provider/auth";
import { resolveSettings } from "../../provider/config";

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

  it("stack config wins over environment variables, which fill the gaps", () => {
    const s = resolveSettings(from({ "msteams:tenantId": "from-config" }), {
      AZURE_TENANT_ID: "from-env",
      AZURE_CLIENT_ID: "env-client",
      AZURE_CLIENT_SECRET: "env-secret",
    });
    expect(s).toMatchObject({ tenantId: "from-config", clientId: "env-client", auth: "clientSecret" });
    expect(expectedTokenKind(s)).toBe("application");
  });

  it("an http:// authority selects the emulator credential; a username makes it delegated", () => {
    const base = {
      "msteams:authorityHost": "http://127.0.0.1:8080/",
      "msteams:tenantId": "t",
      "msteams:clientId": "c",
    };
    expect(resolveSettings(from({ ...base, "msteams:clientSecret": "s" }), {})).toMatchObject({
      auth: "emulator",
      authorityHost: "http://127.0.0.1:8080",
    });
    expect(
      expectedTokenKind(resolveSettings(from({ ...base, "msteams:username": "adele@contoso.com" }), {})),
    ).toBe("delegated");
  });

  it.each([
    [{ "msteams:auth": "password" }, /msteams:auth must be one of default, clientSecret/],
    [{ "msteams:graphUrl": "graph.microsoft.com" }, /msteams:graphUrl must be an http\(s\) URL/],
    [
      { "msteams:auth": "clientSecret", "msteams:tenantId": "t", "msteams:clientId": "c" },
      /msteams:clientSecret is required .*pulumi config set --secret msteams:clientSecret/,
    ],
    [
      { "msteams:authorityHost": "http://x", "msteams:tenantId": "t", "msteams:clientId": "c" },
      /msteams:clientSecret is required .*or set msteams:username/,
    ],
    [
      { "msteams:operationTimeoutSeconds": "soon" },
      /msteams:operationTimeoutSeconds must be a non-negative number/,
    ],
  ])("%j → an error naming the key and the fix", (config, message) => {
    expect(() => resolveSettings(from(config), {})).toThrow(message);
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
});
