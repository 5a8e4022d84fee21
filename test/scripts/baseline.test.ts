// scripts/baseline.ts, the imperative baseline the benchmark compares against: Microsoft's Graph client
// doing the same creates, reads and deletes against the emulator. The client sends its token only to
// https:// URLs; the emulator serves HTTPS with the suite's CA (test/global-setup.ts), which the script is
// told to trust with --ca.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Raw, USERS, useEmulator } from "../emulator/helpers";

const SCRIPT = join(__dirname, "..", "..", "dist", "scripts", "baseline.js");
const { emu } = useEmulator();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "msteams-baseline-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function baseline(
  args: string[],
  token?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env, ...(token ? { GRAPH_ACCESS_TOKEN: token } : {}) };
  if (!token) delete env["GRAPH_ACCESS_TOKEN"];
  const child = spawn(process.execPath, [SCRIPT, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

describe("scripts/baseline (Microsoft's Graph client)", () => {
  it("creates N group chats with one message each, then reads and deletes them, one request each", async () => {
    const token = await new Raw(emu()).token({ user: "adele@contoso.com" });
    const ids = join(dir, "ids.json");
    const members = [USERS.adele, USERS.u82af, USERS.u8c0a].join(",");
    const ca = process.env["MSTEAMS_EMULATOR_TLS_CA"]!;
    const common = ["--url", emu().url, "--ca", ca, "--ids", ids, "--concurrency", "2"];
    const created = await baseline(["create", ...common, "--members", members, "--count", "3"], token);
    expect(created.err).toBe("");
    expect(JSON.parse(created.out)).toMatchObject({ op: "create", chats: 3, messages: 3 });
    const chats = JSON.parse(readFileSync(ids, "utf8")) as string[];
    expect(chats.map((id) => emu().store.chat(id).topic).sort()).toEqual([
      "Baseline 1",
      "Baseline 2",
      "Baseline 3",
    ]);
    const sent = (m: string, p: RegExp) =>
      emu()
        .requests()
        .filter((r) => r.kind === "graph" && r.method === m && p.test(r.path));
    expect(sent("POST", /^\/v1\.0\/chats$/).map((r) => r.status)).toEqual([201, 201, 201]);
    expect(sent("POST", /\/messages$/).map((r) => r.status)).toEqual([201, 201, 201]);

    expect((await baseline(["read", ...common], token)).code).toBe(0);
    expect(sent("GET", /^\/v1\.0\/chats\/[^/]+$/)).toHaveLength(3);
    expect((await baseline(["delete", ...common], token)).code).toBe(0);
    expect(sent("DELETE", /^\/v1\.0\/chats\/[^/]+$/).map((r) => r.status)).toEqual([204, 204, 204]);
  });

  it("refuses an http:// URL (the client would send no token) and a missing token, before any request", async () => {
    const http = await baseline(["read", "--url", emu().url.replace("https:", "http:"), "--ids", "x"], "t");
    expect(http.code).toBe(1);
    expect(http.err).toMatch(/--url must be https:\/\/ \(the Graph client sends no token to http: URLs\)/);
    const none = await baseline(["read", "--url", emu().url, "--ids", "x"]);
    expect(none.err).toMatch(/set GRAPH_ACCESS_TOKEN/);
    expect(
      emu()
        .requests()
        .filter((r) => r.kind === "graph"),
    ).toEqual([]);
  });
});
