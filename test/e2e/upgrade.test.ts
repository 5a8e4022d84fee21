// An upgrade of the package under an existing stack: state written before the provider text (its provider a serialized
// closure in each resource's inputs and outputs) is previewed, refreshed, updated and destroyed by this
// release, whose resources store a line of provider text instead (docs/scale.md).
import { describe, expect, it } from "vitest";
import { changes, graphCalls, Stack, useEmulator } from "./harness";

const emulator = useEmulator({ asyncOperationMs: 300 });

type Resource = { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
const chatOf = async (s: Stack) =>
  ((await s.ok("export")).deployment as { resources: Resource[] }).resources.find((r) =>
    r.type.endsWith(":Chat"),
  )!;
const OLD = { "e2e:provider": "closure" };

describe("state written with the serialized closure, under this release", () => {
  it("no change on preview, the old provider still refreshes, the first update stores the new text, destroy works", async () => {
    const s = new Stack("upgrade", emulator());
    const up = await s.ok("up", OLD);
    const chatId = up.outputs["chatId"] as string;
    const before = await chatOf(s);
    expect(before.outputs?.["__provider"]).toMatch(/function __f\d/); // the earlier serialized closure

    // The upgrade: the same program through this release's Chat class.
    expect(changes((await s.ok("preview")).summary)).toEqual({});
    emulator().clearRequests();
    expect(changes((await s.ok("up")).summary)).toEqual({});
    expect(graphCalls(emulator())).toEqual([]);
    const same = await chatOf(s);
    expect(same.inputs?.["__provider"]).toBe(
      'exports.handler=()=>require("pulumi-msteams/runtime").shim("Chat")',
    );
    // A step with no change keeps the outputs: refresh runs the closure stored there.
    expect(same.outputs?.["__provider"]).toBe(before.outputs?.["__provider"]);
    expect(changes((await s.ok("refresh")).summary)).toEqual({});

    const renamed = await s.ok("up", { "e2e:topic": "Upgraded" });
    expect(changes(renamed.summary)).toEqual({ update: 1 });
    const after = await chatOf(s);
    expect(after.outputs?.["__provider"]).toBe(same.inputs?.["__provider"]);
    expect(after.outputs?.["topic"]).toBe("Upgraded");
    expect(emulator().store.state.chats.find((c) => c.id === chatId)?.topic).toBe("Upgraded");

    await s.ok("destroy", { "e2e:topic": "Upgraded" });
    expect(emulator().store.state.chats.find((c) => c.id === chatId)?.deletedDateTime).toBeTruthy();
  });
});
