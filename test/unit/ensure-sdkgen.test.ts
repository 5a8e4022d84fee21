// scripts/ensure-sdkgen.sh without building anything: each case runs the script with its own cache folder
// and a PATH holding only the shell tools it needs (no Go), so the branches that do not compile can be
// checked on any machine. The build itself runs in test/sdk/sdk.test.ts (through scripts/gen-sdk.mjs).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const scripts = join(__dirname, "..", "..", "scripts");
const script = join(scripts, "ensure-sdkgen.sh");
const cliVersion: string = require("@pulumi/pulumi/package.json").version;
const tools = [
  "bash",
  "sed",
  "head",
  "cat",
  "sha256sum",
  "cut",
  "mkdir",
  "flock",
  "ln",
  "rm",
  "mv",
  "dirname",
];
const hosts = [
  "pulumi-language-go",
  "pulumi-language-nodejs",
  "pulumi-language-python",
  "pulumi-language-dotnet",
];

let root: string;
let pathDir: string;

function which(tool: string): string {
  const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error(`${tool} is needed by this test and was not found on PATH`);
  return found;
}

function run(env: Record<string, string> = {}) {
  const r = spawnSync("bash", [script], {
    encoding: "utf8",
    env: {
      HOME: root,
      XDG_CACHE_HOME: join(root, "cache"),
      PATH: pathDir,
      PULUMI_MSTEAMS_GO_HOME: join(root, "no-go-here"),
      ...env,
    },
  });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

function fakeHosts(dir: string, names = hosts): void {
  mkdirSync(dir, { recursive: true });
  for (const n of names) {
    writeFileSync(join(dir, n), "#!/bin/sh\n");
    chmodSync(join(dir, n), 0o755);
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ensure-sdkgen-"));
  pathDir = join(root, "tools");
  mkdirSync(pathDir);
  for (const tool of tools) symlinkSync(which(tool), join(pathDir, tool));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("ensure-sdkgen.sh", () => {
  it("without Go and without a cached build, fails and names both ways out", () => {
    const { code, stdout, stderr } = run();
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("Install Go >= 1.25.11");
    expect(stderr).toContain("SDKGEN_BIN_DIR");
  });

  it("answers from the cache slot keyed by the generators' version and the host's source", () => {
    const source = ["sdkgen-host", "sdkgen-host-dotnet"].flatMap((host) =>
      ["main.go", "go.mod", "go.sum"].map((f) => readFileSync(join(scripts, host, f))),
    );
    const hash = createHash("sha256").update(Buffer.concat(source)).digest("hex").slice(0, 12);
    const slot = join(root, "cache", "pulumi-msteams", `sdkgen-v${cliVersion}-${hash}`, "bin");
    fakeHosts(slot);
    expect(run()).toEqual({ code: 0, stdout: slot, stderr: "" });

    // A slot of other sources (an edited host) is not taken for this one.
    rmSync(slot, { recursive: true });
    fakeHosts(join(root, "cache", "pulumi-msteams", `sdkgen-v${cliVersion}-000000000000`, "bin"));
    expect(run().code).toBe(1);
  });

  it("takes SDKGEN_BIN_DIR as given, and refuses one that lacks a host", () => {
    const dir = join(root, "official");
    fakeHosts(dir, hosts.slice(0, 2));
    const missing = run({ SDKGEN_BIN_DIR: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("lacks pulumi-language-{go,nodejs,python,dotnet}");
    fakeHosts(dir);
    expect(run({ SDKGEN_BIN_DIR: dir })).toEqual({ code: 0, stdout: dir, stderr: "" });
  });
});
