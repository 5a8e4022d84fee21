import { describe, expect, it } from "vitest";
import type { Ctx } from "../../provider/context";
import { chatOfPath } from "../../provider/graph/client";
import { GraphError } from "../../provider/graph/errors";
import { type OnceWrite, SEND_ATTEMPTS, sendAtMostOnce } from "../../provider/graph/once";

const ctx = {
  settings: { pollInitialDelayMs: 1, pollMaxDelayMs: 2, maxRetries: 2 },
  warn: () => {},
} as unknown as Ctx;
let n = 0;
const graphError = (status: number, ambiguous: boolean) =>
  new GraphError({
    status,
    code: status ? `Http${status}` : "NetworkError",
    message: "it failed",
    requestId: `req-${++n}`,
    clientRequestId: `client-${n}`,
    method: "POST",
    path: "/chats",
    ambiguous,
  });

/** A write whose sends fail with `failures` in turn, then succeed; `finds` answers the searches in turn. */
function write(failures: GraphError[], finds: (string | undefined)[] = []) {
  const log: string[] = [];
  const w: OnceWrite<string, string> = {
    send: async () => {
      log.push("send");
      const e = failures.shift();
      if (e) throw e;
      return "sent";
    },
    find: async () => {
      log.push("find");
      return finds.shift();
    },
    settle: { what: "it", notYet: "not yet", budgetSeconds: 0 },
    stop: (e, attempts, last) => (last ? e.explained(` (sent ${attempts} times)`) : undefined),
  };
  return { w, log };
}

describe("sendAtMostOnce", () => {
  it("sends once when the first send succeeds, and never searches", async () => {
    const { w, log } = write([]);
    expect(await sendAtMostOnce(ctx, w)).toMatchObject({ sent: "sent" });
    expect(log).toEqual(["send"]);
  });

  it("a failure with a known outcome is thrown at once: no search, no second send", async () => {
    const e = graphError(400, false);
    const { w, log } = write([e]);
    await expect(sendAtMostOnce(ctx, w)).rejects.toBe(e);
    expect(log).toEqual(["send"]);
  });

  it("after an unclear failure, what the write made is searched for and adopted instead of sending again", async () => {
    const { w, log } = write([graphError(0, true)], ["made"]);
    expect(await sendAtMostOnce(ctx, w)).toMatchObject({ found: "made" });
    expect(log).toEqual(["send", "find"]);
  });

  it("not found: sent again; after the last send the error says so and keeps Graph's status, code and ids", async () => {
    const first = graphError(503, true);
    const { w, log } = write([graphError(0, true), graphError(0, true), first]);
    const err = (await sendAtMostOnce(ctx, w).catch((e: unknown) => e)) as GraphError;
    expect(log).toEqual(["send", "find", "send", "find", "send", "find"]);
    expect(SEND_ATTEMPTS).toBe(3);
    expect(err).toMatchObject({
      name: "GraphError",
      status: 503,
      code: "Http503",
      requestId: first.requestId,
    });
    expect(err.message).toBe(`${first.message} (sent 3 times)`);
    expect(err.cause).toBe(first);
  });

  it("`unclear` decides which failures are searched for (an import's 409)", async () => {
    const { w, log } = write([graphError(409, false)], ["imported"]);
    const r = await sendAtMostOnce(ctx, { ...w, unclear: (e) => e.status === 409 });
    expect(r).toMatchObject({ found: "imported" });
    expect(log).toEqual(["send", "find"]);
  });
});

describe("sendAtMostOnce: an answer that says it is done, and writes sent again without a search", () => {
  /** A write without `find`: its repeat cannot duplicate, and Graph answers a repeat of a done write 409. */
  function refusedTwice(failures: GraphError[]) {
    const log: string[] = [];
    const w: OnceWrite<string, "there"> = {
      send: async () => {
        log.push("send");
        const e = failures.shift();
        if (e) throw e;
        return "sent";
      },
      already: (e) => (e.status === 409 ? "there" : undefined),
    };
    return { w, log };
  }

  it("a 409 to the first send is done, and not after an unclear one (someone else's)", async () => {
    const { w, log } = refusedTwice([graphError(409, false)]);
    expect(await sendAtMostOnce(ctx, w)).toMatchObject({ found: "there", sends: 1, afterUnclear: false });
    expect(log).toEqual(["send"]);
  });

  it("a 409 to the repeat of an unclear send is done after an unclear one (our lost attempt's)", async () => {
    const { w, log } = refusedTwice([graphError(503, true), graphError(409, false)]);
    expect(await sendAtMostOnce(ctx, w)).toMatchObject({ found: "there", sends: 2, afterUnclear: true });
    expect(log).toEqual(["send", "send"]);
  });

  it("without find, an unclear send is sent again; a success after it says so", async () => {
    const { w, log } = refusedTwice([graphError(0, true)]);
    expect(await sendAtMostOnce(ctx, w)).toMatchObject({ sent: "sent", sends: 2, afterUnclear: true });
    expect(log).toEqual(["send", "send"]);
  });

  it("without find or stop, the write is sent maxRetries + 1 times; the last unclear send fails saying so, keeping Graph's error", async () => {
    const last = graphError(503, true);
    const { w, log } = refusedTwice([graphError(0, true), graphError(0, true), last]);
    const err = (await sendAtMostOnce(ctx, w).catch((e: unknown) => e)) as GraphError;
    expect(log).toEqual(["send", "send", "send"]);
    expect(err).toMatchObject({ name: "GraphError", status: 503, requestId: last.requestId });
    expect(err.message).toContain("Sent 3 times");
    expect(err.cause).toBe(last);
  });

  it("a failure that is neither unclear nor `already` is thrown at once", async () => {
    const e = graphError(403, false);
    const { w, log } = refusedTwice([e]);
    await expect(sendAtMostOnce(ctx, w)).rejects.toBe(e);
    expect(log).toEqual(["send"]);
  });

  it("`already` may look something up (a member add reads the roster) before the result", async () => {
    const looked: string[] = [];
    const r = await sendAtMostOnce(ctx, {
      send: async () => {
        throw graphError(409, false);
      },
      already: async (e) => {
        looked.push(`roster after ${e.status}`);
        return "member";
      },
      find: async () => "never",
    });
    expect(r).toMatchObject({ found: "member", sends: 1, afterUnclear: false });
    expect(looked).toEqual(["roster after 409"]);
  });

  it("with find and no settle, one look per unclear send: found after the second send's loss", async () => {
    const { w, log } = write([graphError(0, true), graphError(0, true)], [undefined, "made"]);
    const { settle: _, stop: __, ...bare } = w;
    expect(await sendAtMostOnce(ctx, bare)).toMatchObject({ found: "made", sends: 2, afterUnclear: true });
    expect(log).toEqual(["send", "find", "send", "find"]);
  });
});

describe("the per-chat queue key comes from the request path", () => {
  it.each([
    ["/chats/19%3Aabc%40thread.v2", "19:abc@thread.v2"],
    ["/chats/19%3Aabc%40thread.v2/members/m1", "19:abc@thread.v2"],
    ["/chats/19%3Aabc%40thread.v2/operations/op", "19:abc@thread.v2"],
    ["/users/u1/chats/19%3Aabc%40thread.v2/messages/1/softDelete", "19:abc@thread.v2"],
    ["/me/chats/19%3Aabc%40thread.v2", "19:abc@thread.v2"],
    ["/chats", undefined],
    ["/users/u1/chats", undefined],
    ["/users/adele%40contoso.com", undefined],
  ])("%s → %s", (path, key) => {
    expect(chatOfPath(path)).toBe(key);
  });
});
