// Obtains the Pulumi CLI once before any test (a one-time build from the Go module proxy on a new
// machine, instant afterwards), so no end-to-end test spends its own timeout on it.
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
}
