// Read-only references to a chat, a message and an installation that exist (or not) in Graph, by id.
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatAppInstallation, ChatMessage } = require("pulumi-msteams");

const cfg = new pulumi.Config("e2e");
const chat = Chat.get("chat-ref", cfg.require("chatId"));
exports.topic = chat.topic;
exports.memberIds = chat.members.apply((ms) => ms.map((m) => m.userId));
exports.chatType = chat.chatType;
const messageId = cfg.get("messageId");
if (messageId) {
  const m = ChatMessage.get("message-ref", messageId);
  exports.messageBody = m.body.apply((b) => b.content);
}
const installationId = cfg.get("installationId");
if (installationId) {
  const i = ChatAppInstallation.get("app-ref", installationId);
  exports.appId = i.teamsAppId;
}
