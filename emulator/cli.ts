#!/usr/bin/env node
// `npm run emulator -- --port 8080 [--seed seed.yaml] [--async-ms 1500] [--state tenant.json]`
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import { defaultSeedPath, loadSeed } from "./seed";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string" },
      "async-ms": { type: "string" },
      state: { type: "string" },
    },
  });
  const seedPath = values.seed ?? defaultSeedPath;
  const emu = await startEmulator({
    port: Number(values.port),
    host: values.host,
    seed: seedPath,
    ...(values["async-ms"] ? { asyncOperationMs: Number(values["async-ms"]) } : {}),
    ...(values.state ? { statePath: values.state } : {}),
  });
  const seed = loadSeed(seedPath);
  const home = seed.tenants.find((t) => t.home)!;
  console.log(`pulumi-msteams Graph emulator on ${emu.url}  (Graph: ${emu.url}/v1.0, ${emu.url}/beta)`);
  console.log(
    `token endpoint: ${emu.url}/${home.id}/oauth2/v2.0/token   inspection: ${emu.url}/_emulator/state`,
  );
  for (const a of seed.appRegistrations)
    console.log(`app ${a.displayName}: client_id=${a.clientId} client_secret=${a.clientSecret}`);
  console.log(
    `users sign in with grant_type=password, username=<UPN>, password=emulator (e.g. ${seed.users[0]?.userPrincipalName})`,
  );
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
