// scripts/stack-to-package.mjs on hand-made `pulumi stack export` documents: what it imports under which
// name, parent and id, and what it leaves in the state. The whole move against the real engine and the
// plugin is in test/e2e/sdk-nodejs.test.ts.
import { describe, expect, it } from "vitest";
import schema from "../../schema/schema.json";
// @ts-expect-error plain ESM script without types
import { plan } from "../../scripts/stack-to-package.mjs";

const prefix = "urn:pulumi:dev::app::";
const stackUrn = `${prefix}pulumi:pulumi:Stack::app-dev`;
const dynamicProvider = `${prefix}pulumi:providers:pulumi-nodejs::default`;
const chatId = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";

const stack = { urn: stackUrn, type: "pulumi:pulumi:Stack" };
const provider = { urn: dynamicProvider, type: "pulumi:providers:pulumi-nodejs", id: "p1" };
const dyn = (type: string, name: string, id: string, parent = stackUrn, chain = "") => ({
  urn: `${prefix}${chain}pulumi-nodejs:dynamic/msteams:${type}::${name}`,
  type: `pulumi-nodejs:dynamic/msteams:${type}`,
  id,
  parent,
  provider: `${dynamicProvider}::p1`,
});
// The generated SDKs' default provider is named after these: the import must use the same.
const pkg = { version: schema.version, pluginDownloadUrl: schema.pluginDownloadURL };
const exported = (resources: object[]) => ({ version: 3, deployment: { manifest: {}, resources } });

describe("stack-to-package", () => {
  it("imports each dynamic resource by its id under the package's type, and drops them and the provider", () => {
    const chat = dyn("Chat", "launch", chatId);
    const message = dyn("ChatMessage", "welcome", `${chatId}/messages/1616991463150`);
    const install = dyn("ChatAppInstallation", "notes", `${chatId}/installedApps/aW5zdA==`);
    const other = { urn: `${prefix}random:index:RandomPet::pet`, type: "random:index:RandomPet", id: "x" };
    const doc = exported([stack, provider, chat, message, install, other]);
    const { file, rest, dropped } = plan(doc);
    expect(file).toEqual({
      resources: [
        { type: "msteams:index:Chat", name: "launch", id: chatId, ...pkg },
        {
          type: "msteams:index:ChatMessage",
          name: "welcome",
          id: `${chatId}/messages/1616991463150`,
          ...pkg,
        },
        {
          type: "msteams:index:ChatAppInstallation",
          name: "notes",
          id: `${chatId}/installedApps/aW5zdA==`,
          ...pkg,
        },
      ],
    });
    expect(rest.deployment.resources).toEqual([stack, other]);
    expect(rest.version).toBe(3);
    expect(rest.deployment.manifest).toEqual({});
    expect(dropped).toHaveLength(4);
    // The export itself is left as it was.
    expect(doc.deployment.resources).toHaveLength(6);
  });

  it("keeps the dynamic provider while another dynamic resource uses it", () => {
    const chat = dyn("Chat", "launch", chatId);
    const own = {
      urn: `${prefix}pulumi-nodejs:dynamic:Resource::mine`,
      type: "pulumi-nodejs:dynamic:Resource",
      id: "m",
      provider: `${dynamicProvider}::p1`,
    };
    const { rest } = plan(exported([stack, provider, chat, own]));
    expect(rest.deployment.resources).toEqual([stack, provider, own]);
  });

  it("puts a resource back under its component parent through the name table", () => {
    const component = { urn: `${prefix}acme:Team::ops`, type: "acme:Team" };
    const chat = dyn("Chat", "ops-chat", chatId, component.urn, "acme:Team$");
    const { file, rest } = plan(exported([stack, component, provider, chat]));
    expect(file).toEqual({
      nameTable: { parent0: component.urn },
      resources: [{ type: "msteams:index:Chat", name: "ops-chat", id: chatId, parent: "parent0", ...pkg }],
    });
    expect(rest.deployment.resources).toEqual([stack, component]);
  });

  it("refuses a resource without an id", () => {
    const chat = { ...dyn("Chat", "half", chatId), id: "" };
    expect(() => plan(exported([stack, provider, chat]))).toThrow(/half has no id.*refresh the stack first/);
  });
});
