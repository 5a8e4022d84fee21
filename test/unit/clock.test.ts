import { describe, expect, it } from "vitest";
import { attemptStartOnGraphClock, stampedBefore } from "../../provider/graph/clock";

describe("attemptStartOnGraphClock", () => {
  const dateHeader = "Wed, 25 Nov 2026 13:00:05 GMT";
  const graphNow = Date.parse(dateHeader);

  it("is Graph's Date header less the time elapsed here since the attempt, whatever this clock says", () => {
    // This machine's wall clock is an hour off; only the monotonic difference (2.5 s) is used.
    const firstAttempt = { wall: graphNow + 3_600_000, mono: 1_000 };
    expect(attemptStartOnGraphClock(dateHeader, firstAttempt, 3_500)).toBe(graphNow - 2_500);
  });

  it("without a usable Date header, falls back to this clock with a 30 s allowance", () => {
    const firstAttempt = { wall: 1_000_000, mono: 5 };
    expect(attemptStartOnGraphClock(undefined, firstAttempt, 10)).toBe(1_000_000 - 30_000);
    expect(attemptStartOnGraphClock("not a date", firstAttempt, 10)).toBe(1_000_000 - 30_000);
  });
});

describe("stampedBefore: was the object there before the attempt reached Graph?", () => {
  const dateHeader = "Wed, 25 Nov 2026 13:00:05 GMT";
  const graphNow = Date.parse(dateHeader);
  const iso = (ms: number) => new Date(ms).toISOString();

  it("with both clocks agreeing, this machine's clock decides to the millisecond", () => {
    const attempt = { wall: graphNow + 200, mono: 1_000 };
    const reading = { attempt, dateHeader, receivedMono: 1_300 };
    expect(stampedBefore(iso(graphNow + 199), reading)).toBe(true);
    expect(stampedBefore(iso(graphNow + 200), reading)).toBe(true); // the millisecond it was sent in
    expect(stampedBefore(iso(graphNow + 201), reading)).toBe(false);
  });

  it("with this clock an hour ahead, the Date header bounds it: a chat made 2 s before is still old", () => {
    const attempt = { wall: graphNow + 3_600_000, mono: 1_000 };
    const reading = { attempt, dateHeader, receivedMono: 1_300 };
    expect(stampedBefore(iso(graphNow - 2_000), reading)).toBe(true);
    expect(stampedBefore(iso(graphNow + 500), reading)).toBe(true);
    expect(stampedBefore(iso(graphNow + 1_001), reading)).toBe(false);
  });

  it("with this clock an hour behind, a chat made during the request is not old", () => {
    const attempt = { wall: graphNow - 3_600_000, mono: 1_000 };
    const reading = { attempt, dateHeader, receivedMono: 1_300 };
    expect(stampedBefore(iso(graphNow - 100), reading)).toBe(false);
    expect(stampedBefore(iso(graphNow - 400), reading)).toBe(true);
  });

  it("without a Date header this clock is all there is; without a createdDateTime nothing is old", () => {
    const reading = { attempt: { wall: 5_000, mono: 0 }, dateHeader: undefined, receivedMono: 10 };
    expect(stampedBefore(iso(5_000), reading)).toBe(true);
    expect(stampedBefore(iso(5_001), reading)).toBe(false);
    expect(stampedBefore(undefined, reading)).toBe(false);
  });
});
