// --state (statePath): written atomically with a format marker, read only when it is an emulator state,
// and any other file is neither adopted nor overwritten.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import { groupBody, Raw } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "msteams-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the tenant survives a restart; the file is marked and no temporary file is left behind", async () => {
  const path = join(dir, "tenant.json");
  const emu = await startEmulator({ port: 0, statePath: path });
  expect((await new Raw(emu).call("POST", "/chats", groupBody())).status).toBe(201);
  await emu.close();
  const saved = JSON.parse(readFileSync(path, "utf8"));
  expect(saved).toMatchObject({ format: "pulumi-msteams-emulator-state", version: 1 });
  expect(readdirSync(dir)).toEqual(["tenant.json"]);
  const again = await startEmulator({ port: 0, statePath: path });
  expect(again.store.state.chats.map((c) => c.topic)).toEqual(["Team"]);
  await again.close();
});

it.each([
  ["another program's JSON with chats and operations lists", { name: "x", chats: [], operations: [] }],
  ["JSON whose chats are not chat records", { chats: [{ title: "x" }], operations: [] }],
  ["a package.json", { name: "app", version: "1.0.0" }],
])("%s is refused and left untouched", async (_name, content) => {
  const path = join(dir, "other.json");
  const text = JSON.stringify(content);
  writeFileSync(path, text);
  await expect(startEmulator({ port: 0, statePath: path })).rejects.toThrow(
    /is not an emulator state file: .*It is left as it is; give --state a new path/,
  );
  expect(readFileSync(path, "utf8")).toBe(text);
});

it("a file of an earlier emulator version (exactly chats and operations) is still read", async () => {
  const path = join(dir, "legacy.json");
  writeFileSync(path, JSON.stringify({ chats: [], operations: [] }));
  const emu = await startEmulator({ port: 0, statePath: path });
  expect(emu.store.state.chats).toEqual([]);
  await emu.close();
});
