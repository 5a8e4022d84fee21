// `npm run soak`: nothing lost, nothing twice, under faults and interruption. The real engine (engine/)
// applies a program of N mixed resources (bench/soak: group and one-on-one chats, messages, app
// installations) against the emulator, with Graph's throttling on a scaled clock and a seeded share of
// Graph requests failing (503, 429, dropped connections, 503 after the commit: the emulator's `chance`
// fault rule). Phases, each on a fresh emulated tenant and a fresh stack:
//   faults     one `up` (then up to two more if it failed, to measure what is left after converging);
//   kill P%    `up` is killed (SIGKILL of the runner and the Pulumi CLI) once P% of the creates reached
//              Graph, then `up` is run again.
// Each phase ends with `refresh --clear-pending` and a comparison of the state with the emulated tenant.
// It prints a table and exits non-zero when any phase failed after one up (after the re-run for the kill
// phases), or has a duplicate, an orphan or a lost resource. Figures only besides those four counts.
//
//   node dist/scripts/soak.js [--resources 100] [--faults 0.1] [--seed 1] [--kills 20,50,80]
//        [--throttle-factor 20] [--parallel N]
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import {
  type Bucket,
  GRAPH_LIMITS,
  type RequestLogEntry,
  type RunningEmulator,
  startEmulator,
} from "pulumi-msteams-emulator";

// dist/scripts/soak.js when run, scripts/soak.ts when a test imports it.
const root = resolve(__dirname, __dirname.split(sep).includes("dist") ? "../.." : "..");
const program = join(root, "bench", "soak");
const HOME = "2432b57b-0abd-43db-aa7b-16eadd115d34";
const APP = "5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21";
const TYPE = "pulumi-nodejs:dynamic/msteams:";
/** A Graph request that arrives later than this after the kill was sent by a provider nobody listens to. */
export const LATE_AFTER_KILL_MS = 1000;

export interface SoakOptions {
  resources: number;
  /** Share of Graph requests that fail (0–1). */
  faults: number;
  seed: number;
  /** Kill points, in percent of the creates. */
  kills: readonly number[];
  /** Graph's throttling limits run this many times faster. @default 20 */
  throttleFactor?: number;
  parallel?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SoakRow {
  phase: string;
  /** Declared resources not in the state after one `up` (after the re-run, for a kill phase). */
  failed: number;
  /** `up` runs it took until every resource was in the state (0: never, within three). */
  ups: number;
  duplicates: number;
  orphans: number;
  lost: number;
  stateEqualsGraph: boolean;
  requests: number;
  /** 429 answers, from the throttle and injected. */
  throttled: number;
  wallMs: number;
  /** The least time Graph's limits (scaled) allow for the requests that passed them. */
  throttleBoundMs: number;
  /** Kill phases: Graph requests arriving later than LATE_AFTER_KILL_MS after the kill. */
  lateRequests?: number;
  /** Kill phases: provider processes of the killed run still alive after that. */
  providersLeft?: number;
  /** Kill phases: whether the kill came before the up ended by itself. */
  killed?: boolean;
  /** Why the phase counts what it counts (which objects are duplicates, orphans, lost). */
  notes: string[];
}

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
}
interface Deployment {
  resources?: StateResource[];
  pending_operations?: unknown[];
}

interface EngineRun {
  code: number | null;
  out: string;
  log: string;
}

/** The soak: every phase, one row each. */
export async function runSoak(o: SoakOptions): Promise<SoakRow[]> {
  const log = o.log ?? (() => undefined);
  const factor = o.throttleFactor ?? 20;
  const emu = await startEmulator({
    port: 0,
    throttle: `scaled:${factor}`,
    asyncOperationMs: 200,
    installVisibilityDelayMs: 100,
  });
  const rows: SoakRow[] = [];
  try {
    const phases = [
      { phase: "faults", kill: undefined },
      ...o.kills.map((k) => ({ phase: `kill at ${k}%`, kill: k })),
    ];
    for (const [i, p] of phases.entries()) {
      emu.reset();
      emu.faults.add({
        kind: "chance",
        rate: o.faults,
        seed: o.seed + i,
        mix: [
          { kind: "status", status: 503 },
          { kind: "status", status: 429, retryAfterSeconds: 1 / factor },
          { kind: "drop" },
          { kind: "commitThenStatus", status: 503 },
        ],
      });
      log(`soak: ${p.phase}, ${o.resources} resources, ${o.faults * 100}% faults, seed ${o.seed + i}`);
      rows.push(...(await phase(emu, o, p.phase, p.kill, factor, log)));
    }
  } finally {
    await emu.close();
  }
  return rows;
}

async function phase(
  emu: RunningEmulator,
  o: SoakOptions,
  name: string,
  kill: number | undefined,
  factor: number,
  log: (line: string) => void,
): Promise<SoakRow[]> {
  // The provider paces itself to the emulator's clock, as a user running against it would configure.
  const stack = new SoakStack(emu, o.resources, o.parallel, { "msteams:pacing": `scaled:${factor}` });
  let notes: string[] = [];
  let wallMs = 0;
  let mark = 0;
  const timed = async (run: () => Promise<EngineRun>) => {
    const t = Date.now();
    const r = await run();
    wallMs += Date.now() - t;
    return r;
  };
  /** The row of one step: its Graph requests since the last row, its time and notes. */
  const row = (
    phase: string,
    r: Omit<SoakRow, "phase" | "requests" | "throttled" | "wallMs" | "throttleBoundMs" | "notes">,
  ): SoakRow => {
    const ran = graphLog(emu).slice(mark);
    mark += ran.length;
    const out: SoakRow = {
      phase,
      ...r,
      requests: ran.length,
      throttled: ran.filter((x) => x.status === 429).length,
      wallMs,
      throttleBoundMs: throttleBound(ran, factor),
      notes,
    };
    notes = [];
    wallMs = 0;
    return out;
  };
  /** `up` until every resource is in the state (at most three); failed: what the first one left undone. */
  const converge = async (what: string) => {
    let ups = 0;
    let failed = -1;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const up = await timed(() => stack.run("up"));
      const inState = resourcesOf(await stack.exportState()).length;
      // A create phase counts what is not in the state; an update phase the resources that failed.
      if (failed < 0) failed = Math.max(o.resources - inState, up.code === 0 ? 0 : failedResources(up.log));
      log(`soak: ${what} up #${attempt} exit ${up.code}, ${inState}/${o.resources} in the state`);
      if (up.code !== 0) notes.push(`up #${attempt}: ${firstError(up.log)}`);
      if (up.code === 0 && inState === o.resources) {
        ups = attempt;
        break;
      }
    }
    const counts = compare(emu, resourcesOf(await stack.exportState()), o.resources);
    notes.push(...counts.notes);
    const refresh = await stack.run("refresh", ["--clear-pending"]);
    const after = await stack.exportState();
    const again = compare(emu, resourcesOf(after), o.resources);
    if (refresh.code !== 0) notes.push(`refresh: ${firstError(refresh.log)}`);
    if (again.mismatched)
      notes.push(`${again.mismatched} resource(s) whose state differs from Graph after refresh`);
    return {
      failed,
      ups,
      duplicates: counts.duplicates,
      orphans: counts.orphans,
      lost: counts.lost,
      stateEqualsGraph:
        refresh.code === 0 &&
        !(after.pending_operations ?? []).length &&
        again.orphans === 0 &&
        again.lost === 0 &&
        again.mismatched === 0,
    };
  };
  try {
    mark = graphLog(emu).length;
    if (kill === undefined) {
      const rows = [row(`${name}: create`, await converge("create"))];
      // Every write kind: topics renamed, rosters changed (adds and removes), messages edited…
      stack.round = 2;
      rows.push(row(`${name}: update`, await converge("update")));
      // …and deleted: chats, messages, installations.
      rows.push(row(`${name}: destroy`, await destroyAll(emu, stack, timed, notes, log)));
      return rows;
    }
    const k = await stack.upKilledAt(kill / 100);
    wallMs += k.ms;
    log(
      `soak: ${k.endedFirst === undefined ? "killed" : "ended by itself"} after ${k.creates} creates; ` +
        `${k.late} late requests, ${k.providersLeft} providers left`,
    );
    if (k.late) notes.push(`${k.late} Graph request(s) more than ${LATE_AFTER_KILL_MS} ms after the kill`);
    if (k.endedFirst !== undefined)
      notes.push(`the up ended (exit ${k.endedFirst}) after ${k.creates} creates, before the kill point`);
    // The killed run left the stack locked: released as a user would (docs/interruption.md).
    const c = await stack.run("cancel");
    if (c.code !== 0) notes.push(`cancel: ${firstError(c.log)}`);
    for (const m of c.log.matchAll(/removed (\S+): cut short/g))
      notes.push(`the kill cut the file backend's ${m[1]!.split("/").pop()} short; cancel removed it`);
    return [
      row(name, {
        ...(await converge("re-run")),
        lateRequests: k.late,
        providersLeft: k.providersLeft,
        killed: k.endedFirst === undefined,
      }),
    ];
  } finally {
    await stack.dispose();
  }
}

/**
 * `destroy` until the state is empty (at most three): failed is what the first one left in the state;
 * orphans what Graph still holds that destroy should have removed (group chats, and messages and
 * installations in them; one-on-one chats are left by design).
 */
async function destroyAll(
  emu: RunningEmulator,
  stack: SoakStack,
  timed: (run: () => Promise<EngineRun>) => Promise<EngineRun>,
  notes: string[],
  log: (line: string) => void,
) {
  let ups = 0;
  let failed = -1;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const r = await timed(() => stack.run("destroy"));
    const left = resourcesOf(await stack.exportState()).length;
    if (failed < 0) failed = left;
    log(`soak: destroy #${attempt} exit ${r.code}, ${left} left in the state`);
    if (r.code !== 0) notes.push(`destroy #${attempt}: ${firstError(r.log)}`);
    if (r.code === 0 && left === 0) {
      ups = attempt;
      break;
    }
  }
  // What the state still holds destroy may finish later; what it dropped but Graph keeps is orphaned.
  const held = new Set(resourcesOf(await stack.exportState()).map((r) => r.id));
  let orphans = 0;
  for (const c of emu.store.state.chats.filter((x) => !x.deletedDateTime && x.chatType === "group")) {
    if (held.has(c.id)) continue;
    const items = 1 + c.messages.filter((m) => !m.deletedDateTime).length + c.installedApps.length;
    orphans += items;
    notes.push(
      `group chat '${c.topic}' left in Graph but not in the state, with ${items - 1} message(s) and app(s)`,
    );
  }
  return { failed, ups, duplicates: 0, orphans, lost: 0, stateEqualsGraph: ups > 0 && orphans === 0 };
}

/** Resources the engine reported failed, from its output. */
function failedResources(log: string): number {
  const names = new Set<string>();
  for (const m of log.matchAll(/pulumi-nodejs:dynamic\/msteams:(\w+) (\S+) \w+ \([^)]*\) error:/g))
    names.add(`${m[1]} ${m[2]}`);
  return Math.max(1, names.size);
}

const graphLog = (emu: RunningEmulator) =>
  emu.requests().filter((r) => r.kind === "graph" || r.kind === "batchItem");

const resourcesOf = (d: Deployment) =>
  (d.resources ?? []).filter((r) => r.type.startsWith(TYPE) && r.id) as Required<StateResource>[];

/** The first engine error line, for the notes. */
function firstError(log: string): string {
  const line = log.split("\n").find((l) => /error:/.test(l) && !/update failed/.test(l));
  return (line ?? log.trim().split("\n").pop() ?? "").trim().slice(0, 300);
}

/** One stack of the soak program in a state folder of its own. */
export class SoakStack {
  readonly stateDir = mkdtempSync(join(tmpdir(), "msteams-soak-"));
  /** The runner keeps the provider's create journal beside the state. */
  readonly journalDir = join(this.stateDir, "msteams-journal");
  readonly name = `soak-${process.pid}-${Date.now().toString(36)}`;
  constructor(
    readonly emu: RunningEmulator,
    readonly count: number,
    readonly parallel?: number,
    /** More stack config (provider settings). */
    readonly extra: Readonly<Record<string, string>> = {},
  ) {}

  /** The program's round (soak:round): 2 changes topics, rosters and message bodies in place. */
  round = 1;

  args(command: string, extra: readonly string[] = []): string[] {
    const config = {
      "msteams:graphUrl": this.emu.url,
      "msteams:authorityHost": this.emu.url,
      "msteams:graphAudience": "https://graph.microsoft.com",
      "msteams:tenantId": HOME,
      "msteams:clientId": APP,
      "msteams:username": "adele@contoso.com",
      "msteams:pollInitialDelayMs": "50",
      // The emulator's lists do not lag: after an unclear create, search for 2 s (not 10) before resending.
      "msteams:chatListSettleSeconds": "2",
      "msteams:messageListSettleSeconds": "2",
      "soak:count": String(this.count),
      "soak:round": String(this.round),
      ...this.extra,
    };
    return [
      join(root, "dist", "engine", "cli.js"),
      command,
      ...["--dir", program, "--stack", this.name, "--state-dir", this.stateDir, "--json"],
      ...Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`]),
      ...["--secret-env", "msteams:password=SOAK_PASSWORD"],
      ...(this.parallel !== undefined ? ["--parallel", String(this.parallel)] : []),
      ...extra,
    ];
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      SOAK_PASSWORD: "emulator",
      ...(this.emu.caPath ? { NODE_EXTRA_CA_CERTS: this.emu.caPath } : {}),
    };
  }

  /** The runner in a process group of its own (so the kill reaches it and the Pulumi CLI it starts). */
  start(command: string, extra: readonly string[] = []) {
    const child = spawn(process.execPath, this.args(command, extra), {
      cwd: root,
      env: this.env(),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const r: EngineRun = { code: null, out: "", log: "" };
    child.stdout.on("data", (d: Buffer) => {
      r.out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      r.log += d.toString();
    });
    const done = new Promise<EngineRun>((resolve) =>
      child.on("close", (code) => {
        r.code = code;
        resolve(r);
      }),
    );
    return { child, done };
  }

  run(command: string, extra: readonly string[] = []): Promise<EngineRun> {
    return this.start(command, extra).done;
  }

  async exportState(): Promise<Deployment> {
    const r = await this.run("export");
    if (r.code !== 0) throw new Error(`export failed (${r.code}):\n${r.log.slice(-2000)}`);
    return (JSON.parse(r.out.trim().split("\n").pop()!) as { deployment: Deployment }).deployment;
  }

  /**
   * `up`, killed with SIGKILL once `share` of the creates reached Graph: its whole process group (the
   * runner and the Pulumi CLI, as a cancelled CI job is), or only the Pulumi CLI. Then: how many Graph
   * requests came later than LATE_AFTER_KILL_MS, and how many processes the killed run left (the dynamic
   * provider runs in a process group of its own, which the kill does not reach).
   */
  async upKilledAt(
    share: number,
    kill: "group" | "cli" = "group",
    /** Kill when this holds of the request log instead (tests). */
    until?: (log: readonly RequestLogEntry[]) => boolean,
  ) {
    const t = Date.now();
    const { child, done } = this.start("up");
    const target = Math.max(1, Math.round(this.count * share));
    let creates = 0;
    let tree: number[] = [];
    while (child.exitCode === null) {
      const log = this.emu.requests();
      creates = createsDone(log);
      if (until ? until(log) : creates >= target) break;
      tree = descendants(child.pid!);
      await sleep(20);
    }
    tree = [...new Set([...tree, ...descendants(child.pid!)])];
    // The up may end on its own first (a failed resource stops the engine starting new ones).
    const endedFirst = child.exitCode !== null ? child.exitCode : undefined;
    const killedAt = Date.now();
    try {
      if (kill === "group") process.kill(-child.pid!, "SIGKILL");
      else {
        const cli = tree.find((pid) => commOf(pid) === "pulumi");
        if (cli === undefined) throw new Error("no Pulumi CLI process below the runner");
        process.kill(cli, "SIGKILL");
      }
    } catch (e) {
      // ESRCH: already over (the up finished before the kill point)
      if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
    }
    await done;
    await sleep(LATE_AFTER_KILL_MS + 2000);
    const late = graphLog(this.emu).filter(
      (r) => Date.parse(r.receivedAt) > killedAt + LATE_AFTER_KILL_MS,
    ).length;
    const providersLeft = tree.filter(alive).length;
    for (const pid of tree.filter(alive)) process.kill(pid, "SIGKILL"); // ours: started by this run
    return { ms: killedAt - t, creates, late, providersLeft, endedFirst };
  }

  async dispose(): Promise<void> {
    await this.run("stack-rm").catch(() => undefined);
    rmSync(join(program, `Pulumi.${this.name}.yaml`), { force: true });
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** Creates that reached Graph and took effect: chat, message and installation POSTs answered 2xx. */
function createsDone(log: readonly RequestLogEntry[]): number {
  return log.filter(
    (r) =>
      r.kind === "graph" &&
      r.method === "POST" &&
      r.status >= 200 &&
      r.status < 300 &&
      /\/chats(\/[^/]+\/(messages|installedApps))?$/.test(r.path),
  ).length;
}

/** Every process below `pid` (Linux /proc), e.g. the Pulumi CLI, its provider launcher and the provider. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent)
      if (pp === p && !out.includes(child)) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}

function commOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The state beside the emulated tenant (fresh for the phase, so everything in it was made by this stack):
 * - duplicates: a second group chat with one topic, a second live message with one body in a chat;
 * - orphans: chats, messages and installations no resource in the state holds, and chats or
 *   installations recorded as `adopted` (destroy would leave them: nothing here existed before);
 * - lost: declared resources missing from the state, or in the state but gone from Graph;
 * - mismatched: a resource whose recorded topic, roster, body or app is not Graph's.
 */
function compare(emu: RunningEmulator, resources: Required<StateResource>[], declared: number) {
  const notes: string[] = [];
  const chats = emu.store.state.chats.filter((c) => !c.deletedDateTime);
  const byType = (t: string) => resources.filter((r) => r.type === TYPE + t);
  const stateChats = new Map(byType("Chat").map((r) => [r.id, r]));
  const stateMessages = new Set(byType("ChatMessage").map((r) => r.id));
  const stateInstalls = new Set(
    byType("ChatAppInstallation").map(
      (r) => `${r.outputs["chatId"]}|${String(r.outputs["teamsAppId"]).toLowerCase()}`,
    ),
  );
  let duplicates = 0;
  let orphans = 0;
  let lost = Math.max(0, declared - new Set(resources.map((r) => r.urn)).size);
  if (lost) notes.push(`${lost} declared resource(s) not in the state`);
  let mismatched = 0;
  const topics = new Map<string, number>();
  for (const c of chats) {
    if (c.chatType === "group" && c.topic) topics.set(c.topic, (topics.get(c.topic) ?? 0) + 1);
    if (!stateChats.has(c.id)) {
      orphans++;
      notes.push(`orphan chat ${c.id} (${c.chatType}${c.topic ? `, '${c.topic}'` : ""})`);
    }
    const bodies = new Map<string, number>();
    for (const m of c.messages.filter((x) => !x.deletedDateTime)) {
      bodies.set(m.body.content, (bodies.get(m.body.content) ?? 0) + 1);
      if (!stateMessages.has(`${c.id}/messages/${m.id}`)) {
        orphans++;
        notes.push(`orphan message '${m.body.content}' in ${c.id}`);
      }
    }
    for (const [body, n] of bodies)
      if (n > 1) {
        duplicates += n - 1;
        notes.push(`message '${body}' ${n} times in ${c.id}`);
      }
    for (const i of c.installedApps)
      if (!stateInstalls.has(`${c.id}|${i.teamsAppId.toLowerCase()}`)) {
        orphans++;
        notes.push(`orphan installation of ${i.teamsAppId} in ${c.id}`);
      }
  }
  for (const [topic, n] of topics)
    if (n > 1) {
      duplicates += n - 1;
      notes.push(`group chat '${topic}' ${n} times`);
    }
  const live = new Map(chats.map((c) => [c.id, c]));
  for (const r of resources) {
    const kind = r.type.slice(TYPE.length);
    const chatId = kind === "Chat" ? r.id : String(r.outputs["chatId"]);
    const chat = live.get(chatId);
    let there = !!chat;
    let same = true;
    if (chat && kind === "Chat") {
      const ids = (m: readonly { userId?: unknown }[]) =>
        m
          .map((x) => String(x.userId).toLowerCase())
          .sort()
          .join();
      same =
        (r.outputs["topic"] ?? null) === chat.topic &&
        ids((r.outputs["members"] as { userId?: unknown }[]) ?? []) === ids(chat.members);
      if (r.outputs["adopted"] === true) {
        orphans++;
        notes.push(`chat ${r.id} recorded as adopted (destroy would leave it)`);
      }
    } else if (chat && kind === "ChatMessage") {
      const m = chat.messages.find((x) => r.id === `${chatId}/messages/${x.id}` && !x.deletedDateTime);
      there = !!m;
      same = m?.body.content === (r.outputs["body"] as { content?: string } | undefined)?.content;
    } else if (chat && kind === "ChatAppInstallation") {
      const app = String(r.outputs["teamsAppId"]).toLowerCase();
      there = chat.installedApps.some((i) => i.teamsAppId.toLowerCase() === app);
      if (r.outputs["adopted"] === true) {
        orphans++;
        notes.push(`installation ${r.id} recorded as adopted (destroy would leave it)`);
      }
    }
    if (!there) {
      lost++;
      notes.push(`${kind} ${r.urn.split("::").pop()} is in the state but not in Graph`);
    } else if (!same) mismatched++;
  }
  return { duplicates, orphans, lost, mismatched, notes };
}

/**
 * The least time the throttle allows for these requests: under a limit of c per period p (a GCRA bucket
 * lets c through at once, then one every p/c), n requests in one bucket take at least (n − c)·p/c; the
 * bound is the largest over all buckets, on the scaled clock. Throttle refusals (429s that are not injected)
 * used up nothing and are left out.
 */
function throttleBound(log: readonly RequestLogEntry[], factor: number): number {
  const counts = new Map<string, { n: number; b: Bucket }>();
  for (const r of log) {
    if (r.status === 429 && !/Injected fault/.test(r.refusal?.message ?? "")) continue;
    if (!r.identity) continue;
    const path = decodeURIComponent(r.path.replace(/^\/(v1\.0|beta)/, ""));
    const caller = { ...r.identity, userId: r.identity.userId, permissions: [] };
    for (const limit of GRAPH_LIMITS) {
      const b = limit({ method: r.method, path, caller });
      if (!b) continue;
      const c = counts.get(b.key) ?? { n: 0, b };
      c.n++;
      counts.set(b.key, c);
    }
  }
  let bound = 0;
  for (const { n, b } of counts.values())
    bound = Math.max(bound, (Math.max(0, n - b.rate.count) * b.rate.periodMs) / b.rate.count / factor);
  return Math.round(bound);
}

export const soakFailed = (rows: readonly SoakRow[]): boolean =>
  rows.some((r) => r.failed !== 0 || r.duplicates !== 0 || r.orphans !== 0 || r.lost !== 0);

export function soakTable(rows: readonly SoakRow[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const lines = [
    "| phase | failed (after one up) | ups to converge | duplicates | orphans | lost | state = Graph after refresh | requests | 429s | wall (s) | throttle bound (s) | late requests after kill | providers left |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.phase} | ${r.failed} | ${r.ups || "no"} | ${r.duplicates} | ${r.orphans} | ${r.lost} | ${r.stateEqualsGraph ? "yes" : "no"} | ${r.requests} | ${r.throttled} | ${s(r.wallMs)} | ${s(r.throttleBoundMs)} | ${r.lateRequests ?? "–"} | ${r.providersLeft ?? "–"} |`,
    ),
  ];
  const notes = rows.flatMap((r) => r.notes.map((n) => `- ${r.phase}: ${n}`));
  if (notes.length) lines.push("", "Notes:", ...notes.slice(0, 60));
  if (notes.length > 60) lines.push(`- … ${notes.length - 60} more`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      resources: { type: "string", default: "100" },
      faults: { type: "string", default: "0.1" },
      seed: { type: "string", default: "1" },
      kills: { type: "string", default: "20,50,80" },
      "throttle-factor": { type: "string", default: "20" },
      parallel: { type: "string" },
    },
  });
  const num = (name: string, v: string, ok: (n: number) => boolean) => {
    const n = Number(v);
    if (!ok(n)) throw new Error(`--${name}: got '${v}'`);
    return n;
  };
  const t = Date.now();
  const rows = await runSoak({
    resources: num("resources", values.resources, (n) => Number.isInteger(n) && n >= 1),
    faults: num("faults", values.faults, (n) => n >= 0 && n <= 1),
    seed: num("seed", values.seed, Number.isInteger),
    kills: values.kills ? values.kills.split(",").map((k) => num("kills", k, (n) => n > 0 && n < 100)) : [],
    throttleFactor: num("throttle-factor", values["throttle-factor"], (n) => n > 0),
    ...(values.parallel ? { parallel: num("parallel", values.parallel, (n) => n >= 1) } : {}),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(
    `${soakTable(rows)}\n\n${values.resources} resources, faults ${values.faults}, seed ${values.seed}, ` +
      `throttling scaled ×${values["throttle-factor"]}; ${((Date.now() - t) / 1000).toFixed(0)} s in all.\n`,
  );
  process.exitCode = soakFailed(rows) ? 1 : 0;
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
