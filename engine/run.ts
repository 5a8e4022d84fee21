import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { parse } from "yaml";
import { isLoopback } from "../provider/config";

export type Command = "preview" | "up" | "refresh" | "destroy" | "outputs" | "export" | "stack-rm";

export interface RunOptions {
  command: Command;
  projectDir: string;
  stack: string;
  /** Secret values are given to the Pulumi CLI on stdin, never on its argv. */
  config: ConfigEntry[];
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
  const main = resolve(projectDir, project.main ?? "index.js");
  const entry = existsSync(main) && !main.endsWith(".js") ? join(main, "index.js") : main;
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run npm run build first`);
  return async () => {
    const exports = require(entry) as Record<string, unknown>;
    return { ...exports };
  };
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
  // The config is exactly what was given: keys left in Pulumi.<stack>.yaml by an earlier run are removed.
  const stale = Object.keys(await stack.getAllConfig()).filter((k) => !o.config.some((c) => c.key === k));
  if (stale.length) await stack.removeAllConfig(stale);
  const plainConfig = o.config.filter((c) => !c.secret);
  if (plainConfig.length) {
    await stack.setAllConfig(
      Object.fromEntries(plainConfig.map((c) => [c.key, { value: c.value, secret: false }])),
    );
  }
  // The Automation API would put the value on `pulumi config set-all --secret k=v`'s argv: give it on stdin.
  for (const c of o.config.filter((x) => x.secret)) {
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
  }
  const onOutput = o.onOutput ?? (() => undefined);
  const warning = passphraseWarning(o.config, { ...process.env, ...envVars });
  if (warning) onOutput(warning);
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

function plain(outputs: automation.OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
}
