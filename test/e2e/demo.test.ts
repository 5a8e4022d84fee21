// The README's first command, `npm run demo` (here: its compiled script, as `npm run demo` runs it after
// the build), twice in a row: the first run creates the quickstart, the second finds it all in place.
// It gets its own state folder and stack name, so a developer's own demo state is left alone.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";

const repo = resolve(__dirname, "..", "..");
const stateDir = mkdtempSync(join(tmpdir(), "msteams-demo-"));
const stack = `e2e-demo-${process.pid}`;
afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(join(repo, `Pulumi.${stack}.yaml`), { force: true });
});

function demo(): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [join(repo, "dist", "scripts", "demo.js")], {
    cwd: repo,
    env: { ...process.env, MSTEAMS_DEMO_STATE_DIR: stateDir, MSTEAMS_DEMO_STACK: stack },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((r) => child.on("close", (code) => r({ code, out })));
}

it("the demo creates the quickstart, previews no changes, shows the tenant; a second run changes nothing", async () => {
  const first = await demo();
  expect(first.code, first.out).toBe(0);
  expect(first.out).toContain('pulumi up: {"create":6}');
  expect(first.out).toContain("pulumi preview: no changes");
  expect(first.out).toContain('sameChatAdopted: {"adopted":true,"sameId":true}');
  expect(first.out).toMatch(/group\s+"Product launch"/);
  expect(first.out).toContain("members: Adele Vance, Patti Fernandez, Jacob Hancock");
  expect(first.out).toContain("apps: Polls");
  expect(first.out).toContain("message from Adele Vance: Welcome to the launch team, Patti!");
  expect(first.out).toMatch(/operation \S+: succeeded/);

  const second = await demo();
  expect(second.code, second.out).toBe(0);
  expect(second.out).toContain('pulumi up: {"same":6}');
  expect(second.out).toContain("pulumi preview: no changes");
});
