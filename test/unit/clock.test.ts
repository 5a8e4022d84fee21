import { describe, expect, it } from "vitest";
import { attemptStartOnGraphClock } from "../../provider/graph/clock";

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
