// A group chat created with an app: Graph answers 202 and the provider polls the operation.
const { Chat } = require("pulumi-msteams");

const chat = new Chat("with-app", {
  chatType: "group",
  topic: "Partial",
  members: [
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f" },
  ],
  installedApps: [{ teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" }],
});

exports.chatId = chat.id;
