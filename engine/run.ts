import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { parse } from "yaml";

export type Command = "preview" | "up" | "refresh" | "destroy" | "outputs" | "export" | "stack-rm";

export interface RunOptions {
  command: Command;
  projectDir: string;
  stack: string;
  /** The stack config, exactly (keys left by an earlier run are removed); undefined keeps the stack's own. */
  config: { key: string; value: string; secret: boolean }[] | undefined;
  /** File backend folder. @default <repo>/.state/backend */
  stateDir?: string;
  /** preview: exit non-zero unless it reports no changes (the engine's --expect-no-changes). */
  expectNoChanges?: boolean;
  /** How many resource operations the engine runs at once (its --parallel). @default the engine's */
  parallel?: number;
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

/** Offline engine settings: local file backend, no update checks, no plugin downloads. */
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

export async function runPulumi(o: RunOptions): Promise<RunResult> {
  const projectDir = resolve(o.projectDir);
  const bin = pulumiBin();
  const envVars = offlineEnv(o.stateDir ?? join(repoRoot, ".state", "backend"));
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
  if (o.config && o.command !== "outputs")
    await syncConfig(stack, join(projectDir, `Pulumi.${o.stack}.yaml`), o.config);
  const onOutput = o.onOutput ?? (() => undefined);
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
      const r = await stack.refresh({ onOutput, runProgram: true, ...parallel });
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
 * encrypted and only the CLI can compare them.
 */
async function syncConfig(
  stack: automation.Stack,
  file: string,
  config: NonNullable<RunOptions["config"]>,
): Promise<void> {
  const saved = existsSync(file)
    ? ((parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {})
    : {};
  const stale = Object.keys(saved).filter((k) => !config.some((c) => c.key === k));
  if (stale.length) await stack.removeAllConfig(stale);
  const changed = config.filter(
    (c) =>
      c.secret || !(c.key in saved) || typeof saved[c.key] === "object" || String(saved[c.key]) !== c.value,
  );
  if (changed.length) {
    await stack.setAllConfig(
      Object.fromEntries(changed.map((c) => [c.key, { value: c.value, secret: c.secret }])),
    );
  }
}

function plain(outputs: automation.OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
}
