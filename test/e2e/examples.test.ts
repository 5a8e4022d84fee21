// Every example is a valid program: the real engine previews it against the emulator (check runs for
// each resource; preview makes no Graph call, so this also shows the examples need no tenant to preview).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { Stack, useEmulator } from "./harness";

const examplesDir = join(__dirname, "..", "..", "examples");
const examples = readdirSync(examplesDir).filter((d) => statSync(join(examplesDir, d)).isDirectory());
/** Sending messages needs a signed-in user; importing needs the application token. */
const delegated = new Set(["chat-welcome-message"]);
const extraConfig: Record<string, Record<string, string>> = {
  "message-import": { "msteams-message-import:chatId": "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2" },
};

const emulator = useEmulator();

it("there is an example for every scenario", () => {
  expect(examples.length).toBeGreaterThanOrEqual(10);
});

it.each(examples)("examples/%s previews cleanly", async (name) => {
  const s = new Stack(`examples/${name}`, emulator(), delegated.has(name) ? "adele" : "app");
  const r = await s.ok("preview", extraConfig[name] ?? {});
  expect(r.summary["create"]).toBeGreaterThan(0);
  expect(
    emulator()
      .requests()
      .filter((x) => x.kind === "graph"),
  ).toEqual([]);
});
