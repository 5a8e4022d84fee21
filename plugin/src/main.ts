// Entry point of pulumi-resource-msteams: the engine starts it with its own address as the first argument
// (after flags such as --logtostderr, -v=N, --tracing <endpoint>) and reads the port from stdout.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { engineAddress, listen } from "./server";

/** schema.json beside the bundle in the plugin archive, else the repository's (running from plugin/dist). */
function schemaText(): string {
  const packed = join(__dirname, "schema.json");
  return readFileSync(
    existsSync(packed) ? packed : join(__dirname, "..", "..", "schema", "schema.json"),
    "utf8",
  );
}

const { version } = require("../package.json") as { version: string };

listen({ version, schema: schemaText(), engineAddress: engineAddress(process.argv.slice(2)) }).then(
  ({ port }) => process.stdout.write(`${port}\n`),
  (e) => {
    console.error(`pulumi-resource-msteams: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
