// Pulumi YAML programs run by the plain Pulumi CLI (no Automation API) with the YAML language host on PATH,
// and the msteams plugin installed from its packed archive exactly as a user installs it offline
// (`pulumi plugin install resource msteams <version> --file <archive>`). Used by the plugin's end-to-end
// tests (test/e2e/plugin-harness.ts) and by the bench's state-size figure (scripts/bench-scale.ts).
// Commands are spawned, never run synchronously: the emulator may answer from this very process.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";

// From scripts/ (the tests import the source) or dist/scripts/ (the bench runs the build).
const repo = resolve(__dirname, __dirname.split(sep).includes("dist") ? "../.." : "..");
export const PLUGIN_VERSION = (
  JSON.parse(readFileSync(join(repo, "plugin", "package.json"), "utf8")) as { version: string }
).version;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process (the emulator serves from it); `input` goes to stdin. */
export function exec(
  cmd: string,
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** Packs the plugin (plugin/pack.mjs, after `npm run build`) and returns the archive for this platform. */
export async function packPlugin(): Promise<string> {
  const r = await exec(process.execPath, [join(repo, "plugin", "pack.mjs")], { cwd: repo, env: process.env });
  if (r.code !== 0) throw new Error(`plugin/pack.mjs failed (run npm run build first):\n${r.stderr}`);
  return r.stdout.trim().split("\n")[0]!;
}

/** A Pulumi home of its own with the plugin installed from its archive; the tools on PATH. */
export class PulumiHome {
  readonly root = mkdtempSync(join(tmpdir(), "msteams-plugin-e2e-"));
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    const cli = process.env["PULUMI_BIN_DIR"];
    const yaml = process.env["PULUMI_YAML_BIN_DIR"];
    if (!cli || !yaml)
      throw new Error(
        "PULUMI_BIN_DIR and PULUMI_YAML_BIN_DIR are set by test/global-setup.ts and the bench (from " +
          "scripts/ensure-pulumi.sh and scripts/ensure-pulumi-yaml.sh); run the tests through vitest, and see those scripts' output",
      );
    this.env = {
      ...process.env,
      PATH: `${cli}:${yaml}:${process.env["PATH"]}`,
      PULUMI_HOME: join(this.root, "home"),
      PULUMI_CONFIG_PASSPHRASE: "plugin-e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      NO_COLOR: "1",
    };
  }

  /** `pulumi plugin install resource msteams <version> --file <archive>`: the offline install. */
  async install(archive: string): Promise<Run> {
    return exec("pulumi", ["plugin", "install", "resource", "msteams", PLUGIN_VERSION, "--file", archive], {
      cwd: this.root,
      env: this.env,
    });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

let projects = 0;

/** One Pulumi YAML project with one stack and its own file backend, in the home's folder. */
export class YamlStack {
  readonly dir: string;
  readonly stateDir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly home: PulumiHome,
    readonly name: string,
  ) {
    this.dir = join(home.root, `${name}-${++projects}`);
    this.stateDir = join(this.dir, ".state");
    mkdirSync(this.stateDir, { recursive: true });
    this.env = { ...home.env, PULUMI_BACKEND_URL: `file://${this.stateDir}` };
  }

  /** Writes Pulumi.yaml: the project header and the given body (resources, outputs). */
  program(body: string): void {
    writeFileSync(join(this.dir, "Pulumi.yaml"), `name: ${this.name}\nruntime: yaml\n${body}`);
  }

  pulumi(args: readonly string[], input?: string): Promise<Run> {
    return exec("pulumi", [...args, "--non-interactive"], {
      cwd: this.dir,
      env: this.env,
      ...(input !== undefined ? { input } : {}),
    });
  }

  /** A command that must succeed; its output is the failure message otherwise. */
  async ok(args: readonly string[], input?: string): Promise<string> {
    const r = await this.pulumi(args, input);
    if (r.code !== 0)
      throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  /** `pulumi stack init`, plain config and secrets (secrets through stdin, never on the command line). */
  async init(config: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    await this.ok(["stack", "init", "test"]);
    for (const [k, v] of Object.entries(config)) await this.ok(["config", "set", k, v]);
    for (const [k, v] of Object.entries(secrets)) await this.ok(["config", "set", "--secret", k], v);
  }

  /** `pulumi preview --json`: the steps with their detailed diffs, and the change summary. */
  async preview(): Promise<Preview> {
    return JSON.parse(await this.ok(["preview", "--json"])) as Preview;
  }

  /** The stack's deployment (`pulumi stack export`). */
  async state(): Promise<Deployment> {
    return (JSON.parse(await this.ok(["stack", "export"])) as { deployment: Deployment }).deployment;
  }
}

export interface Step {
  op: string;
  urn: string;
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }> | null;
  replaceReasons?: string[];
  diffReasons?: string[];
}
export interface Preview {
  steps: Step[];
  changeSummary: Record<string, number>;
}
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  provider?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
export interface Deployment {
  resources: StateResource[];
}

/** The default provider's configuration for an emulator: Adele signs in (a delegated token sends messages). */
export function pluginConfig(
  url: string,
  tenantId: string,
  clientId: string,
): { config: Record<string, string>; secrets: Record<string, string> } {
  return {
    config: {
      "msteams:graphUrl": url,
      "msteams:graphAudience": "https://graph.microsoft.com",
      "msteams:authorityHost": url,
      "msteams:tenantId": tenantId,
      "msteams:clientId": clientId,
      "msteams:username": "adele@contoso.com",
      "msteams:pollInitialDelayMs": "100",
    },
    secrets: { "msteams:password": "emulator" },
  };
}
