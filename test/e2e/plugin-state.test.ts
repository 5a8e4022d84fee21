// What each front end stores per resource: the same chat and message (test/e2e/programs/message), once as
// dynamic resources through the engine runner and once through the plugin from a Pulumi YAML program.
// The dynamic resources carry the serialized provider twice (inputs and outputs); the plugin's carry a
// provider reference only. Prints the bytes per resource of `pulumi stack export` (compact JSON, counted as
// the bench counts them: scripts/state-size.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesPerResource } from "../../scripts/state-size";
import { USERS } from "../support/tenant";
import { Stack, useEmulator } from "./harness";
import { emulatorConfig, PulumiHome, packPlugin, type StateResource, YamlStack } from "./plugin-harness";

const emulator = useEmulator({ asyncOperationMs: 300 });

let home: PulumiHome;
beforeAll(async () => {
  home = new PulumiHome();
  const installed = await home.install(await packPlugin());
  if (installed.code !== 0) throw new Error(`plugin install failed:\n${installed.stderr}`);
});
afterAll(() => home?.dispose());

// The YAML twin of test/e2e/programs/message.
const YAML = `
resources:
  onboarding:
    type: msteams:index:Chat
    properties:
      chatType: group
      topic: Onboarding
      members: [{ user: ${USERS.adele} }, { user: ${USERS.u82af} }, { user: jacob@contoso.com }]
  welcome:
    type: msteams:index:ChatMessage
    properties:
      chatId: \${onboarding.id}
      body: { contentType: html, content: 'Welcome <at id="0">Patti</at>!' }
      mentions:
        - id: 0
          mentionText: Patti
          mentioned: { user: { id: ${USERS.u82af}, displayName: Patti Fernandez, userIdentityType: aadUser } }
`;

type Sizes = Record<string, number>;
const sizes = (resources: StateResource[]): Sizes => ({
  Chat: bytesPerResource(resources, "Chat"),
  ChatMessage: bytesPerResource(resources, "ChatMessage"),
});

describe("state bytes per resource, dynamic resources against the plugin", () => {
  const figures: Record<string, Sizes> = {};

  it("the same program through both front ends: only the dynamic state carries the provider", async () => {
    const dynamic = new Stack("message", emulator(), "adele");
    await dynamic.ok("up");
    await dynamic.ok("refresh");
    const dynState = ((await dynamic.ok("export")).deployment as { resources: StateResource[] }).resources;
    figures["dynamic"] = sizes(dynState);

    const yaml = new YamlStack(home, "state-size");
    yaml.program(YAML);
    const { config, secrets } = emulatorConfig(emulator());
    await yaml.init(config, secrets);
    await yaml.ok(["up", "--yes"]);
    await yaml.ok(["refresh", "--yes"]);
    const plugState = (await yaml.state()).resources;
    figures["plugin"] = sizes(plugState);
    console.log(`state bytes per resource after up and refresh: ${JSON.stringify(figures)}`);

    const ours = (rs: StateResource[]) => rs.filter((r) => /msteams:(index:)?Chat/.test(r.type));
    expect(ours(dynState)).toHaveLength(2);
    expect(ours(plugState)).toHaveLength(2);
    for (const r of ours(dynState)) expect(Object.keys(r.outputs ?? {})).toContain("__provider");
    for (const r of ours(plugState)) expect(JSON.stringify(r)).not.toContain("__provider");
    // Both hold the same chat: the same roster and topic came back from Graph.
    const topic = (rs: StateResource[]) => rs.find((r) => r.type.endsWith("Chat"))!.outputs?.["topic"];
    expect(topic(plugState)).toBe(topic(dynState));
    await dynamic.ok("destroy");
    await yaml.ok(["destroy", "--yes"]);
  });
});
