import { Chat } from "pulumi-msteams";

const chat = new Chat("with-guest", {
  chatType: "group",
  topic: "Group chat title",
  members: [
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f" },
    // Guests of your own tenant must have the guest role.
    { user: "8ba98af6-7fc2-4eb2-a7f2-aef9f21fd98a", roles: ["guest"] },
  ],
});

export const chatId = chat.id;
