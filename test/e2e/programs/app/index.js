// A chat with an app installed by a ChatAppInstallation; e2e:withApp=false removes the installation.
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatAppInstallation } = require("pulumi-msteams");

const cfg = new pulumi.Config("e2e");
const chat = new Chat("apps", {
  chatType: "group",
  topic: "Apps",
  members: [
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f" },
  ],
});
if (cfg.get("withApp") !== "false") {
  const polls = new ChatAppInstallation("polls", {
    chatId: chat.id,
    teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4",
  });
  exports.installationId = polls.installationId;
  exports.appVersion = polls.teamsAppDefinition.apply((d) => d?.version ?? null);
}
exports.chatId = chat.id;
