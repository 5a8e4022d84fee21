import { Chat } from "pulumi-msteams";

const chat = new Chat("by-upn", {
  chatType: "oneOnOne",
  members: [{ user: "jacob@contoso.com" }, { user: "alex@contoso.com" }],
});

export const chatId = chat.id;
// The declared spelling is kept; the object id is resolved.
export const members = chat.members.apply((ms) => ms.map((m) => ({ user: m.user, userId: m.userId })));
