import { Chat, ChatAppInstallation } from "pulumi-msteams";

const chat = new Chat("team", {
  chatType: "group",
  topic: "Meeting notes",
  members: [
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f" },
  ],
});

// Consent must match the RSC permissions the app's definition requires; changing it upgrades in place.
const notes = new ChatAppInstallation("meeting-notes", {
  chatId: chat.id,
  teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a",
  consentedPermissionSet: {
    resourceSpecificPermissions: [
      { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
      { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
    ],
  },
});

export const installationId = notes.installationId;
export const version = notes.teamsAppDefinition.apply((d) => d?.version ?? null);
