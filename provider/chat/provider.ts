import type { ResourceProvider } from "../contract";
import type { ChatInputs } from "../generated/types";
import { checkChat } from "./check";
import { createChat } from "./create";
import { diffChat } from "./diff";
import { readChat, updateOrRecord } from "./lifecycle";
import type { ChatState } from "./model";
import { deleteChat } from "./remove";

/** Chat: a one-on-one or group chat, with its roster and the apps installed when it is created. */
export const chatProvider: ResourceProvider<ChatInputs, ChatState> = {
  check: checkChat,
  diff: (_id, olds, news) => diffChat(olds, news),
  create: createChat,
  read: readChat,
  update: updateOrRecord,
  delete: deleteChat,
};
