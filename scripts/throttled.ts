// The throttled scenarios of `npm run bench` (scripts/bench.ts) and of its quick variant in the test
// suite (test/provider/scale.test.ts): a 12-member roster update and 20 messages into one chat, with the
// emulator enforcing Teams' documented limits (realistic, or on a clock `scaled:<f>` times faster) and the
// provider pacing to the same clock (msteams:pacing). Each reports the Graph requests, the 429s, the wall
// time and the limit-bound time: how soon the documented limits let the same requests through, one after
// another, each taking one round trip (https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits).
import type { RunningEmulator, Seed, SeedUser } from "pulumi-msteams-emulator";

export const HOME = "2432b57b-0abd-43db-aa7b-16eadd115d34";
const ADELE = "8b081ef6-4792-4def-b2c9-c363a1bf41d5";
const PAT = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";

/** Twelve more people of the home tenant, for the roster update (the default seed has eleven in all). */
export const EXTRA_USERS: readonly SeedUser[] = Array.from({ length: 12 }, (_, i) => {
  const n = String(i + 1).padStart(2, "0");
  return {
    id: `0000b000-0000-4000-8000-0000000000${n}`,
    userPrincipalName: `bench${n}@contoso.com`,
    displayName: `Bench User ${n}`,
    tenantId: HOME,
  };
});

/** A seed with the extra users. */
export const withExtraUsers = (seed: Seed): Seed => ({ ...seed, users: [...seed.users, ...EXTRA_USERS] });

export type Throttling = "realistic" | `scaled:${number}`;

export interface ThrottledRun {
  readonly emu: RunningEmulator;
  /** The provider runtime's entry point (runtime.dispatch). */
  dispatch(kind: string, op: string, args: readonly unknown[]): Promise<unknown>;
  /** Points a fresh provider context at the emulator as adele (delegated), with this msteams:pacing. */
  configure(pacing: string): void;
  readonly throttling: Throttling;
  /** Latency the emulator adds to every Graph request (a fault rule set by the caller), for the bound. */
  readonly latencyMs: number;
}

export interface ThrottledResult {
  readonly name: string;
  readonly requests: number;
  readonly throttled: number;
  readonly ms: number;
  readonly boundMs: number;
}

const P = { __provider: "bench" };
const owners = (...ids: string[]) => ids.map((user) => ({ user, roles: ["owner"] }));
const scaleOf = (t: Throttling) => (t === "realistic" ? 1 : Number(t.slice("scaled:".length)));

/** A group chat of adele and pat, made before the limits are switched on. */
async function groupChat(r: ThrottledRun, topic: string) {
  r.configure("off");
  r.emu.configure({ throttle: null });
  const c = (await r.dispatch("Chat", "create", [
    { chatType: "group", topic, members: owners(ADELE, PAT), ...P },
  ])) as { id: string; outs: Record<string, unknown> };
  r.configure(r.throttling);
  r.emu.configure({ throttle: r.throttling });
  r.emu.clearRequests();
  return c;
}

function counted(r: ThrottledRun, name: string, ms: number, boundMs: number): ThrottledResult {
  const graph = r.emu.requests().filter((x) => x.kind === "graph" || x.kind === "batchItem");
  return {
    name,
    requests: graph.length,
    throttled: graph.filter((x) => x.status === 429).length,
    ms,
    boundMs,
  };
}

/** One update that adds 12 members: a member list, then 12 adds on one chat. */
export async function memberUpdate(r: ThrottledRun): Promise<ThrottledResult> {
  const c = await groupChat(r, "Roster");
  const t = performance.now();
  await r.dispatch("Chat", "update", [
    c.id,
    { ...c.outs, ...P },
    {
      chatType: "group",
      topic: "Roster",
      members: owners(ADELE, PAT, ...EXTRA_USERS.map((u) => u.id)),
      ...P,
    },
  ]);
  const ms = performance.now() - t;
  const s = scaleOf(r.throttling);
  const bound = limitBound([{ member: false }, ...EXTRA_USERS.map(() => ({ member: true }))], s, r.latencyMs);
  return counted(r, "12-member update (1 GET + 12 member adds, one chat)", ms, bound);
}

/** 20 messages into one chat, sent 8 at a time (the engine's default parallelism here). */
export async function messagesIntoOneChat(r: ThrottledRun, parallel = 8): Promise<ThrottledResult> {
  const c = await groupChat(r, "Messages");
  const t = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < 20) {
      const i = ++next;
      await r.dispatch("ChatMessage", "create", [{ chatId: c.id, body: { content: `Message ${i}` }, ...P }]);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const ms = performance.now() - t;
  const bound = limitBound(
    Array.from({ length: 20 }, () => ({ member: false })),
    scaleOf(r.throttling),
    r.latencyMs,
  );
  return counted(r, "20 messages into one chat (8 at a time)", ms, bound);
}

/**
 * The earliest the last of these requests on one chat can be answered under the documented limits that
 * bind them: 1 request per second per app per chat, and 4 member additions or removals per minute per
 * chat (each a token bucket: a burst of its count, then one per period ÷ count), sent one after another
 * with `latencyMs` per round trip, on a clock `scale` times faster. The per-app-per-tenant rates (20 or
 * 30 per second) and 1 message per second per user per chat never bind here before these do.
 */
export function limitBound(
  requests: readonly { member: boolean }[],
  scale: number,
  latencyMs: number,
): number {
  const chat = bucket(1, 1000 / scale);
  const members = bucket(4, 60_000 / scale);
  let t = Number.NEGATIVE_INFINITY;
  for (const r of requests) {
    let at = Math.max(t + latencyMs, 0, chat.earliest());
    if (r.member) at = Math.max(at, members.earliest());
    chat.take(at);
    if (r.member) members.take(at);
    t = at;
  }
  return t + latencyMs;
}

/** A token bucket as one number, the theoretical arrival time (GCRA). */
function bucket(count: number, periodMs: number) {
  const interval = periodMs / count;
  let tat = Number.NEGATIVE_INFINITY;
  return {
    earliest: () => tat + interval - periodMs,
    take(at: number) {
      tat = Math.max(tat, at) + interval;
    },
  };
}

/** The line a scenario prints. */
export function describeResult(x: ThrottledResult): string {
  const share = x.requests ? ((x.throttled / x.requests) * 100).toFixed(1) : "0";
  return `${x.name}: ${x.requests} requests, ${x.throttled} × 429 (${share}%), ${(x.ms / 1000).toFixed(2)} s against ${(x.boundMs / 1000).toFixed(2)} s the limits allow (${(x.ms / x.boundMs).toFixed(3)}×)`;
}
