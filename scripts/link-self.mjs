#!/usr/bin/env node
// Links node_modules/pulumi-msteams -> the package root, so that programs inside this repository (the root
// quickstart, examples/*, test programs) resolve `pulumi-msteams` exactly as a user's program does. The
// serialized provider shim holds a literal require("pulumi-msteams/runtime") that the dynamic-provider
// process resolves from the program directory; Node's package self-reference does not apply there.
import { lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const link = join(root, "node_modules", "pulumi-msteams");
try {
  lstatSync(link);
} catch {
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync("..", link, "dir");
}
