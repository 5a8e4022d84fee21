// A group chat with a welcome message that mentions a member. Config e2e:welcome changes the text.
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatMessage } = require("pulumi-msteams");

const cfg = new pulumi.Config("e2e");
const pat = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
const chat = new Chat("onboarding", {
  chatType: "group",
  topic: "Onboarding",
  members: [{ user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" }, { user: pat }, { user: "jacob@contoso.com" }],
});
const welcome = new ChatMessage("welcome", {
  chatId: chat.id,
  body: { contentType: "html", content: `${cfg.get("welcome") ?? "Welcome"} <at id="0">Patti</at>!` },
  mentions: [
    {
      id: 0,
      mentionText: "Patti",
      mentioned: { user: { id: pat, displayName: "Patti Fernandez", userIdentityType: "aadUser" } },
    },
  ],
});

exports.chatId = chat.id;
exports.messageId = welcome.messageId;
