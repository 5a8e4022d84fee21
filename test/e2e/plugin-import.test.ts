// `pulumi import` through the msteams plugin: a chat, a message and an app installation made outside
// Pulumi are brought under management with the plain CLI; the generated Pulumi YAML code and the state
// agree, so the next preview shows no change. (Dynamic resources cannot be imported at all.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { outOfBand } from "../support/provider";
import { APPS, USERS } from "../support/tenant";
import { useEmulator } from "./harness";
import { emulatorConfig, PulumiHome, packPlugin, YamlStack } from "./plugin-harness";

const emulator = useEmulator({ asyncOperationMs: 300 });
const graphCalls = () =>
  emulator()
    .requests()
    .filter((r) => r.kind === "graph");

interface Generated {
  resources: Record<string, { type: string; properties: Record<string, unknown>; options?: unknown }>;
}

let home: PulumiHome;
beforeAll(async () => {
  home = new PulumiHome();
  const installed = await home.install(await packPlugin());
  if (installed.code !== 0) throw new Error(`plugin install failed:\n${installed.stderr}`);
});
afterAll(() => home?.dispose());

/** A group chat with a message and an app, made by someone else: its three resource ids. */
async function madeOutOfBand(): Promise<{ chat: string; message: string; installation: string }> {
  const made = await outOfBand(emulator(), "POST", "/chats", {
    chatType: "group",
    topic: "Made in Teams",
    members: [USERS.adele, USERS.u82af, USERS.u8c0a].map((id) => ({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${id}')`,
    })),
  });
  expect(made.status).toBe(201);
  const chat = ((await made.json()) as { id: string }).id;
  const path = `/chats/${encodeURIComponent(chat)}`;
  const sent = await outOfBand(
    emulator(),
    "POST",
    `${path}/messages`,
    { body: { contentType: "text", content: "Sent by hand" } },
    "adele@contoso.com",
  );
  expect(sent.status).toBe(201);
  const message = ((await sent.json()) as { id: string }).id;
  const bind = `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${APPS.plain}`;
  expect(
    (await outOfBand(emulator(), "POST", `${path}/installedApps`, { "teamsApp@odata.bind": bind })).status,
  ).toBe(201);
  // An installation becomes visible in the list after a moment (eventual consistency, as in Graph).
  let installation: string | undefined;
  for (let i = 0; i < 50 && !installation; i++) {
    const list = (await (await outOfBand(emulator(), "GET", `${path}/installedApps`)).json()) as {
      value: { id: string }[];
    };
    installation = list.value[0]?.id;
    if (!installation) await new Promise((r) => setTimeout(r, 100));
  }
  expect(installation).toBeDefined();
  return {
    chat,
    message: `${chat}/messages/${message}`,
    installation: `${chat}/installedApps/${installation}`,
  };
}

describe("pulumi import through the msteams plugin", () => {
  let stack: YamlStack;
  let ids: { chat: string; message: string; installation: string };
  const generated: Generated = { resources: {} };

  it("imports a chat, a message and an installation by id, and generates their code", async () => {
    ids = await madeOutOfBand();
    stack = new YamlStack(home, "teams-import");
    stack.program("resources: {}\n");
    const { config, secrets } = emulatorConfig(emulator());
    await stack.init(config, secrets);
    const imports = [
      ["msteams:index:Chat", "launch", ids.chat],
      ["msteams:index:ChatMessage", "hello", ids.message],
      ["msteams:index:ChatAppInstallation", "polls", ids.installation],
    ] as const;
    for (const [type, name, id] of imports) {
      const out = join(stack.dir, `${name}.yaml`);
      await stack.ok(["import", type, name, id, "--yes", "--protect=false", "--out", out]);
      Object.assign(generated.resources, (parse(readFileSync(out, "utf8")) as Generated).resources);
    }
    expect(generated.resources["launch"]).toEqual({
      type: "msteams:Chat",
      properties: {
        chatType: "group",
        topic: "Made in Teams",
        members: [USERS.adele, USERS.u82af, USERS.u8c0a].map((user) => ({ user, roles: ["owner"] })),
      },
    });
    expect(generated.resources["hello"]).toEqual({
      type: "msteams:ChatMessage",
      properties: { chatId: ids.chat, body: { contentType: "text", content: "Sent by hand" } },
    });
    expect(generated.resources["polls"]).toEqual({
      type: "msteams:ChatAppInstallation",
      properties: { chatId: ids.chat, teamsAppId: APPS.plain },
    });
  });

  it("the state holds the three objects under their Graph ids", async () => {
    const ours = (await stack.state()).resources.filter((r) => r.type.startsWith("msteams:index:"));
    expect(Object.fromEntries(ours.map((r) => [r.type, r.id]))).toEqual({
      "msteams:index:Chat": ids.chat,
      "msteams:index:ChatMessage": ids.message,
      "msteams:index:ChatAppInstallation": ids.installation,
    });
  });

  it("with the generated code in the program, the next preview shows no change and sends no Graph request", async () => {
    stack.program(`resources:\n${JSON.stringify(generated.resources, null, 2).replace(/^/gm, "  ")}\n`);
    emulator().clearRequests();
    const p = await stack.preview();
    expect(p.changeSummary).toEqual({ same: 4 });
    expect(graphCalls()).toEqual([]);
  });

  it("an id Graph does not show fails the import, saying what to check", async () => {
    const r = await stack.pulumi(["import", "msteams:index:Chat", "ghost", "19:nothere@thread.v2", "--yes"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("no Chat with id '19:nothere@thread.v2'");
  });

  it("once imported, the objects are managed: destroy deletes the chat", async () => {
    await stack.ok(["destroy", "--yes"]);
    const chat = emulator().store.state.chats.find((c) => c.id === ids.chat)!;
    expect(chat.deletedDateTime).not.toBeNull();
  });
});
