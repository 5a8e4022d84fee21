// A script that calls the HTTPS emulator from its own process (the provider runtime in-process) must trust
// the emulator's CA, and Node reads NODE_EXTRA_CA_CERTS only when a process starts: so the script makes
// (or reuses) the emulator's certificate in `dir` and, unless it already trusts it, runs itself again with
// NODE_EXTRA_CA_CERTS pointing at the CA.
import { spawnSync } from "node:child_process";
import { emulatorTls } from "pulumi-msteams-emulator";

/** Returns the folder the emulator should take its certificate from (as `tlsDir`). */
export function relaunchTrustingEmulatorCa(dir: string): string {
  const tls = emulatorTls(undefined, "127.0.0.1", dir)!;
  if (process.env["NODE_EXTRA_CA_CERTS"] === tls.caPath) return dir;
  const r = spawnSync(process.execPath, process.argv.slice(1), {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath },
  });
  process.exit(r.status ?? 1);
}
