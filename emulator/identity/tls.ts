import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import forge from "node-forge";

/** A server certificate (PEM, with the CA that signed it) and its private key. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  /** The CA certificate a client must trust (for NODE_EXTRA_CA_CERTS). */
  readonly ca: string;
}

/** The names the emulator answers on by default: loopback only. */
export const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

const isIp = (n: string) => /^[\d.]+$/.test(n) || n.includes(":");

function keyPair(): forge.pki.rsa.KeyPair {
  // Node's generator (native, fast), converted for forge, which builds and signs the certificates.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const priv = forge.pki.privateKeyFromPem(
    privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  ) as forge.pki.rsa.PrivateKey;
  return { privateKey: priv, publicKey: forge.pki.setRsaPublicKey(priv.n, priv.e) };
}

function certificate(
  subject: string,
  keys: forge.pki.rsa.KeyPair,
  issuer: { name: string; key: forge.pki.rsa.PrivateKey } | undefined,
  extensions: object[],
  days: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // A positive serial (leading byte below 0x80), as RFC 5280 requires.
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer([{ name: "commonName", value: issuer?.name ?? subject }]);
  cert.setExtensions(extensions);
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  return cert;
}

/**
 * A fresh CA and a server certificate it signed for `names` (DNS names or IP addresses), made in memory.
 * Nothing is trusted until the caller hands the CA to a client (NODE_EXTRA_CA_CERTS).
 */
export function generateTls(names: readonly string[] = LOOPBACK_NAMES, days = 30): TlsMaterial {
  const caKeys = keyPair();
  const caName = "pulumi-msteams emulator CA";
  const ca = certificate(
    caName,
    caKeys,
    undefined,
    [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
    days,
  );
  const leafKeys = keyPair();
  const leaf = certificate(
    names[0] ?? "localhost",
    leafKeys,
    { name: caName, key: caKeys.privateKey },
    [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: names.map((n) => (isIp(n) ? { type: 7, ip: n } : { type: 2, value: n })),
      },
    ],
    days,
  );
  const caPem = forge.pki.certificateToPem(ca);
  return {
    cert: forge.pki.certificateToPem(leaf) + caPem,
    key: forge.pki.privateKeyToPem(leafKeys.privateKey),
    ca: caPem,
  };
}

/**
 * A self-signed certificate and key in one PEM, as `ClientCertificateCredential` reads it, for an app
 * registration's client certificate in tests and the emulator's seed.
 */
export function generateClientCertificate(subject = "pulumi-msteams client", days = 30) {
  const keys = keyPair();
  const cert = certificate(subject, keys, undefined, [{ name: "basicConstraints", cA: false }], days);
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** Certificate (with chain) and key from PEM files, e.g. a corporate or mkcert certificate. */
export function readTls(certPath: string, keyPath: string, caPath?: string): TlsMaterial {
  const cert = readFileSync(certPath, "utf8");
  return { cert, key: readFileSync(keyPath, "utf8"), ca: caPath ? readFileSync(caPath, "utf8") : cert };
}
