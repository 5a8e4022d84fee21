// The runner (node dist/engine/cli.js) around the real engine: no limit on what export returns, and
// --parallel reaching the engine.
import { describe, expect, it } from "vitest";
import { Stack, useEmulator } from "./harness";

const emulator = useEmulator();

describe("engine runner", () => {
  it("export returns a state past 1 MiB (a pipe's buffer would stop at 1 MiB: ENOBUFS)", async () => {
    const s = new Stack("large", emulator());
    await s.ok("up");
    const deployment = (await s.ok("export")).deployment as {
      resources: { type: string; outputs?: { large?: string } }[];
    };
    const root = deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    expect(root.outputs?.large).toHaveLength(2 * 1024 * 1024);
    await s.ok("stack-rm");
  });

  it("--parallel 1 reaches the engine: the two chats are created one after the other", async () => {
    // 300 ms on every create: under the engine's default parallelism both POST /chats would overlap.
    emulator().faults.add({ kind: "latency", ms: 300, method: "POST", path: "^/chats$", times: 2 });
    const s = new Stack("chats", emulator());
    await s.ok("up", {}, {}, {}, ["--parallel", "1"]);
    const creates = emulator()
      .requests()
      .filter((r) => r.method === "POST" && r.path === "/v1.0/chats");
    expect(creates).toHaveLength(2);
    expect(Date.parse(creates[1]!.receivedAt)).toBeGreaterThanOrEqual(Date.parse(creates[0]!.at));
    const bad = await s.run("preview", {}, {}, {}, undefined, ["--parallel", "0"]);
    expect(bad.code).toBe(1);
    expect(bad.log).toMatch(/--parallel takes a whole number ≥ 1, got '0'/);
    await s.ok("destroy");
  });
});
