// The three resources through the msteams provider plugin, from a Pulumi YAML program run by the plain
// Pulumi CLI (no Automation API): the plugin is packed and installed offline from its archive, then
// preview, up, a preview with no changes, an update with its detailed diff, refresh after a change made
// outside Pulumi, and destroy, against the emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Raw } from "../support/raw";
import { APPS, USERS } from "../support/tenant";
import { useEmulator } from "./harness";
import { changed, emulatorConfig, PLUGIN_VERSION, PulumiHome, packPlugin, YamlStack } from "./plugin-harness";

const emulator = useEmulator({ asyncOperationMs: 300 });
const graphCalls = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "graph");
const liveChats = () => emulator().store.state.chats.filter((c) => !c.deletedDateTime);

const program = (topic: string, text: string, app: string = APPS.plain) => `
resources:
  team:
    type: msteams:index:Chat
    properties:
      chatType: group
      topic: ${topic}
      members:
        - user: adele@contoso.com
        - user: ${USERS.u82af}
        - user: ${USERS.u8c0a}
  welcome:
    type: msteams:index:ChatMessage
    properties:
      chatId: \${team.id}
      body:
        contentType: text
        content: ${text}
  polls:
    type: msteams:index:ChatAppInstallation
    properties:
      chatId: \${team.id}
      teamsAppId: ${app}
outputs:
  chatId: \${team.id}
  appVersion: \${polls.teamsAppDefinition.version}
`;

let home: PulumiHome;
let stack: YamlStack;

beforeAll(async () => {
  home = new PulumiHome();
  const installed = await home.install(await packPlugin());
  if (installed.code !== 0) throw new Error(`plugin install failed:\n${installed.stderr}`);
});
afterAll(() => home?.dispose());

describe("a Pulumi YAML program through the installed msteams plugin", () => {
  let chatId: string;

  it("the plugin installs offline from its archive, and the CLI lists it", async () => {
    const r = await new YamlStack(home, "list").pulumi(["plugin", "ls", "--json"]);
    const plugins = JSON.parse(r.stdout) as { name: string; kind: string; version: string }[];
    expect(plugins).toContainEqual(
      expect.objectContaining({ name: "msteams", kind: "resource", version: PLUGIN_VERSION }),
    );
  });

  it("preview plans the three resources without a Graph request", async () => {
    stack = new YamlStack(home, "teams-yaml");
    stack.program(program("Plugin team", "Hello from YAML"));
    const { config, secrets } = emulatorConfig(emulator());
    await stack.init(config, secrets);
    emulator().clearRequests();
    const p = await stack.preview();
    expect(p.changeSummary).toEqual({ create: 4 }); // the stack and the three resources
    expect(p.steps.map((s) => s.urn.split("::")[2]).sort()).toEqual([
      "msteams:index:Chat",
      "msteams:index:ChatAppInstallation",
      "msteams:index:ChatMessage",
      "pulumi:pulumi:Stack",
    ]);
    expect(graphCalls()).toEqual([]);
  });

  it("up creates them, and the emulator holds exactly that", async () => {
    await stack.ok(["up", "--yes"]);
    chatId = (await stack.ok(["stack", "output", "chatId"])).trim();
    const chats = liveChats();
    expect(chats.map((c) => c.id)).toEqual([chatId]);
    const team = chats[0]!;
    expect(team.topic).toBe("Plugin team");
    expect(team.members.map((m) => m.userId).sort()).toEqual([USERS.adele, USERS.u82af, USERS.u8c0a].sort());
    expect(team.messages.map((m) => m.body.content)).toEqual(["Hello from YAML"]);
    expect(team.installedApps.map((a) => a.teamsAppId.toUpperCase())).toEqual([APPS.plain.toUpperCase()]);
    expect((await stack.ok(["stack", "output", "appVersion"])).trim()).not.toBe("");
  });

  it("a second preview shows no change and sends no Graph request", async () => {
    emulator().clearRequests();
    const p = await stack.preview();
    expect(p.changeSummary).toEqual({ same: 4 });
    expect(graphCalls()).toEqual([]);
  });

  it("a change previews as a detailed diff: each property, and why one replaces", async () => {
    stack.program(program("Plugin team, renamed", "Hello again", APPS.rsc));
    const steps = changed(await stack.preview());
    expect(Object.keys(steps).sort()).toEqual(["polls", "team", "welcome"]);
    expect(steps["team"]).toMatchObject({ op: "update", detailedDiff: { topic: { kind: "update" } } });
    expect(steps["welcome"]).toMatchObject({ op: "update", detailedDiff: { body: { kind: "update" } } });
    expect(steps["polls"]).toMatchObject({
      op: "replace",
      replaceReasons: ["teamsAppId"],
      detailedDiff: { teamsAppId: { kind: "update-replace" } },
    });
  });

  it("up applies an update in place: the topic and the message text change, the ids stay", async () => {
    stack.program(program("Plugin team, renamed", "Hello again"));
    await stack.ok(["up", "--yes"]);
    const team = liveChats()[0]!;
    expect(team.id).toBe(chatId);
    expect(team.topic).toBe("Plugin team, renamed");
    expect(team.messages.map((m) => m.body.content)).toEqual(["Hello again"]);
    expect((await stack.preview()).changeSummary).toEqual({ same: 4 });
  });

  it("refresh reads a change made outside Pulumi; the next preview puts the program's value back", async () => {
    const raw = new Raw(emulator());
    const patched = await raw.call("PATCH", `/chats/${encodeURIComponent(chatId)}`, {
      topic: "Renamed in Teams",
    });
    expect(patched.status).toBeLessThan(300);
    await stack.ok(["refresh", "--yes"]);
    const team = (await stack.state()).resources.find((r) => r.type === "msteams:index:Chat")!;
    expect(team.outputs?.["topic"]).toBe("Renamed in Teams");
    const steps = changed(await stack.preview());
    expect(Object.keys(steps)).toEqual(["team"]);
    expect(steps["team"]).toMatchObject({ op: "update", detailedDiff: { topic: { kind: "update" } } });
  });

  it("the state of a plugin-managed resource carries no serialized provider, only a reference", async () => {
    const resources = (await stack.state()).resources;
    const ours = resources.filter((r) => r.type.startsWith("msteams:index:"));
    expect(ours).toHaveLength(3);
    const provider = resources.find((r) => r.type === "pulumi:providers:msteams")!;
    for (const r of ours) {
      expect(Object.keys(r.inputs ?? {})).not.toContain("__provider");
      expect(Object.keys(r.outputs ?? {})).not.toContain("__provider");
      expect(JSON.stringify(r)).not.toContain("require(");
      expect(r.provider).toBe(`${provider.urn}::${provider.id}`);
    }
    // The credential is the provider's, stored as a secret (ciphertext), never in plain text.
    expect(provider.inputs?.["password"]).toMatchObject({ ciphertext: expect.any(String) });
    expect(JSON.stringify(resources)).not.toContain('"emulator"');
    const sizes = Object.fromEntries(resources.map((r) => [r.type, JSON.stringify(r).length]));
    console.log(
      `state bytes per resource through the plugin (compact JSON of pulumi stack export): ${JSON.stringify(sizes)}`,
    );
  });

  it("destroy deletes the chat (and with it the message and the app)", async () => {
    await stack.ok(["destroy", "--yes"]);
    expect(liveChats()).toEqual([]);
    expect((await stack.state()).resources ?? []).toEqual([]);
  });

  it("a resource's warning reaches the engine's output, under that resource", async () => {
    const dm = new YamlStack(home, "teams-dm");
    dm.program(`
resources:
  dm:
    type: msteams:index:Chat
    properties:
      chatType: oneOnOne
      members: [{ user: adele@contoso.com }, { user: ${USERS.u82af} }]
`);
    const { config, secrets } = emulatorConfig(emulator());
    await dm.init(config, secrets);
    await dm.ok(["up", "--yes"]);
    const out = await dm.ok(["destroy", "--yes"]);
    // A one-on-one chat is only forgotten (deletionPolicy's default), and the provider says so.
    expect(out).toMatch(/msteams:index:Chat \(dm\):\s+warning: one-on-one chat \S+ stays in Teams/);
    expect(liveChats().map((c) => c.chatType)).toEqual(["oneOnOne"]);
  });
});
