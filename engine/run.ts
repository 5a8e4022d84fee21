import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { parse } from "yaml";

export type Command = "preview" | "up" | "refresh" | "destroy" | "outputs" | "export" | "stack-rm" | "cancel";

export interface RunOptions {
  command: Command;
  projectDir: string;
  stack: string;
  /**
   * The stack config, exactly (keys left by an earlier run are removed); undefined keeps the stack's own.
   * Secret values are given to the Pulumi CLI on stdin, never on its argv.
   */
  config: ConfigEntry[] | undefined;
  /** File backend folder. @default <repo>/.state/backend */
  stateDir?: string;
  /** preview: exit non-zero unless it reports no changes (the engine's --expect-no-changes). */
  expectNoChanges?: boolean;
  /** How many resource operations the engine runs at once (its --parallel). @default the engine's */
  parallel?: number;
  /**
   * refresh: drop the creates a killed run left pending from the state (the engine's
   * --clear-pending-creates), which otherwise warn on every run. See docs/interruption.md.
   */
  clearPending?: boolean;
  onOutput?: (s: string) => void;
}

export interface RunResult {
  command: Command;
  summary: Record<string, number>;
  outputs: Record<string, unknown>;
  deployment?: unknown;
}

const repoRoot = resolve(__dirname, "..", "..");

/** The bin folder with `pulumi` and the dynamic-provider launcher (built once per machine). */
export function pulumiBin(): string {
  const out = execFileSync(join(repoRoot, "scripts", "ensure-pulumi.sh"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop()!;
}

export interface ConfigEntry {
  key: string;
  value: string;
  secret: boolean;
}

/** A secret config value from an environment variable (never from argv). */
export function secretFromEnv(
  key: string,
  envName: string,
  env: NodeJS.ProcessEnv = process.env,
): ConfigEntry {
  const value = env[envName];
  if (value === undefined || value === "")
    throw new Error(`--secret-env ${key}=${envName}: the environment variable ${envName} is not set`);
  return { key, value, secret: true };
}

/** A secret config value from a file (its content without the trailing newline). */
export function secretFromFile(key: string, path: string): ConfigEntry {
  let value: string;
  try {
    value = readFileSync(path, "utf8").replace(/\r?\n$/, "");
  } catch (e) {
    throw new Error(`--secret-file ${key}=${path}: ${(e as Error).message}`);
  }
  if (value.includes("\n"))
    throw new Error(`--secret-file ${key}=${path}: a secret must be one line (the CLI reads it from stdin)`);
  return { key, value, secret: true };
}

/**
 * With an empty passphrase, `secure:` values in Pulumi.<stack>.yaml and the state are encrypted with a key
 * anyone can derive: fine for the emulator on this machine, not for a real tenant's secret.
 */
export function passphraseWarning(
  config: readonly ConfigEntry[],
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (env["PULUMI_CONFIG_PASSPHRASE"] || env["PULUMI_CONFIG_PASSPHRASE_FILE"]) return undefined;
  const graphUrl =
    config.find((c) => c.key === "msteams:graphUrl")?.value ??
    env["MSTEAMS_GRAPH_URL"] ??
    "https://graph.microsoft.com";
  let host: string;
  try {
    host = new URL(graphUrl).hostname;
  } catch {
    return undefined; // the provider's check reports the bad URL
  }
  if (isLoopback(host)) return undefined;
  return `warning: PULUMI_CONFIG_PASSPHRASE is empty and msteams:graphUrl is ${graphUrl} (not this machine): secrets in this stack's config and state are only obfuscated. Set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE).\n`;
}

/** Offline engine settings: local file backend, no update checks, no plugin downloads, the journal beside the state. */
export function offlineEnv(stateDir: string): Record<string, string> {
  mkdirSync(stateDir, { recursive: true });
  const home = join(repoRoot, ".pulumi-home");
  mkdirSync(home, { recursive: true });
  return {
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env["PULUMI_CONFIG_PASSPHRASE"] ?? "",
    PULUMI_HOME: process.env["PULUMI_HOME"] ?? home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS: "true",
    // The provider's create journal lives with the state it protects (docs/interruption.md).
    MSTEAMS_JOURNAL_DIR: resolve(process.env["MSTEAMS_JOURNAL_DIR"] ?? join(stateDir, "msteams-journal")),
  };
}

interface ProjectFile {
  name: string;
  main?: string;
}

/**
 * The project's program, run inline: its compiled main module is required inside the engine's run and
 * its exports become stack outputs (what `@pulumi/pulumi/cmd/run` does for `pulumi up`). Refresh and
 * destroy pass --run-program, so they too configure the provider from the config given now; without it the
 * engine would reuse the provider config saved at the last up (an emulator long gone, say).
 */
function inlineProgram(projectDir: string, project: ProjectFile): automation.PulumiFn {
  const entry = programEntry(resolve(projectDir, project.main ?? "."));
  if (entry.endsWith(".ts")) registerTypeScript(projectDir);
  return async () => {
    const exports = require(entry) as Record<string, unknown>;
    return { ...exports };
  };
}

/** The file a project's `main` names: a .ts or .js file, or a folder's index.ts / index.js. */
function programEntry(main: string): string {
  const candidates = /\.[cm]?[jt]s$/.test(main) ? [main] : [join(main, "index.ts"), join(main, "index.js")];
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`${candidates.join(" or ")} does not exist (run npm run build for compiled programs)`);
  return found;
}

/**
 * Lets a TypeScript program run as written, as the Pulumi CLI's Node.js host does: with the project's own
 * ts-node and its tsconfig.json (types are checked by `npm run lint`, so only transpiled here).
 */
function registerTypeScript(projectDir: string): void {
  let tsNode: string;
  try {
    tsNode = require.resolve("ts-node", { paths: [projectDir] });
  } catch {
    throw new Error(
      `the program in ${projectDir} is TypeScript: install ts-node and typescript there (npm install -D ts-node typescript)`,
    );
  }
  const tsconfig = join(projectDir, "tsconfig.json");
  (require(tsNode) as { register(o: object): void }).register({
    transpileOnly: true,
    ...(existsSync(tsconfig) ? { project: tsconfig } : { skipProject: true }),
  });
}

/** This machine's host names, as the provider counts them (it allows http:// only for these). */
function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

export async function runPulumi(o: RunOptions): Promise<RunResult> {
  const projectDir = resolve(o.projectDir);
  const bin = pulumiBin();
  const stateDir = o.stateDir ?? join(repoRoot, ".state", "backend");
  const envVars = offlineEnv(stateDir);
  const base = { command: o.command, summary: {}, outputs: {} };
  // Commands that run no program and need no config go straight to the CLI: one process each instead of
  // the Automation API's five (version, stack select, config read, config write, the command).
  const cli = (args: string[]) =>
    execFileSync(join(bin, "pulumi"), [...args, "--non-interactive"], {
      cwd: projectDir,
      env: { ...process.env, ...envVars },
      stdio: ["ignore", "ignore", "pipe"],
    });
  if (o.command === "export") return { ...base, deployment: exportStack(o.stack, cli) };
  if (o.command === "stack-rm") {
    cli(["stack", "rm", "--yes", "--stack", o.stack]);
    return base;
  }
  // A run killed outright leaves the stack locked: `pulumi cancel` releases it, after the metadata files
  // the kill cut short are removed (docs/interruption.md).
  if (o.command === "cancel") {
    for (const f of repairTruncatedMetadata(stateDir))
      (o.onOutput ?? (() => undefined))(
        `removed ${f}: cut short by the killed run (the state itself is intact)\n`,
      );
    cli(["cancel", "--yes", "--stack", o.stack]);
    return base;
  }
  // Loaded lazily: resolving it from the project directory keeps one SDK instance for runner and program.
  const auto = require(
    require.resolve("@pulumi/pulumi/automation", { paths: [o.projectDir] }),
  ) as typeof automation;
  const project = parse(readFileSync(join(projectDir, "Pulumi.yaml"), "utf8")) as ProjectFile;
  const pulumiCommand = await auto.PulumiCommand.get({ root: dirname(bin) });
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { projectName: project.name, stackName: o.stack, program: inlineProgram(projectDir, project) },
    { workDir: projectDir, pulumiCommand, envVars },
  );
  if (o.config && o.command !== "outputs") {
    const setSecret = (c: ConfigEntry) =>
      // The Automation API would put the value on `pulumi config set-all --secret k=v`'s argv: give it on stdin.
      execFileSync(
        join(bin, "pulumi"),
        ["config", "set", "--secret", c.key, "--stack", o.stack, "--non-interactive"],
        {
          cwd: projectDir,
          env: { ...process.env, ...envVars },
          input: `${c.value}\n`,
          stdio: ["pipe", "ignore", "pipe"],
        },
      );
    await syncConfig(stack, join(projectDir, `Pulumi.${o.stack}.yaml`), o.config, setSecret);
  }
  const onOutput = o.onOutput ?? (() => undefined);
  const warning = passphraseWarning(o.config ?? [], { ...process.env, ...envVars });
  if (warning) onOutput(warning);
  const parallel = o.parallel !== undefined ? { parallel: o.parallel } : {};
  switch (o.command) {
    case "preview": {
      const r = await stack.preview({
        onOutput,
        ...parallel,
        ...(o.expectNoChanges ? { expectNoChanges: true } : {}),
      });
      return { ...base, summary: r.changeSummary as Record<string, number> };
    }
    case "up": {
      const r = await stack.up({ onOutput, ...parallel });
      return {
        ...base,
        summary: (r.summary.resourceChanges ?? {}) as Record<string, number>,
        outputs: plain(r.outputs),
      };
    }
    case "refresh": {
      // runProgram: the provider is configured from the config given now, not the one saved at the last up.
      const r = await stack.refresh({
        onOutput,
        runProgram: true,
        ...parallel,
        ...(o.clearPending ? { clearPendingCreates: true } : {}),
      });
      return { ...base, summary: (r.summary.resourceChanges ?? {}) as Record<string, number> };
    }
    case "destroy": {
      const r = await stack.destroy({ onOutput, runProgram: true, ...parallel });
      return { ...base, summary: (r.summary.resourceChanges ?? {}) as Record<string, number> };
    }
    case "outputs":
      return { ...base, outputs: plain(await stack.outputs()) };
  }
}

/**
 * The file backend keeps each file's metadata in a `<file>.attrs` beside it, written in place (not through
 * a temporary file like the checkpoint itself): a CLI killed while it writes one leaves it empty, and every
 * later command then fails with "failed to load checkpoint: EOF". Such a file holds only the blob's content
 * type and checksum, and the backend reads a file without one: removing it is the repair. Returns the
 * files removed.
 */
export function repairTruncatedMetadata(stateDir: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(".attrs") && !isJson(readFileSync(path, "utf8"))) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    }
  };
  if (existsSync(join(stateDir, ".pulumi"))) walk(join(stateDir, ".pulumi"));
  return removed;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * What `pulumi stack export` prints (the Automation API's exportStack adds --show-secrets), written to a
 * file rather than read from the pipe: a state of any size (a pipe's buffer stops at 1 MiB: ENOBUFS).
 */
function exportStack(stackName: string, cli: (args: string[]) => unknown): unknown {
  const dir = mkdtempSync(join(tmpdir(), "msteams-export-"));
  try {
    const file = join(dir, "stack.json");
    cli(["stack", "export", "--stack", stackName, "--file", file]);
    return (JSON.parse(readFileSync(file, "utf8")) as { deployment: unknown }).deployment;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The stack's config becomes exactly what was given: keys left in Pulumi.<stack>.yaml by an earlier run
 * are removed, and values are written only when they differ. The file is read directly (not through
 * `pulumi config`, one CLI process fewer); secrets are always written, since the file holds them
 * encrypted and only the CLI can compare them, one `pulumi config set --secret` each, with the value on
 * its standard input.
 */
async function syncConfig(
  stack: automation.Stack,
  file: string,
  config: readonly ConfigEntry[],
  setSecret: (c: ConfigEntry) => void,
): Promise<void> {
  const saved = existsSync(file)
    ? ((parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {})
    : {};
  const stale = Object.keys(saved).filter((k) => !config.some((c) => c.key === k));
  if (stale.length) await stack.removeAllConfig(stale);
  const changed = config.filter(
    (c) =>
      !c.secret &&
      (!(c.key in saved) || typeof saved[c.key] === "object" || String(saved[c.key]) !== c.value),
  );
  if (changed.length) {
    await stack.setAllConfig(
      Object.fromEntries(changed.map((c) => [c.key, { value: c.value, secret: false }])),
    );
  }
  for (const c of config) if (c.secret) setSecret(c);
}

function plain(outputs: automation.OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
}
