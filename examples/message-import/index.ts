import * as pulumi from "@pulumi/pulumi";
import { ChatMessage } from "pulumi-msteams";

// Importing history needs an application token with Teamwork.Migrate.All, and the chat must be in
// migration mode first: POST /chats/{id}/startMigration (and completeMigration when done), with a
// conversationCreationDateTime before the oldest message, since imports may not precede the conversation's
// start (https://learn.microsoft.com/graph/api/chat-startmigration). Messages then keep their original time
// and sender. A second import with the same createdDateTime is refused (409).
const cfg = new pulumi.Config();
const chatId = cfg.require("chatId"); // a chat already in migration mode

const imported = new ChatMessage("imported", {
  chatId,
  body: { content: "Hello World" },
  createdDateTime: "2019-02-04T19:58:15.511Z",
  from: {
    user: {
      id: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d",
      displayName: "Patti Fernandez",
      userIdentityType: "aadUser",
    },
  },
});

export const messageId = imported.messageId;
export const originalTime = imported.createdDateTime;
