import { Chat } from "pulumi-msteams";

const chat = new Chat("with-app", {
  chatType: "oneOnOne",
  members: [
    { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
    { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d" },
  ],
  installedApps: [{ teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" }],
});

export const chatId = chat.id;
export const creationOperationId = chat.creationOperationId;
