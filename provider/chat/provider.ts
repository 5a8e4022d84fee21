import { withAdoptingNotice } from "../adoption";
import type { ResourceProvider } from "../contract";
import type { ChatInputs } from "../generated/types";
import { adoptChat } from "./adopt";
import { adoptingNotice } from "./adopt-review";
import { checkChat } from "./check";
import { createChat } from "./create";
import { diffChat } from "./diff";
import { readChat, updateOrRecord } from "./lifecycle";
import type { ChatState } from "./model";
import { deleteChat } from "./remove";

/** Chat: a one-on-one or group chat, with its roster and the apps installed when it is created. */
export const chatProvider: ResourceProvider<ChatInputs, ChatState> = {
  check: (olds, news, env) =>
    withAdoptingNotice(checkChat(olds, news, env), olds, news, "existingChatId", adoptingNotice),
  diff: (_id, olds, news) => diffChat(olds, news),
  // An existing chat (existingChatId) is adopted as Graph holds it; otherwise a new one is made.
  create: (ctx, inputs) =>
    inputs.existingChatId
      ? adoptChat(ctx, { ...inputs, existingChatId: inputs.existingChatId })
      : createChat(ctx, inputs),
  read: readChat,
  update: updateOrRecord,
  delete: deleteChat,
};
