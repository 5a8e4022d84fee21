// scripts/ensure-pulumi-yaml.sh without building anything: each case runs the script with its own cache
// folder and a PATH holding only the shell tools it needs; a fake `go` stands in for the real build (which
// test/global-setup.ts exercises), so the order of answers and the caching can be checked on any machine.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const script = join(__dirname, "..", "..", "scripts", "ensure-pulumi-yaml.sh");
const tools = ["bash", "sh", "mkdir", "flock", "mv", "rm", "chmod", "dirname"];

let root: string;
let cache: string;
let pathDir: string;

function which(tool: string): string {
  const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error(`${tool} is needed by this test and was not found on PATH`);
  return found;
}

/** A `go` that "installs" by writing a script into $GOBIN, and records its arguments. */
function fakeGo(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const log = join(root, "go-args");
  writeFileSync(
    join(dir, "go"),
    `#!/bin/sh\necho "$@" >> ${log}\nprintf '#!/bin/sh\\necho yaml\\n' > "$GOBIN/pulumi-language-yaml"\nchmod 755 "$GOBIN/pulumi-language-yaml"\n`,
  );
  chmodSync(join(dir, "go"), 0o755);
  return log;
}

function run(env: Record<string, string> = {}, extraPath: string[] = []) {
  const result = spawnSync("bash", [script], {
    encoding: "utf8",
    env: {
      HOME: root,
      XDG_CACHE_HOME: cache,
      PATH: [...extraPath, pathDir].join(":"),
      PULUMI_MSTEAMS_GO_HOME: join(root, "no-go-here"),
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ensure-pulumi-yaml-"));
  cache = join(root, "cache");
  pathDir = join(root, "tools");
  mkdirSync(pathDir);
  for (const tool of tools) symlinkSync(which(tool), join(pathDir, tool));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("ensure-pulumi-yaml.sh", () => {
  const slotBin = (v = "1.25.0") => join(cache, "pulumi-msteams", `pulumi-yaml-v${v}`, "bin");

  it("without a cached host and without Go, fails and names both ways out", () => {
    const { code, stdout, stderr } = run();
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("No pulumi-language-yaml v1.25.0");
    expect(stderr).toContain("PULUMI_YAML_BIN_DIR");
    expect(stderr).toContain("install Go");
  });

  it("builds the pinned version with go install into the cache once; later calls answer from it silently", () => {
    const log = fakeGo(join(root, "go", "bin"));
    const first = run({}, [join(root, "go", "bin")]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(slotBin());
    expect(existsSync(join(slotBin(), "pulumi-language-yaml"))).toBe(true);
    expect(readFileSync(log, "utf8").trim()).toBe(
      "install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v1.25.0",
    );

    const second = run(); // no Go on PATH any more: the cache alone answers
    expect(second).toEqual({ code: 0, stdout: slotBin(), stderr: "" });
    expect(readFileSync(log, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("keys the cache by version (PULUMI_YAML_VERSION), and rebuilds a slot whose binary is missing", () => {
    const log = fakeGo(join(root, "go", "bin"));
    expect(run({ PULUMI_YAML_VERSION: "v1.24.0" }, [join(root, "go", "bin")]).stdout).toBe(slotBin("1.24.0"));
    rmSync(join(slotBin("1.24.0"), "pulumi-language-yaml"));
    expect(run({ PULUMI_YAML_VERSION: "1.24.0" }, [join(root, "go", "bin")]).code).toBe(0);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v1.24.0",
      "install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v1.24.0",
    ]);
  });

  it("takes PULUMI_YAML_BIN_DIR as given, and refuses one without the host", () => {
    const dir = join(root, "explicit");
    mkdirSync(dir);
    expect(run({ PULUMI_YAML_BIN_DIR: dir }).stderr).toContain("lacks pulumi-language-yaml");
    writeFileSync(join(dir, "pulumi-language-yaml"), "#!/bin/sh\n");
    chmodSync(join(dir, "pulumi-language-yaml"), 0o755);
    expect(run({ PULUMI_YAML_BIN_DIR: dir })).toEqual({ code: 0, stdout: dir, stderr: "" });
  });
});
