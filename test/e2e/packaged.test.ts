// The journey of a new user, outside this repository: the two packages are packed, installed from their
// tarballs into a fresh project in the temp folder, the emulator is started from its installed executable,
// the stack is configured with exactly the lines the emulator prints, and a TypeScript program written here
// runs through the real engine: preview, up, a preview with no changes and no Graph request, destroy.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = resolve(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "msteams-own-project-"));
const project = join(work, "teams-chats");
const stateDir = join(work, "state");
const bin = process.env["PULUMI_BIN_DIR"] ?? "";
// What a user's shell has: the pulumi CLI on PATH, a local backend, a passphrase for secrets.
const env: Record<string, string | undefined> = {
  ...process.env,
  PATH: `${bin}:${process.env["PATH"]}`,
  PULUMI_BACKEND_URL: `file://${stateDir}`,
  PULUMI_CONFIG_PASSPHRASE: "own-project-passphrase",
  PULUMI_HOME: join(work, "pulumi-home"),
  PULUMI_SKIP_UPDATE_CHECK: "true",
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  // A user's shell trusts no emulator yet: the lines the emulator prints say how.
  NODE_EXTRA_CA_CERTS: undefined,
};

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Chat, ChatAppInstallation, ChatMessage } from "pulumi-msteams";

const team = new Chat("team", {
  chatType: "group",
  topic: "Own project",
  members: [
    { user: "adele@contoso.com" },
    { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d" },
    { user: "jacob@contoso.com" },
  ],
});

new ChatMessage("welcome", {
  chatId: team.id,
  body: { contentType: "html", content: 'Welcome, <at id="0">Patti</at>!' },
  mentions: [
    {
      id: 0,
      mentionText: "Patti",
      mentioned: { user: { id: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d", displayName: "Patti Fernandez" } },
    },
  ],
});

const polls = new ChatAppInstallation("polls", {
  chatId: team.id,
  teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4",
});

// Typed as they really are: a member's resolved id and the app's definition.
export const chatId: pulumi.Output<string> = team.id;
export const memberIds = team.members.apply((ms) => ms.map((m) => m.userId ?? ""));
export const appVersion = polls.teamsAppDefinition.apply((d) => d?.version ?? null);
`;

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
}

let emulator: ChildProcess | undefined;
let emulatorBanner = "";
let url = "";
let adminToken = "";
const packed: Record<string, Packed> = {};

const sh = (cmd: string, args: string[], cwd = project) =>
  execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function engine(command: string, extra: string[] = []) {
  const out = sh(process.execPath, [
    join(repo, "dist", "engine", "cli.js"),
    command,
    "--dir",
    project,
    "--stack",
    "dev",
    "--state-dir",
    stateDir,
    "--keep-config",
    "--json",
    ...extra,
  ]);
  return JSON.parse(out.trim().split("\n").pop()!) as {
    summary: Record<string, number>;
    outputs: Record<string, unknown>;
  };
}

/** Starts the installed emulator on an ephemeral port; resolves with its banner once it is listening. */
function startInstalledEmulator(): Promise<string> {
  const exe = join(project, "node_modules", ".bin", "pulumi-msteams-emulator");
  emulator = spawn(exe, ["--port", "0"], { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolveStart, reject) => {
    let out = "";
    emulator!.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ctrl+C")) resolveStart(out);
    });
    emulator!.on("exit", (code) => reject(new Error(`the emulator exited (${code}): ${out}`)));
  });
}

/** The config lines the banner prints for the signed-in user (the block before "or as the app itself"). */
function delegatedLines(banner: string): string[] {
  const block = banner.split("or as the app itself")[0]!;
  return block
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("pulumi config set") || l.startsWith("printf ") || l.startsWith("export "));
}

/** One request on its own connection (the emulator is a separate process, idle sockets may be closed). */
function inspect<T>(method: string, path: string): Promise<T> {
  return new Promise((resolveReq, reject) => {
    // State-changing calls need the admin token the banner prints, and JSON.
    const admin =
      method === "GET" ? {} : { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
    const req = request(`${url}/_emulator${path}`, { method, agent: false, headers: admin }, (res) => {
      if ((res.statusCode ?? 0) >= 400) reject(new Error(`${method} /_emulator${path}: ${res.statusCode}`));
      let body = "";
      res.on("data", (d: Buffer) => {
        body += d.toString();
      });
      res.on("end", () => resolveReq((body ? JSON.parse(body) : undefined) as T));
    });
    req.on("error", reject);
    req.end();
  });
}

const graphRequests = async () =>
  (await inspect<{ kind: string }[]>("GET", "/requests")).filter((r) => r.kind === "graph");

describe("in a project of one's own, outside the repository", () => {
  beforeAll(async () => {
    mkdirSync(project, { recursive: true });
    mkdirSync(stateDir, { recursive: true });
    const list = JSON.parse(
      execFileSync(
        "npm",
        ["pack", "-w", "provider", "-w", "emulator", "--pack-destination", work, "--json"],
        {
          cwd: repo,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      ),
    ) as (Packed & { name: string })[];
    for (const p of list) packed[p.name] = p;
    for (const p of list)
      console.log(
        `${p.name}: ${p.filename} ${p.size} bytes packed, ${p.unpackedSize} unpacked, ${p.entryCount} files`,
      );
    const rootPkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({
        name: "teams-chats",
        private: true,
        dependencies: {
          "@pulumi/pulumi": rootPkg.devDependencies["@pulumi/pulumi"],
          "pulumi-msteams": `file:${join(work, packed["pulumi-msteams"]!.filename)}`,
        },
        devDependencies: {
          "pulumi-msteams-emulator": `file:${join(work, packed["pulumi-msteams-emulator"]!.filename)}`,
          "@types/node": rootPkg.devDependencies["@types/node"],
          "ts-node": rootPkg.devDependencies["ts-node"],
          typescript: rootPkg.devDependencies["typescript"],
        },
      }),
    );
    writeFileSync(join(project, "Pulumi.yaml"), "name: teams-chats\nruntime: nodejs\nmain: index.ts\n");
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, target: "ES2022", module: "commonjs", esModuleInterop: true },
        files: ["index.ts"],
      }),
    );
    writeFileSync(join(project, "index.ts"), PROGRAM);
    sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"]);
    emulatorBanner = await startInstalledEmulator();
    url = /emulator on (\S+)/.exec(emulatorBanner)![1]!;
    adminToken = /admin token .*: (\S+)$/m.exec(emulatorBanner)![1]!;
  }, 300_000);

  afterAll(() => {
    emulator?.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  });

  it("installs a provider package without any server framework, and an emulator with an executable", () => {
    const tree = JSON.parse(sh("npm", ["ls", "--all", "--json", "--omit=dev"])) as Tree;
    const provider = tree.dependencies?.["pulumi-msteams"];
    expect(provider).toBeDefined();
    const names = allNames(provider!);
    for (const server of ["express", "fastify", "koa", "@hapi/hapi", "connect", "body-parser", "yaml"])
      expect(names).not.toContain(server);
    console.log(`pulumi-msteams installs ${names.size} runtime packages`);
    expect(packed["pulumi-msteams"]!.entryCount).toBeGreaterThan(0);
    // The program's types come from the installed package: a strict type check of it passes.
    expect(() => sh(join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."])).not.toThrow();
  });

  it("configures the stack from the emulator's lines, then preview, up, a quiet preview and destroy", async () => {
    sh(join(bin, "pulumi"), ["stack", "init", "dev", "--non-interactive"]);
    const lines = delegatedLines(emulatorBanner);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    sh("bash", ["-euo", "pipefail", "-c", lines.join("\n")]);
    // The export line holds for the shell the user runs pulumi from: here, every later command.
    for (const l of lines) {
      const m = /^export (\w+)=(\S+)$/.exec(l);
      if (m) env[m[1]!] = m[2]!;
    }
    expect(env["NODE_EXTRA_CA_CERTS"]).toBeTruthy();
    const stackFile = readFileSync(join(project, "Pulumi.dev.yaml"), "utf8");
    expect(stackFile).toContain("msteams:username");
    expect(stackFile).not.toContain("password: emulator"); // stored encrypted

    const preview = engine("preview");
    expect(preview.summary["create"]).toBe(4); // the stack and three resources

    const up = engine("up");
    expect(up.summary["create"]).toBe(4);
    expect(String(up.outputs["chatId"])).toMatch(/@thread\.v2$/);
    expect(up.outputs["memberIds"]).toContain("82af01c5-f7cc-4a2e-a728-3a5df21afd9d");
    expect(up.outputs["appVersion"]).toBeTruthy();

    await inspect("DELETE", "/requests");
    const quiet = engine("preview", ["--expect-no-changes"]);
    expect(quiet.summary).toEqual({ same: 4 });
    expect(await graphRequests()).toEqual([]);

    const destroyed = engine("destroy");
    expect(destroyed.summary["delete"]).toBe(4);
    // A group chat this stack created is (soft-)deleted in Teams.
    const state = await inspect<{ chats: { id: string }[]; deletedChats: { id: string }[] }>("GET", "/state");
    expect(state.chats.map((c) => c.id)).not.toContain(up.outputs["chatId"]);
    expect(state.deletedChats.map((c) => c.id)).toContain(up.outputs["chatId"]);
  });
});

interface Tree {
  dependencies?: Record<string, Tree>;
}

/** Every package below `t`, except the peer @pulumi/pulumi (the user's own) and what it brings. */
function allNames(t: Tree, into = new Set<string>()): Set<string> {
  for (const [name, sub] of Object.entries(t.dependencies ?? {})) {
    if (name === "@pulumi/pulumi") continue;
    into.add(name);
    allNames(sub, into);
  }
  return into;
}
