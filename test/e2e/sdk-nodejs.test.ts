// The generated Node.js SDK (sdk/nodejs, as `npm run pack:sdk` builds it) through the msteams plugin
// installed offline from its archive, run by the engine runner (real CLI and engine; programs inline, since
// no Node.js language host can be built here): the TypeScript program of test/sdk/nodejs goes up, previews
// with no change and is destroyed. Then a stack is moved from the dynamic resources to the package by id,
// with exactly the commands of docs/packages.md, and nothing in Teams is created, changed or deleted.
import { spawn } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without types
import * as pack from "../../scripts/pack-sdk.mjs";
import { owner, Raw } from "../support/raw";
import { APP, APPS, HOME_TENANT, USERS } from "../support/tenant";
import { changes, Stack, useEmulator } from "./harness";
import { PulumiHome, packPlugin } from "./plugin-harness";

const repo = resolve(__dirname, "..", "..");
const emulator = useEmulator({ asyncOperationMs: 300 });
const work = mkdtempSync(join(tmpdir(), "msteams-sdk-e2e-"));
const liveChats = () => emulator().store.state.chats.filter((c) => !c.deletedDateTime);
// A JSON batch is a POST that carries reads: its items are logged one by one (kind batchItem).
const writes = () =>
  emulator()
    .requests()
    .filter(
      (r) =>
        (r.kind === "graph" || r.kind === "batchItem") && r.method !== "GET" && !r.path.endsWith("/$batch"),
    );
let home: PulumiHome;
let sdk: string;

/** A project folder in `work` whose node_modules hold the built SDK, @pulumi/pulumi and pulumi-msteams. */
function project(name: string): string {
  const dir = join(work, name);
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, "@pulumi-msteams"), { recursive: true });
  symlinkSync(sdk, join(modules, "@pulumi-msteams", "msteams"));
  symlinkSync(join(repo, "node_modules", "@pulumi"), join(modules, "@pulumi"));
  symlinkSync(join(repo, "node_modules", "pulumi-msteams"), join(modules, "pulumi-msteams"));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: index.js\n`);
  return dir;
}

/** The harness names programs relative to the repository. */
const stackOf = (dir: string) => new Stack(relative(repo, dir), emulator(), "adele");

/** The plugin's home for every run: the engine reads PULUMI_HOME, where the plugin is installed. */
const env = () => ({ PULUMI_HOME: home.env["PULUMI_HOME"]! });

/** The plain CLI in a project folder, against the stack's own backend (what a user types). */
function pulumi(stack: Stack, dir: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn("pulumi", [...args, "--stack", stack.name, "--non-interactive"], {
      cwd: dir,
      env: {
        ...home.env,
        PULUMI_BACKEND_URL: `file://${stack.stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: process.env["PULUMI_CONFIG_PASSPHRASE"] ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0 ? done(out) : fail(new Error(`pulumi ${args.join(" ")} exited ${code}:\n${out}`)),
    );
  });
}

beforeAll(async () => {
  sdk = pack.buildNodeSdk(work);
  home = new PulumiHome();
  const installed = await home.install(await packPlugin());
  if (installed.code !== 0) throw new Error(`plugin install failed:\n${installed.stderr}`);
}, 300_000);
afterAll(() => {
  home?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe("a TypeScript program on the generated Node.js SDK, through the installed plugin", () => {
  let dir: string;
  let stack: Stack;

  it("up creates the chat, the message and the installation", async () => {
    dir = project("sdk-nodejs");
    // The program as written in test/sdk/nodejs/index.ts (type-checked by test/sdk/sdk.test.ts), as JavaScript.
    const source = readFileSync(join(repo, "test", "sdk", "nodejs", "index.ts"), "utf8");
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(dir, "index.js"), js.outputText);
    stack = stackOf(dir);
    const up = await stack.ok("up", {}, {}, env());
    expect(changes(up.summary)).toEqual({ create: 4 }); // the stack and the three resources
    const chats = liveChats();
    expect(chats.map((c) => c.id)).toEqual([up.outputs["chatId"]]);
    expect(chats[0]!.topic).toBe("Package SDK");
    expect(chats[0]!.messages.map((m) => m.body.content)).toEqual(["Hello from the generated SDK"]);
    expect(chats[0]!.installedApps.map((a) => a.teamsAppId.toUpperCase())).toEqual([APPS.plain]);
    expect(up.outputs["topic"]).toBe("Package SDK");
    expect(up.outputs["memberIds"]).toEqual(expect.arrayContaining([USERS.u8c0a, USERS.u82fe]));
    expect(String(up.outputs["messageId"])).toMatch(/^\d+$/);
    expect(String(up.outputs["installationId"])).not.toBe("");
  });

  it("its resources are the package's types, served by the plugin's provider", async () => {
    const state = JSON.parse(await pulumi(stack, dir, ["stack", "export"])) as {
      deployment: { resources: { type: string; provider?: string; inputs?: Record<string, unknown> }[] };
    };
    const own = state.deployment.resources.filter((r) => r.type.startsWith("msteams:"));
    expect(own.map((r) => r.type).sort()).toEqual([
      "msteams:index:Chat",
      "msteams:index:ChatAppInstallation",
      "msteams:index:ChatMessage",
    ]);
    for (const r of own) {
      expect(r.provider).toMatch(/::pulumi:providers:msteams::default_0_1_0_https_/);
      expect(Object.keys(r.inputs ?? {})).not.toContain("__provider");
    }
  });

  it("a second preview shows no change and writes nothing", async () => {
    emulator().clearRequests();
    const preview = await stack.ok("preview", {}, {}, env());
    expect(changes(preview.summary)).toEqual({});
    expect(writes()).toEqual([]);
  });

  it("destroy deletes the chat", async () => {
    const down = await stack.ok("destroy", {}, {}, env());
    expect(changes(down.summary)).toEqual({ delete: 4 });
    expect(liveChats()).toEqual([]);
  });
});

describe("an explicit msteams.Provider from the Node.js SDK, its secret from secret config", () => {
  it("creates through that provider, and the state holds the secret only encrypted", async () => {
    const dir = project("sdk-provider");
    writeFileSync(
      join(dir, "index.js"),
      `const pulumi = require("@pulumi/pulumi");
const msteams = require("@pulumi-msteams/msteams");
const cfg = new pulumi.Config();
const contoso = new msteams.Provider("contoso", {
  graphUrl: cfg.require("graphUrl"),
  graphAudience: "https://graph.microsoft.com",
  authorityHost: cfg.require("graphUrl"),
  tenantId: "${HOME_TENANT}",
  clientId: "${APP.clientId}",
  clientSecret: cfg.requireSecret("clientSecret"),
  pollInitialDelayMs: 100,
});
const ops = new msteams.Chat("ops", {
  chatType: "group",
  topic: "Ops",
  members: [{ user: "${USERS.u82af}" }, { user: "${USERS.u8c0a}" }, { user: "${USERS.u82fe}" }],
}, { provider: contoso });
exports.chatId = ops.id;
`,
    );
    // The app identity: the harness also sets the msteams:* keys, which this program's provider ignores.
    const stack = new Stack(relative(repo, dir), emulator(), "app");
    emulator().clearRequests();
    const up = await stack.ok(
      "up",
      { "sdk-provider:graphUrl": emulator().url },
      { "sdk-provider:clientSecret": APP.secret },
      env(),
    );
    expect(changes(up.summary)).toEqual({ create: 3 }); // the stack, the provider and the chat
    const created = writes().find((r) => r.method === "POST" && r.path === "/v1.0/chats");
    expect(created?.identity).toMatchObject({
      kind: "application",
      appId: APP.clientId,
      tenantId: HOME_TENANT,
    });
    const exported = await pulumi(stack, dir, ["stack", "export"]);
    expect(exported).not.toContain(APP.secret);
    const state = JSON.parse(exported) as {
      deployment: {
        resources: { type: string; urn: string; provider?: string; inputs?: Record<string, unknown> }[];
      };
    };
    const provider = state.deployment.resources.find((r) => r.type === "pulumi:providers:msteams")!;
    expect(provider.urn).toMatch(/::contoso$/);
    expect(provider.inputs?.["clientSecret"]).toMatchObject({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    });
    const chat = state.deployment.resources.find((r) => r.type === "msteams:index:Chat")!;
    expect(chat.provider?.startsWith(`${provider.urn}::`)).toBe(true);
    await stack.ok(
      "destroy",
      { "sdk-provider:graphUrl": emulator().url },
      { "sdk-provider:clientSecret": APP.secret },
      env(),
    );
    expect(liveChats()).toEqual([]);
  });
});

/** The same project (name, stack config) with the YAML runtime: where `pulumi import` runs here. */
function yamlTwin(dir: string, stack: Stack): string {
  // `pulumi import` asks the project's language host which packages the program needs, and no Node.js
  // host can be built here: the YAML one (same project name, so the same stack) stands in.
  const twin = `${dir}-yaml`;
  mkdirSync(twin);
  const name = /^name: (.*)$/m.exec(readFileSync(join(dir, "Pulumi.yaml"), "utf8"))![1]!;
  writeFileSync(join(twin, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n`);
  copyFileSync(join(dir, `Pulumi.${stack.name}.yaml`), join(twin, `Pulumi.${stack.name}.yaml`));
  return twin;
}

describe("pulumi import of a chat made in Teams, then the TypeScript program that declares it", () => {
  it("the next preview shows no change, and up writes nothing", async () => {
    const made = await new Raw(emulator()).call("POST", "/chats", {
      chatType: "group",
      topic: "Made in Teams",
      members: [USERS.adele, USERS.u82af].map((id) => owner(id)),
    });
    expect(made.status).toBe(201);
    const chatId = made.json["id"] as string;
    const dir = project("sdk-import");
    writeFileSync(
      join(dir, "index.js"),
      `const msteams = require("@pulumi-msteams/msteams");
const handmade = new msteams.Chat("handmade", {
  chatType: "group",
  topic: "Made in Teams",
  members: [{ user: "${USERS.adele}" }, { user: "${USERS.u82af}" }],
});
exports.chatId = handmade.id;
`,
    );
    const stack = stackOf(dir);
    // A first preview writes the stack and its config (the import needs the provider's settings).
    expect(changes((await stack.ok("preview", {}, {}, env())).summary)).toEqual({ create: 2 });
    emulator().clearRequests();
    await pulumi(stack, yamlTwin(dir, stack), [
      "import",
      "msteams:index:Chat",
      "handmade",
      chatId,
      "--generate-code=false",
      "--protect=false",
      "--yes",
    ]);
    const preview = await stack.ok("preview", {}, {}, env());
    expect(changes(preview.summary)).toEqual({});
    const up = await stack.ok("up", {}, {}, env());
    expect(changes(up.summary)).toEqual({});
    expect(up.outputs["chatId"]).toBe(chatId);
    expect(writes()).toEqual([]);
    await stack.ok("destroy", {}, {}, env());
  });
});

describe("moving a stack from the dynamic resources to the package (docs/packages.md)", () => {
  const program = (module: string) => `const m = require("${module}");
const team = new m.Chat("team", {
  chatType: "group",
  topic: "Moving house",
  members: [{ user: "adele@contoso.com" }, { user: "${USERS.u82af}" }, { user: "${USERS.u8c0a}" }],
});
const hello = new m.ChatMessage("hello", { chatId: team.id, body: { content: "Before the move" } });
const notes = new m.ChatAppInstallation("notes", { chatId: team.id, teamsAppId: "${APPS.plain}" });
exports.chatId = team.id;
exports.messageId = hello.messageId;
exports.installationId = notes.installationId;
`;
  let dir: string;
  let stack: Stack;
  let before: Record<string, unknown>;

  it("the dynamic program goes up", async () => {
    dir = project("sdk-move");
    writeFileSync(join(dir, "index.js"), program("pulumi-msteams"));
    stack = stackOf(dir);
    const up = await stack.ok("up", {}, {}, env());
    expect(changes(up.summary)).toEqual({ create: 4 });
    before = up.outputs;
    expect(liveChats().map((c) => c.id)).toEqual([before["chatId"]]);
  });

  it("export, stack-to-package, stack import, pulumi import: the state holds the package's resources", async () => {
    emulator().clearRequests();
    await pulumi(stack, dir, ["stack", "export", "--file", "state.json"]);
    const script = join(repo, "scripts", "stack-to-package.mjs");
    const said = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, [script, "state.json", "import.json", "rest.json"], { cwd: dir });
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.on("close", (code) => (code === 0 ? done(out) : fail(new Error(`exit ${code}`))));
    });
    expect(said).toContain("import.json: 3 resources");
    await pulumi(stack, dir, ["stack", "import", "--file", "rest.json"]);
    await pulumi(stack, yamlTwin(dir, stack), [
      "import",
      "--file",
      join(dir, "import.json"),
      "--generate-code=false",
      "--protect=false",
      "--yes",
    ]);
    const after = JSON.parse(await pulumi(stack, dir, ["stack", "export"])) as {
      deployment: { resources: { type: string; id?: string }[] };
    };
    const types = after.deployment.resources.map((r) => r.type).sort();
    expect(types).toEqual([
      "msteams:index:Chat",
      "msteams:index:ChatAppInstallation",
      "msteams:index:ChatMessage",
      "pulumi:providers:msteams",
      "pulumi:pulumi:Stack",
    ]);
    const chat = after.deployment.resources.find((r) => r.type === "msteams:index:Chat");
    expect(chat?.id).toBe(before["chatId"]);
    // Only reads: the move changed nothing in Teams.
    expect(writes()).toEqual([]);
  });

  it("with the import line changed, preview shows no change; the chat is still the one from before", async () => {
    writeFileSync(join(dir, "index.js"), program("@pulumi-msteams/msteams"));
    emulator().clearRequests();
    const preview = await stack.ok("preview", {}, {}, env());
    expect(changes(preview.summary)).toEqual({});
    const up = await stack.ok("up", {}, {}, env());
    expect(changes(up.summary)).toEqual({});
    expect(up.outputs).toEqual(before);
    expect(writes()).toEqual([]);
    expect(liveChats().map((c) => c.id)).toEqual([before["chatId"]]);
  });

  it("the package now manages it: destroy deletes the chat", async () => {
    const down = await stack.ok("destroy", {}, {}, env());
    expect(changes(down.summary)).toEqual({ delete: 4 });
    expect(liveChats()).toEqual([]);
  });
});
