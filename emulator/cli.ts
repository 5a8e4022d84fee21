#!/usr/bin/env node
// pulumi-msteams-emulator (npx pulumi-msteams-emulator, or npm run emulator -- in this repository)
//   [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [--async-ms 1500] [--state tenant.json]
//   [--throttle off|realistic|scaled:<factor>]
//   [--tls-dir .state/emulator-tls | --tls-cert cert.pem --tls-key key.pem [--tls-ca ca.pem] | --plain-http]
//   [--device-code-user adele@contoso.com]
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readTls } from "./identity/tls";
import {
  defaultSeedPath,
  type EmulatorOptions,
  exposureWarning,
  loadSeed,
  type RunningEmulator,
  type Seed,
  startEmulator,
} from "./index";
import { type StackIdentity, stackConfigLines, stackIdentities } from "./stack-config";
import { type ThrottleSetting, validateThrottle } from "./throttle";

const USAGE =
  "usage: pulumi-msteams-emulator [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [--async-ms 1500] [--state tenant.json]\n" +
  "       [--throttle off|realistic|scaled:<factor>]\n" +
  "       [--tls-dir .state/emulator-tls | --tls-cert cert.pem --tls-key key.pem [--tls-ca ca.pem] | --plain-http]\n" +
  "       [--device-code-user <UPN>]\n" +
  "       pulumi-msteams-emulator --print-config [delegated|application] [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [TLS flags]\n" +
  "  --print-config prints only the `pulumi config set` lines for an emulator started with the same flags, and exits";

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number ≥ 0; got '${value}'\n${USAGE}`);
  return n;
}

/** --throttle: Graph's documented limits as they are, on a faster clock, or none. */
function throttleFlag(value: string): ThrottleSetting {
  try {
    return validateThrottle(value);
  } catch (e) {
    throw new Error(`--throttle: ${(e as Error).message}\n${USAGE}`);
  }
}

const FLAGS = {
  port: { type: "string", default: "8080" },
  host: { type: "string", default: "127.0.0.1" },
  seed: { type: "string" },
  "async-ms": { type: "string" },
  state: { type: "string" },
  "print-config": { type: "boolean" },
  throttle: { type: "string" },
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
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: true });
  } catch (e) {
    // An unknown or malformed flag: say which, then how the command is used.
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
}

interface Invocation {
  seed: Seed;
  options: EmulatorOptions;
  /** Set for --print-config: print these lines instead of starting. */
  printConfig: StackIdentity | undefined;
  /** The CA file an emulator started this way hands to clients (NODE_EXTRA_CA_CERTS). */
  caPath: string | undefined;
}

function options(argv: string[]): Invocation {
  const { values, positionals } = flags(argv);
  const printConfig = values["print-config"] ? identity(positionals[0]) : undefined;
  if (!values["print-config"] && positionals.length)
    throw new Error(`unexpected argument '${positionals[0]}'\n${USAGE}`);
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const seed = loadSeed(values.seed ?? defaultSeedPath);
  const asyncMs = number("async-ms", values["async-ms"]);
  const o: EmulatorOptions = {
    port: number("port", values.port)!,
    host: values.host,
    seed,
    ...(asyncMs !== undefined ? { asyncOperationMs: asyncMs } : {}),
    ...(values.state ? { statePath: values.state } : {}),
    ...(values.throttle ? { throttle: throttleFlag(values.throttle) } : {}),
    ...tlsOptions(values),
    ...(values["device-code-user"] ? { deviceCodeUser: values["device-code-user"] } : {}),
  };
  return { seed, printConfig, caPath: caPathOf(o, values), options: o };
}

/** HTTPS unless --plain-http: a given certificate, or one generated once and kept in --tls-dir. */
function tlsOptions(values: ReturnType<typeof flags>["values"]): Pick<EmulatorOptions, "tls" | "tlsDir"> {
  if (values["plain-http"]) return { tls: false };
  if (values["tls-cert"] || values["tls-key"]) {
    if (!values["tls-cert"] || !values["tls-key"])
      throw new Error(`--tls-cert and --tls-key go together\n${USAGE}`);
    return { tls: readTls(values["tls-cert"], values["tls-key"], values["tls-ca"]) };
  }
  return { tlsDir: resolve(values["tls-dir"] ?? ".state/emulator-tls") };
}

function identity(v: string | undefined): StackIdentity {
  if (v === undefined) return "delegated";
  if ((stackIdentities as readonly string[]).includes(v)) return v as StackIdentity;
  throw new Error(`--print-config takes ${stackIdentities.join(" or ")}; got '${v}'\n${USAGE}`);
}

/** The URL an emulator started with these options answers on (what startEmulator reports). */
function urlOf(o: EmulatorOptions): string {
  const host = o.host ?? "127.0.0.1";
  return `${o.tls === false ? "http" : "https"}://${host.includes(":") ? `[${host}]` : host}:${o.port ?? 8080}`;
}

/** Where an emulator started with these options keeps the CA certificate clients must trust. */
function caPathOf(o: EmulatorOptions, values: ReturnType<typeof flags>["values"]): string | undefined {
  if (o.tls === false) return undefined;
  if (values["tls-cert"]) return resolve(values["tls-ca"] ?? values["tls-cert"]);
  // The same order as the emulator's own choice of certificate (EmulatorOptions.tls).
  const env = process.env;
  if (env["MSTEAMS_EMULATOR_TLS_CERT"] && env["MSTEAMS_EMULATOR_TLS_KEY"])
    return resolve(env["MSTEAMS_EMULATOR_TLS_CA"] ?? env["MSTEAMS_EMULATOR_TLS_CERT"]);
  return o.tlsDir ? join(o.tlsDir, "ca.pem") : undefined;
}

/**
 * What a user needs: the stack configuration for each identity (copy-paste or eval), then the endpoints,
 * the app registrations and the seeded users.
 */
function banner(
  emu: RunningEmulator,
  seed: Seed,
  host: string,
  throttle: EmulatorOptions["throttle"],
): string {
  const url = emu.url;
  const home = seed.tenants.find((t) => t.home)!;
  const warning = exposureWarning(host);
  const lines = [
    ...(warning ? [warning] : []),
    `pulumi-msteams Graph emulator on ${url}`,
    `  web view:   ${emu.webUrl}`,
    "",
    "Point a Pulumi stack at it, signed in as a user (can also send messages):",
    ...stackConfigLines(url, seed, "delegated", emu.caPath).map((l) => `  ${l}`),
    "or as the app itself (application permissions; no messages):",
    ...stackConfigLines(url, seed, "application", emu.caPath).map((l) => `  ${l}`),
    "",
    `  Graph:      ${url}/v1.0  and  ${url}/beta`,
    `  tokens:     POST ${url}/${home.id}/oauth2/v2.0/token  (tenant ${home.domain})`,
    `  inspection: ${url}/_emulator/state   permissions needed: ${url}/_emulator/permissions`,
    `  admin token (reset, config, faults: Authorization: Bearer …, JSON bodies): ${emu.adminToken}`,
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
    ...(throttle && throttle !== "off"
      ? [`throttling: ${JSON.stringify(throttle)} (Graph's limits answer 429 + Retry-After)`]
      : []),
    "Ctrl+C stops it.",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { seed, options: o, printConfig, caPath } = options(process.argv.slice(2));
  if (printConfig) {
    console.log(stackConfigLines(urlOf(o), seed, printConfig, caPath).join("\n"));
    return;
  }
  const emu = await startEmulator(o);
  console.log(banner(emu, seed, o.host ?? "127.0.0.1", o.throttle));
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
