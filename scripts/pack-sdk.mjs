#!/usr/bin/env node
// Builds the generated Node.js SDK (sdk/nodejs, npm package @pulumi-msteams/msteams) and packs it as the
// npm tarball a program installs: dist/packages/pulumi-msteams-msteams-<version>.tgz (stdout: its path).
// The build is the SDK's own (`tsc` with its tsconfig.json into bin/, package.json beside the output), run
// on a temporary copy with this repository's TypeScript and @pulumi/pulumi: sdk/ is never written.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Builds a copy of sdk/nodejs under `work`; returns the package folder (bin/, with package.json). */
export function buildNodeSdk(work) {
  const copy = join(work, "nodejs-sdk");
  cpSync(join(root, "sdk", "nodejs"), copy, { recursive: true });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  execFileSync(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
    {
      cwd: copy,
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  for (const f of ["package.json", "README.md"]) copyFileSync(join(copy, f), join(copy, "bin", f));
  return join(copy, "bin");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const work = mkdtempSync(join(tmpdir(), "msteams-pack-sdk-"));
  try {
    const pkg = buildNodeSdk(work);
    const out = join(root, "dist", "packages");
    mkdirSync(out, { recursive: true });
    const name = execFileSync("npm", ["pack", pkg, "--pack-destination", out, "--silent"], {
      cwd: root,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop();
    console.log(join(out, name));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
