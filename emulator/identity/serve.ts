import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { generateTls, LOOPBACK_NAMES, readTls, type TlsMaterial } from "./tls";

/** true: HTTPS with a certificate found or made; false: plain HTTP; or the certificate to serve. */
export type TlsOption = boolean | TlsMaterial;

export type ServedTls = TlsMaterial & { readonly caPath: string };

/** The names a generated certificate covers: loopback, plus the host (and this machine) when listening wider. */
function names(host: string): string[] {
  const wide = host === "0.0.0.0" || host === "::";
  return [...new Set([...LOOPBACK_NAMES, ...(wide ? [hostname()] : [host])])];
}

function writeCa(ca: string, dir?: string): string {
  const d = dir ?? mkdtempSync(join(tmpdir(), "msteams-emulator-tls-"));
  mkdirSync(d, { recursive: true });
  const path = join(d, "ca.pem");
  writeFileSync(path, ca);
  return path;
}

/**
 * The certificate the emulator serves, in this order: the one given; MSTEAMS_EMULATOR_TLS_CERT and
 * MSTEAMS_EMULATOR_TLS_KEY (and MSTEAMS_EMULATOR_TLS_CA) files; the one kept in `dir`; a new one (kept in
 * `dir` when given). The CA is always in a file, for NODE_EXTRA_CA_CERTS.
 */
export function emulatorTls(
  option: TlsOption | undefined,
  host: string,
  dir?: string,
): ServedTls | undefined {
  if (option === false) return undefined;
  if (typeof option === "object") return { ...option, caPath: writeCa(option.ca) };
  const certPath = process.env["MSTEAMS_EMULATOR_TLS_CERT"];
  const keyPath = process.env["MSTEAMS_EMULATOR_TLS_KEY"];
  if (certPath && keyPath) {
    const caPath = process.env["MSTEAMS_EMULATOR_TLS_CA"];
    const t = readTls(certPath, keyPath, caPath);
    return { ...t, caPath: caPath ?? writeCa(t.ca) };
  }
  if (dir && existsSync(join(dir, "cert.pem")) && existsSync(join(dir, "key.pem"))) {
    const t = readTls(join(dir, "cert.pem"), join(dir, "key.pem"), join(dir, "ca.pem"));
    return { ...t, caPath: join(dir, "ca.pem") };
  }
  const t = generateTls(names(host));
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "cert.pem"), t.cert);
    writeFileSync(join(dir, "key.pem"), t.key, { mode: 0o600 });
  }
  return { ...t, caPath: writeCa(t.ca, dir) };
}
