// Packs the plugin like a released Pulumi plugin: a tar.gz holding the executable
// `pulumi-resource-msteams` (a launcher that runs Node.js) and the bundled provider beside it, one file
// with every dependency inside, so the archive installs without a registry:
//
//   pulumi plugin install resource msteams <version> --file dist/plugin/pulumi-resource-msteams-v<version>-<os>-<arch>.tar.gz
//
// The archive is named as `pluginDownloadURL` publishing expects (pulumi-resource-<name>-v<version>-<os>-<arch>).
// Its code is the same for every OS and architecture; `--all-platforms` writes one name per platform that
// has a POSIX shell (the launcher is a shell script). Needs `npm run build` first (plugin/dist, provider/dist).
// stdout: the archive paths, one per line.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const { version } = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
const out = join(repo, "dist", "plugin");
const stage = mkdtempSync(join(tmpdir(), "msteams-plugin-pack-"));

try {
  await build({
    entryPoints: [join(here, "dist", "main.js")],
    outfile: join(stage, "pulumi-resource-msteams.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    legalComments: "linked",
    logLevel: "warning",
  });
  copyFileSync(join(repo, "schema", "schema.json"), join(stage, "schema.json"));
  cpSync(join(here, "bin", "pulumi-resource-msteams"), join(stage, "pulumi-resource-msteams"));
  chmodSync(join(stage, "pulumi-resource-msteams"), 0o755);

  const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
  const platforms = process.argv.includes("--all-platforms")
    ? ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64"]
    : [`${process.platform}-${arch}`];
  mkdirSync(out, { recursive: true });
  // Written beside the stage, then renamed into place: a concurrent pack (test files run in parallel)
  // never sees half an archive.
  const tarball = `${stage}.tar.gz`;
  const files = [
    "pulumi-resource-msteams",
    "pulumi-resource-msteams.js",
    "pulumi-resource-msteams.js.LEGAL.txt",
    "schema.json",
  ];
  execFileSync("tar", ["-czf", tarball, "-C", stage, ...files], { stdio: "inherit" });
  const archives = platforms.map((p) => join(out, `pulumi-resource-msteams-v${version}-${p}.tar.gz`));
  for (const a of archives.slice(1)) copyFileSync(tarball, `${a}.${process.pid}`);
  for (const a of archives.slice(1)) renameSync(`${a}.${process.pid}`, a);
  renameSync(tarball, archives[0]);
  const first = archives[0];
  for (const a of archives) process.stdout.write(`${a}\n`);
  process.stderr.write(`[pack] ${archives.length} archive(s), ${statSync(first).size} bytes each\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
  rmSync(`${stage}.tar.gz`, { force: true });
}
