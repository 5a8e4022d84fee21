// Obtains the tools the suite drives once before any test, so no test spends its own timeout on them: the
// Pulumi CLI and the Pulumi YAML language host (one-time builds from the Go module proxy on a new machine,
// instant afterwards) and the headless Chromium of the web-view test (Debian's package, installed once when
// missing). Then makes one
// CA and server certificate for the run: every emulator a test starts serves it (MSTEAMS_EMULATOR_TLS_*),
// and every process the tests start trusts it (NODE_EXTRA_CA_CERTS is read at process start, so it is set
// here, before the test workers exist).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTls } from "../emulator/identity/tls";

export default function setup(): () => void {
  const started = Date.now();
  const bin = execFileSync(join(__dirname, "..", "scripts", "ensure-pulumi.sh"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.env["PULUMI_BIN_DIR"] = bin.trim().split("\n").pop()!;
  console.log(`Pulumi CLI ready in ${Date.now() - started} ms: ${process.env["PULUMI_BIN_DIR"]}`);
  // The Pulumi YAML language host for the plugin's tests (plain `pulumi up` of a YAML program): a
  // one-time build from the Go module proxy, instant afterwards. Without it those tests fail and say so.
  const yamlStarted = Date.now();
  try {
    const yamlBin = execFileSync(join(__dirname, "..", "scripts", "ensure-pulumi-yaml.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.env["PULUMI_YAML_BIN_DIR"] = yamlBin.trim().split("\n").pop()!;
    console.log(
      `Pulumi YAML language host ready in ${Date.now() - yamlStarted} ms: ${process.env["PULUMI_YAML_BIN_DIR"]}`,
    );
  } catch {
    // scripts/ensure-pulumi-yaml.sh said why on stderr; the plugin tests fail on their own.
  }
  try {
    const browser = execFileSync(join(__dirname, "..", "scripts", "ensure-chromium.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.env["CHROMIUM_PATH"] = browser.trim().split("\n").pop()!;
  } catch {
    // The web-view test fails on its own and says how to get a browser; every other test still runs.
  }

  const tlsStarted = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "msteams-test-tls-"));
  const tls = generateTls();
  for (const [name, text] of [
    ["cert.pem", tls.cert],
    ["key.pem", tls.key],
    ["ca.pem", tls.ca],
  ] as const)
    writeFileSync(join(dir, name), text, { mode: 0o600 });
  process.env["MSTEAMS_EMULATOR_TLS_CERT"] = join(dir, "cert.pem");
  process.env["MSTEAMS_EMULATOR_TLS_KEY"] = join(dir, "key.pem");
  process.env["MSTEAMS_EMULATOR_TLS_CA"] = join(dir, "ca.pem");
  process.env["NODE_EXTRA_CA_CERTS"] = join(dir, "ca.pem");
  console.log(`Test CA and emulator certificate made in ${Date.now() - tlsStarted} ms: ${dir}`);
  return () => rmSync(dir, { recursive: true, force: true });
}
