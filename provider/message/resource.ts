import * as pulumi from "@pulumi/pulumi";
import {
  type ChatMessageArgs,
  type ChatMessageAttachment,
  type ChatMessageMention,
  chatMessageOutputNames,
  type ItemBody,
  type MessageFrom,
} from "../generated/types";
import { providerShim } from "../shim";

const provider = providerShim("ChatMessage");

/**
 * A message in a chat, sent once: after an ambiguous failure the provider looks for the message before it
 * sends again. Edits happen in place (Teams shows "Edited"); destroy soft-deletes it for a signed-in
 * user, or only forgets it (with a warning) under an application token.
 */
export class ChatMessage extends pulumi.dynamic.Resource {
  declare readonly chatId: pulumi.Output<string>;
  declare readonly messageId: pulumi.Output<string>;
  declare readonly body: pulumi.Output<ItemBody>;
  declare readonly importance: pulumi.Output<string | null>;
  declare readonly subject: pulumi.Output<string | null>;
  declare readonly mentions: pulumi.Output<ChatMessageMention[] | null>;
  declare readonly attachments: pulumi.Output<ChatMessageAttachment[] | null>;
  declare readonly createdDateTime: pulumi.Output<string>;
  declare readonly lastModifiedDateTime: pulumi.Output<string | null>;
  declare readonly lastEditedDateTime: pulumi.Output<string | null>;
  declare readonly webUrl: pulumi.Output<string | null>;
  declare readonly from: pulumi.Output<MessageFrom | null>;
  declare readonly etag: pulumi.Output<string>;
  declare readonly imported: pulumi.Output<boolean | null>;
  declare readonly adopted: pulumi.Output<boolean | null>;

  constructor(name: string, args: ChatMessageArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = Object.fromEntries(chatMessageOutputNames.map((k) => [k, undefined]));
    super(provider, name, { ...outputs, ...args }, opts, "msteams", "ChatMessage");
  }

  /** A read-only reference to an existing message; `id` is `{chatId}/messages/{messageId}`. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ChatMessage {
    return new ChatMessage(name, {} as ChatMessageArgs, { ...opts, id });
  }
}
