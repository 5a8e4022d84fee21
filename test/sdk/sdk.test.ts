// The SDKs that `pulumi package gen-sdk` generates from schema/schema.json (sdk/<language>, docs/packages.md):
// the committed files equal a fresh generation, the Go SDK and a Go program using it compile, a TypeScript
// program type-checks strictly against the Node.js SDK as built for publishing, and the Python SDK is
// valid Python. Each check works on a temporary copy; nothing is written into sdk/.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without types
import * as gen from "../../scripts/gen-sdk.mjs";
// @ts-expect-error plain ESM script without types
import * as pack from "../../scripts/pack-sdk.mjs";
import { buildGoProgram, buildGoSdk } from "./go-build";

const repo = resolve(__dirname, "..", "..");
const cliVersion: string = require("@pulumi/pulumi/package.json").version;
const work = mkdtempSync(join(tmpdir(), "msteams-sdk-test-"));
let tools: { pulumiBin: string; sdkgenBin: string };

/** Runs a command; on failure the error carries its output, so the test says what the tool said. */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  // Instant when cached; the first time on a machine builds the generators (about a minute).
  tools = gen.tools();
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("generated SDKs", () => {
  it("the committed sdk/ equals a fresh `pulumi package gen-sdk` (run `npm run gen:sdk` when this fails)", () => {
    const fresh = join(work, "fresh");
    gen.generateSdks(fresh, tools);
    for (const language of gen.languages)
      expect(gen.listFiles(join(fresh, language)).length).toBeGreaterThan(5);
    expect(gen.drift(fresh)).toEqual([]);
  });

  it("generates with the code generators of the CLI's own version", () => {
    // scripts/ensure-sdkgen.sh builds the generators from this go.mod; the CLI is built at the SDK's version.
    const mod = readFileSync(join(repo, "scripts", "sdkgen-host", "go.mod"), "utf8");
    for (const m of ["pkg", "sdk"])
      expect(mod).toContain(`github.com/pulumi/pulumi/${m}/v3 v${cliVersion}\n`);
  });

  it("notices a stale, a missing and an extra file", () => {
    const copy = join(work, "stale");
    cpSync(gen.sdkRoot, copy, { recursive: true });
    writeFileSync(join(copy, "nodejs", "chat.ts"), "// edited by hand\n");
    rmSync(join(copy, "go", "msteams", "chat.go"));
    writeFileSync(join(copy, "python", "extra.py"), "");
    // drift() compares sdk/ with a fresh folder; here the roles are swapped: sdk/ plays the fresh one.
    const problems: string[] = gen.drift(copy);
    expect(problems).toEqual(
      expect.arrayContaining([
        "sdk/go/msteams/chat.go is not generated",
        "sdk/nodejs/chat.ts differs",
        "sdk/python/extra.py is missing",
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it("the Go SDK compiles, and so does a Go program using it", async () => {
    await buildGoSdk(work);
    // test/sdk/go as `pulumi up` with the Go language host would build it (test/e2e/sdk-go.test.ts runs
    // the same program inline).
    expect(existsSync(await buildGoProgram(work, "program"))).toBe(true);
  }, 600_000);

  it("a TypeScript program type-checks strictly against the Node.js SDK as built for publishing", () => {
    const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
    // The SDK's own build (its tsconfig.json), as `npm run pack:sdk` packs it.
    const sdk = pack.buildNodeSdk(work);
    // The program sees the SDK as an installed package: bin/ with its declarations, under its npm name.
    const program = join(work, "nodejs-program");
    const modules = join(program, "node_modules");
    mkdirSync(join(modules, "@pulumi-msteams"), { recursive: true });
    symlinkSync(sdk, join(modules, "@pulumi-msteams", "msteams"));
    symlinkSync(join(repo, "node_modules", "@pulumi"), join(modules, "@pulumi"));
    symlinkSync(join(repo, "node_modules", "@types"), join(modules, "@types"));
    const sources = readdirSync(join(repo, "test", "sdk", "nodejs")).filter((f) => f.endsWith(".ts"));
    for (const f of sources) copyFileSync(join(repo, "test", "sdk", "nodejs", f), join(program, f));
    writeFileSync(
      join(program, "tsconfig.json"),
      JSON.stringify({
        extends: join(repo, "tsconfig.base.json"),
        // The SDK's declarations are checked too, under the same strict options.
        // A program, not a library: no declarations of its own.
        compilerOptions: { noEmit: true, declaration: false, skipLibCheck: false, types: ["node"] },
        files: sources,
      }),
    );
    expect(sources).toEqual(["index.ts", "type-errors.ts"]);
    run(process.execPath, [tsc, "-p", "tsconfig.json"], program);
  }, 300_000);

  it("the Python SDK is valid Python", () => {
    const copy = join(work, "python-sdk");
    cpSync(join(gen.sdkRoot, "python"), copy, { recursive: true });
    const out = run("python3", ["-m", "compileall", "-q", "-f", "."], copy);
    expect(out).toBe("");
    expect(existsSync(join(copy, "pulumi_msteams", "__pycache__"))).toBe(true);
  });
});
