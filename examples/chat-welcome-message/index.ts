import { Chat, ChatMessage } from "pulumi-msteams";

// Messages are sent by a signed-in user (delegated token): against the emulator set
// msteams:username=adele@contoso.com; against a tenant use msteams:auth deviceCode or azureCli.
const adele = "8b081ef6-4792-4def-b2c9-c363a1bf41d5";
const patti = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";

const chat = new Chat("onboarding", {
  chatType: "group",
  topic: "Onboarding",
  members: [{ user: adele }, { user: patti }, { user: "jacob@contoso.com" }],
});

// Every <at id="N"> needs a mentions entry with id N; edits to the text are made in place.
const welcome = new ChatMessage("welcome", {
  chatId: chat.id,
  body: {
    contentType: "html",
    content: 'Welcome to the team, <at id="0">Patti</at>! Start with the onboarding checklist.',
  },
  mentions: [
    {
      id: 0,
      mentionText: "Patti",
      mentioned: { user: { id: patti, displayName: "Patti Fernandez", userIdentityType: "aadUser" } },
    },
  ],
  importance: "high",
});

export const chatId = chat.id;
export const messageId = welcome.messageId;
