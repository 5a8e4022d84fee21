// Proactive pacing on an injected clock: which limits a request falls under (the provider's table, checked
// against the emulator's enforcement of the same documented limits), when the pacer lets requests leave,
// and that a stream paced by it is never refused by the emulator's throttle.
// https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits
import { describe, expect, it } from "vitest";
import { isGraphHttpError } from "../../emulator/errors";
import { Throttle } from "../../emulator/throttle";
import { GRAPH_LIMITS } from "../../emulator/throttle/limits";
import type { Caller } from "../../emulator/tokens";
import { resolveSettings } from "../../provider/config";
import { bucketsOf, type LimitedRequest } from "../../provider/graph/limits";
import {
  PACING_MARGIN,
  PACING_MAX_SLACK_MS,
  PACING_SLACK_MS,
  Pacer,
  pacingScale,
  senderOf,
} from "../../provider/graph/pacing";

const CHAT = "19:abc@thread.v2";
const C = encodeURIComponent(CHAT);
const USER = "8b081ef6-4792-4def-b2c9-c363a1bf41d5";
const app: Caller = { kind: "application", appId: "app", tenantId: "t", userId: undefined, permissions: [] };
const delegated: Caller = { ...app, kind: "delegated", userId: USER };

/** Every kind of request the provider sends, as it writes the path (segments encoded). */
const REQUESTS: LimitedRequest[] = [
  { method: "POST", path: "/chats" },
  { method: "GET", path: `/chats/${C}` },
  { method: "PATCH", path: `/chats/${C}` },
  { method: "DELETE", path: `/chats/${C}` },
  { method: "GET", path: `/chats/${C}/members` },
  { method: "POST", path: `/chats/${C}/members` },
  { method: "DELETE", path: `/chats/${C}/members/m1` },
  { method: "POST", path: `/chats/${C}/messages` },
  { method: "GET", path: `/chats/${C}/messages` },
  { method: "GET", path: `/chats/${C}/messages/1700000000000` },
  { method: "PATCH", path: `/chats/${C}/messages/1700000000000` },
  { method: "POST", path: `/users/${USER}/chats/${C}/messages/1700000000000/softDelete` },
  { method: "GET", path: `/chats/${C}/installedApps` },
  { method: "POST", path: `/chats/${C}/installedApps` },
  { method: "DELETE", path: `/chats/${C}/installedApps/i1` },
  { method: "POST", path: `/chats/${C}/installedApps/i1/upgrade` },
  { method: "GET", path: `/chats/${C}/operations/op1` },
  { method: "POST", path: `/chats/${C}/hideForUser` },
  { method: "GET", path: `/users/${USER}/chats` },
  { method: "GET", path: "/me/chats" },
  { method: "GET", path: "/users/adele%40contoso.com" },
];

const rates = (bs: { count: number; periodMs: number }[]) => bs.map((b) => `${b.count}/${b.periodMs}`).sort();

describe("the limits table", () => {
  it.each([
    ["an application", app],
    ["a signed-in user", delegated],
  ])("puts each request under the same limits as the emulator enforces, for %s", (_, caller) => {
    for (const r of REQUESTS) {
      const ours = bucketsOf(r, senderOf({ kind: caller.kind, userId: caller.userId }));
      const path = decodeURIComponent(r.path);
      const emulator = GRAPH_LIMITS.map((l) => l({ method: r.method, path, caller })).filter((b) => !!b);
      expect(rates(ours), `${r.method} ${r.path}`).toEqual(
        rates(emulator.map((b) => ({ count: b.rate.count, periodMs: b.rate.periodMs }))),
      );
    }
  });

  it("counts member changes and message posts per chat, and every request on a chat in that chat's bucket", () => {
    const keys = (r: LimitedRequest) => bucketsOf(r, { userId: undefined }).map((b) => b.key);
    expect(keys({ method: "POST", path: `/chats/${C}/members` })).toEqual(
      expect.arrayContaining([`members:${CHAT}`, `chat:${CHAT}`]),
    );
    expect(keys({ method: "POST", path: `/chats/${C}/messages` })).toEqual(
      expect.arrayContaining([`post:${CHAT}`, `chat:${CHAT}`]),
    );
    expect(keys({ method: "GET", path: `/chats/${C}/members` })).not.toContain(`members:${CHAT}`);
    expect(keys({ method: "POST", path: "/chats" }).some((k) => k.startsWith("chat:"))).toBe(false);
  });
});

/** A pacer on a clock the test moves; sleeping moves the clock. */
function clocked(scale = 1) {
  let now = 0;
  const pacer = new Pacer(
    scale,
    () => now,
    async (ms) => {
      now += ms;
    },
  );
  return { pacer, at: () => now, advance: (ms: number) => (now += ms) };
}
/** One interval of a limit on the pacer's clock, and that plus the slack (the spacing where no burst is allowed). */
const interval = (ms: number) => ms * (1 + PACING_MARGIN);
const slow = (ms: number) => interval(ms) + PACING_SLACK_MS;

describe("Pacer", () => {
  const onChat = bucketsOf({ method: "GET", path: `/chats/${C}` }, { userId: undefined });
  const memberAdd = bucketsOf({ method: "POST", path: `/chats/${C}/members` }, { userId: undefined });

  it("lets one request a second through on a chat, a little slower than the limit", () => {
    const { pacer, advance } = clocked();
    expect(pacer.take(onChat)).toBe(0);
    const wait = pacer.take(onChat);
    expect(wait).toBeCloseTo(slow(1000), 6);
    advance(wait - 1);
    expect(pacer.take(onChat)).toBeCloseTo(1, 6);
    advance(1);
    expect(pacer.take(onChat)).toBe(0);
  });

  it("counts a request in all its buckets or in none", () => {
    const { pacer, advance } = clocked();
    expect(pacer.take(onChat)).toBe(0);
    // Held back by the chat's bucket, the member add must not use up its member bucket either:
    expect(pacer.take(memberAdd)).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) {
      advance(slow(1000));
      expect(pacer.take(memberAdd), `add ${i + 1}`).toBe(0);
    }
  });

  it("lets four member changes through a minute, then one every quarter minute (the limit's rate)", async () => {
    const { pacer, at } = clocked();
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await pacer.acquire(memberAdd);
      times.push(at());
    }
    // The first four are one per second (the chat's own limit), the fifth waits for the minute's bucket.
    expect(times.slice(0, 4)).toEqual(
      [0, slow(1000), 2 * slow(1000), 3 * slow(1000)].map((t) => expect.closeTo(t, 6)),
    );
    expect(times[4]).toBeCloseTo(interval(15_000) + PACING_SLACK_MS, 6);
    expect(times[5]! - times[4]!).toBeCloseTo(interval(15_000), 6);
  });

  it("allows twice the slack after each 429, up to a cap", () => {
    const { pacer } = clocked();
    pacer.throttled();
    expect(pacer.take(onChat)).toBe(0);
    expect(pacer.take(onChat)).toBeCloseTo(interval(1000) + 2 * PACING_SLACK_MS, 6);
    const { pacer: capped } = clocked();
    for (let i = 0; i < 10; i++) capped.throttled();
    expect(capped.take(onChat)).toBe(0);
    expect(capped.take(onChat)).toBeCloseTo(interval(1000) + PACING_MAX_SLACK_MS, 6);
  });

  it("runs the limits' clock faster when scaled", () => {
    const { pacer } = clocked(10);
    expect(pacer.take(onChat)).toBe(0);
    expect(pacer.take(onChat)).toBeCloseTo(slow(100), 6);
  });

  it("keeps a paced stream within every limit the emulator enforces (realistic and scaled)", async () => {
    for (const scale of [1, 20]) {
      const { pacer, at } = clocked(scale);
      const throttle = new Throttle(() => at());
      throttle.set(scale === 1 ? "realistic" : `scaled:${scale}`);
      let refused = 0;
      // A roster change of 12, 20 messages and reads of the chat, one after another on one chat.
      const stream = [
        ...Array.from({ length: 12 }, () => ({ method: "POST", path: `/chats/${C}/members` })),
        ...Array.from({ length: 20 }, () => ({ method: "POST", path: `/chats/${C}/messages` })),
        ...Array.from({ length: 10 }, () => ({ method: "GET", path: `/chats/${C}` })),
        ...Array.from({ length: 5 }, () => ({ method: "DELETE", path: `/chats/${C}/members/m` })),
      ];
      for (const r of stream) {
        await pacer.acquire(bucketsOf(r, senderOf({ kind: "delegated", userId: USER })));
        try {
          throttle.check({ method: r.method, path: decodeURIComponent(r.path), caller: delegated });
        } catch (e) {
          if (!isGraphHttpError(e)) throw e;
          refused++;
        }
      }
      expect(refused, `scale ${scale}`).toBe(0);
    }
  });
});

describe("msteams:pacing", () => {
  const base = {
    "msteams:tenantId": "t",
    "msteams:clientId": "c",
    "msteams:clientSecret": "s",
  } as Record<string, string>;
  const settings = (extra: Record<string, string>) => resolveSettings((k) => ({ ...base, ...extra })[k], {});

  it("defaults to realistic on Graph's clouds and to off on any other host", () => {
    expect(settings({}).pacingScale).toBe(1);
    expect(
      settings({
        "msteams:graphUrl": "https://127.0.0.1:8443",
        "msteams:graphAudience": "https://graph.microsoft.com",
      }).pacingScale,
    ).toBeUndefined();
  });

  it("takes realistic, off and scaled:<factor>, and names the choices for anything else", () => {
    expect(settings({ "msteams:pacing": "off" }).pacingScale).toBeUndefined();
    expect(settings({ "msteams:pacing": "scaled:20" }).pacingScale).toBe(20);
    expect(pacingScale("realistic")).toBe(1);
    expect(() => settings({ "msteams:pacing": "fast" })).toThrow(
      /msteams:pacing must be realistic, off or scaled:<factor>/,
    );
    expect(() => settings({ "msteams:pacing": "scaled:0" })).toThrow(/scaled:<factor>/);
  });
});
