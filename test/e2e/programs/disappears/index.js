// One of each resource in one chat, for deleting each out of band (refresh drops it, up makes it again)
// and for faults on each write. Config e2e:extraMember adds a member to the chat.
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatMessage, ChatAppInstallation } = require("pulumi-msteams");

const extra = new pulumi.Config("e2e").get("extraMember");

const chat = new Chat("room", {
  chatType: "group",
  topic: "Disappears",
  members: [
    { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
    { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d" },
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    ...(extra ? [{ user: extra }] : []),
  ],
});
const note = new ChatMessage("note", { chatId: chat.id, body: { content: "Still here?" } });
const polls = new ChatAppInstallation("polls", {
  chatId: chat.id,
  teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4",
});

exports.chatId = chat.id;
exports.messageId = note.messageId;
exports.installationId = polls.installationId;
