import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffChat } from "../../provider/chat/diff";
import { resolveSettings } from "../../provider/config";
import type { DiffResult } from "../../provider/contract";
import { diffInstallation } from "../../provider/install/diff";
import type { InstallationState } from "../../provider/install/model";
import { diffMessage } from "../../provider/message/diff";
import type { MessageState } from "../../provider/message/model";
import schema from "../../schema/schema.json";
// @ts-expect-error plain ESM script without types
import * as gen from "../../scripts/gen-types.mjs";
import { adele, chatInputs, chatState, pat } from "../support/states";

const chatId = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";
const app = (teamsAppId: string) => ({ teamsAppId });
const sender = { user: { id: adele, displayName: "Adele Vance" } };

/**
 * Per resource: a stored state, the inputs that match it, and for every input property a new value.
 * A property the schema adds without a value here fails the coverage test below.
 */
const cases: Record<
  string,
  {
    diff: (news: Record<string, unknown>) => DiffResult;
    inputs: Record<string, unknown>;
    changed: Record<string, unknown>;
  }
> = {
  Chat: {
    diff: (news) => diffChat(chatState(), news as never),
    inputs: { ...chatInputs() },
    changed: {
      chatType: "oneOnOne",
      topic: "Renamed",
      members: [{ user: adele, roles: ["owner"] }],
      installedApps: [app("05F59CEC-A742-4A50-A62E-202A57E478A4")],
      deletionPolicy: "forget",
      existingChatId: chatId,
      undeclaredMembers: "keep",
    },
  },
  ChatMessage: {
    diff: (news) => diffMessage(messageState, news as never),
    inputs: {
      chatId,
      body: { contentType: "text", content: "Hi" },
      createdDateTime: "2020-01-01T00:00:00.000Z",
      from: sender,
    },
    changed: {
      chatId: "19:2da4c29f6d7041eca70b638b43d45437@thread.v2",
      body: { contentType: "text", content: "Hello" },
      importance: "high",
      subject: "News",
      mentions: [{ id: 0, mentionText: "Pat", mentioned: { user: { id: pat } } }],
      attachments: [{ id: "c1", contentType: "reference", contentUrl: "https://contoso.sharepoint.com/f" }],
      createdDateTime: "2020-01-02T00:00:00.000Z",
      from: { user: { id: pat } },
      existingMessageId: "1616991463150",
    },
  },
  ChatAppInstallation: {
    diff: (news) => diffInstallation(installationState, news as never),
    inputs: { chatId, teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a" },
    changed: {
      chatId: "19:2da4c29f6d7041eca70b638b43d45437@thread.v2",
      teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4",
      consentedPermissionSet: {
        resourceSpecificPermissions: [
          { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
        ],
      },
    },
  },
};

const messageState: MessageState = {
  chatId,
  messageId: "1577836800000",
  body: { contentType: "text", content: "Hi" },
  importance: "normal",
  subject: null,
  mentions: [],
  attachments: [],
  createdDateTime: "2020-01-01T00:00:00.000Z",
  lastModifiedDateTime: null,
  lastEditedDateTime: null,
  webUrl: null,
  from: sender as MessageState["from"],
  imported: true,
  adopted: false,
  existingMessageId: null,
};
const installationState: InstallationState = {
  chatId,
  teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a",
  installationId: "inst1",
  consentedPermissionSet: null,
  teamsAppDefinition: null,
  adopted: false,
};

type ResourceSchema = { inputProperties: Record<string, { willReplaceOnChanges?: boolean }> };
const resources = Object.entries(schema.resources as Record<string, ResourceSchema>).map(
  ([token, r]) => [token.split(":").pop()!, r] as const,
);

describe("schema is the source of truth", () => {
  it("the committed generated files equal a fresh generation (run `npm run gen` when this fails)", () => {
    expect(readFileSync(gen.outputPath, "utf8")).toBe(gen.generate());
    expect(readFileSync(gen.resourcesPath, "utf8")).toBe(gen.generateResources());
    // The schema's provider section is its config.variables, copied by npm run gen.
    expect(readFileSync(gen.schemaPath, "utf8")).toBe(gen.schemaText());
    // The provider package ships the schema unchanged (a package cannot reach outside its folder).
    expect(readFileSync(gen.schemaCopyPath, "utf8")).toBe(gen.schemaText());
    expect(readFileSync(gen.readmePath, "utf8")).toBe(gen.generateReadme());
  });

  it("declares the resource tokens that are part of every URN", () => {
    expect(resources.map(([name]) => name)).toEqual(["Chat", "ChatMessage", "ChatAppInstallation"]);
    expect(schema.name).toBe("msteams");
  });

  it.each(resources)(
    "%s: diff replaces exactly the inputs the schema marks willReplaceOnChanges",
    (name, r) => {
      const c = cases[name]!;
      expect(Object.keys(c.changed).sort()).toEqual(Object.keys(r.inputProperties).sort());
      expect(c.diff({ ...c.inputs })).toEqual({ changes: false });
      for (const [key, value] of Object.entries(c.changed)) {
        const d = c.diff({ ...c.inputs, [key]: value });
        expect({ key, changes: d.changes }).toEqual({ key, changes: true });
        // Changing chatType makes the chat one-on-one, whose roster also replaces; only `key` changed here.
        expect({ key, replaced: d.replaces?.includes(key) ?? false }).toEqual({
          key,
          replaced: r.inputProperties[key]?.willReplaceOnChanges === true,
        });
      }
    },
  );

  it("config defaults come from the schema's config.variables", () => {
    const vars = schema.config.variables as Record<string, { default?: unknown }>;
    const s = resolveSettings(() => undefined, {}) as unknown as Record<string, unknown>;
    for (const [name, v] of Object.entries(vars)) {
      if (v.default !== undefined) expect({ name, value: s[name] }).toEqual({ name, value: v.default });
    }
  });

  it("ships secret config keys as secrets", () => {
    const vars = schema.config.variables as Record<string, { secret?: boolean }>;
    expect(vars["clientSecret"]?.secret).toBe(true);
    expect(vars["password"]?.secret).toBe(true);
  });
});
