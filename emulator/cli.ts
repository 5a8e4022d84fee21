#!/usr/bin/env node
// npm run emulator -- [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [--async-ms 1500] [--state tenant.json] [--throttle off|realistic|scaled:<factor>]
import { parseArgs } from "node:util";
import { defaultSeedPath, type EmulatorOptions, loadSeed, type Seed, startEmulator } from "./index";
import { type ThrottleSetting, validateThrottle } from "./throttle";

const USAGE =
  "usage: node dist/emulator/cli.js [--port 8080] [--host 127.0.0.1] [--seed seed.yaml] [--async-ms 1500] [--state tenant.json] [--throttle off|realistic|scaled:<factor>]";

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
  throttle: { type: "string" },
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
      ...(values.throttle ? { throttle: throttleFlag(values.throttle) } : {}),
    },
  };
}

/** What a user needs to get tokens: the endpoints, the app registrations and the seeded users. */
function banner(url: string, seed: Seed, throttle: EmulatorOptions["throttle"]): string {
  const home = seed.tenants.find((t) => t.home)!;
  const lines = [
    `pulumi-msteams Graph emulator on ${url}`,
    `  Graph:      ${url}/v1.0  and  ${url}/beta`,
    `  tokens:     POST ${url}/${home.id}/oauth2/v2.0/token  (tenant ${home.domain})`,
    `  inspection: ${url}/_emulator/state`,
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
  const { seed, options: o } = options(process.argv.slice(2));
  const emu = await startEmulator(o);
  console.log(banner(emu.url, seed, o.throttle));
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
