// What the scale benchmarks share: the emulator's seeded tenant, app and users, a child process that does
// not block the emulator running in this one, and the engine runner's command line for bench/program.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const root = join(__dirname, "..", "..");
export const HOME = "2432b57b-0abd-43db-aa7b-16eadd115d34";
export const APP = "5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21";
export const MEMBERS = [
  "8b081ef6-4792-4def-b2c9-c363a1bf41d5", // adele, the signed-in user
  "82af01c5-f7cc-4a2e-a728-3a5df21afd9d",
  "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca",
];

/** Runs a command without blocking this process's event loop (the emulator runs in it): its stdout. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("close", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${args[1] ?? cmd} failed (${code}):\n${err.slice(-3000)}`)),
    );
  });
}

/**
 * One runner command (`node dist/engine/cli.js`) on bench/program with N chats, signed in as adele; the
 * password travels in BENCH_PASSWORD (set by `benchEnv`), never on the command line.
 */
export function benchCommand(
  command: string,
  o: { url: string; stack: string; stateDir: string; n: number; parallel?: string | undefined },
  extra: readonly string[] = [],
): Promise<string> {
  return run(
    process.execPath,
    [
      join(root, "dist", "engine", "cli.js"),
      command,
      ...["--dir", join(root, "bench", "program"), "--stack", o.stack, "--state-dir", o.stateDir, "--json"],
      ...["--config", `msteams:graphUrl=${o.url}`, "--config", `msteams:authorityHost=${o.url}`],
      ...["--config", "msteams:graphAudience=https://graph.microsoft.com"],
      ...["--config", `msteams:tenantId=${HOME}`, "--config", `msteams:clientId=${APP}`],
      ...["--config", "msteams:username=adele@contoso.com"],
      ...["--secret-env", "msteams:password=BENCH_PASSWORD"],
      ...["--config", `bench:count=${o.n}`, "--config", `bench:members=${MEMBERS.join(",")}`],
      ...(o.parallel ? ["--parallel", o.parallel] : []),
      ...extra,
    ],
    { ...process.env, BENCH_PASSWORD: "emulator" },
  );
}
