#!/usr/bin/env node
// npm run emulator -- [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [--async-ms 1500] [--state tenant.json]
//   [--tls-dir .state/emulator-tls | --tls-cert cert.pem --tls-key key.pem [--tls-ca ca.pem] | --plain-http]
//   [--device-code-user adele@contoso.com]
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { readTls } from "./identity/tls";
import {
  defaultSeedPath,
  type EmulatorOptions,
  loadSeed,
  type RunningEmulator,
  type Seed,
  startEmulator,
} from "./index";

const USAGE =
  "usage: node dist/emulator/cli.js [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [--async-ms 1500] [--state tenant.json]\n" +
  "       [--tls-dir .state/emulator-tls | --tls-cert cert.pem --tls-key key.pem [--tls-ca ca.pem] | --plain-http]\n" +
  "       [--device-code-user <UPN>]";

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number ≥ 0; got '${value}'\n${USAGE}`);
  return n;
}

const FLAGS = {
  port: { type: "string", default: "8080" },
  host: { type: "string", default: "127.0.0.1" },
  seed: { type: "string" },
  "async-ms": { type: "string" },
  state: { type: "string" },
  "tls-dir": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "tls-ca": { type: "string" },
  "plain-http": { type: "boolean", default: false },
  "device-code-user": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function flags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAGS }).values;
  } catch (e) {
    // An unknown or malformed flag: say which, then how the command is used.
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
}

function options(argv: string[]): { seed: Seed; options: EmulatorOptions } {
  const values = flags(argv);
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const seed = loadSeed(values.seed ?? defaultSeedPath);
  const asyncMs = number("async-ms", values["async-ms"]);
  return {
    seed,
    options: {
      port: number("port", values.port)!,
      host: values.host,
      seed,
      ...(asyncMs !== undefined ? { asyncOperationMs: asyncMs } : {}),
      ...(values.state ? { statePath: values.state } : {}),
      ...tlsOptions(values),
      ...(values["device-code-user"] ? { deviceCodeUser: values["device-code-user"] } : {}),
    },
  };
}

/** HTTPS unless --plain-http: a given certificate, or one generated once and kept in --tls-dir. */
function tlsOptions(values: ReturnType<typeof flags>): Pick<EmulatorOptions, "tls" | "tlsDir"> {
  if (values["plain-http"]) return { tls: false };
  if (values["tls-cert"] || values["tls-key"]) {
    if (!values["tls-cert"] || !values["tls-key"])
      throw new Error(`--tls-cert and --tls-key go together\n${USAGE}`);
    return { tls: readTls(values["tls-cert"], values["tls-key"], values["tls-ca"]) };
  }
  return { tlsDir: resolve(values["tls-dir"] ?? ".state/emulator-tls") };
}

/** What a user needs to get tokens: the endpoints, the app registrations and the seeded users. */
function banner(emu: RunningEmulator, seed: Seed): string {
  const url = emu.url;
  const home = seed.tenants.find((t) => t.home)!;
  const lines = [
    `pulumi-msteams Graph emulator on ${url}`,
    `  Graph:      ${url}/v1.0  and  ${url}/beta`,
    `  tokens:     POST ${url}/${home.id}/oauth2/v2.0/token  (tenant ${home.domain})`,
    `  inspection: ${url}/_emulator/state`,
    ...(emu.caPath
      ? [`  CA:         ${emu.caPath}  (export NODE_EXTRA_CA_CERTS=${emu.caPath} before running pulumi)`]
      : ["  plain HTTP: @azure/identity needs HTTPS; use it only with raw requests"]),
    `  authority:  msteams:authorityHost=${url}  (OpenID configuration, JWKS, device code at ${url}/devicelogin)`,
    `  managed identity: IDENTITY_ENDPOINT=${emu.managedIdentity.endpoint} IDENTITY_HEADER=${emu.managedIdentity.header}`,
    "app registrations (grant_type=client_credentials, scope=https://graph.microsoft.com/.default):",
    ...seed.appRegistrations.map(
      (a) =>
        `  ${a.displayName}: client_id=${a.clientId}${a.clientSecret ? ` client_secret=${a.clientSecret}` : ""}${a.managedIdentity ? " (managed identity)" : ""}${a.publicClient ? " (public client flows)" : ""}`,
    ),
    "users (grant_type=password with a client_id above, username=<UPN or id>, password=emulator unless set):",
    ...seed.users.map(
      (u) =>
        `  ${u.userPrincipalName}  ${u.id}${u.userType === "Guest" ? "  (guest)" : ""}${u.isTeamsAdmin ? "  (Teams admin)" : ""}${u.tenantId !== home.id ? "  (federated)" : ""}`,
    ),
    "Ctrl+C stops it.",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { seed, options: o } = options(process.argv.slice(2));
  const emu = await startEmulator(o);
  console.log(banner(emu, seed));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the emulator`);
    void emu.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
