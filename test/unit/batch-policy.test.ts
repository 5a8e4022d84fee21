// When the read batcher sends (provider/graph/batch.ts, docs/scale.md "Batched reads"), on a fake clock,
// against an engine modelled as measured through the real one: `parallel` reads at once; when a read is
// answered, its slot writes the whole state file (one write at a time, each taking the checkpoint time)
// before it starts its next read. So after a batch is answered the next reads come one per checkpoint,
// and a checkpoint's time grows with the state and the machine's load. The request count must stay within
// ⌈R/parallel⌉ + 1 whatever those times, and a lone read must not wait long.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type BatchTransport,
  FORGET_MS,
  GATHER_MS,
  inRead,
  MAX_QUIET_MS,
  ReadBatcher,
} from "../../provider/graph/batch";
import type { GraphRequest, GraphResponse } from "../../provider/graph/client";
import { GraphError } from "../../provider/graph/errors";

/** Graph's time to answer a request or a batch. */
const LATENCY = 50;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What went to Graph: when, as a plain GET or a batch, and which reads (by resource number) it carried. */
interface Sent {
  at: number;
  kind: "GET" | "$batch";
  reads: number[];
}

function fakeGraph() {
  const sent: Sent[] = [];
  const numberOf = (path: string) => Number(path.split("/").pop());
  const transport: BatchTransport = {
    async alone<T>(req: GraphRequest): Promise<GraphResponse<T>> {
      sent.push({ at: performance.now(), kind: "GET", reads: [numberOf(req.path)] });
      await sleep(LATENCY);
      return { status: 200, data: { path: req.path } as T, headers: {}, requestId: "r", receivedMono: 0 };
    },
    async post(_version, items) {
      sent.push({ at: performance.now(), kind: "$batch", reads: items.map((i) => numberOf(i.url)) });
      await sleep(LATENCY);
      return { answers: items.map((i) => ({ id: i.id, status: 200, body: { path: i.url } })), headers: {} };
    },
    sender: async () => ({ userId: undefined }),
    pace: () => 0,
    error: (req, clientRequestId, a) =>
      new GraphError({ status: a.status, code: "x", message: "x", clientRequestId, ...req }),
    invalidateToken: () => undefined,
    maxRetries: 0,
  };
  return { sent, batcher: new ReadBatcher(transport) };
}

interface Engine {
  parallel: number;
  /** How long the n-th state write takes (n from 0). */
  checkpoint(n: number): number;
  /** How far apart the first reads start (the provider's own work before each sends its GET). */
  startGap?: number;
}

/** A refresh of `resources` resources: each read's answer, and when each read sent its GET. */
async function refresh(batcher: ReadBatcher, resources: number, engine: Engine) {
  let next = 0;
  let writes = 0;
  let writing = Promise.resolve();
  const answers: unknown[] = [];
  const asked: number[] = [];
  const slot = async (s: number) => {
    await sleep(s * (engine.startGap ?? 0));
    while (next < resources) {
      const i = next++;
      answers[i] = await inRead(() => {
        asked[i] = performance.now();
        return batcher.get({ method: "GET", path: `/chats/${i}` }).then((r) => r.data);
      });
      const write = writing.then(() => sleep(engine.checkpoint(writes++)));
      writing = write;
      await write;
    }
  };
  const done = Promise.all(Array.from({ length: engine.parallel }, (_, s) => slot(s)));
  await vi.runAllTimersAsync();
  await done;
  return { answers, asked };
}

/** The same pseudo-random numbers on every run, in [lo, hi). */
function jitter(lo: number, hi: number, seed = 12): (n: number) => number {
  const values: number[] = [];
  let x = seed;
  return (n) => {
    while (values.length <= n) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      values.push(lo + ((hi - lo) * x) / 2 ** 31);
    }
    return values[n]!;
  };
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"], loopLimit: 1_000_000 });
});
afterAll(() => {
  vi.useRealTimers();
});
// Each test is a new stream of reads: what the batcher learnt of the last one is forgotten.
beforeEach(async () => {
  await vi.advanceTimersByTimeAsync(FORGET_MS + 1);
});

const R = 400;
const target = (parallel: number) => Math.ceil(R / parallel) + 1;

describe("a refresh through an engine that writes its state after every read", () => {
  const cases: [string, Engine][] = [
    ["quick checkpoints (50 ms, a small state)", { parallel: 8, checkpoint: () => 50 }],
    [
      "checkpoints as measured at 400 resources on an idle machine (40–170 ms)",
      {
        parallel: 8,
        checkpoint: jitter(40, 170),
      },
    ],
    [
      "checkpoints as measured at 400 resources on a loaded machine (80–600 ms)",
      {
        parallel: 8,
        checkpoint: jitter(80, 600),
      },
    ],
    [
      "checkpoints longer than any fixed quiet window would allow (400 ms each)",
      {
        parallel: 8,
        checkpoint: () => 400,
      },
    ],
    [
      "checkpoints that slow down from 40 to 900 ms as the machine gets busy",
      {
        parallel: 8,
        checkpoint: (n) => 40 + (860 * n) / R,
      },
    ],
    [
      "a machine that suddenly gets busy: 50 ms, then 700 ms from the 100th write on",
      {
        parallel: 8,
        checkpoint: (n) => (n < 100 ? 50 : 700),
      },
    ],
    [
      "the first reads start 10 ms apart (a loaded provider process)",
      {
        parallel: 8,
        checkpoint: jitter(40, 170),
        startGap: 10,
      },
    ],
    ["a parallelism of 4 (--parallel 4)", { parallel: 4, checkpoint: jitter(40, 170) }],
    ["a parallelism of 20", { parallel: 20, checkpoint: jitter(40, 170) }],
  ];
  it.each(cases)("%s: at most ⌈R/parallel⌉ + 1 requests, each read its own answer", async (_, engine) => {
    const { sent, batcher } = fakeGraph();
    const { answers } = await refresh(batcher, R, engine);
    expect(answers).toEqual(Array.from({ length: R }, (_, i) => ({ path: `/chats/${i}` })));
    expect(
      sent
        .flatMap((s) => s.reads)
        .sort((a, b) => a - b)
        .join(),
    ).toBe(Array.from({ length: R }, (_, i) => i).join());
    expect(sent.length).toBeLessThanOrEqual(target(engine.parallel));
  });

  it("the end of a refresh waits once, at most the longest quiet window", async () => {
    const { sent, batcher } = fakeGraph();
    const { asked } = await refresh(batcher, R + 3, { parallel: 8, checkpoint: jitter(80, 600) });
    // Full batches all along, then the last three, after one quiet window.
    expect(sent.map((s) => s.reads.length)).toEqual([...Array(R / 8).fill(8), 3]);
    const last = sent.at(-1)!;
    const newest = Math.max(...last.reads.map((i) => asked[i]!));
    expect(last.at - newest).toBeLessThanOrEqual(MAX_QUIET_MS);
  });
});

describe("a lone read", () => {
  it("with no refresh running: a plain GET, sent within GATHER_MS", async () => {
    const { sent, batcher } = fakeGraph();
    const { asked } = await refresh(batcher, 1, { parallel: 1, checkpoint: () => 10 });
    expect(sent.map((s) => [s.kind, s.reads])).toEqual([["GET", [0]]]);
    expect(sent[0]!.at - asked[0]!).toBeLessThanOrEqual(GATHER_MS);
  });

  it("right after a refresh in the same process: a plain GET, after at most the longest quiet window", async () => {
    const { sent, batcher } = fakeGraph();
    await refresh(batcher, 64, { parallel: 8, checkpoint: jitter(80, 600) });
    sent.length = 0;
    const t = performance.now();
    const answer = inRead(() => batcher.get<{ path: string }>({ method: "GET", path: "/chats/7" }));
    await vi.runAllTimersAsync();
    expect(((await answer) as GraphResponse<{ path: string }>).data).toEqual({ path: "/chats/7" });
    expect(sent.map((s) => [s.kind, s.reads])).toEqual([["GET", [7]]]);
    expect(sent[0]!.at - t).toBeLessThanOrEqual(MAX_QUIET_MS);
  });
});
