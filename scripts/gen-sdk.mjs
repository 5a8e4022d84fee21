#!/usr/bin/env node
// Generates the msteams package's SDKs from schema/schema.json into sdk/<language>/ with the official
// `pulumi package gen-sdk` (docs/packages.md). `node scripts/gen-sdk.mjs` rewrites sdk/go, sdk/nodejs,
// sdk/python and sdk/dotnet; `--check` generates into a temporary folder and exits 1 when the committed files differ.
// test/unit/sdk.test.ts runs the same comparison so drift fails the suite.
//
// The CLI is scripts/ensure-pulumi.sh's; the language hosts gen-sdk starts are scripts/ensure-sdkgen.sh's
// (the official ones are not obtainable here; that script says why; .NET's generator is the one pkg/v3
// carried until v3.130.0).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const schemaPath = join(root, "schema", "schema.json");
export const sdkRoot = join(root, "sdk");
/** The languages generated here, each into sdk/<language>. */
export const languages = ["go", "nodejs", "python", "dotnet"];

const ensure = (script) =>
  execFileSync(join(root, "scripts", script), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
    .trim()
    .split("\n")
    .pop();

/** The bin folders of the Pulumi CLI and of the gen-sdk language hosts (built once, then cached). */
export function tools() {
  return { pulumiBin: ensure("ensure-pulumi.sh"), sdkgenBin: ensure("ensure-sdkgen.sh") };
}

/** Runs `pulumi package gen-sdk` once per language, writing <out>/<language>/ (each replaced whole). */
export function generateSdks(out, { pulumiBin, sdkgenBin } = tools()) {
  // A throwaway Pulumi home: gen-sdk reads no credentials or plugins from it.
  const home = mkdtempSync(join(tmpdir(), "msteams-gen-sdk-home-"));
  try {
    for (const language of languages) {
      const result = spawnSync(
        join(pulumiBin, "pulumi"),
        ["package", "gen-sdk", schemaPath, "--language", language, "--out", out],
        {
          cwd: root,
          encoding: "utf8",
          env: {
            ...process.env,
            // Our hosts first, so the output depends on the pinned generators alone.
            PATH: `${sdkgenBin}:${pulumiBin}:${process.env.PATH ?? ""}`,
            PULUMI_HOME: home,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_IGNORE_AMBIENT_PLUGINS: "",
          },
        },
      );
      if (result.status !== 0) {
        throw new Error(`pulumi package gen-sdk --language ${language} failed:\n${result.stderr}`);
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Every file under dir, as sorted paths relative to it. */
export function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The differences between the committed sdk/<language> folders and a fresh generation in `fresh`. */
export function drift(fresh) {
  const problems = [];
  for (const language of languages) {
    const committed = join(sdkRoot, language);
    const generated = join(fresh, language);
    const a = listFiles(committed);
    const b = listFiles(generated);
    for (const f of b.filter((f) => !a.includes(f))) problems.push(`sdk/${language}/${f} is missing`);
    for (const f of a.filter((f) => !b.includes(f))) problems.push(`sdk/${language}/${f} is not generated`);
    for (const f of a.filter((f) => b.includes(f))) {
      if (!readFileSync(join(committed, f)).equals(readFileSync(join(generated, f)))) {
        problems.push(`sdk/${language}/${f} differs`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--check")) {
    const fresh = mkdtempSync(join(tmpdir(), "msteams-sdk-check-"));
    try {
      generateSdks(fresh);
      const problems = drift(fresh);
      for (const p of problems) console.error(p);
      if (problems.length) {
        console.error("the committed SDKs are stale: run npm run gen:sdk");
        process.exitCode = 1;
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  } else {
    generateSdks(sdkRoot);
    for (const language of languages) console.log(`wrote ${join(sdkRoot, language)}`);
  }
}
