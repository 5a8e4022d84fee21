import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS, retryAfterMs, retryDelayMs, shouldRetry } from "../../provider/graph/retry";

describe("retry policy", () => {
  it("retries 429 for every request: Graph did not process it", () => {
    expect(shouldRetry({ status: 429, idempotent: false })).toBe(true);
    expect(shouldRetry({ status: 429, idempotent: true })).toBe(true);
  });
  it("retries 5xx and dropped connections only when repeating cannot duplicate work", () => {
    for (const status of [500, 502, 503, 504, undefined]) {
      expect(shouldRetry({ status, idempotent: true })).toBe(true);
      expect(shouldRetry({ status, idempotent: false })).toBe(false);
    }
  });
  it("never retries client errors", () => {
    for (const status of [400, 401, 403, 404, 409])
      expect(shouldRetry({ status, idempotent: true })).toBe(false);
  });
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
  });
  it("uses Retry-After when given, else capped exponential backoff with jitter", () => {
    expect(retryDelayMs(1, 7000)).toBe(7000);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(3, undefined, () => 0)).toBe(2000);
    expect(retryDelayMs(3, undefined, () => 1)).toBe(2400);
    expect(retryDelayMs(30, undefined, () => 0)).toBe(MAX_DELAY_MS);
  });
});
