#!/usr/bin/env node
// Moves a stack's msteams resources from the dynamic resources (npm package pulumi-msteams) to the msteams
// package (provider plugin), by id (docs/packages.md, "Moving a stack"):
//
//   pulumi stack export --file state.json
//   node scripts/stack-to-package.mjs state.json import.json rest.json
//   pulumi stack import --file rest.json
//   pulumi import --file import.json --generate-code=false --protect=false --yes
//
// import.json is a `pulumi import --file` file: every dynamic Chat, ChatMessage and ChatAppInstallation
// under the same name, parent and id, as msteams:index:<Type>. rest.json is the exported state without
// them (and without the dynamic provider when nothing else uses it): importing it drops the dynamic copies
// in one step, touching nothing in Teams. Both front ends share the resource ids (`{chatId}`,
// `{chatId}/messages/{messageId}`, `{chatId}/installedApps/{installationId}`). Nothing here calls Pulumi.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The version and download URL the generated SDKs register their default provider with: importing under
// the same ones puts the resources under the very provider the program's next run uses.
const schema = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "schema", "schema.json"), "utf8"),
);

const DYNAMIC = "pulumi-nodejs:dynamic/msteams:";
const DYNAMIC_PROVIDER = "pulumi:providers:pulumi-nodejs";
const STACK = "pulumi:pulumi:Stack";

const nameOf = (urn) => urn.slice(urn.lastIndexOf("::") + 2);
const typeOf = (urn) => urn.split("::")[2]?.split("$").pop();

/**
 * From a `pulumi stack export` document: the import file, and the same document without the moved
 * resources.
 * @param {{ deployment: { resources?: Array<{ urn: string; type: string; id?: string; parent?: string;
 *   provider?: string }> } }} exported
 */
export function plan(exported) {
  const resources = exported.deployment.resources ?? [];
  const moved = resources.filter((r) => r.type.startsWith(DYNAMIC));
  for (const r of moved) {
    if (!r.id) throw new Error(`${r.urn} has no id (a create that never finished?): refresh the stack first`);
  }
  const nameTable = {};
  const specs = moved.map((r) => {
    const spec = {
      type: `msteams:index:${r.type.slice(DYNAMIC.length)}`,
      name: nameOf(r.urn),
      id: r.id,
      version: schema.version,
      pluginDownloadUrl: schema.pluginDownloadURL,
    };
    if (r.parent && typeOf(r.parent) !== STACK) {
      // Components stay in the state; the imported resource is put back under the same parent.
      const key = `parent${Object.keys(nameTable).length}`;
      nameTable[key] = r.parent;
      spec.parent = key;
    }
    return spec;
  });
  const dropped = new Set(moved.map((r) => r.urn));
  // The dynamic provider goes too when only the moved resources used it (else the next preview deletes it).
  const providerUrn = (ref) => ref?.slice(0, ref.lastIndexOf("::"));
  for (const p of resources.filter((r) => r.type === DYNAMIC_PROVIDER)) {
    if (resources.every((r) => providerUrn(r.provider) !== p.urn || dropped.has(r.urn))) dropped.add(p.urn);
  }
  const rest = {
    ...exported,
    deployment: { ...exported.deployment, resources: resources.filter((r) => !dropped.has(r.urn)) },
  };
  const file = { ...(Object.keys(nameTable).length ? { nameTable } : {}), resources: specs };
  return { file, rest, dropped: [...dropped] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input, importFile, restFile] = process.argv.slice(2);
  if (!input || !importFile || !restFile) {
    console.error(
      "usage: node scripts/stack-to-package.mjs <pulumi stack export file> <import file to write> <state file to write>",
    );
    process.exit(2);
  }
  const { file, rest, dropped } = plan(JSON.parse(readFileSync(input, "utf8")));
  writeFileSync(importFile, `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync(restFile, `${JSON.stringify(rest, null, 2)}\n`);
  console.log(`${importFile}: ${file.resources.length} resources for pulumi import --file ${importFile}`);
  console.log(
    `${restFile}: the state without ${dropped.length} dynamic resources, for pulumi stack import --file ${restFile}`,
  );
}
