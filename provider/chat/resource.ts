import * as pulumi from "@pulumi/pulumi";
import {
  type ChatArgs,
  type ChatInstalledApp,
  type ChatMemberState,
  type ChatType,
  chatOutputNames,
  type DeletionPolicy,
} from "../generated/types";
import { providerShim } from "../shim";

const provider = providerShim("Chat");

/**
 * A Microsoft Teams chat. One-on-one chats are idempotent in Graph: declaring a pair that already chats
 * adopts that chat (`adopted: true`) and destroy then only forgets it. Pulumi's `import` does not work for
 * dynamic resources; use `existingChatId` to adopt a chat, or `Chat.get` for a read-only reference.
 */
export class Chat extends pulumi.dynamic.Resource {
  declare readonly chatType: pulumi.Output<ChatType>;
  declare readonly topic: pulumi.Output<string | null>;
  declare readonly members: pulumi.Output<ChatMemberState[]>;
  declare readonly installedApps: pulumi.Output<ChatInstalledApp[] | null>;
  declare readonly deletionPolicy: pulumi.Output<DeletionPolicy | null>;
  declare readonly existingChatId: pulumi.Output<string | null>;
  declare readonly createdDateTime: pulumi.Output<string>;
  declare readonly lastUpdatedDateTime: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly webUrl: pulumi.Output<string>;
  declare readonly adopted: pulumi.Output<boolean>;
  declare readonly creationOperationId: pulumi.Output<string | null>;

  constructor(name: string, args: ChatArgs, opts?: pulumi.CustomResourceOptions) {
    // Output-only keys must be present (as undefined) for the SDK to expose them on the object.
    const outputs = Object.fromEntries(chatOutputNames.map((k) => [k, undefined]));
    super(provider, name, { ...outputs, ...args }, opts, "msteams", "Chat");
  }

  /** A read-only reference to an existing chat (refreshed from Graph, never changed or deleted). */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Chat {
    return new Chat(name, {} as ChatArgs, { ...opts, id });
  }
}
