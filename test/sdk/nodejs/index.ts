// A Pulumi program written against the generated Node.js SDK (sdk/nodejs, npm package
// @pulumi-msteams/msteams): the three resources through the msteams provider plugin. test/sdk/sdk.test.ts
// type-checks it with the repository's strict options against the SDK as built for publishing;
// test/e2e/sdk-nodejs.test.ts runs it (up, preview, destroy) through the installed plugin.
import * as msteams from "@pulumi-msteams/msteams";

const chat = new msteams.Chat("team", {
  chatType: msteams.ChatType.Group,
  topic: "Package SDK",
  members: [
    { user: "adele@contoso.com" },
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f", roles: [msteams.ChatMemberRole.Owner] },
  ],
});

const hello = new msteams.ChatMessage("hello", {
  chatId: chat.id,
  body: { contentType: msteams.BodyType.Text, content: "Hello from the generated SDK" },
  importance: "high",
});

const notes = new msteams.ChatAppInstallation("notes", {
  chatId: chat.id,
  teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4",
});

export const chatId = chat.id;
export const topic = chat.topic;
export const memberIds = chat.members.apply((ms) => ms.map((m) => m.userId ?? null));
export const messageId = hello.messageId;
export const installationId = notes.installationId;
