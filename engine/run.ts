import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
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
  // Loaded lazily: resolving it from the project directory keeps one SDK instance for runner and program.
  const auto = require(
    require.resolve("@pulumi/pulumi/automation", { paths: [o.projectDir] }),
  ) as typeof automation;
  const projectDir = resolve(o.projectDir);
  const project = parse(readFileSync(join(projectDir, "Pulumi.yaml"), "utf8")) as ProjectFile;
  const bin = pulumiBin();
  const pulumiCommand = await auto.PulumiCommand.get({ root: dirname(bin) });
  const envVars = offlineEnv(o.stateDir ?? join(repoRoot, ".state", "backend"));
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { projectName: project.name, stackName: o.stack, program: inlineProgram(projectDir, project) },
    { workDir: projectDir, pulumiCommand, envVars },
  );
  if (o.config) await setExactConfig(stack, o.config);
  const onOutput = o.onOutput ?? (() => undefined);
  const base = { command: o.command, summary: {}, outputs: {} };
  switch (o.command) {
    case "preview": {
      const r = await stack.preview({ onOutput, ...(o.expectNoChanges ? { expectNoChanges: true } : {}) });
      return { ...base, summary: r.changeSummary as Record<string, number> };
    }
    case "up": {
      const r = await stack.up({ onOutput });
      return {
        ...base,
        summary: (r.summary.resourceChanges ?? {}) as Record<string, number>,
        outputs: plain(r.outputs),
      };
    }
    case "refresh": {
      // runProgram: the provider is configured from the config given now, not the one saved at the last up.
      const r = await stack.refresh({ onOutput, runProgram: true });
      return { ...base, summary: (r.summary.resourceChanges ?? {}) as Record<string, number> };
    }
    case "destroy": {
      const r = await stack.destroy({ onOutput, runProgram: true });
      return { ...base, summary: (r.summary.resourceChanges ?? {}) as Record<string, number> };
    }
    case "outputs":
      return { ...base, outputs: plain(await stack.outputs()) };
    case "export": {
      // What `pulumi stack export` prints (the Automation API's exportStack adds --show-secrets).
      const text = execFileSync(
        join(bin, "pulumi"),
        ["stack", "export", "--stack", o.stack, "--non-interactive"],
        {
          cwd: projectDir,
          env: { ...process.env, ...envVars },
          encoding: "utf8",
        },
      );
      return { ...base, deployment: (JSON.parse(text) as { deployment: unknown }).deployment };
    }
    case "stack-rm":
      await stack.workspace.removeStack(o.stack);
      return base;
  }
}

/** The config is exactly what was given: keys left in Pulumi.<stack>.yaml by an earlier run are removed. */
async function setExactConfig(
  stack: automation.Stack,
  config: NonNullable<RunOptions["config"]>,
): Promise<void> {
  const stale = Object.keys(await stack.getAllConfig()).filter((k) => !config.some((c) => c.key === k));
  if (stale.length) await stack.removeAllConfig(stale);
  if (config.length) {
    await stack.setAllConfig(
      Object.fromEntries(config.map((c) => [c.key, { value: c.value, secret: c.secret }])),
    );
  }
}

function plain(outputs: automation.OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
}
