import { Chat } from "pulumi-msteams";

// Graph keeps one chat per pair of people: if these two already chat, the chat is adopted (adopted: true)
// and `pulumi destroy` only forgets it.
const chat = new Chat("one-on-one", {
  chatType: "oneOnOne",
  members: [
    { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
    { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d" },
  ],
});

export const chatId = chat.id;
export const adopted = chat.adopted;
