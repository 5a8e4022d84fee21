// `npm run bench` (second part): the real engine beside the imperative baseline a user would otherwise
// write (scripts/baseline.ts, Microsoft's Graph client), for the same work with the same kind of token:
// N group chats with one message each, against the emulator with latency injected on every Graph
// request. For each N the two alternate (engine first at one N, baseline first at the next). Prints a
// table, writes it with the date and machine under bench/results/, and draws time against N as an SVG.
// At the first N the same program also goes through the plugin (Pulumi YAML, plain `pulumi up`): the state
// bytes per Chat and ChatMessage of both front ends go side by side into the results.
// Figures only: nothing here is asserted (request counts are asserted in the test suite).
//
//   node dist/scripts/bench-scale.js [--sizes 10,50,200] [--latency-ms 50] [--parallel N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type RunningEmulator, startEmulator } from "pulumi-msteams-emulator";
import { pulumiBin } from "../engine/run";
import { APP, benchCommand, HOME, MEMBERS, root, run } from "./bench-engine";
import { PulumiHome, packPlugin, pluginConfig, YamlStack } from "./plugin-stack";
import { benchYaml, bytesPerResource } from "./state-size";
import { relaunchTrustingEmulatorCa } from "./trust";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,50,200" },
    "latency-ms": { type: "string", default: "50" },
    parallel: { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const latencyMs = Number(values["latency-ms"]);

interface Measure {
  ms: number;
  /** HTTP requests to Graph (a JSON batch is one). */
  requests: number;
  /** Requests inside JSON batches (each also in byKind). */
  batched: number;
  byKind: Record<string, number>;
  throttled: number;
  tokens: number;
}

/** Graph requests since the last reset, by method and resource kind (ids left out). */
function measure(emu: RunningEmulator, ms: number): Measure {
  const log = emu.requests();
  const graph = log.filter((r) => r.kind === "graph" || r.kind === "batchItem");
  const byKind: Record<string, number> = {};
  for (const r of graph) {
    const kind = `${r.method} ${r.path
      .replace(/^\/(v1\.0|beta)/, "")
      .replace(/\/[^/]*(@thread\.v2|@unq\.gbl\.spaces|%40thread\.v2)[^/]*/g, "/{chat}")
      .replace(/\/messages\/\d+/, "/messages/{id}")}`;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  return {
    ms,
    requests: graph.filter((r) => r.kind === "graph").length,
    batched: graph.filter((r) => r.kind === "batchItem").length,
    byKind,
    throttled: graph.filter((r) => r.status === 429).length,
    tokens: log.filter((r) => r.kind === "token").length,
  };
}

async function timed(emu: RunningEmulator, work: () => Promise<unknown>): Promise<Measure> {
  emu.clearRequests();
  const t = Date.now();
  await work();
  return measure(emu, Date.now() - t);
}

/** The engine: up, a no-change preview, refresh, destroy; and the state bytes per resource after up. */
async function engine(emu: RunningEmulator, n: number) {
  const state = mkdtempSync(join(tmpdir(), "msteams-bench-"));
  const stack = `bench-${n}-${process.pid}`;
  const cli = (command: string, extra: string[] = []) =>
    benchCommand(command, { url: emu.url, stack, stateDir: state, n, parallel: values.parallel }, extra);
  try {
    const up = await timed(emu, () => cli("up"));
    const exported = JSON.parse((await cli("export")).trim().split("\n").pop()!) as {
      deployment: { resources: { type: string }[] };
    };
    const bytes = (kind: string) => bytesPerResource(exported.deployment.resources, kind);
    const preview = await timed(emu, () => cli("preview", ["--expect-no-changes"]));
    const refresh = await timed(emu, () => cli("refresh"));
    const destroy = await timed(emu, () => cli("destroy"));
    return { up, preview, refresh, destroy, chatBytes: bytes("Chat"), messageBytes: bytes("ChatMessage") };
  } finally {
    await cli("stack-rm").catch(() => undefined);
    rmSync(state, { recursive: true, force: true });
    rmSync(join(root, "bench", "program", `Pulumi.${stack}.yaml`), { force: true });
  }
}

/** The baseline script: the same creates 10 at a time, then reads and deletes, with one delegated token. */
async function baseline(emu: RunningEmulator, n: number) {
  const form = new URLSearchParams({
    grant_type: "password",
    client_id: APP,
    username: "adele@contoso.com",
    password: "emulator",
    scope: "https://graph.microsoft.com/.default",
  });
  const res = await fetch(`${emu.url}/${HOME}/oauth2/v2.0/token`, { method: "POST", body: form });
  const token = ((await res.json()) as { access_token: string }).access_token;
  const dir = mkdtempSync(join(tmpdir(), "msteams-baseline-"));
  const env = { ...process.env, GRAPH_ACCESS_TOKEN: token };
  const script = (op: string, extra: string[] = []) =>
    run(
      process.execPath,
      [
        join(root, "dist", "scripts", "baseline.js"),
        op,
        ...["--url", emu.url, "--ca", emu.caPath!, "--ids", join(dir, "ids.json"), ...extra],
      ],
      env,
    );
  try {
    const create = await timed(emu, () =>
      script("create", ["--members", MEMBERS.join(","), "--count", String(n)]),
    );
    const read = await timed(emu, () => script("read"));
    const remove = await timed(emu, () => script("delete"));
    return { create, read, remove };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same program through the plugin (a Pulumi YAML twin, plain `pulumi up`): state bytes per resource. */
async function plugin(emu: RunningEmulator, n: number) {
  process.env["PULUMI_BIN_DIR"] ??= pulumiBin();
  process.env["PULUMI_YAML_BIN_DIR"] ??= (
    await run(join(root, "scripts", "ensure-pulumi-yaml.sh"), [], process.env)
  )
    .trim()
    .split("\n")
    .pop()!;
  const home = new PulumiHome();
  try {
    const installed = await home.install(await packPlugin());
    if (installed.code !== 0) throw new Error(`plugin install failed:\n${installed.stderr}`);
    const stack = new YamlStack(home, "bench-state");
    stack.program(benchYaml(n, MEMBERS));
    const { config, secrets } = pluginConfig(emu.url, HOME, APP);
    await stack.init(config, secrets);
    await stack.ok(["up", "--yes"]);
    const resources = (await stack.state()).resources;
    await stack.ok(["destroy", "--yes"]);
    return {
      chatBytes: bytesPerResource(resources, "Chat"),
      messageBytes: bytesPerResource(resources, "ChatMessage"),
    };
  } finally {
    home.dispose();
  }
}

/** State bytes per resource after up, the dynamic resources beside the plugin's (or why it was not measured). */
function stateTable(n: number, e: Row["e"], p: Awaited<ReturnType<typeof plugin>> | string): string {
  const [chat, message] = typeof p === "string" ? ["—", "—"] : [p.chatBytes, p.messageBytes];
  return [
    `State bytes per resource after up, N=${n} (compact JSON of each resource in \`pulumi stack export\`):`,
    "",
    "| front end | Chat bytes | ChatMessage bytes |",
    "|---|---|---|",
    `| dynamic resources | ${e.chatBytes} | ${e.messageBytes} |`,
    `| plugin (Pulumi YAML) | ${chat} | ${message} |`,
    ...(typeof p === "string" ? ["", `Plugin not measured: ${p}`] : []),
  ].join("\n");
}

interface Row {
  n: number;
  e: Awaited<ReturnType<typeof engine>>;
  b: Awaited<ReturnType<typeof baseline>>;
}

function table(rows: Row[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const lines = [
    "| N | engine up (s) | requests | 429 | tokens | preview (s, requests) | refresh (s, requests) | destroy (s, requests) | baseline create (s, requests) | up ÷ baseline | Chat bytes | ChatMessage bytes |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      ({ n, e, b }) =>
        `| ${n} | ${s(e.up.ms)} | ${e.up.requests} | ${e.up.throttled} | ${e.up.tokens + e.preview.tokens + e.refresh.tokens + e.destroy.tokens} | ${s(e.preview.ms)}, ${e.preview.requests} | ${s(e.refresh.ms)}, ${e.refresh.requests} (${e.refresh.batched} in batches) | ${s(e.destroy.ms)}, ${e.destroy.requests} | ${s(b.create.ms)}, ${b.create.requests} | ${(e.up.ms / b.create.ms).toFixed(1)}× | ${e.chatBytes} | ${e.messageBytes} |`,
    ),
  ];
  const at = (n: number) => rows.find((r) => r.n === n);
  const a = at(50);
  const z = at(200);
  if (a && z)
    lines.push(
      "",
      `Growth exponent of engine up from N=50 to N=200: ${(Math.log(z.e.up.ms / a.e.up.ms) / Math.log(4)).toFixed(2)} ` +
        `(baseline: ${(Math.log(z.b.create.ms / a.b.create.ms) / Math.log(4)).toFixed(2)}).`,
    );
  /** The refresh target: ⌈N/8⌉ + 1 requests for the 2N resources at the engine's default parallelism. */
  const target = (n: number) => Math.ceil((2 * n) / 8) + 1;
  lines.push(
    "",
    `Refresh of 2N resources (a chat and a message each), HTTP requests against the target ⌈2N/8⌉ + 1: ${rows
      .map(
        ({ n, e }) =>
          `N=${n}: ${e.refresh.requests} ${e.refresh.requests <= target(n) ? "≤" : "> (missed)"} ${target(n)}`,
      )
      .join("; ")}.`,
  );
  lines.push("", "Engine up, requests by kind:");
  for (const { n, e } of rows)
    lines.push(
      `- N=${n}: ${Object.entries(e.up.byKind)
        .map(([k, v]) => `${k} ×${v}`)
        .join(", ")}`,
    );
  return lines.join("\n");
}

/** Time against N, one polyline per front end, as a small self-contained SVG. */
function chart(rows: Row[]): string {
  const w = 640;
  const h = 400;
  const pad = 60;
  const maxN = Math.max(...rows.map((r) => r.n));
  const maxMs = Math.max(...rows.map((r) => Math.max(r.e.up.ms, r.b.create.ms)));
  const x = (n: number) => pad + ((w - 2 * pad) * n) / maxN;
  const y = (ms: number) => h - pad - ((h - 2 * pad) * ms) / maxMs;
  const line = (pick: (r: Row) => number, color: string, label: string, dy: number) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${rows.map((r) => `${x(r.n).toFixed(1)},${y(pick(r)).toFixed(1)}`).join(" ")}"/>` +
    rows
      .map((r) => `<circle cx="${x(r.n).toFixed(1)}" cy="${y(pick(r)).toFixed(1)}" r="3" fill="${color}"/>`)
      .join("") +
    `<text x="${pad + 12}" y="${pad + dy}" fill="${color}" font-size="13">${label}</text>`;
  const ticks = rows
    .map(
      (r) =>
        `<text x="${x(r.n).toFixed(1)}" y="${h - pad + 18}" font-size="12" text-anchor="middle">${r.n}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#444"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#444"/>
<text x="${w / 2}" y="${h - 15}" font-size="13" text-anchor="middle">N (group chats, one message each)</text>
<text x="15" y="${h / 2}" font-size="13" transform="rotate(-90 15 ${h / 2})" text-anchor="middle">seconds</text>
<text x="${pad - 8}" y="${pad + 4}" font-size="12" text-anchor="end">${(maxMs / 1000).toFixed(1)}</text>
<text x="${pad - 8}" y="${h - pad + 4}" font-size="12" text-anchor="end">0</text>
${ticks}
${line((r) => r.e.up.ms, "#c0392b", "pulumi up (engine)", 0)}
${line((r) => r.b.create.ms, "#2471a3", "baseline script", 18)}
</svg>
`;
}

async function main(): Promise<void> {
  const tlsDir = relaunchTrustingEmulatorCa(join(root, ".state", "emulator-tls"));
  const emu = await startEmulator({ port: 0, asyncOperationMs: 1500, tlsDir });
  emu.faults.add({ kind: "latency", ms: latencyMs, times: 100_000_000 });
  console.log(
    `emulator ${emu.url}; ${latencyMs} ms injected on every Graph request; sizes ${sizes.join(", ")}\n`,
  );
  const rows: Row[] = [];
  let state = "";
  try {
    for (const [i, n] of sizes.entries()) {
      // Alternate which goes first, so neither always meets a warmer machine.
      let e: Row["e"];
      let b: Row["b"];
      if (i % 2 === 0) {
        e = await engine(emu, n);
        b = await baseline(emu, n);
      } else {
        b = await baseline(emu, n);
        e = await engine(emu, n);
      }
      rows.push({ n, e, b });
      console.log(
        `N=${n}: engine up ${e.up.ms} ms (${e.up.requests} requests), baseline ${b.create.ms} ms (${b.create.requests} requests)`,
      );
    }
    // The state-size figure for both front ends, at the first size: the engine's figures come from its run.
    const first = rows[0];
    if (first) {
      try {
        state = stateTable(first.n, first.e, await plugin(emu, first.n));
      } catch (e) {
        state = stateTable(first.n, first.e, (e instanceof Error ? e.message : String(e)).split("\n")[0]!);
      }
    }
    console.log(`\n${state}`);
  } finally {
    await emu.close();
  }
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${hostname()}, ${cpus().length} cores, Node ${process.version}`;
  const text = `# Scale benchmark, ${date}\n\nMachine: ${machine}. Latency ${latencyMs} ms per Graph request.\n\n${table(rows)}\n\n${state}\n`;
  console.log(`\n${text}`);
  const dir = join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${date}-${hostname()}`);
  writeFileSync(`${base}.md`, text);
  writeFileSync(`${base}.svg`, chart(rows));
  console.log(`wrote ${base}.md and ${base}.svg`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
