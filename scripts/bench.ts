// `npm run bench`: Graph round trips and timings of the provider against the emulator with injected
// latency (DESIGN §7). Prints figures; asserts nothing (the test suite asserts behaviour).

//
//   node dist/scripts/bench.js [--throttle realistic|scaled:<factor>]
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, hostname } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as runtime from "pulumi-msteams/runtime";
import { loadSeed, type RunningEmulator, startEmulator } from "pulumi-msteams-emulator";
import {
  describeResult,
  memberUpdate,
  messagesIntoOneChat,
  type ThrottledResult,
  type ThrottledRun,
  type Throttling,
  withExtraUsers,
} from "./throttled";
import { relaunchTrustingEmulatorCa } from "./trust";

const { values } = parseArgs({ options: { throttle: { type: "string", default: "realistic" } } });
const throttling = values.throttle as Throttling;
const lines: string[] = [];
const throttled: ThrottledResult[] = [];

const HOME = "2432b57b-0abd-43db-aa7b-16eadd115d34";
const APP = "5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21";
const U = {
  adele: "8b081ef6-4792-4def-b2c9-c363a1bf41d5",
  pat: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d",
  john: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca",
  alexw: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f",
  megan: "3626a173-f2bc-4883-bcf7-01514c3bfb82",
};
const LATENCY_MS = 40;
const P = { __provider: "bench" };
let configs = 0;

function configure(emu: RunningEmulator, delegated: boolean, extra: Record<string, string> = {}): void {
  // A distinct setting per scenario gives a fresh provider context (and token cache), as a new process would.
  const c: Record<string, string> = {
    "msteams:graphUrl": emu.url,
    "msteams:graphAudience": "https://graph.microsoft.com",
    "msteams:authorityHost": emu.url,
    "msteams:tenantId": HOME,
    "msteams:clientId": APP,
    "msteams:pollInitialDelayMs": "250",
    "msteams:pollMaxDelayMs": "2000",
    "msteams:maxRetries": String(30 + ++configs),
    ...(delegated
      ? { "msteams:username": "adele@contoso.com", "msteams:password": "emulator" }
      : { "msteams:clientSecret": "emulator-secret" }),
    ...extra,
  };
  runtime.configure({ get: (k) => c[k] });
}

const call = (kind: string, op: string, ...args: unknown[]) =>
  runtime.dispatch(kind, op, args) as Promise<Record<string, unknown>>;
const graph = (emu: RunningEmulator) => emu.requests().filter((r) => r.kind === "graph");
const members = (...ids: string[]) => ids.map((user) => ({ user, roles: ["owner"] }));

async function scenario(
  emu: RunningEmulator,
  name: string,
  delegated: boolean,
  run: () => Promise<string | undefined>,
) {
  emu.reset();
  emu.faults.add({ kind: "latency", ms: LATENCY_MS, times: 1_000_000 });
  configure(emu, delegated);
  const t = Date.now();
  const note = await run();
  const ms = Date.now() - t;
  const g = graph(emu);
  const tokens = emu.requests().filter((r) => r.kind === "token").length;
  const line = `${name.padEnd(52)} ${String(g.length).padStart(3)} Graph req  ${String(tokens).padStart(2)} token  ${String(ms).padStart(6)} ms  ${note ?? ""}`;
  console.log(line);
  lines.push(line);
}

async function main(): Promise<void> {
  const tlsDir = relaunchTrustingEmulatorCa(join(__dirname, "..", "..", ".state", "emulator-tls"));
  const emu = await startEmulator({
    port: 0,
    asyncOperationMs: 1500,
    tlsDir,
    seed: withExtraUsers(loadSeed()),
  });
  console.log(`emulator ${emu.url}; injected latency ${LATENCY_MS} ms per request\n`);
  try {
    await scenario(emu, "create one-on-one chat (one POST, no read back)", false, async () => {
      await call("Chat", "create", { chatType: "oneOnOne", members: members(U.adele, U.pat), ...P });
      return graph(emu)
        .map((r) => r.method)
        .join(",");
    });
    await scenario(emu, "create group chat", false, async () => {
      await call("Chat", "create", {
        chatType: "group",
        topic: "t",
        members: members(U.john, U.alexw, U.megan),
        ...P,
      });
      return graph(emu)
        .map((r) => r.method)
        .join(",");
    });
    await scenario(emu, "no-change preview (check + diff of 20 chats)", false, async () => {
      const created = [];
      for (let i = 0; i < 20; i++)
        created.push(
          await call("Chat", "create", {
            chatType: "group",
            topic: `c${i}`,
            members: members(U.john, U.alexw),
            ...P,
          }),
        );
      emu.clearRequests();
      for (const [i, c] of created.entries()) {
        const news = { chatType: "group", topic: `c${i}`, members: members(U.john, U.alexw), ...P };
        await call("Chat", "check", news, news);
        await call("Chat", "diff", c["id"], { ...(c["outs"] as object), ...P }, news);
      }
      return "requests counted after the 20 creates (the time includes them)";
    });
    await scenario(emu, "send a message (delegated)", true, async () => {
      const c = await call("Chat", "create", {
        chatType: "group",
        topic: "m",
        members: members(U.adele, U.pat),
        ...P,
      });
      emu.clearRequests();
      await call("ChatMessage", "create", { chatId: c["id"], body: { content: "hi" }, ...P });
      return "counted for the message only";
    });
    await scenario(emu, "one token for 10 operations in one process", false, async () => {
      for (let i = 0; i < 10; i++)
        await call("Chat", "create", {
          chatType: "group",
          topic: `t${i}`,
          members: members(U.john, U.megan),
          ...P,
        });
      return undefined;
    });
    await scenario(emu, "create chat with an app (202 + polling, op takes 1.5 s)", false, async () => {
      const r = await call("Chat", "create", {
        chatType: "oneOnOne",
        members: members(U.adele, U.pat),
        installedApps: [{ teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" }],
        ...P,
      });
      const op = emu.store.state.operations[0]!;
      const finished = op.createdAt + op.durationMs;
      const polls = emu.requests().filter((x) => x.path.includes("/operations/"));
      const after = polls.filter((x) => Date.parse(x.receivedAt) >= finished).length;
      return `${polls.length} polls, ${after} after the operation finished (id ${String(r["id"]).slice(0, 12)}…)`;
    });
    // The throttled scenarios: the emulator enforces Teams' documented limits, the provider paces to them.
    emu.reset();
    emu.faults.add({ kind: "latency", ms: LATENCY_MS, times: 1_000_000 });
    const run: ThrottledRun = {
      emu,
      dispatch: (kind, op, args) => runtime.dispatch(kind, op, args),
      configure: (pacing) => configure(emu, true, { "msteams:pacing": pacing }),
      throttling,
      latencyMs: LATENCY_MS,
    };
    for (const x of [await memberUpdate(run), await messagesIntoOneChat(run)]) {
      console.log(describeResult(x));
      throttled.push(x);
    }
  } finally {
    await emu.close();
  }
  write();
}

/** The figures with the date and machine, under bench/results/ (beside bench-scale's table). */
function write(): void {
  const date = new Date().toISOString().slice(0, 10);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const text = [
    `# Request counts and throttled scenarios, ${date}`,
    "",
    `Machine: ${hostname()}, ${cpus().length} cores, Node ${process.version}. Latency ${LATENCY_MS} ms per Graph request.`,
    "",
    "```",
    ...lines,
    "```",
    "",
    `Throttled, the emulator enforcing Teams' documented limits (${throttling}) and the provider pacing to them (msteams:pacing ${throttling}):`,
    "",
    "| scenario | requests | 429 | 429 share | wall time (s) | limit-bound time (s) | ratio |",
    "|---|---|---|---|---|---|---|",
    ...throttled.map(
      (x) =>
        `| ${x.name} | ${x.requests} | ${x.throttled} | ${((x.throttled / x.requests) * 100).toFixed(1)}% | ${s(x.ms)} | ${s(x.boundMs)} | ${(x.ms / x.boundMs).toFixed(3)} |`,
    ),
    "",
  ].join("\n");
  const dir = join(__dirname, "..", "..", "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${date}-${hostname()}-requests.md`);
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
