// Stored states and matching inputs as unit tests of diff need them (no Graph involved).
import type { ChatState } from "../../provider/chat/model";
import type { ChatInputs } from "../../provider/generated/types";

export const adele = "8b081ef6-4792-4def-b2c9-c363a1bf41d5";
export const pat = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
export const member = (user: string, extra: Partial<ChatState["members"][number]> = {}) => ({
  user,
  roles: ["owner"],
  tenantId: "2432b57b-0abd-43db-aa7b-16eadd115d34",
  userId: user.includes("@") ? "11111111-1111-1111-1111-111111111111" : user,
  displayName: user,
  email: user.includes("@") ? user : null,
  ...extra,
});
export const chatState = (o: Partial<ChatState> = {}): ChatState => ({
  chatType: "group",
  topic: "Launch",
  members: [member(adele), member(pat), member("jacob@contoso.com")],
  installedApps: null,
  deletionPolicy: null,
  existingChatId: null,
  undeclaredMembers: null,
  createdDateTime: "2026-01-01T00:00:00Z",
  lastUpdatedDateTime: "2026-01-01T00:00:00Z",
  tenantId: "2432b57b-0abd-43db-aa7b-16eadd115d34",
  webUrl: "https://teams.microsoft.com/l/chat/x",
  adopted: false,
  creationOperationId: null,
  ...o,
});
export const chatInputs = (o: Partial<ChatInputs> = {}): ChatInputs => ({
  chatType: "group",
  topic: "Launch",
  members: [
    { user: adele, roles: ["owner"] },
    { user: pat, roles: ["owner"] },
    { user: "jacob@contoso.com", roles: ["owner"] },
  ],
  ...o,
});
