#!/usr/bin/env node
// Runs a Pulumi program with the real Pulumi engine, offline:
//   node dist/engine/cli.js <preview|up|refresh|destroy|outputs|export|stack-rm> --dir <project> --stack <name>
//        [[--config key=value]... [--secret key=value]... | --keep-config] [--state-dir <abs>] [--parallel N] [--json]
// The CLI comes from scripts/ensure-pulumi.sh. The program runs through the Automation API's inline mode
// (see scripts/ensure-pulumi.sh for why), inside this plain-node process, so the program and the runner
// share one @pulumi/pulumi instance.
import { parseArgs } from "node:util";
import { type Command, runPulumi } from "./run";

const commands: readonly Command[] = ["preview", "up", "refresh", "destroy", "outputs", "export", "stack-rm"];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      stack: { type: "string", default: "dev" },
      config: { type: "string", multiple: true, default: [] },
      secret: { type: "string", multiple: true, default: [] },
      "state-dir": { type: "string" },
      json: { type: "boolean", default: false },
      "expect-no-changes": { type: "boolean", default: false },
      // Run with the config the stack already has (set with `pulumi config set`), changing none of it.
      "keep-config": { type: "boolean", default: false },
      parallel: { type: "string" },
    },
  });
  const command = positionals[0] as Command | undefined;
  if (!command || !commands.includes(command) || !values.dir) {
    throw new Error(
      `usage: cli.js <${commands.join("|")}> --dir <project dir> [--stack dev] [--config k=v] [--secret k=v] [--parallel N] [--json]`,
    );
  }
  const pairs = (list: string[], secret: boolean) =>
    list.map((kv) => {
      const i = kv.indexOf("=");
      if (i < 1) throw new Error(`--config/--secret take key=value, got '${kv}'`);
      return { key: kv.slice(0, i), value: kv.slice(i + 1), secret };
    });
  const parallel = values.parallel === undefined ? undefined : Number(values.parallel);
  if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1))
    throw new Error(`--parallel takes a whole number ≥ 1, got '${values.parallel}'`);
  const result = await runPulumi({
    command,
    projectDir: values.dir,
    stack: values.stack,
    config: values["keep-config"]
      ? undefined
      : [...pairs(values.config, false), ...pairs(values.secret, true)],
    ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
    ...(values["expect-no-changes"] ? { expectNoChanges: true } : {}),
    ...(parallel !== undefined ? { parallel } : {}),
    onOutput: (s) => process.stderr.write(s),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
