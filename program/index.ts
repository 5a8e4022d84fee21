// The quickstart program that `npm run demo` deploys (root Pulumi.yaml). It imports the package by name,
// exactly as a user's program does. Ids are users and apps of the emulator's default seed.
import * as pulumi from "@pulumi/pulumi";
import { Chat, ChatMessage } from "pulumi-msteams";

const adele = "8b081ef6-4792-4def-b2c9-c363a1bf41d5"; // adele@contoso.com, the demo's delegated identity
const pat = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
const pollsApp = "05F59CEC-A742-4A50-A62E-202A57E478A4";

// A group chat with a topic and three members (one of them by UPN).
const launch = new Chat("launch-team", {
  chatType: "group",
  topic: "Product launch",
  members: [{ user: adele }, { user: pat }, { user: "jacob@contoso.com" }],
});

// A welcome message in it that mentions Patti, sent as the signed-in user (edits are made in place).
const welcome = new ChatMessage("launch-welcome", {
  chatId: launch.id,
  body: { contentType: "html", content: 'Welcome to the launch team, <at id="0">Patti</at>!' },
  mentions: [
    {
      id: 0,
      mentionText: "Patti",
      mentioned: { user: { id: pat, displayName: "Patti Fernandez", userIdentityType: "aadUser" } },
    },
  ],
});

// The same one-on-one chat declared twice, in both member orders: Graph keeps one chat per pair, so the
// second declaration adopts the first (adopted: true) and destroy only forgets it.
const adelePat = new Chat("adele-pat", { chatType: "oneOnOne", members: [{ user: adele }, { user: pat }] });
const patAdele = new Chat(
  "pat-adele",
  { chatType: "oneOnOne", members: [{ user: pat }, { user: adele }] },
  { dependsOn: [adelePat] },
);

// A one-on-one chat created with an app installed: Graph answers 202 and the provider waits for the operation.
const withApp = new Chat("adele-alex-with-app", {
  chatType: "oneOnOne",
  members: [{ user: adele }, { user: "alex@contoso.com" }],
  installedApps: [{ teamsAppId: pollsApp }],
});

export const launchChatId = launch.id;
export const launchTopic = launch.topic;
export const launchMembers = launch.members.apply((ms) => ms.map((m) => m.displayName ?? m.user));
export const welcomeMessageId = welcome.messageId;
export const oneOnOneChatId = adelePat.id;
export const sameChatAdopted = pulumi
  .all([adelePat.id, patAdele.id, patAdele.adopted])
  .apply(([a, b, adopted]) => ({ sameId: a === b, adopted }));
export const appChatId = withApp.id;
export const appChatOperation = withApp.creationOperationId;
