import { describe, expect, it } from "vitest";
import { OperationError } from "../../provider/errors";
import { type PollStep, poll } from "../../provider/graph/poller";

/** A fake clock: sleep() records the delay and advances time, so nothing really waits. */
function clock() {
  let t = 0;
  const delays: number[] = [];
  return {
    delays,
    now: () => t,
    sleep: async (ms: number) => {
      delays.push(ms);
      t += ms;
    },
  };
}

const notYet = (status = "inProgress", retryAfterMs?: number): PollStep<string> => ({
  done: false,
  status,
  retryAfterMs,
});

describe("poller", () => {
  it("backs off exponentially from the first delay to the cap", async () => {
    const c = clock();
    let n = 0;
    const r = await poll(async () => (++n < 7 ? notYet() : { done: true, value: "ok" }), {
      what: "op",
      timeoutMs: 600_000,
      initialDelayMs: 1000,
      maxDelayMs: 8000,
      sleep: c.sleep,
      now: c.now,
    });
    expect(r).toEqual({ value: "ok", probes: 7 });
    expect(c.delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it("honours Retry-After instead of its own schedule", async () => {
    const c = clock();
    let n = 0;
    await poll(
      async () =>
        ++n === 1 ? notYet("inProgress", 15_000) : n === 2 ? notYet() : { done: true, value: "1" },
      {
        what: "op",
        timeoutMs: 600_000,
        initialDelayMs: 500,
        maxDelayMs: 30_000,
        sleep: c.sleep,
        now: c.now,
      },
    );
    expect(c.delays).toEqual([500, 15_000, 30_000]);
  });

  it("times out with the operation and its last status in the message", async () => {
    const c = clock();
    const p = poll(async () => notYet("notStarted"), {
      what: "chat creation",
      operationId: "op-1",
      timeoutMs: 10_000,
      initialDelayMs: 1000,
      maxDelayMs: 4000,
      sleep: c.sleep,
      now: c.now,
    });
    await expect(p).rejects.toThrow(OperationError);
    await expect(p).rejects.toThrow(/timed out after 10s waiting for chat creation; last status: notStarted/);
    // Never sleeps past the deadline: 1+2+4+3 seconds, then one last probe.
    expect(c.delays).toEqual([1000, 2000, 4000, 3000]);
  });

  it("passes a failure thrown by the probe through untouched", async () => {
    const c = clock();
    const p = poll(
      async () => {
        throw new OperationError("operation failed: app not found", "op-2", "failed");
      },
      { what: "op", timeoutMs: 1000, initialDelayMs: 10, maxDelayMs: 10, sleep: c.sleep, now: c.now },
    );
    await expect(p).rejects.toThrow(/app not found/);
  });
});
