// Entry point of pulumi-resource-msteams: the engine starts it with its own address as the first argument
// (after flags such as --logtostderr, -v=N, --tracing <endpoint>) and reads the port from stdout.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serve } from "./server";

/** The engine's address: the first argument that is not one of the flags the engine passes to plugins. */
export function engineAddress(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--tracing") i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/** schema.json beside the bundle in the plugin archive, else the repository's (running from plugin/dist). */
function schemaText(): string {
  const packed = join(__dirname, "schema.json");
  return readFileSync(
    existsSync(packed) ? packed : join(__dirname, "..", "..", "schema", "schema.json"),
    "utf8",
  );
}

const { version } = require("../package.json") as { version: string };

serve({ version, schema: schemaText(), engineAddress: engineAddress(process.argv.slice(2)) }).catch((e) => {
  console.error(`pulumi-resource-msteams: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
