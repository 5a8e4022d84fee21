import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { describe, expect, it } from "vitest";
import { TokenProvider } from "../../provider/auth";

/** A credential that hands out numbered tokens of a given lifetime on a clock the test moves. */
function fake(lifetimeMs: number) {
  const clock = { now: 0 };
  let issued = 0;
  const credential: TokenCredential = {
    getToken: async (): Promise<AccessToken> => ({
      token: `token-${++issued}`,
      expiresOnTimestamp: clock.now + lifetimeMs,
    }),
  };
  const tokens = new TokenProvider(credential, "https://graph.microsoft.com/.default", () => clock.now);
  return { clock, tokens, issued: () => issued };
}

describe("TokenProvider", () => {
  it("reuses an hour-long token until five minutes before it expires", async () => {
    const { clock, tokens, issued } = fake(60 * 60_000);
    await tokens.get();
    clock.now = 54 * 60_000;
    expect((await tokens.get()).token).toBe("token-1");
    clock.now = 55 * 60_000;
    expect((await tokens.get()).token).toBe("token-2");
    expect(issued()).toBe(2);
  });

  it("reuses a two-minute token for half its life instead of fetching one per call", async () => {
    const { clock, tokens, issued } = fake(2 * 60_000);
    for (let t = 0; t < 60_000; t += 10_000) {
      clock.now = t;
      expect((await tokens.get()).token).toBe("token-1");
    }
    clock.now = 60_000;
    expect((await tokens.get()).token).toBe("token-2");
    expect(issued()).toBe(2);
  });

  it("is single-flight: concurrent callers share one fetch", async () => {
    const { tokens, issued } = fake(60 * 60_000);
    await Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    expect(issued()).toBe(1);
  });
});
