#!/usr/bin/env node
// Generates provider/generated/types.ts from schema/schema.json (the source of truth).
// `node scripts/gen-types.mjs` writes the file; `--check` exits 1 when the committed file is stale.
// test/unit/schema.test.ts runs the same comparison so drift fails the suite.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const outputPath = join(root, "provider", "generated", "types.ts");
/** The schema as the provider package ships it (a package cannot reach outside its folder). */
export const schemaCopyPath = join(root, "provider", "generated", "schema.json");
export const schemaText = () => readFileSync(join(root, "schema", "schema.json"), "utf8");

const shortName = (token) => token.split(":").pop();

function tsType(prop, { wrap }) {
  const inner = (p) => tsType(p, { wrap });
  let t;
  if (prop.$ref) t = shortName(prop.$ref.replace("#/types/", ""));
  else if (prop.type === "array") t = `${wrap(inner(prop.items))}[]`;
  else if (prop.type === "integer" || prop.type === "number") t = "number";
  else t = prop.type;
  return t;
}

function doc(text, indent = "") {
  return text ? `${indent}/** ${text.replace(/\*\//g, "*\\/")} */\n` : "";
}

function objectInterface(name, props, required, { wrap, nullable, argsSuffix }) {
  let out = "";
  for (const [key, prop] of Object.entries(props)) {
    const opt = required.includes(key) ? "" : "?";
    let t = tsType(prop, { wrap: argsSuffix ? (x) => x : (x) => x });
    if (argsSuffix && prop.$ref && isObjectType(prop.$ref)) t = `${t}${argsSuffix}`;
    if (argsSuffix && prop.type === "array" && prop.items?.$ref && isObjectType(prop.items.$ref)) {
      t = `pulumi.Input<${shortName(prop.items.$ref)}${argsSuffix}>[]`;
    }
    const full = wrap(t) + (nullable && opt ? " | null" : "");
    out += doc(prop.description, "  ") + `  readonly ${key}${opt}: ${full};\n`;
  }
  return `export interface ${name} {\n${out}}\n`;
}

let schema;
const isObjectType = (ref) => schema.types[ref.replace("#/types/", "")]?.type === "object";

export function generate() {
  schema = JSON.parse(readFileSync(join(root, "schema", "schema.json"), "utf8"));
  const plain = (x) => x;
  const input = (x) => `pulumi.Input<${x}>`;
  let out =
    "// DO NOT EDIT. Generated from schema/schema.json by scripts/gen-types.mjs (npm run gen).\n" +
    "// test/unit/schema.test.ts fails when this file and the schema disagree.\n" +
    'import type * as pulumi from "@pulumi/pulumi";\n\n';
  for (const [token, type] of Object.entries(schema.types)) {
    const name = shortName(token);
    if (type.enum) {
      out += doc(type.description);
      // A case-insensitive enum also accepts the capitalised spelling Graph's docs use ("Application").
      const values = type.enum.map((e) => e.value);
      const spelled = type.language?.msteams?.caseInsensitive
        ? [...values, ...values.map((v) => v[0].toUpperCase() + v.slice(1))]
        : values;
      out += `export type ${name} = ${spelled.map((v) => JSON.stringify(v)).join(" | ")};\n`;
      out += `export const ${name[0].toLowerCase()}${name.slice(1)}Values = [${type.enum
        .map((e) => JSON.stringify(e.value))
        .join(", ")}] as const;\n\n`;
    }
  }
  for (const [token, type] of Object.entries(schema.types)) {
    if (type.type !== "object") continue;
    const name = shortName(token);
    out += doc(type.description);
    // *State types describe outputs, where the provider writes null for absent values.
    out += objectInterface(name, type.properties, type.required ?? [], {
      wrap: plain,
      nullable: name.endsWith("State"),
    });
    out += "\n";
    out += doc(`Input form of ${name}.`);
    out += objectInterface(`${name}Args`, type.properties, type.required ?? [], {
      wrap: input,
      nullable: false,
      argsSuffix: "Args",
    });
    out += "\n";
  }
  for (const [token, res] of Object.entries(schema.resources)) {
    const name = shortName(token);
    out += doc(`Plain inputs of ${name}, as the provider receives them.`);
    out += objectInterface(`${name}Inputs`, res.inputProperties, res.requiredInputs ?? [], {
      wrap: plain,
      nullable: false,
    });
    out += "\n";
    out += doc(`Arguments of the ${name} resource.`);
    out += objectInterface(`${name}Args`, res.inputProperties, res.requiredInputs ?? [], {
      wrap: input,
      nullable: false,
      argsSuffix: "Args",
    });
    out += "\n";
    out += doc(`Outputs of ${name} as stored in state (optional values are null when absent).`);
    out += objectInterface(`${name}Outputs`, res.properties, res.required ?? [], {
      wrap: plain,
      nullable: true,
    });
    out += "\n";
    const lower = name[0].toLowerCase() + name.slice(1);
    out += `export const ${lower}OutputNames = ${JSON.stringify(Object.keys(res.properties))} as const;\n`;
    const replaceKeys = Object.entries(res.inputProperties)
      .filter(([, p]) => p.willReplaceOnChanges)
      .map(([k]) => k);
    out += `export const ${lower}ReplaceOnChanges = ${JSON.stringify(replaceKeys)} as const;\n`;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generate();
  if (process.argv.includes("--check")) {
    for (const [path, want] of [
      [outputPath, text],
      [schemaCopyPath, schemaText()],
    ]) {
      if (readFileSync(path, "utf8") !== want) {
        console.error(`${path} is stale: run npm run gen`);
        process.exit(1);
      }
    }
  } else {
    writeFileSync(outputPath, text);
    writeFileSync(schemaCopyPath, schemaText());
    console.log(`wrote ${outputPath} and ${schemaCopyPath}`);
  }
}
