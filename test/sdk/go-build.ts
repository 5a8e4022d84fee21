// Builds a copy of the generated Go SDK (sdk/go) and the Go program of test/sdk/go against it, as a user's
// module would: the SDK through a replace directive, the Pulumi Go SDK at the CLI's version (already in the
// module cache from the CLI build), Go's module mode resolving the rest with the checksums of
// test/sdk/go/go.sum. The CLI build's flags, so Go's build cache answers after the first time.
import { spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const repo = resolve(__dirname, "..", "..");
const cliVersion: string = require("@pulumi/pulumi/package.json").version;
const goHome = process.env["PULUMI_MSTEAMS_GO_HOME"] ?? "/usr/local/go";
const goEnv = {
  ...process.env,
  PATH: `${join(goHome, "bin")}:${process.env["PATH"] ?? ""}`,
  GOFLAGS: "-mod=mod -buildvcs=false",
  CGO_ENABLED: "0",
};
const buildFlags = ["build", "-trimpath", "-tags"];
const tags = ["osusergo", "grpcnotrace"];

/** Runs go without blocking this process (an emulator may be serving from it); rejects with its output. */
export function go(args: string[], cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn("go", args, { cwd, env: goEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0 ? done(out) : fail(new Error(`go ${args.join(" ")} exited ${code}:\n${out}`)),
    );
  });
}

/** Copies sdk/go to <work>/go-sdk and builds every package in it. */
export async function buildGoSdk(work: string): Promise<string> {
  const sdk = join(work, "go-sdk");
  cpSync(join(repo, "sdk", "go"), sdk, { recursive: true });
  copyFileSync(join(repo, "test", "sdk", "go", "go.sum"), join(sdk, "go.sum"));
  // The generated go.mod asks for an old minimum of the Pulumi Go SDK; a program picks a current one.
  await go(["mod", "edit", `-require=github.com/pulumi/pulumi/sdk/v3@v${cliVersion}`], sdk);
  await go([...buildFlags, tags.join(","), "./..."], sdk);
  return sdk;
}

/** Builds test/sdk/go against <work>/go-sdk (buildGoSdk first) into <work>/go-program/<output>. */
export async function buildGoProgram(
  work: string,
  output: string,
  extraTags: string[] = [],
): Promise<string> {
  const program = join(work, "go-program");
  mkdirSync(program, { recursive: true });
  for (const f of ["program.go", "main.go", "inline.go", "go.sum"]) {
    copyFileSync(join(repo, "test", "sdk", "go", f), join(program, f));
  }
  writeFileSync(
    join(program, "go.mod"),
    "module msteams-sdk-program\n\ngo 1.25.11\n\n" +
      `require (\n\texample.invalid/pulumi-msteams/sdk/go v0.0.0\n\tgithub.com/pulumi/pulumi/sdk/v3 v${cliVersion}\n)\n\n` +
      "replace example.invalid/pulumi-msteams/sdk/go => ../go-sdk\n",
  );
  await go([...buildFlags, [...tags, ...extraTags].join(","), "-o", output, "."], program);
  return join(program, output);
}
