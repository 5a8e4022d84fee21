// Adopts one existing object, chosen by e2e:kind: a chat (e2e:chatId), a message of it (e2e:messageId) or
// an app installed in it. e2e:undeclared sets the chat's undeclaredMembers.
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatMessage, ChatAppInstallation } = require("pulumi-msteams");

const cfg = new pulumi.Config("e2e");
const chatId = cfg.require("chatId");
const kind = cfg.require("kind");
const STANDUP = "c3a9f0e2-7b64-4d1e-9f8a-2b5c6d7e8f90";
const rsc = (...values) => ({
  resourceSpecificPermissions: values.map((permissionValue) => ({
    permissionValue,
    permissionType: "application",
  })),
});

if (kind === "chat") {
  const chat = new Chat("adopted", {
    chatType: "group",
    existingChatId: chatId,
    topic: "Ours",
    members: [
      { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
      { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f" },
      { user: "4b822dfc-2864-44e6-aa1e-7e0e8552168f" },
    ],
    installedApps: [
      { teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" },
      { teamsAppId: STANDUP, consentedPermissionSet: rsc("ChatMessage.Read.Chat") },
    ],
    ...(cfg.get("undeclared") ? { undeclaredMembers: cfg.get("undeclared") } : {}),
  });
  exports.adopted = chat.adopted;
  exports.topic = chat.topic;
}
if (kind === "message") {
  const message = new ChatMessage("adopted", {
    chatId,
    existingMessageId: cfg.require("messageId"),
    body: { content: "Welcome!" },
  });
  exports.adopted = message.adopted;
}
if (kind === "app") {
  const app = new ChatAppInstallation("adopted", {
    chatId,
    teamsAppId: STANDUP,
    consentedPermissionSet: rsc("ChatMessage.Read.Chat", "ChatMessage.Send.Chat"),
  });
  exports.adopted = app.adopted;
  exports.version = app.teamsAppDefinition.apply((d) => d?.version ?? null);
}
