// scripts/ensure-pulumi.sh without building anything: each case runs the script with its own cache folder
// and a PATH holding only the shell tools it needs (no Go, no real pulumi), so the branches that do not
// compile can be checked on any machine. The cold build itself is exercised by test/global-setup.ts.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const script = join(__dirname, "..", "..", "scripts", "ensure-pulumi.sh");
// The script pins the CLI to the installed SDK; the lock file makes this the version it resolves.
const sdkVersion: string = require("@pulumi/pulumi/package.json").version;
const tools = [
  "bash",
  "sed",
  "head",
  "mkdir",
  "flock",
  "install",
  "readlink",
  "ln",
  "rm",
  "mv",
  "cat",
  "dirname",
];

let root: string;
let cache: string;
let pathDir: string;

function which(tool: string): string {
  const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error(`${tool} is needed by this test and was not found on PATH`);
  return found;
}

function fakePulumi(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "pulumi");
  writeFileSync(file, `#!/bin/sh\n[ "$1" = version ] && echo ${version}\n`);
  chmodSync(file, 0o755);
  return file;
}

function run(extraPath: string[] = []) {
  const result = spawnSync("bash", [script], {
    encoding: "utf8",
    env: {
      HOME: root,
      XDG_CACHE_HOME: cache,
      PATH: [...extraPath, pathDir].join(":"),
      PULUMI_MSTEAMS_GO_HOME: join(root, "no-go-here"),
    },
  });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ensure-pulumi-"));
  cache = join(root, "cache");
  pathDir = join(root, "tools");
  mkdirSync(pathDir);
  for (const tool of tools) symlinkSync(which(tool), join(pathDir, tool));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("ensure-pulumi.sh", () => {
  const slotBin = () => join(cache, "pulumi-msteams", `pulumi-v${sdkVersion}`, "bin");

  it("with neither a pulumi nor Go, fails and names both ways out", () => {
    const { code, stdout, stderr } = run();
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`No Pulumi CLI v${sdkVersion} was found`);
    expect(stderr).toContain("install the Pulumi CLI");
    expect(stderr).toContain("install Go >= 1.25.11");
  });

  it("links a pulumi of the pinned version from PATH into the cache, with the launcher beside it", () => {
    const real = fakePulumi(join(root, "official"), `v${sdkVersion}`);
    const first = run([join(root, "official")]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(slotBin());
    expect(lstatSync(join(slotBin(), "pulumi")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(slotBin(), "pulumi"))).toBe(real);
    expect(lstatSync(join(slotBin(), "pulumi-resource-pulumi-nodejs")).isFile()).toBe(true);
    expect(first.stderr).toContain("from PATH");

    // The second call answers from the cache alone: same folder, nothing on stderr, even without PATH.
    const second = run();
    expect(second).toEqual({ code: 0, stdout: slotBin(), stderr: "" });
  });

  it("ignores a pulumi of another version and says why", () => {
    fakePulumi(join(root, "old"), "v3.100.0");
    const { code, stderr } = run([join(root, "old")]);
    expect(code).toBe(1);
    expect(stderr).toContain(`reports 'v3.100.0', need v${sdkVersion}`);
    expect(stderr).toContain("install Go");
  });

  it("takes PULUMI_BIN_DIR as given, and refuses one that lacks the launcher", () => {
    const dir = join(root, "explicit");
    fakePulumi(dir, `v${sdkVersion}`);
    const result = spawnSync("bash", [script], {
      encoding: "utf8",
      env: { HOME: root, XDG_CACHE_HOME: cache, PATH: pathDir, PULUMI_BIN_DIR: dir },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("lacks pulumi or pulumi-resource-pulumi-nodejs");

    const launcher = join(dir, "pulumi-resource-pulumi-nodejs");
    writeFileSync(launcher, "#!/bin/sh\n");
    chmodSync(launcher, 0o755);
    const ok = spawnSync("bash", [script], {
      encoding: "utf8",
      env: { HOME: root, XDG_CACHE_HOME: cache, PATH: pathDir, PULUMI_BIN_DIR: dir },
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe(dir);
  });
});
