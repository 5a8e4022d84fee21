// What the web view test looks at: a group chat with a federated member, an app installed at creation
// (an async operation), a second app with resource-specific consent, a message with a mention, and
// messages whose markup must never run in the page.
const { Chat, ChatAppInstallation, ChatMessage } = require("pulumi-msteams");

const pat = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
const chat = new Chat("launch", {
  chatType: "group",
  topic: "Launch crew",
  members: [
    { user: "adele@contoso.com" },
    { user: pat },
    { user: "megan@fabrikam.com", tenantId: "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1" },
  ],
  installedApps: [{ teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" }],
});
const notes = new ChatAppInstallation("notes", {
  chatId: chat.id,
  teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a",
  consentedPermissionSet: {
    resourceSpecificPermissions: [
      { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
      { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
    ],
  },
});
const welcome = new ChatMessage("welcome", {
  chatId: chat.id,
  body: { contentType: "html", content: 'Welcome aboard, <at id="0">Patti</at>! Launch is <b>Friday</b>.' },
  mentions: [
    {
      id: 0,
      mentionText: "Patti",
      mentioned: { user: { id: pat, displayName: "Patti Fernandez", userIdentityType: "aadUser" } },
    },
  ],
});
// Text that looks like markup is shown as typed; HTML that Teams would not render is shown as its source.
const typed = new ChatMessage(
  "typed",
  { chatId: chat.id, body: { contentType: "text", content: 'Typed: <script>alert("text")</script>' } },
  { dependsOn: [welcome] },
);
const hostile = new ChatMessage(
  "hostile",
  {
    chatId: chat.id,
    body: {
      contentType: "html",
      content: '<p>Careful <script>alert("html")</script><img src="x" onerror="alert(\'img\')"> done</p>',
    },
  },
  { dependsOn: [typed] },
);

exports.chatId = chat.id;
exports.installationId = notes.installationId;
exports.messageIds = [welcome.messageId, typed.messageId, hostile.messageId];
