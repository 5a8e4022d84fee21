import { createHash, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import {
  assertionAudience,
  assertionExpired,
  assertionInvalid,
  assertionKeyUnknown,
  assertionSignatureInvalid,
  federationIssuerUnknown,
  federationNoMatch,
} from "../errors";
import type { SeedAppRegistration, SeedFederationIssuer } from "../seed";
import { decode } from "../tokens";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
const ALGORITHMS = ["RS256", "PS256", "ES256"];

export const isJwtBearer = (type: string | undefined) => type === JWT_BEARER;

const thumbprints = (pem: string) => {
  const der = new X509Certificate(pem).raw;
  return {
    sha1: createHash("sha1").update(der).digest("base64url"),
    sha256: createHash("sha256").update(der).digest("base64url"),
  };
};

/** Maps jose's verification failures to Entra's errors; anything else is a malformed assertion. */
async function verify(assertion: string, key: KeyObject, audience: string | string[]) {
  try {
    // Five minutes of clock skew, as Entra allows (MSAL rounds nbf to the nearest second).
    return (await jwtVerify(assertion, key, { algorithms: ALGORITHMS, audience, clockTolerance: 300 }))
      .payload;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw assertionExpired();
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.claim === "nbf") throw assertionExpired();
      if (e.claim === "aud")
        throw assertionAudience(Array.isArray(audience) ? audience.join("' or '") : audience);
      throw assertionInvalid(e.message);
    }
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) throw assertionSignatureInvalid();
    throw assertionInvalid((e as Error).message);
  }
}

/**
 * A client assertion signed with one of the app registration's certificates, checked as Entra does:
 * the header's x5t#S256 (or x5t) names a registered certificate, the signature verifies with its key,
 * iss = sub = the client id, aud = this tenant's token endpoint, and it is within exp/nbf.
 * https://learn.microsoft.com/entra/identity-platform/certificate-credentials
 */
export async function verifyCertificateAssertion(
  app: SeedAppRegistration,
  assertion: string,
  tokenEndpoints: string[],
): Promise<void> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch (e) {
    throw assertionInvalid((e as Error).message);
  }
  const cert = (app.certificates ?? []).find((pem) => {
    const t = thumbprints(pem);
    return header["x5t#S256"] === t.sha256 || header["x5t"] === t.sha1;
  });
  if (!cert) throw assertionKeyUnknown(app.clientId);
  const claims = await verify(assertion, createPublicKey(cert), tokenEndpoints);
  if (claims.iss !== app.clientId || claims.sub !== app.clientId)
    throw assertionInvalid(`iss and sub must be the client id '${app.clientId}'`);
}

/**
 * A token from an external issuer (a GitHub Actions or Kubernetes OIDC token) exchanged for the app's
 * token, checked against the app's federated identity credentials: issuer, subject and audience match one
 * of them, and the signature verifies with a key of that issuer.
 * https://learn.microsoft.com/entra/workload-id/workload-identity-federation
 */
export async function verifyFederatedAssertion(
  app: SeedAppRegistration,
  assertion: string,
  issuers: readonly SeedFederationIssuer[],
): Promise<void> {
  const claims = decode(assertion);
  if (!claims) throw assertionInvalid("not a JWT");
  const iss = String(claims["iss"]);
  const sub = String(claims["sub"]);
  const known = issuers.find((i) => i.issuer === iss);
  const creds = (app.federatedCredentials ?? []).filter((f) => f.issuer === iss);
  if (!known || creds.length === 0) throw federationIssuerUnknown(iss);
  const cred = creds.find((f) => f.subject === sub);
  if (!cred) throw federationNoMatch(iss, sub);
  let lastError: unknown;
  for (const pem of known.publicKeys) {
    try {
      await verify(assertion, createPublicKey(pem), cred.audiences ?? [EXCHANGE_AUDIENCE]);
      return;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

/** True when the assertion claims to be from the app itself (a certificate assertion). */
export const isSelfIssued = (app: SeedAppRegistration, assertion: string) =>
  decode(assertion)?.["iss"] === app.clientId;
