// Safe by default, over raw HTTP: the Host check (DNS rebinding), the admin token and JSON for
// state-changing /_emulator calls (cross-site requests), the nesting limit, fault-rule checks, the
// partial-body fault and deterministic operations.
import { request } from "node:https";
import { describe, expect, it } from "vitest";
import { compilePathPattern } from "../../emulator/path-pattern";
import { appBind, chatPath, groupBody, HOME_TENANT, newGroupChat, USERS, useEmulator } from "./helpers";

const { emu, raw } = useEmulator();

/** A raw request with any Host header (fetch does not let a caller choose it). */
function rawRequest(
  path: string,
  headers: Record<string, string>,
  method = "GET",
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // A rebinding attacker's page reaches this address under its own name: the certificate check is about
    // that name, not about what the emulator answers, so it is skipped here.
    const req = request(
      `${emu().url}${path}`,
      { method, headers, checkServerIdentity: () => undefined },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => {
          text += d.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const admin = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${emu().url}/_emulator${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });

describe("Host header: only the emulator's own address is answered (no DNS rebinding)", () => {
  it.each(["/_emulator/state", "/_emulator/", `/${HOME_TENANT}/oauth2/v2.0/token`, "/v1.0/users"])(
    "a foreign Host on %s → 403, nothing served",
    async (path) => {
      const r = await rawRequest(path, { host: `attacker.example:${emu().port}` });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text).error.message).toMatch(
        /Host 'attacker\.example:\d+' is not this emulator's address/,
      );
      expect(r.text).not.toContain(USERS.adele);
    },
  );

  it("the bound address and localhost on the same port are answered; another port is not", async () => {
    expect((await rawRequest("/_emulator/state", { host: `127.0.0.1:${emu().port}` })).status).toBe(200);
    expect((await rawRequest("/_emulator/state", { host: `localhost:${emu().port}` })).status).toBe(200);
    expect((await rawRequest("/_emulator/state", { host: `localhost:${emu().port + 1}` })).status).toBe(403);
  });
});

describe("state-changing /_emulator calls need the admin token and JSON", () => {
  it("a cross-site text/plain or form POST to reset is refused and changes nothing", async () => {
    await newGroupChat(raw());
    const plain = await admin(
      "POST",
      "/reset",
      { "content-type": "text/plain", origin: "https://evil.example" },
      "{}",
    );
    expect(plain.status).toBe(401);
    const form = await admin(
      "POST",
      "/reset",
      { "content-type": "application/x-www-form-urlencoded" },
      "a=1",
    );
    expect(form.status).toBe(401);
    const wrong = await admin(
      "POST",
      "/reset",
      { "content-type": "application/json", authorization: "Bearer nope" },
      {},
    );
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("Unauthorized");
    expect(emu().store.state.chats).toHaveLength(1);
  });

  it("with the token but not JSON → 415; with both → done", async () => {
    await newGroupChat(raw());
    const auth = { authorization: `Bearer ${emu().adminToken}` };
    const text = await admin("POST", "/reset", { ...auth, "content-type": "text/plain" }, "{}");
    expect(text.status).toBe(415);
    expect((await admin("DELETE", "/faults", auth)).status).toBe(415);
    expect(emu().store.state.chats).toHaveLength(1);
    expect((await admin("POST", "/reset", { ...auth, "content-type": "application/json" }, {})).status).toBe(
      204,
    );
    expect(emu().store.state.chats).toHaveLength(0);
  });

  it("reads need no token; the token differs per start", async () => {
    expect((await admin("GET", "/state", {})).status).toBe(200);
    expect((await admin("GET", "/permissions", {})).status).toBe(200);
    expect(emu().adminToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe("nesting depth", () => {
  const deep = (depth: number): unknown => {
    let v: unknown = "x";
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };

  it("a message nested 6,000 levels deep (36 KB) → 400, and the emulator answers normally afterwards", async () => {
    const id = await newGroupChat(raw());
    // Written as text: even JSON.stringify of such a value overflows a small stack.
    const nested = `${'{"a":'.repeat(6000)}"x"${"}".repeat(6000)}`;
    const res = await fetch(`${emu().url}/v1.0${chatPath(id)}/messages`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await raw().token({ user: "adele@contoso.com" })}`,
        "content-type": "application/json",
      },
      body: `{"body":{"content":"x"},"attachments":[{"id":"a","content":${nested}}]}`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /nested deeper than 64 levels/,
    );
    expect((await raw().call("GET", chatPath(id))).status).toBe(200);
    expect((await admin("GET", "/state", {})).status).toBe(200);
    expect(emu().store.state.chats[0]!.messages).toEqual([]);
  });

  it("a policyViolation 20 levels deep is stored as sent", async () => {
    const id = await newGroupChat(raw());
    const sent = await raw().call(
      "POST",
      `${chatPath(id)}/messages`,
      { body: { content: "hi" } },
      { user: "adele@contoso.com" },
    );
    const verdict = { dlpAction: "notifySender", extra: deep(20) };
    const r = await raw().call("PATCH", `${chatPath(id)}/messages/${sent.json["id"]}`, {
      policyViolation: verdict,
    });
    expect(r.status).toBe(200);
    expect(r.json["policyViolation"]).toEqual(verdict);
  });

  it("an /_emulator body nested too deep → 400", async () => {
    const r = await admin(
      "POST",
      "/faults",
      { "content-type": "application/json", authorization: `Bearer ${emu().adminToken}` },
      { kind: "drop", deep: deep(100) },
    );
    expect(r.status).toBe(400);
  });
});

describe("fault rules", () => {
  it.each([
    [{ kind: "drop", path: "^/chats/(a+)+$" }, /'\(' is not supported/],
    [{ kind: "drop", path: "^/chats/a|b" }, /'\|' is not supported/],
    [{ kind: "drop", time: 2 }, /time not known for a drop rule; its keys: kind, method, path, times/],
    [{ kind: "status", status: 503, ms: 5 }, /ms not known for a status rule/],
    [{ kind: "partialBody", bytes: -1 }, /bytes must be an integer ≥ 0/],
  ])("%j is refused with 400", async (rule, message) => {
    const r = await admin(
      "POST",
      "/faults",
      { "content-type": "application/json", authorization: `Bearer ${emu().adminToken}` },
      rule,
    );
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it("paths match like the regular expressions they look like", () => {
    const paths = [
      "/chats",
      "/chats/19:a@thread.v2/messages",
      "/users/adele",
      "/chats/x/operations/y",
      "/chatsy",
      "",
      "/chats/a*b-",
    ];
    const patterns = [
      "^/chats$",
      "/chats/[^/]+/messages$",
      "^/users/",
      "/operations/",
      "s.*y$",
      "^/c\\w+s?$",
      "x?",
      "[a-c]+",
      "\\.v2/",
      "[\\w:@.]+/messages$",
      "^/chats/[^/]*$",
      "a\\*",
      "[-a]",
    ];
    for (const p of patterns)
      for (const path of paths)
        expect([p, path, compilePathPattern(p).test(path)]).toEqual([p, path, new RegExp(p).test(path)]);
  });

  it("a pattern that backtracks catastrophically as a RegExp is answered on a long path", () => {
    // As a RegExp, ^/chats/a*a*a*a*a*a*$ on 'a'×5000 + 'b' tries ~n⁶ splits before failing; here it is linear.
    const p = compilePathPattern("^/chats/a*a*a*a*a*a*$");
    expect(p.test(`/chats/${"a".repeat(5000)}b`)).toBe(false);
    expect(p.test(`/chats/${"a".repeat(5000)}`)).toBe(true);
  });

  it("partialBody: the status, headers and part of the body arrive, then the connection drops; the change is made", async () => {
    emu().faults.add({ method: "POST", path: "^/chats$", kind: "partialBody" });
    const res = await fetch(`${emu().url}/v1.0/chats`, {
      method: "POST",
      headers: { authorization: `Bearer ${await raw().token()}`, "content-type": "application/json" },
      body: JSON.stringify(groupBody()),
    });
    expect(res.status).toBe(201);
    const length = Number(res.headers.get("content-length"));
    expect(length).toBeGreaterThan(0);
    await expect(res.text()).rejects.toThrow();
    expect(emu().store.state.chats).toHaveLength(1);
    expect(emu().requests().at(-1)).toMatchObject({ method: "POST", path: "/v1.0/chats", status: 0 });
  });
});

describe("operations that complete after N polls (deterministic)", () => {
  it("asyncOperationPolls 3: notStarted, inProgress, then succeeded; the app shows from the third poll", async () => {
    emu().configure({ asyncOperationPolls: 3 });
    const body = groupBody({
      installedApps: [{ "teamsApp@odata.bind": appBind("05F59CEC-A742-4A50-A62E-202A57E478A4") }],
    });
    const created = await raw().call("POST", "/chats", body);
    expect(created.status).toBe(202);
    const location = created.headers.get("location")!;
    const [, chatId, opId] = /^\/chats\('(.+)'\)\/operations\('(.+)'\)$/.exec(location)!;
    const poll = async () =>
      (await raw().call("GET", `/beta${chatPath(chatId!)}/operations/${opId}`)).json["status"] as string;
    const apps = async () =>
      (await raw().call("GET", `${chatPath(chatId!)}/installedApps`)).json["value"].length;
    expect(await poll()).toBe("notStarted");
    expect(await poll()).toBe("inProgress");
    expect(await apps()).toBe(0);
    expect(await poll()).toBe("succeeded");
    expect(await apps()).toBe(1);
    expect(await poll()).toBe("succeeded");
    const op = emu().store.state.operations[0]!;
    expect(op.history!.map((h) => h.status)).toEqual(["notStarted", "inProgress", "succeeded"]);
    expect(op.polls).toBe(4);
  });
});
