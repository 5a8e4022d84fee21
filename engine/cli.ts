#!/usr/bin/env node
// Runs a Pulumi program with the real Pulumi engine, offline:
//   node dist/engine/cli.js <preview|up|refresh|destroy|outputs|export|stack-rm|cancel> --dir <project> --stack <name>
//        [[--config key=value]... [--secret-env key=ENV_VAR]... [--secret-file key=path]... | --keep-config]
//        [--state-dir <abs>] [--parallel N] [--clear-pending] [--json]
// Secrets are read from the environment or a file, never from the command line (any local user can read
// a process's argv), and reach the Pulumi CLI on its standard input, not its argv either.
// The CLI comes from scripts/ensure-pulumi.sh. The program runs through the Automation API's inline mode
// (see scripts/ensure-pulumi.sh for why), inside this plain-node process, so the program and the runner
// share one @pulumi/pulumi instance.
import { parseArgs } from "node:util";
import { type Command, runPulumi, secretFromEnv, secretFromFile } from "./run";

const commands: readonly Command[] = [
  "preview",
  "up",
  "refresh",
  "destroy",
  "outputs",
  "export",
  "stack-rm",
  "cancel",
];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      stack: { type: "string", default: "dev" },
      config: { type: "string", multiple: true, default: [] },
      secret: { type: "string", multiple: true, default: [] },
      "secret-env": { type: "string", multiple: true, default: [] },
      "secret-file": { type: "string", multiple: true, default: [] },
      "state-dir": { type: "string" },
      json: { type: "boolean", default: false },
      "expect-no-changes": { type: "boolean", default: false },
      // Run with the config the stack already has (set with `pulumi config set`), changing none of it.
      "keep-config": { type: "boolean", default: false },
      parallel: { type: "string" },
      // refresh: drop the creates a killed run left pending (the engine's --clear-pending-creates).
      "clear-pending": { type: "boolean", default: false },
    },
  });
  const command = positionals[0] as Command | undefined;
  if (!command || !commands.includes(command) || !values.dir) {
    throw new Error(
      `usage: cli.js <${commands.join("|")}> --dir <project dir> [--stack dev] [--config k=v] [--secret-env k=ENV_VAR] [--secret-file k=path] [--keep-config] [--parallel N] [--clear-pending] [--json]`,
    );
  }
  if (values.secret.length)
    throw new Error(
      "--secret key=value puts the secret on the command line, where any local user can read it: use --secret-env key=ENV_VAR or --secret-file key=path",
    );
  const split = (kv: string, flag: string) => {
    const i = kv.indexOf("=");
    if (i < 1) throw new Error(`${flag} takes key=…, got '${kv}'`);
    return [kv.slice(0, i), kv.slice(i + 1)] as const;
  };
  const pairs = (list: string[]) =>
    list.map((kv) => {
      const [key, value] = split(kv, "--config");
      return { key, value, secret: false };
    });
  const parallel = values.parallel === undefined ? undefined : Number(values.parallel);
  if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1))
    throw new Error(`--parallel takes a whole number ≥ 1, got '${values.parallel}'`);
  if (values["clear-pending"] && command !== "refresh")
    throw new Error("--clear-pending goes with refresh (pulumi refresh --clear-pending-creates)");
  const result = await runPulumi({
    command,
    projectDir: values.dir,
    stack: values.stack,
    config: values["keep-config"]
      ? undefined
      : [
          ...pairs(values.config),
          ...values["secret-env"].map((kv) => secretFromEnv(...split(kv, "--secret-env"))),
          ...values["secret-file"].map((kv) => secretFromFile(...split(kv, "--secret-file"))),
        ],
    ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
    ...(values["expect-no-changes"] ? { expectNoChanges: true } : {}),
    ...(parallel !== undefined ? { parallel } : {}),
    ...(values["clear-pending"] ? { clearPending: true } : {}),
    onOutput: (s) => process.stderr.write(s),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
