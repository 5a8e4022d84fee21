// Interruption through the real engine (scripts/soak.ts drives it, docs/interruption.md):
// - a Pulumi CLI killed with SIGKILL mid-`up` takes its provider along: no Graph request arrives after a
//   short bound, although the provider was in the middle of retrying throttled sends (it runs in a process
//   group of its own, which the kill does not reach);
// - the short soak: a fixed seed's faults over creates, updates and deletes, then one kill point and `up`
//   run again: nothing failed, duplicated, orphaned or lost.
import { type RequestLogEntry, type RunningEmulator, startEmulator } from "pulumi-msteams-emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LATE_AFTER_KILL_MS, runSoak, SoakStack, soakTable } from "../../scripts/soak";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());

it("SIGKILL of the Pulumi CLI mid-up: the provider sends nothing more and exits", async () => {
  // Every message send is throttled with a 1.5 s Retry-After: at the kill the provider is waiting to retry.
  emu.faults.add({
    kind: "status",
    method: "POST",
    path: "/messages$",
    status: 429,
    retryAfterSeconds: 1.5,
    times: 1000,
  });
  const stack = new SoakStack(emu, 6);
  try {
    const throttled = (log: readonly RequestLogEntry[]) =>
      log.filter((r) => r.method === "POST" && /\/messages$/.test(r.path) && r.status === 429).length;
    const k = await stack.upKilledAt(0, "cli", (log) => throttled(log) >= 2);
    expect(k.creates).toBeGreaterThanOrEqual(1); // chats were made; their messages were being retried
    expect(throttled(emu.requests())).toBeGreaterThanOrEqual(2);
    expect(k.late).toBe(0); // no Graph request later than LATE_AFTER_KILL_MS after the kill
    expect(k.providersLeft).toBe(0);
    expect(LATE_AFTER_KILL_MS).toBeLessThanOrEqual(1000);
  } finally {
    await stack.dispose();
  }
});

it("short soak: faults (seed 7), a kill at 50% and up again: 0 failed, 0 duplicates, 0 orphans, 0 lost", {
  timeout: 400_000,
}, async () => {
  const rows = await runSoak({ resources: 10, faults: 0.1, seed: 7, kills: [50] });
  console.log(soakTable(rows));
  expect(rows.map((r) => r.phase)).toEqual([
    "faults: create",
    "faults: update",
    "faults: destroy",
    "kill at 50%",
  ]);
  for (const r of rows) {
    expect({
      phase: r.phase,
      failed: r.failed,
      duplicates: r.duplicates,
      orphans: r.orphans,
      lost: r.lost,
    }).toEqual({
      phase: r.phase,
      failed: 0,
      duplicates: 0,
      orphans: 0,
      lost: 0,
    });
    expect(r.stateEqualsGraph).toBe(true);
  }
  expect(rows[3]!.killed).toBe(true); // the up was killed mid-way, not ended by itself
  expect(rows[3]!.lateRequests).toBe(0);
  expect(rows[3]!.providersLeft).toBe(0);
});
