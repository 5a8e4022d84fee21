// `npm run demo`: start the emulator with the default seed, `pulumi up` the root quickstart program against
// it (real Pulumi engine, local file backend), `pulumi preview` (must report no changes), then print the
// stack outputs and what now exists in the emulated tenant. The emulator keeps its tenant in
// .state/emulator-tenant.json, so running the demo again finds everything in place and changes nothing.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { get } from "node:https";
import { join, resolve } from "node:path";
import { startEmulator } from "pulumi-msteams-emulator";

const root = resolve(__dirname, "..", "..");
// Overridable so the end-to-end test can run the demo without touching a user's own demo state.
const stateDir = resolve(process.env["MSTEAMS_DEMO_STATE_DIR"] ?? join(root, ".state"));
const stackName = process.env["MSTEAMS_DEMO_STACK"] ?? "dev";
const HOME_TENANT = "2432b57b-0abd-43db-aa7b-16eadd115d34";
const APP_ID = "5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21";

interface RunResult {
  summary?: Record<string, number>;
  outputs?: Record<string, unknown>;
}

async function pulumi(command: string, url: string, caPath: string | undefined): Promise<RunResult> {
  const args = [
    join(root, "dist", "engine", "cli.js"),
    command,
    "--dir",
    root,
    "--stack",
    stackName,
    "--state-dir",
    join(stateDir, "backend"),
    "--config",
    `msteams:graphUrl=${url}`,
    // The emulator is not one of Graph's clouds: name the audience of the tokens it takes.
    "--config",
    "msteams:graphAudience=https://graph.microsoft.com",
    "--config",
    `msteams:authorityHost=${url}`,
    "--config",
    `msteams:tenantId=${HOME_TENANT}`,
    "--config",
    `msteams:clientId=${APP_ID}`,
    // The demo signs in as Adele (delegated), as a person running pulumi would.
    "--config",
    "msteams:username=adele@contoso.com",
    // Secrets come from the environment, never the command line.
    "--secret-env",
    "msteams:password=MSTEAMS_DEMO_PASSWORD",
    "--config",
    "msteams:pollInitialDelayMs=250",
    "--json",
  ];
  // Asynchronous on purpose: the emulator answers from this same process.
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    // The seeded users' password (emulator-only), and trust in the emulator's CA for the provider process.
    env: {
      ...process.env,
      MSTEAMS_DEMO_PASSWORD: "emulator",
      ...(caPath ? { NODE_EXTRA_CA_CERTS: caPath } : {}),
    },
  });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  const code = await new Promise<number | null>((r) => child.on("close", r));
  if (code !== 0) throw new Error(`pulumi ${command} failed (exit ${code})`);
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as RunResult;
}

interface TenantState {
  chats: {
    id: string;
    chatType: string;
    topic: string | null;
    members: { displayName?: string; roles: string[] }[];
    installedApps: { teamsAppId?: string; teamsApp?: { displayName?: string } }[];
    messages: {
      from: { user: { displayName: string | null } };
      body: { content: string };
      deletedDateTime: string | null;
    }[];
  }[];
  operations?: { id: string; status: string }[];
}

function printTenant(t: TenantState): void {
  console.log("\nWhat now exists in the emulated tenant:");
  for (const c of t.chats) {
    const who = c.members
      .map((m) => `${m.displayName ?? "?"}${m.roles.includes("guest") ? " (guest)" : ""}`)
      .join(", ");
    console.log(`  ${c.chatType.padEnd(8)} ${c.topic ? `"${c.topic}"` : "(no topic)"}  ${c.id}`);
    console.log(`           members: ${who}`);
    for (const m of c.messages.filter((x) => !x.deletedDateTime)) {
      console.log(
        `           message from ${m.from.user.displayName ?? "?"}: ${m.body.content.replace(/<[^>]+>/g, "")}`,
      );
    }
    if (c.installedApps.length) {
      console.log(
        `           apps: ${c.installedApps.map((a) => a.teamsApp?.displayName ?? a.teamsAppId ?? "?").join(", ")}`,
      );
    }
  }
  for (const op of t.operations ?? []) console.log(`  operation ${op.id}: ${op.status}`);
}

/** GET over https trusting the emulator's CA (this process started before the CA existed). */
function getJson(url: string, caPath: string | undefined): Promise<unknown> {
  return new Promise((resolveGet, reject) => {
    get(url, caPath ? { ca: readFileSync(caPath) } : {}, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => {
        body += d.toString();
      });
      res.on("end", () => resolveGet(JSON.parse(body)));
    }).on("error", reject);
  });
}

async function main(): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  const emu = await startEmulator({
    port: 0,
    statePath: join(stateDir, "emulator-tenant.json"),
    tlsDir: join(stateDir, "emulator-tls"),
  });
  console.log(`Graph emulator listening on ${emu.url}`);
  try {
    const up = await pulumi("up", emu.url, emu.caPath);
    console.log(`\npulumi up: ${JSON.stringify(up.summary)}`);
    const preview = await pulumi("preview", emu.url, emu.caPath);
    const changes = Object.entries(preview.summary ?? {}).filter(([k, n]) => k !== "same" && n > 0);
    console.log(
      `pulumi preview: ${changes.length ? `CHANGES ${JSON.stringify(preview.summary)}` : "no changes"}`,
    );
    console.log("\nStack outputs:");
    for (const [k, v] of Object.entries(up.outputs ?? {})) console.log(`  ${k}: ${JSON.stringify(v)}`);
    const tenant = (await getJson(`${emu.url}/_emulator/state`, emu.caPath)) as TenantState;
    printTenant(tenant);
    if (changes.length) process.exitCode = 1;
  } finally {
    await emu.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
