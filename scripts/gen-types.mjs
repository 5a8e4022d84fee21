#!/usr/bin/env node
// Generates from schema/schema.json (the source of truth) everything that states a fact the schema holds:
// provider/generated/types.ts (input and output types, output names, replace-on-change inputs, config keys
// with their environment variables and defaults) and README.md's generated sections (the config table
// and one input table per resource). `node scripts/gen-types.mjs` writes them; `--check` exits 1 when a
// committed file is stale. test/unit/schema.test.ts runs the same comparison so drift fails the suite.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const outputPath = join(root, "provider", "generated", "types.ts");
export const readmePath = join(root, "README.md");
export const resourcesPath = join(root, "provider", "generated", "resources.ts");
/** The schema as the provider package ships it (a package cannot reach outside its folder). */
export const schemaCopyPath = join(root, "provider", "generated", "schema.json");
export const schemaPath = join(root, "schema", "schema.json");
/**
 * The schema with its `provider` section derived: an explicit provider's inputs are the config keys
 * (`config.variables`), written once there and copied here by `npm run gen`.
 */
export const schemaText = () => {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  schema.provider = { ...schema.provider, inputProperties: schema.config.variables };
  return `${JSON.stringify(schema, null, 2)}\n`;
};

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
  const inputTypes = reachable(
    Object.values(schema.resources).flatMap((r) => Object.values(r.inputProperties)),
  );
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
      out += `export type ${name} = ${spelled.map((v) => JSON.stringify(v)).join(" | ")};\n\n`;
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
    // Output-only types (what Graph reports) have no input form.
    if (!inputTypes.has(token)) continue;
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
    out += doc(
      `Outputs of ${name} as the provider code sees them (optional values are null when absent; state omits them).`,
    );
    out += objectInterface(`${name}Outputs`, res.properties, res.required ?? [], {
      wrap: plain,
      nullable: true,
    });
    out += "\n";
    const lower = name[0].toLowerCase() + name.slice(1);
    out += `export const ${lower}OutputNames = ${JSON.stringify(Object.keys(res.properties))} as const;\n`;
  }
  out +=
    "\n/** Per resource, every property of its state (what runtime.ts restores as null when state omits it). */\n";
  out += "export const outputNames = {\n";
  for (const token of Object.keys(schema.resources)) {
    const name = shortName(token);
    out += `  ${name}: ${name[0].toLowerCase() + name.slice(1)}OutputNames,\n`;
  }
  out += "} as const;\n";
  out += "\n/** Per resource, the inputs whose change replaces the object (willReplaceOnChanges). */\n";
  out += "export const replaceOnChanges = {\n";
  for (const [token, res] of Object.entries(schema.resources)) {
    out += `  ${shortName(token)}: ${JSON.stringify(replaceKeys(res))},\n`;
  }
  out += "} as const;\n";
  out +=
    "\n/** Provider configuration: stack config key, environment variable, default and whether it is secret. */\n";
  out += "export const configVariables = {\n";
  for (const [name, v] of Object.entries(schema.config.variables)) {
    const entry = {
      key: `msteams:${name}`,
      env: v.defaultInfo?.environment?.[0],
      type: v.type,
      ...(v.default !== undefined ? { default: v.default } : {}),
      ...(v.secret ? { secret: true } : {}),
    };
    out += doc(v.description, "  ") + `  ${name}: ${JSON.stringify(entry)},\n`;
  }
  out += "} as const;\n";
  return out;
}

/**
 * One resource class per resource of the dynamic front end, its outputs typed from the schema. The class
 * holds no logic: it registers a `pulumi-nodejs:dynamic/msteams:<Name>` custom resource whose `__provider`
 * is the shim's few bytes of text, which reach the resource's folder through runtime.ts. It extends
 * `pulumi.CustomResource` directly (as `pulumi.dynamic.Resource` does, without its serialized closure), so
 * the source position the engine records is the program's line.
 */
export function generateResources() {
  schema = JSON.parse(readFileSync(join(root, "schema", "schema.json"), "utf8"));
  const names = new Set();
  let body = "";
  for (const [token, res] of Object.entries(schema.resources)) {
    const name = shortName(token);
    names.add(`${name}Args`);
    const required = res.required ?? [];
    let fields = "";
    for (const [key, p] of Object.entries(res.properties)) {
      const t = tsType(p, { wrap: (x) => x });
      for (const ref of [p.$ref, p.items?.$ref]) if (ref) names.add(shortName(ref.replace("#/types/", "")));
      fields += `  declare readonly ${key}: pulumi.Output<${t}${required.includes(key) ? "" : " | undefined"}>;\n`;
    }
    body +=
      doc(res.description) +
      `export class ${name} extends pulumi.CustomResource {\n${fields}\n` +
      `  constructor(name: string, args: ${name}Args, opts?: pulumi.CustomResourceOptions) {\n` +
      `    super(dynamicType(${JSON.stringify(name)}), name, dynamicInputs(${JSON.stringify(name)}, name, args, opts), opts);\n` +
      "  }\n\n" +
      "  /** A read-only reference to an existing object (refreshed from Graph, never changed or deleted). */\n" +
      `  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ${name} {\n` +
      `    return new ${name}(name, {} as ${name}Args, { ...opts, id });\n` +
      "  }\n}\n\n";
  }
  return (
    "// DO NOT EDIT. Generated from schema/schema.json by scripts/gen-types.mjs (npm run gen).\n" +
    "// test/unit/schema.test.ts fails when this file and the schema disagree.\n" +
    'import * as pulumi from "@pulumi/pulumi";\n' +
    'import { dynamicInputs, dynamicType } from "../shim";\n' +
    `import {\n${[...names]
      .sort()
      .map((n) => `  type ${n},\n`)
      .join("")}} from "./types";\n\n` +
    body.trimEnd() +
    "\n"
  );
}

const replaceKeys = (res) =>
  Object.entries(res.inputProperties)
    .filter(([, p]) => p.willReplaceOnChanges)
    .map(([k]) => k);

/** The object types that inputs use, directly or nested. */
function reachable(props) {
  const seen = new Set();
  const visit = (p) => {
    const ref = p.$ref ?? p.items?.$ref;
    if (!ref) return;
    const token = ref.replace("#/types/", "");
    if (seen.has(token)) return;
    seen.add(token);
    for (const q of Object.values(schema.types[token]?.properties ?? {})) visit(q);
  };
  props.forEach(visit);
  return seen;
}

/** A Markdown table with padded columns (as the formatter writes them). */
function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return (
    [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n") + "\n"
  );
}

const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The README sections generated from the schema, by marker name. */
export function readmeSections() {
  schema = JSON.parse(readFileSync(join(root, "schema", "schema.json"), "utf8"));
  const sections = {};
  const config = Object.entries(schema.config.variables).map(([name, v]) => [
    `\`msteams:${name}\`${v.secret ? " (secret)" : ""}`,
    v.defaultInfo?.environment?.map((e) => `\`${e}\``).join(", ") ?? "",
    v.default === undefined ? "" : `\`${v.default}\``,
    cell(v.description),
  ]);
  sections.config = table(["key", "env", "default", "meaning"], config);
  for (const [token, res] of Object.entries(schema.resources)) {
    const required = res.requiredInputs ?? [];
    const rows = Object.entries(res.inputProperties).map(([key, p]) => [
      `\`${key}\``,
      required.includes(key) ? "required" : "optional",
      p.willReplaceOnChanges ? "**yes**" : "",
      `${cell(p.description ?? "")}${limits(p)}`,
    ]);
    sections[`inputs:${shortName(token)}`] = table(["input", "", "replaces", "notes"], rows);
  }
  return sections;
}

/** Graph's limits from the schema's language.msteams block, in words. */
function limits(p) {
  const c = p.language?.msteams ?? {};
  const out = [];
  if (c.maxLength !== undefined) out.push(`at most ${c.maxLength} characters`);
  if (c.maxBytes !== undefined) out.push(`at most ${c.maxBytes} bytes of UTF-8`);
  if (c.minItems !== undefined) out.push(`at least ${c.minItems} entries`);
  if (c.maxItems !== undefined) out.push(`at most ${c.maxItems} entries`);
  if (c.maxItemsAtCreation !== undefined) out.push(`at most ${c.maxItemsAtCreation} at creation`);
  if (c.patternHint) out.push(`must be ${c.patternHint}`);
  return out.length ? ` Limits: ${out.join("; ")}.` : "";
}

const begin = (name) =>
  `<!-- BEGIN generated:${name} (from schema/schema.json by npm run gen; DO NOT EDIT) -->`;
const end = (name) => `<!-- END generated:${name} -->`;

/** README.md with every generated section replaced by a fresh generation. */
export function generateReadme(current = readFileSync(readmePath, "utf8")) {
  let text = current;
  for (const [name, body] of Object.entries(readmeSections())) {
    const a = text.indexOf(begin(name));
    const b = text.indexOf(end(name));
    if (a < 0 || b < a) throw new Error(`README.md lacks the markers of section ${name}`);
    text = `${text.slice(0, a + begin(name).length)}\n\n${body}\n${text.slice(b)}`;
  }
  return text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outputs = [
    [outputPath, generate()],
    [resourcesPath, generateResources()],
    [readmePath, generateReadme()],
    [schemaPath, schemaText()],
    [schemaCopyPath, schemaText()],
  ];
  for (const [path, text] of outputs) {
    if (process.argv.includes("--check")) {
      if (readFileSync(path, "utf8") !== text) {
        console.error(`${path} is stale: run npm run gen`);
        process.exitCode = 1;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
}
