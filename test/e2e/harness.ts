import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";
import { APP, HOME_TENANT } from "../support/tenant";

const repo = resolve(__dirname, "..", "..");
/** A test program by name, or a repository-relative project folder such as examples/chat-group. */
export const programDir = (name: string) =>
  name.includes("/") ? join(repo, name) : join(repo, "test", "e2e", "programs", name);

export interface EngineRun {
  code: number | null;
  /** The runner's JSON result (summary, outputs or deployment), when it succeeded. */
  result:
    | { summary: Record<string, number>; outputs: Record<string, unknown>; deployment?: unknown }
    | undefined;
  /** Everything the engine printed. */
  log: string;
}

let stacks = 0;
const created: Stack[] = [];

/** Cleans up every stack this test file created (call from afterAll). */
export function disposeStacks(): void {
  for (const s of created.splice(0)) s.dispose();
}

/**
 * One stack of one test program, with its own file backend and stack name (its Pulumi.<stack>.yaml in
 * the program folder is removed by dispose()), pointed at an emulator.
 */
export class Stack {
  readonly stateDir = mkdtempSync(join(tmpdir(), "msteams-e2e-"));
  readonly name = `e2e-${process.pid}-${++stacks}`;
  constructor(
    readonly program: string,
    readonly emu: RunningEmulator,
    readonly identity: "app" | "adele" = "app",
  ) {
    created.push(this);
  }

  config(extra: Record<string, string> = {}): string[] {
    const c: Record<string, string> = {
      "msteams:graphUrl": this.emu.url,
      "msteams:graphAudience": "https://graph.microsoft.com",
      "msteams:authorityHost": this.emu.url,
      "msteams:tenantId": HOME_TENANT,
      "msteams:clientId": APP.clientId,
      "msteams:pollInitialDelayMs": "100",
      ...(this.identity === "adele" ? { "msteams:username": "adele@contoso.com" } : {}),
      ...extra,
    };
    return Object.entries(c).flatMap(([k, v]) => ["--config", `${k}=${v}`]);
  }

  /**
   * Runs `node dist/engine/cli.js <command>` (real Pulumi CLI and engine) without blocking the emulator.
   * Secrets travel in environment variables (`--secret-env`), never on a command line; `env` adds
   * variables for the run (e.g. IDENTITY_ENDPOINT); `onLog` sees the engine's output as it comes.
   */
  run(
    command: string,
    extra: Record<string, string> = {},
    secrets: Record<string, string> = {},
    env: Record<string, string> = {},
    onLog?: (chunk: string) => void,
    /** More runner flags, e.g. ["--parallel", "1"]. */
    flags: readonly string[] = [],
  ): Promise<EngineRun> {
    const secretEnv: Record<string, string> = {};
    const secretArgs = Object.entries({
      ...(this.identity === "app" ? { "msteams:clientSecret": APP.secret } : {}),
      ...(this.identity === "adele" ? { "msteams:password": "emulator" } : {}),
      ...secrets,
    }).flatMap(([k, v], i) => {
      secretEnv[`MSTEAMS_E2E_SECRET_${i}`] = v;
      return ["--secret-env", `${k}=MSTEAMS_E2E_SECRET_${i}`];
    });
    const args = [
      join(repo, "dist", "engine", "cli.js"),
      command,
      "--dir",
      programDir(this.program),
      "--stack",
      this.name,
      "--state-dir",
      this.stateDir,
      "--json",
      ...this.config(extra),
      ...secretArgs,
      ...flags,
    ];
    const child = spawn(process.execPath, args, {
      cwd: repo,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...secretEnv, ...env },
    });
    let out = "";
    let log = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      log += d.toString();
      onLog?.(d.toString());
    });
    return new Promise((resolveRun) =>
      child.on("close", (code) => {
        const last = out.trim().split("\n").pop();
        resolveRun({ code, result: code === 0 && last ? JSON.parse(last) : undefined, log });
      }),
    );
  }

  /** Removes the stack's settings file and state folder. */
  dispose(): void {
    rmSync(join(programDir(this.program), `Pulumi.${this.name}.yaml`), { force: true });
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** Every file of the stack's state on disk, as text. */
  stateFiles(): string {
    const read = (d: string): string =>
      readdirSync(d, { withFileTypes: true })
        .map((e) => (e.isDirectory() ? read(join(d, e.name)) : readFileSync(join(d, e.name), "utf8")))
        .join("\n");
    return read(this.stateDir);
  }

  /** Runs a command that must succeed; the engine's output is the failure message otherwise. */
  async ok(
    command: string,
    extra: Record<string, string> = {},
    secrets: Record<string, string> = {},
    env: Record<string, string> = {},
    flags: readonly string[] = [],
  ) {
    const r = await this.run(command, extra, secrets, env, undefined, flags);
    if (r.code !== 0 || !r.result) throw new Error(`pulumi ${command} failed (exit ${r.code}):\n${r.log}`);
    return r.result;
  }
}

export const graphCalls = (emu: RunningEmulator) => emu.requests().filter((r) => r.kind === "graph");
/** Changes other than "same" in a summary. */
export const changes = (summary: Record<string, number>) =>
  Object.fromEntries(Object.entries(summary).filter(([k, n]) => k !== "same" && n > 0));

/**
 * Starts an emulator for this test file and tears it (and the file's stacks) down afterwards.
 * Returns a getter, since the emulator exists only once beforeAll has run.
 */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, ...options });
  });
  afterAll(async () => {
    disposeStacks();
    await emu?.close();
  });
  return () => emu!;
}
