// Obtains the tools the suite drives once before any test, so no test spends its own timeout on them: the
// Pulumi CLI (a one-time build from the Go module proxy on a new machine, instant afterwards) and the
// headless Chromium of the web-view test (Debian's package, installed once when missing).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export default function setup(): void {
  const started = Date.now();
  const bin = execFileSync(join(__dirname, "..", "scripts", "ensure-pulumi.sh"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.env["PULUMI_BIN_DIR"] = bin.trim().split("\n").pop()!;
  console.log(`Pulumi CLI ready in ${Date.now() - started} ms: ${process.env["PULUMI_BIN_DIR"]}`);
  try {
    const browser = execFileSync(join(__dirname, "..", "scripts", "ensure-chromium.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.env["CHROMIUM_PATH"] = browser.trim().split("\n").pop()!;
  } catch {
    // The web-view test fails on its own and says how to get a browser; every other test still runs.
  }
}
