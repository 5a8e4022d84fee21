// Credentials for the emulator's seed, made per test run: a client certificate registered on the app, and a
// federated identity (an OIDC issuer, its key, and a token it signed) the app trusts.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { generateClientCertificate, loadSeed, type Seed } from "../../emulator";
import { APP } from "./tenant";

export const FEDERATION = {
  issuer: "https://token.actions.githubusercontent.com",
  subject: "repo:contoso/teams-infra:ref:refs/heads/main",
  audience: "api://AzureADTokenExchange",
} as const;

export const MANAGED_IDENTITY = "7d0b2f4e-9c1a-4e8b-b5d3-1a2c3e4f5a6b";

export interface TestIdentities {
  dir: string;
  /** PEM with the registered certificate and its private key (what ClientCertificateCredential reads). */
  certificatePath: string;
  /** PEM with a certificate that is not registered. */
  unregisteredCertificatePath: string;
  /** Writes a federated token file signed by the trusted issuer (or `key`) with these claims. */
  federatedToken(claims?: { sub?: string; expiresIn?: number; key?: KeyObject }): Promise<string>;
  seed: Seed;
}

export function testIdentities(): TestIdentities {
  const dir = mkdtempSync(join(tmpdir(), "msteams-identities-"));
  const registered = generateClientCertificate("pulumi-msteams tests");
  const other = generateClientCertificate("not registered");
  const certificatePath = join(dir, "client.pem");
  const unregisteredCertificatePath = join(dir, "other.pem");
  writeFileSync(certificatePath, registered.certPem + registered.keyPem, { mode: 0o600 });
  writeFileSync(unregisteredCertificatePath, other.certPem + other.keyPem, { mode: 0o600 });
  const issuerKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
  let tokens = 0;
  const base = loadSeed();
  return {
    dir,
    certificatePath,
    unregisteredCertificatePath,
    federatedToken: async ({
      sub = FEDERATION.subject,
      expiresIn = 600,
      key = issuerKey.privateKey,
    } = {}) => {
      const path = join(dir, `federated-${++tokens}.jwt`);
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({ sub })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "test" })
        .setIssuer(FEDERATION.issuer)
        .setAudience(FEDERATION.audience)
        .setIssuedAt(now - 5)
        .setNotBefore(now - 5)
        .setExpirationTime(now + expiresIn)
        .sign(key);
      writeFileSync(path, jwt);
      return path;
    },
    seed: {
      ...base,
      appRegistrations: base.appRegistrations.map((a) =>
        a.clientId === APP.clientId
          ? {
              ...a,
              certificates: [registered.certPem],
              federatedCredentials: [{ issuer: FEDERATION.issuer, subject: FEDERATION.subject }],
            }
          : a,
      ),
      federationIssuers: [
        {
          issuer: FEDERATION.issuer,
          publicKeys: [issuerKey.publicKey.export({ type: "spki", format: "pem" }).toString()],
        },
      ],
    },
  };
}
