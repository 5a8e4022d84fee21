// The quick variant of `npm run bench`: the request-count targets of docs/scale.md at a small N, asserted
// (counts are deterministic), and the throttled scenarios on a clock 30 times faster, whose 429 share is
// asserted and whose times are only printed (timing targets belong to the benchmark).
import { afterAll, describe, expect, it } from "vitest";
import { loadSeed } from "../../emulator";
import * as runtime from "../../provider/runtime";
import {
  describeResult,
  memberUpdate,
  messagesIntoOneChat,
  type ThrottledResult,
  type ThrottledRun,
  withExtraUsers,
} from "../../scripts/throttled";
import { useEmulatorFor } from "../support/emulator";
import { pool } from "../support/pool";
import { configureProvider } from "../support/provider";
import { USERS } from "../support/tenant";

const N = 10;
const THROTTLING = "scaled:30" as const;
const P = { __provider: "x" };
const adele = { kind: "user", username: "adele@contoso.com" } as const;
const emulator = useEmulatorFor({ seed: withExtraUsers(loadSeed()) }, (emu) => configureProvider(emu, adele));
const dispatch = (kind: string, op: string, ...args: unknown[]) =>
  runtime.dispatch(kind, op, args) as Promise<Record<string, unknown>>;
const graph = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "graph");
const items = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "batchItem");
const tokens = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "token");
const printed: string[] = [];
afterAll(() => console.log(`quick bench (N=${N}, throttling ${THROTTLING}):\n  ${printed.join("\n  ")}`));

const chatInputs = (i: number) => ({
  chatType: "group",
  topic: `Scale ${i}`,
  members: [USERS.adele, USERS.u82af, USERS.u8c0a].map((user) => ({ user, roles: ["owner"] })),
  ...P,
});

describe(`request counts at N=${N}, ${N} chats with a message each, 8 operations at a time`, () => {
  it("up: one request per chat and per message, one token for the run; no-change preview: none; refresh: ⌈2N/8⌉ + 1 at most", async () => {
    // A setting of its own gives this run a fresh provider context (no token yet), as a new process has.
    configureProvider(emulator(), adele, { "msteams:maxRetries": "7" });
    const t = performance.now();
    const made: { chat: Record<string, unknown>; message: Record<string, unknown> }[] = [];
    await pool(
      8,
      Array.from({ length: N }, (_, i) => async () => {
        const chat = await dispatch("Chat", "create", chatInputs(i));
        const message = await dispatch("ChatMessage", "create", {
          chatId: chat["id"],
          body: { content: `Hello ${i}` },
          ...P,
        });
        made[i] = { chat, message };
      }),
    );
    const up = performance.now() - t;
    expect(
      graph()
        .map((r) => `${r.method} ${r.path.replace(/\/chats\/[^/]+/, "/chats/{id}")}`)
        .sort(),
    ).toEqual(
      [...Array(N).fill("POST /v1.0/chats"), ...Array(N).fill("POST /v1.0/chats/{id}/messages")].sort(),
    );

    expect(tokens()).toHaveLength(1);
    emulator().clearRequests();
    for (const [i, { chat, message }] of made.entries()) {
      const news = chatInputs(i);
      await dispatch("Chat", "check", news, news);
      expect(await dispatch("Chat", "diff", chat["id"], { ...(chat["outs"] as object), ...P }, news)).toEqual(
        {
          changes: false,
        },
      );
      const m = { chatId: chat["id"], body: { content: `Hello ${i}` }, ...P };
      await dispatch("ChatMessage", "check", m, m);
      expect(
        await dispatch("ChatMessage", "diff", message["id"], { ...(message["outs"] as object), ...P }, m),
      ).toEqual({ changes: false });
    }
    expect(emulator().requests()).toEqual([]);

    const r = performance.now();
    await pool(8, [
      ...made.map(
        ({ chat }) =>
          () =>
            dispatch("Chat", "read", chat["id"], { ...(chat["outs"] as object), ...P }),
      ),
      ...made.map(
        ({ message }) =>
          () =>
            dispatch("ChatMessage", "read", message["id"], { ...(message["outs"] as object), ...P }),
      ),
    ]);
    const refresh = performance.now() - r;
    expect(items()).toHaveLength(2 * N);
    expect(graph().length).toBeLessThanOrEqual(Math.ceil((2 * N) / 8) + 1);
    printed.push(
      `up ${2 * N} resources: ${(up / 1000).toFixed(2)} s; refresh: ${graph().length} requests (${items().length} reads), ${(refresh / 1000).toFixed(2)} s`,
    );
    expect(tokens()).toHaveLength(0); // the up's token served the refresh too (one provider process)
  });
});

describe(`throttled, the emulator and the pacing on a clock ${THROTTLING.slice(7)} times faster`, () => {
  const run = (): ThrottledRun => ({
    emu: emulator(),
    dispatch: (kind, op, args) => runtime.dispatch(kind, op, args),
    configure: (pacing) => configureProvider(emulator(), adele, { "msteams:pacing": pacing }),
    throttling: THROTTLING,
    latencyMs: 0,
  });
  it("a 12-member update and 20 messages into one chat: every request through, 429s under 5% of the requests", async () => {
    const results: ThrottledResult[] = [await memberUpdate(run()), await messagesIntoOneChat(run())];
    for (const x of results) printed.push(describeResult(x));
    // Every add and every message went through exactly once (a 429 is not processed, so it is sent again).
    expect(results.map((x) => x.requests - x.throttled)).toEqual([13, 20]);
    const requests = results.reduce((a, x) => a + x.requests, 0);
    const throttled = results.reduce((a, x) => a + x.throttled, 0);
    expect(throttled / requests).toBeLessThan(0.05);
  });
});
