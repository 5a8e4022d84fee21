// The batched refresh through the real engine, on its own: `pulumi up` of N group chats with one message
// each (2N resources), then several `pulumi refresh` runs of that stack, each counted against the target of
// docs/scale.md (⌈2N/8⌉ + 1 HTTP requests to Graph at the engine's default parallelism). Quicker than the
// whole `npm run bench:scale` when only the refresh matters. Figures only: nothing here is asserted.
//
//   node dist/scripts/bench-refresh.js [--sizes 10,50,200] [--runs 3] [--latency-ms 50] [--parallel N]
// Each refresh's line lists the reads per request in the order they arrived (1: a plain GET).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type RequestLogEntry, startEmulator } from "pulumi-msteams-emulator";
import { benchCommand, root } from "./bench-engine";
import { relaunchTrustingEmulatorCa } from "./trust";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,50,200" },
    runs: { type: "string", default: "3" },
    "latency-ms": { type: "string", default: "50" },
    parallel: { type: "string" },
  },
});
const counts = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const latencyMs = Number(values["latency-ms"]);

/** The reads in each Graph request, in the order they came: a batch's items, or 1 for a plain GET. */
function sizes(log: readonly RequestLogEntry[]): number[] {
  const items = new Map<string, number>();
  for (const r of log)
    if (r.kind === "batchItem" && r.batch) items.set(r.batch, (items.get(r.batch) ?? 0) + 1);
  const order = [...items.keys()];
  let next = 0;
  // A $batch request is logged after its items (when its own answer is done): take the batches in the
  // order their items came, and a plain GET where it came.
  const out: number[] = [];
  for (const r of log)
    if (r.kind === "graph") out.push(r.method === "POST" ? (items.get(order[next++] ?? "") ?? 0) : 1);
  return out;
}

async function main(): Promise<void> {
  const tlsDir = relaunchTrustingEmulatorCa(join(root, ".state", "emulator-tls"));
  const emu = await startEmulator({ port: 0, asyncOperationMs: 1500, tlsDir });
  emu.faults.add({ kind: "latency", ms: latencyMs, times: 100_000_000 });
  console.log(`emulator ${emu.url}; ${latencyMs} ms on every Graph request; sizes ${counts.join(", ")}`);
  const lines: string[] = [];
  try {
    for (const n of counts) {
      const state = mkdtempSync(join(tmpdir(), "msteams-refresh-"));
      const stack = `refresh-${n}-${process.pid}`;
      const cli = (command: string) =>
        benchCommand(command, { url: emu.url, stack, stateDir: state, n, parallel: values.parallel });
      try {
        await cli("up");
        const target = Math.ceil((2 * n) / 8) + 1;
        for (let i = 1; i <= runs; i++) {
          emu.clearRequests();
          const t = Date.now();
          await cli("refresh");
          const ms = Date.now() - t;
          const log = emu.requests();
          const requests = log.filter((r) => r.kind === "graph").length;
          const items = log.filter((r) => r.kind === "batchItem").length;
          const per = sizes(log);
          const line =
            `N=${n} (${2 * n} resources) refresh ${i}: ${requests} requests ${requests <= target ? "≤" : "> (missed)"} ${target}, ` +
            `${items} in batches, ${(ms / 1000).toFixed(1)} s; reads per request ${per.join(" ")}`;
          console.log(line);
          lines.push(line);
        }
      } finally {
        await cli("destroy").catch(() => undefined);
        await cli("stack-rm").catch(() => undefined);
        rmSync(state, { recursive: true, force: true });
        rmSync(join(root, "bench", "program", `Pulumi.${stack}.yaml`), { force: true });
      }
    }
  } finally {
    await emu.close();
  }
  console.log(`\n${lines.join("\n")}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
