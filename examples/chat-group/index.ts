import { Chat } from "pulumi-msteams";

const chat = new Chat("group", {
  chatType: "group",
  topic: "Group chat title",
  members: [
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f" },
    { user: "3626a173-f2bc-4883-bcf7-01514c3bfb82" },
  ],
});

export const chatId = chat.id;
export const webUrl = chat.webUrl;
