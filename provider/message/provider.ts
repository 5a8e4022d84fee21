import { withAdoptingNotice } from "../adoption";
import type { ResourceProvider } from "../contract";
import type { ChatMessageInputs } from "../generated/types";
import { adoptingNotice } from "./adopt";
import { checkMessage } from "./check";
import { diffMessage } from "./diff";
import { createMessage, deleteMessage, readMessage, updateMessage } from "./lifecycle";
import type { MessageState } from "./model";

/** ChatMessage: a message in a chat, sent at most once. */
export const messageProvider: ResourceProvider<ChatMessageInputs, MessageState> = {
  check: (olds, news, env) =>
    withAdoptingNotice(checkMessage(news, env), olds, news, "existingMessageId", adoptingNotice),
  diff: (_id, olds, news) => diffMessage(olds, news),
  create: createMessage,
  read: readMessage,
  update: async (ctx, id, olds, news) => ({ outs: await updateMessage(ctx, id, olds, news) }),
  delete: deleteMessage,
};
