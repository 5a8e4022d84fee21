// Graph's request bodies for a chat and its members. https://learn.microsoft.com/graph/api/chat-post
import type { ChatInputs, ChatMember } from "../generated/types";
import { userBind } from "../graph/binds";
import { appBody } from "../install/model";

export function memberBody(graphUrl: string, m: ChatMember): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.aadUserConversationMember",
    roles: m.roles ?? ["owner"],
    "user@odata.bind": userBind(graphUrl, m.user),
    ...(m.tenantId ? { tenantId: m.tenantId } : {}),
    ...(m.visibleHistoryStartDateTime ? { visibleHistoryStartDateTime: m.visibleHistoryStartDateTime } : {}),
  };
}

export function createBody(graphUrl: string, inputs: ChatInputs): Record<string, unknown> {
  return {
    chatType: inputs.chatType,
    ...(inputs.chatType === "group" && inputs.topic !== undefined ? { topic: inputs.topic } : {}),
    members: inputs.members.map((m) => memberBody(graphUrl, m)),
    ...(inputs.installedApps?.length
      ? { installedApps: inputs.installedApps.map((a) => appBody(graphUrl, a)) }
      : {}),
  };
}
