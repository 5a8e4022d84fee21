// DO NOT EDIT. Generated from schema/schema.json by scripts/gen-types.mjs (npm run gen).
// test/unit/schema.test.ts fails when this file and the schema disagree.
import * as pulumi from "@pulumi/pulumi";
import { dynamicInputs, dynamicType } from "../shim";
import {
  type ChatAppInstallationArgs,
  type ChatArgs,
  type ChatInstalledApp,
  type ChatMemberState,
  type ChatMessageArgs,
  type ChatMessageAttachment,
  type ChatMessageMention,
  type ChatType,
  type DeletionPolicy,
  type ItemBody,
  type MessageFrom,
  type PermissionSet,
  type TeamsAppDefinitionRef,
  type UndeclaredMembers,
} from "./types";

/** A Microsoft Teams chat (one-on-one or group). One-on-one chats are idempotent in Graph: declaring a pair that already chats adopts that chat (`adopted: true`) and destroy then only forgets it. An existing chat is brought under management with `existingChatId` (recorded as Graph holds it; the next preview shows what would change) or, through the provider plugin, with `pulumi import`; `Chat.get` gives a read-only reference. */
export class Chat extends pulumi.CustomResource {
  declare readonly chatType: pulumi.Output<ChatType>;
  declare readonly topic: pulumi.Output<string | undefined>;
  declare readonly members: pulumi.Output<ChatMemberState[]>;
  declare readonly installedApps: pulumi.Output<ChatInstalledApp[] | undefined>;
  declare readonly deletionPolicy: pulumi.Output<DeletionPolicy | undefined>;
  declare readonly existingChatId: pulumi.Output<string | undefined>;
  declare readonly undeclaredMembers: pulumi.Output<UndeclaredMembers | undefined>;
  declare readonly createdDateTime: pulumi.Output<string>;
  declare readonly lastUpdatedDateTime: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly webUrl: pulumi.Output<string>;
  declare readonly adopted: pulumi.Output<boolean>;
  declare readonly creationOperationId: pulumi.Output<string | undefined>;

  constructor(name: string, args: ChatArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicType("Chat"), name, dynamicInputs("Chat", name, args, opts), opts);
  }

  /** A read-only reference to an existing object (refreshed from Graph, never changed or deleted). */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Chat {
    return new Chat(name, {} as ChatArgs, { ...opts, id });
  }
}

/** A message in a chat, sent once: after an ambiguous failure the provider looks for the message before it sends again, so it is never posted twice. Edits happen in place (Teams shows "Edited"); destroy soft-deletes it for a signed-in user, or only forgets it (with a warning) under an application token. Its id is `{chatId}/messages/{messageId}`. */
export class ChatMessage extends pulumi.CustomResource {
  declare readonly chatId: pulumi.Output<string>;
  declare readonly messageId: pulumi.Output<string>;
  declare readonly body: pulumi.Output<ItemBody>;
  declare readonly importance: pulumi.Output<string | undefined>;
  declare readonly subject: pulumi.Output<string | undefined>;
  declare readonly mentions: pulumi.Output<ChatMessageMention[] | undefined>;
  declare readonly attachments: pulumi.Output<ChatMessageAttachment[] | undefined>;
  declare readonly createdDateTime: pulumi.Output<string>;
  declare readonly lastModifiedDateTime: pulumi.Output<string | undefined>;
  declare readonly lastEditedDateTime: pulumi.Output<string | undefined>;
  declare readonly webUrl: pulumi.Output<string | undefined>;
  declare readonly from: pulumi.Output<MessageFrom | undefined>;
  declare readonly imported: pulumi.Output<boolean | undefined>;
  declare readonly adopted: pulumi.Output<boolean | undefined>;
  declare readonly existingMessageId: pulumi.Output<string | undefined>;

  constructor(name: string, args: ChatMessageArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicType("ChatMessage"), name, dynamicInputs("ChatMessage", name, args, opts), opts);
  }

  /** A read-only reference to an existing object (refreshed from Graph, never changed or deleted). */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ChatMessage {
    return new ChatMessage(name, {} as ChatMessageArgs, { ...opts, id });
  }
}

/** An app installed in a chat. Create waits until Graph shows the installation and its definition; an app already installed is adopted (`adopted: true`) and destroy then only forgets it. A change of `consentedPermissionSet` upgrades the installation in place; `chatId` or `teamsAppId` replace it. Its id is `{chatId}/installedApps/{installationId}`. */
export class ChatAppInstallation extends pulumi.CustomResource {
  declare readonly chatId: pulumi.Output<string>;
  declare readonly teamsAppId: pulumi.Output<string>;
  declare readonly installationId: pulumi.Output<string>;
  declare readonly consentedPermissionSet: pulumi.Output<PermissionSet | undefined>;
  declare readonly teamsAppDefinition: pulumi.Output<TeamsAppDefinitionRef | undefined>;
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: ChatAppInstallationArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicType("ChatAppInstallation"), name, dynamicInputs("ChatAppInstallation", name, args, opts), opts);
  }

  /** A read-only reference to an existing object (refreshed from Graph, never changed or deleted). */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ChatAppInstallation {
    return new ChatAppInstallation(name, {} as ChatAppInstallationArgs, { ...opts, id });
  }
}
