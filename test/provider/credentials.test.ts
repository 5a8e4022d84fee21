// Tokens as the provider gets and renews them: a refused or unreachable token endpoint is reported as
// itself (nothing reached Graph, so nothing is ambiguous), a token Graph rejects is renewed once, and a
// token close to expiry is renewed before it is used.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { call, callFor, configureProvider, graphRequests, useProviderEmulator } from "../support/provider";
import { USERS } from "../support/tenant";

const PROVIDER = { __provider: "serialized-shim" };
const WRONG = "wrong-secret-that-must-never-be-echoed";
const group = {
  chatType: "group",
  topic: "Credentials",
  members: [USERS.u8c0a, USERS.u82fe].map((user) => ({ user, roles: ["owner"] })),
  ...PROVIDER,
};
const emulator = useProviderEmulator();
const tokenRequests = (emu: RunningEmulator) => emu.requests().filter((r) => r.kind === "token");
const failure = (p: Promise<unknown>) =>
  p.then(
    () => Error("expected a failure"),
    (e: unknown) => e as Error,
  );

function expectCredentialError(err: Error, reason: RegExp): void {
  expect(err.name).toBe("CredentialError");
  expect(err.message).toMatch(/^cannot get a token for Microsoft Graph/);
  expect(err.message).toMatch(reason);
  // Not mistaken for a lost request: no network error, no "may have created the chat anyway".
  expect(err.message).not.toMatch(/NetworkError|connection failed|may have created|existingChatId/);
  expect((err as { ambiguous?: unknown }).ambiguous).toBeUndefined();
  expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(WRONG);
}

const settle = () => new Promise((r) => setTimeout(r, 50));

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a token that cannot be had is reported as itself", () => {
  it.each([
    ["a wrong client secret", { kind: "app", secret: WRONG } as const, {}, /invalid_client AADSTS7000215/],
    [
      "a wrong password (delegated)",
      { kind: "user", username: "adele@contoso.com" } as const,
      { "msteams:password": WRONG },
      /and user adele@contoso\.com: invalid_grant AADSTS50126/,
    ],
  ])(
    "%s on Chat create: the refusal, not ambiguous, nothing sent to Graph",
    async (_n, who, extra, reason) => {
      configureProvider(emulator(), who, extra);
      const err = await failure(call("create", group));
      expectCredentialError(err, reason);
      expect(graphRequests(emulator())).toEqual([]);
      expect(tokenRequests(emulator()).map((r) => r.status)).toEqual([who.kind === "app" ? 401 : 400]);
    },
  );

  it("a wrong client secret on Chat read: the refusal, and no Graph request", async () => {
    const { id, outs } = await call<{ id: string; outs: object }>("create", group);
    configureProvider(emulator(), { kind: "app", secret: WRONG });
    emulator().clearRequests();
    const err = await failure(call("read", id, { ...outs, ...PROVIDER }));
    expectCredentialError(
      err,
      /clientSecret credential at https:\/\/127\.0\.0\.1:\d+ for client .*: invalid_client AADSTS7000215: Invalid client secret.*; check msteams:clientSecret$/,
    );
    expect(graphRequests(emulator())).toEqual([]);
  });

  it("an unreachable token endpoint on Chat and ChatMessage create: the reason, not a Graph network error", async () => {
    configureProvider(
      emulator(),
      { kind: "app", secret: WRONG },
      {
        "msteams:authorityHost": `https://127.0.0.1:${await closedPort()}`,
      },
    );
    expectCredentialError(
      await failure(call("create", group)),
      /endpoints_resolution_error: .*could not be read.*check msteams:authorityHost/,
    );
    expectCredentialError(
      await failure(
        callFor("ChatMessage")("create", {
          chatId: "19:0123456789abcdef0123456789abcdef@thread.v2",
          body: { content: "hello" },
          ...PROVIDER,
        }),
      ),
      /clientSecret credential at https:\/\/127\.0\.0\.1:\d+ .*endpoints_resolution_error/,
    );
    expect(emulator().requests()).toEqual([]);
  });
});

describe("token renewal", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it("a cached token Graph no longer accepts (emulator restarted: new signing key) is renewed once, and the read succeeds", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msteams-credentials-"));
    const statePath = join(dir, "tenant.json");
    let emu = await startEmulator({ port: 0, statePath });
    try {
      configureProvider(emu);
      const { id, outs } = await call<{ id: string; outs: object }>("create", group);
      await emu.close();
      // Lets the provider's keep-alive sockets see the close; one still open would only cost a retried GET.
      await new Promise((r) => setTimeout(r, 100));
      emu = await startEmulator({ port: emu.port, statePath });
      const r = await call<{ id: string; props: { topic: string } }>("read", id, { ...outs, ...PROVIDER });
      expect(r).toMatchObject({ id, props: { topic: "Credentials" } });
      expect(emu.requests().map((x) => `${x.kind} ${x.method} ${x.status}`)).toEqual([
        "graph GET 401",
        "token POST 200",
        "graph GET 200",
      ]);
    } finally {
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a 401 after the renewal is reported, without a second renewal", async () => {
    const { id, outs } = await call<{ id: string; outs: object }>("create", group);
    emulator().clearRequests();
    emulator().faults.add({ method: "GET", kind: "status", status: 401, times: 2 });
    const err = await failure(call("read", id, { ...outs, ...PROVIDER }));
    expect(err.message).toMatch(/401 InvalidAuthenticationToken/);
    await settle(); // the emulator logs an answer once its socket is done, just after the client has it
    expect(
      emulator()
        .requests()
        .map((x) => `${x.kind} ${x.status}`),
    ).toEqual(["graph 401", "token 200", "graph 401"]);
  });

  it("one token serves many requests, and a token about to expire is renewed before it is used", async () => {
    const { id, outs } = await call<{ id: string; outs: object }>("create", group);
    const state = { ...outs, ...PROVIDER };
    emulator().clearRequests();
    await call("read", id, state);
    await call("read", id, state);
    expect(
      emulator()
        .requests()
        .map((x) => `${x.kind} ${x.status}`),
    ).toEqual(["graph 200", "graph 200"]);
    // 58 minutes later (provider, MSAL and emulator share the clock): the 60-minute token has 2 minutes
    // left, inside the 5-minute margin of the provider (and of MSAL's cache) but still valid for Graph.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 58 * 60_000);
    emulator().clearRequests();
    await call("read", id, state);
    expect(
      emulator()
        .requests()
        .map((x) => `${x.kind} ${x.status}`),
    ).toEqual(["token 200", "graph 200"]);
  });
});
