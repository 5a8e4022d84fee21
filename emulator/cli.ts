#!/usr/bin/env node
// pulumi-msteams-emulator (npx pulumi-msteams-emulator, or npm run emulator -- in this repository) [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [--async-ms 1500] [--state tenant.json] [--throttle off|realistic|scaled:<factor>]
import { parseArgs } from "node:util";
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
  "                               [--throttle off|realistic|scaled:<factor>]\n" +
  "       pulumi-msteams-emulator --print-config [delegated|application] [--port 8080] [--host 127.0.0.1] [--seed seed.yaml]\n" +
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
  return {
    seed,
    printConfig,
    options: {
      port: number("port", values.port)!,
      host: values.host,
      seed,
      ...(asyncMs !== undefined ? { asyncOperationMs: asyncMs } : {}),
      ...(values.state ? { statePath: values.state } : {}),
      ...(values.throttle ? { throttle: throttleFlag(values.throttle) } : {}),
    },
  };
}

function identity(v: string | undefined): StackIdentity {
  if (v === undefined) return "delegated";
  if ((stackIdentities as readonly string[]).includes(v)) return v as StackIdentity;
  throw new Error(`--print-config takes ${stackIdentities.join(" or ")}; got '${v}'\n${USAGE}`);
}

/** The URL an emulator started with these options answers on (what startEmulator reports). */
function urlOf(o: EmulatorOptions): string {
  const host = o.host ?? "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${o.port ?? 8080}`;
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
    ...stackConfigLines(url, seed, "delegated").map((l) => `  ${l}`),
    "or as the app itself (application permissions; no messages):",
    ...stackConfigLines(url, seed, "application").map((l) => `  ${l}`),
    "",
    `  Graph:      ${url}/v1.0  and  ${url}/beta`,
    `  tokens:     POST ${url}/${home.id}/oauth2/v2.0/token  (tenant ${home.domain})`,
    `  inspection: ${url}/_emulator/state   permissions needed: ${url}/_emulator/permissions`,
    `  admin token (reset, config, faults: Authorization: Bearer …, JSON bodies): ${emu.adminToken}`,
    "app registrations (grant_type=client_credentials, scope=https://graph.microsoft.com/.default):",
    ...seed.appRegistrations.map(
      (a) => `  ${a.displayName}: client_id=${a.clientId} client_secret=${a.clientSecret}`,
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
  const { seed, options: o, printConfig } = options(process.argv.slice(2));
  if (printConfig) {
    console.log(stackConfigLines(urlOf(o), seed, printConfig).join("\n"));
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
