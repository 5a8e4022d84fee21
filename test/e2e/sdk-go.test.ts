// The generated Go SDK (sdk/go) through the msteams plugin installed offline from its archive: the Go
// program of test/sdk/go, run inline by the Go Automation API (no Go language host can be built here;
// the CLI and engine are the real ones), goes up, previews with no change and is destroyed, against the
// emulator.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGoProgram, buildGoSdk } from "../sdk/go-build";
import { USERS } from "../support/tenant";
import { useEmulator } from "./harness";
import { emulatorConfig, PulumiHome, packPlugin } from "./plugin-harness";

const emulator = useEmulator({ asyncOperationMs: 300 });
const work = mkdtempSync(join(tmpdir(), "msteams-sdk-go-e2e-"));
let home: PulumiHome;
let program: string;

beforeAll(async () => {
  home = new PulumiHome();
  const [installed] = await Promise.all([
    packPlugin().then((archive) => home.install(archive)),
    buildGoSdk(work).then(() => {}),
  ]);
  if (installed.code !== 0) throw new Error(`plugin install failed:\n${installed.stderr}`);
  program = await buildGoProgram(work, "program-inline", ["inline"]);
}, 600_000);
afterAll(() => {
  home?.dispose();
  rmSync(work, { recursive: true, force: true });
});

interface Report {
  up: Record<string, number>;
  outputs: Record<string, unknown>;
  preview: Record<string, number>;
  destroy: Record<string, number>;
}

/** Runs the inline program (up, preview, destroy); its report, or its output as the failure. */
function runInline(): Promise<Report> {
  const { config, secrets } = emulatorConfig(emulator());
  return new Promise((done, fail) => {
    const child = spawn(program, [], {
      cwd: work,
      env: {
        ...home.env,
        PULUMI_BIN_DIR: process.env["PULUMI_BIN_DIR"]!,
        MSTEAMS_E2E_BACKEND: join(work, "state"),
        MSTEAMS_E2E_STACK: "sdk-go",
        MSTEAMS_E2E_CONFIG: JSON.stringify(config),
        // The one secret stays in the environment, where the plugin reads it (msteams:password's variable).
        MSTEAMS_PASSWORD: secrets["msteams:password"]!,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let log = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      log += d.toString();
    });
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0
        ? done(JSON.parse(out.trim().split("\n").pop()!) as Report)
        : fail(new Error(`the Go program exited ${code}:\n${out}\n${log}`)),
    );
  });
}

describe("a Go program on the generated Go SDK, through the installed plugin", () => {
  it("up creates the chat, the message and the installation; preview shows no change; destroy deletes", async () => {
    mkdirSync(join(work, "state"), { recursive: true });
    const report = await runInline();
    expect(report.up).toEqual({ create: 4 }); // the stack and the three resources
    expect(report.preview).toEqual({ same: 4 });
    expect(report.destroy).toEqual({ delete: 4 });
    expect(report.outputs["topic"]).toBe("Package SDK");
    expect(String(report.outputs["messageId"])).toMatch(/^\d+$/);
    expect(String(report.outputs["installationId"])).not.toBe("");

    // What the emulator holds: the chat as the Go program declared it, deleted by destroy.
    const chat = emulator().store.state.chats.find((c) => c.id === report.outputs["chatId"]);
    expect(chat?.topic).toBe("Package SDK");
    expect(chat?.members.map((m) => m.userId).sort()).toEqual([USERS.adele, USERS.u8c0a, USERS.u82fe].sort());
    expect(chat?.messages.map((m) => m.body.content)).toEqual(["Hello from the generated SDK"]);
    // destroy uninstalled the app before it deleted the chat: the installation shows in the request log.
    const installs = emulator()
      .requests()
      .filter((r) => r.method === "POST" && r.path.endsWith("/installedApps"));
    expect(installs.map((r) => r.status)).toEqual([201]);
    expect(chat?.deletedDateTime).toBeTruthy();
  }, 300_000);
});
