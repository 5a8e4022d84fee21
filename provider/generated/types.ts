// DO NOT EDIT. Generated from schema/schema.json by scripts/gen-types.mjs (npm run gen).
// test/unit/schema.test.ts fails when this file and the schema disagree.
import type * as pulumi from "@pulumi/pulumi";

/** The kind of chat. `meeting` chats exist only as a side effect of online meetings and cannot be declared. */
export type ChatType = "oneOnOne" | "group";
export const chatTypeValues = ["oneOnOne", "group"] as const;

/** The role of a chat member. */
export type ChatMemberRole = "owner" | "guest";
export const chatMemberRoleValues = ["owner", "guest"] as const;

/** What `pulumi destroy` does to the chat. */
export type DeletionPolicy = "delete" | "hide" | "forget";
export const deletionPolicyValues = ["delete", "hide", "forget"] as const;

/** Whether an RSC permission is granted to the app itself or on behalf of users. Matched case-insensitively (Graph's docs write Application and Delegated); check stores the lower-case form Graph answers with. */
export type PermissionType = "application" | "delegated" | "Application" | "Delegated";
export const permissionTypeValues = ["application", "delegated"] as const;

/** Format of a message body. */
export type BodyType = "text" | "html";
export const bodyTypeValues = ["text", "html"] as const;

/** Importance of a message. */
export type Importance = "normal" | "high" | "urgent";
export const importanceValues = ["normal", "high", "urgent"] as const;

/** A member of a chat as declared. */
export interface ChatMember {
  /** The user's Entra object id (GUID) or user principal name. */
  readonly user: string;
  /** Exactly one role, `owner` (default) or `guest`. Graph rejects `member`. */
  readonly roles?: ChatMemberRole[];
  /** The member's tenant id, for a user of another (federated) tenant. */
  readonly tenantId?: string;
  /** For members added after creation: how much history they see. Omitted: none; `0001-01-01T00:00:00Z`: all; a timestamp: from then. */
  readonly visibleHistoryStartDateTime?: string;
}

/** Input form of ChatMember. */
export interface ChatMemberArgs {
  /** The user's Entra object id (GUID) or user principal name. */
  readonly user: pulumi.Input<string>;
  /** Exactly one role, `owner` (default) or `guest`. Graph rejects `member`. */
  readonly roles?: pulumi.Input<ChatMemberRole[]>;
  /** The member's tenant id, for a user of another (federated) tenant. */
  readonly tenantId?: pulumi.Input<string>;
  /** For members added after creation: how much history they see. Omitted: none; `0001-01-01T00:00:00Z`: all; a timestamp: from then. */
  readonly visibleHistoryStartDateTime?: pulumi.Input<string>;
}

/** A member of a chat as Graph reports it. */
export interface ChatMemberState {
  /** The user as declared (object id or UPN); the object id for members added outside Pulumi. */
  readonly user: string;
  /** Roles as Graph reports them. */
  readonly roles: string[];
  /** The member's tenant. */
  readonly tenantId?: string | null;
  /** History visibility start. */
  readonly visibleHistoryStartDateTime?: string | null;
  /** Graph's opaque conversationMember id. */
  readonly membershipId?: string | null;
  /** The resolved Entra object id. */
  readonly userId?: string | null;
  /** The member's display name. */
  readonly displayName?: string | null;
  /** The member's email, when Graph reports one. */
  readonly email?: string | null;
}

/** Input form of ChatMemberState. */
export interface ChatMemberStateArgs {
  /** The user as declared (object id or UPN); the object id for members added outside Pulumi. */
  readonly user: pulumi.Input<string>;
  /** Roles as Graph reports them. */
  readonly roles: pulumi.Input<string[]>;
  /** The member's tenant. */
  readonly tenantId?: pulumi.Input<string>;
  /** History visibility start. */
  readonly visibleHistoryStartDateTime?: pulumi.Input<string>;
  /** Graph's opaque conversationMember id. */
  readonly membershipId?: pulumi.Input<string>;
  /** The resolved Entra object id. */
  readonly userId?: pulumi.Input<string>;
  /** The member's display name. */
  readonly displayName?: pulumi.Input<string>;
  /** The member's email, when Graph reports one. */
  readonly email?: pulumi.Input<string>;
}

export interface ResourceSpecificPermission {
  /** The RSC permission, e.g. ChatMessage.Read.Chat. */
  readonly permissionValue: string;
  /** application or delegated. */
  readonly permissionType: PermissionType;
}

/** Input form of ResourceSpecificPermission. */
export interface ResourceSpecificPermissionArgs {
  /** The RSC permission, e.g. ChatMessage.Read.Chat. */
  readonly permissionValue: pulumi.Input<string>;
  /** application or delegated. */
  readonly permissionType: pulumi.Input<PermissionType>;
}

export interface PermissionSet {
  /** The resource-specific consent (RSC) permissions granted to the app in this chat. */
  readonly resourceSpecificPermissions: ResourceSpecificPermission[];
}

/** Input form of PermissionSet. */
export interface PermissionSetArgs {
  /** The resource-specific consent (RSC) permissions granted to the app in this chat. */
  readonly resourceSpecificPermissions: pulumi.Input<pulumi.Input<ResourceSpecificPermissionArgs>[]>;
}

/** An app installed in the chat when it is created. */
export interface ChatInstalledApp {
  /** The app's id in the Teams app catalog (not its manifest id unless it is a store app). */
  readonly teamsAppId: string;
  /** RSC permissions consented for the app; must match what its definition requires. */
  readonly consentedPermissionSet?: PermissionSet;
}

/** Input form of ChatInstalledApp. */
export interface ChatInstalledAppArgs {
  /** The app's id in the Teams app catalog (not its manifest id unless it is a store app). */
  readonly teamsAppId: pulumi.Input<string>;
  /** RSC permissions consented for the app; must match what its definition requires. */
  readonly consentedPermissionSet?: pulumi.Input<PermissionSetArgs>;
}

/** A message body. */
export interface ItemBody {
  /** `text` (default) or `html`. */
  readonly contentType?: BodyType;
  /** The message text or HTML. Mentions are `<at id="N">Name</at>` with a matching `mentions` entry; attachments are referenced as `<attachment id="X"></attachment>`. */
  readonly content: string;
}

/** Input form of ItemBody. */
export interface ItemBodyArgs {
  /** `text` (default) or `html`. */
  readonly contentType?: pulumi.Input<BodyType>;
  /** The message text or HTML. Mentions are `<at id="N">Name</at>` with a matching `mentions` entry; attachments are referenced as `<attachment id="X"></attachment>`. */
  readonly content: pulumi.Input<string>;
}

/** An identity in Graph's identitySet shape. */
export interface IdentityRef {
  /** Object id of the user or app. */
  readonly id: string;
  /** Display name. */
  readonly displayName?: string;
  /** For users: `aadUser` (default). */
  readonly userIdentityType?: string;
}

/** Input form of IdentityRef. */
export interface IdentityRefArgs {
  /** Object id of the user or app. */
  readonly id: pulumi.Input<string>;
  /** Display name. */
  readonly displayName?: pulumi.Input<string>;
  /** For users: `aadUser` (default). */
  readonly userIdentityType?: pulumi.Input<string>;
}

/** Who is mentioned. */
export interface MentionedIdentity {
  /** A mentioned user. */
  readonly user?: IdentityRef;
  /** A mentioned app. */
  readonly application?: IdentityRef;
}

/** Input form of MentionedIdentity. */
export interface MentionedIdentityArgs {
  /** A mentioned user. */
  readonly user?: pulumi.Input<IdentityRefArgs>;
  /** A mentioned app. */
  readonly application?: pulumi.Input<IdentityRefArgs>;
}

/** A mention; `id` matches `<at id="N">` in the body. */
export interface ChatMessageMention {
  /** The index used in `<at id="N">`. */
  readonly id: number;
  /** The text shown, usually the name. */
  readonly mentionText: string;
  /** The mentioned user or app. */
  readonly mentioned: MentionedIdentity;
}

/** Input form of ChatMessageMention. */
export interface ChatMessageMentionArgs {
  /** The index used in `<at id="N">`. */
  readonly id: pulumi.Input<number>;
  /** The text shown, usually the name. */
  readonly mentionText: pulumi.Input<string>;
  /** The mentioned user or app. */
  readonly mentioned: pulumi.Input<MentionedIdentityArgs>;
}

/** An attachment, referenced from the body by `<attachment id="X"></attachment>`. */
export interface ChatMessageAttachment {
  /** Matches the reference in the body. */
  readonly id: string;
  /** e.g. application/vnd.microsoft.card.adaptive, or reference for a file. */
  readonly contentType: string;
  /** URL of the content (file attachments). */
  readonly contentUrl?: string;
  /** The content, e.g. an adaptive card as JSON text. */
  readonly content?: string;
  /** File name. */
  readonly name?: string;
  /** Thumbnail URL. */
  readonly thumbnailUrl?: string;
}

/** Input form of ChatMessageAttachment. */
export interface ChatMessageAttachmentArgs {
  /** Matches the reference in the body. */
  readonly id: pulumi.Input<string>;
  /** e.g. application/vnd.microsoft.card.adaptive, or reference for a file. */
  readonly contentType: pulumi.Input<string>;
  /** URL of the content (file attachments). */
  readonly contentUrl?: pulumi.Input<string>;
  /** The content, e.g. an adaptive card as JSON text. */
  readonly content?: pulumi.Input<string>;
  /** File name. */
  readonly name?: pulumi.Input<string>;
  /** Thumbnail URL. */
  readonly thumbnailUrl?: pulumi.Input<string>;
}

/** The sender of an imported message. */
export interface MessageFrom {
  /** The user who originally sent it. */
  readonly user: IdentityRef;
}

/** Input form of MessageFrom. */
export interface MessageFromArgs {
  /** The user who originally sent it. */
  readonly user: pulumi.Input<IdentityRefArgs>;
}

/** The installed version of an app. */
export interface TeamsAppDefinitionRef {
  /** The definition id. */
  readonly id?: string;
  /** The app version. */
  readonly version?: string;
  /** The app's name. */
  readonly displayName?: string;
}

/** Input form of TeamsAppDefinitionRef. */
export interface TeamsAppDefinitionRefArgs {
  /** The definition id. */
  readonly id?: pulumi.Input<string>;
  /** The app version. */
  readonly version?: pulumi.Input<string>;
  /** The app's name. */
  readonly displayName?: pulumi.Input<string>;
}

/** Plain inputs of Chat, as the provider receives them. */
export interface ChatInputs {
  /** `oneOnOne` or `group`. Changing it replaces the chat. */
  readonly chatType: ChatType;
  /** Title of a group chat (not allowed on one-on-one chats). Updated in place. */
  readonly topic?: string;
  /** Everyone in the chat, including the signed-in user for delegated tokens. Exactly two for `oneOnOne` (a change replaces the chat); group rosters change in place. */
  readonly members: ChatMember[];
  /** Apps to install when the chat is created (Graph allows one at creation). Creating with an app is asynchronous; the provider waits for the operation. */
  readonly installedApps?: ChatInstalledApp[];
  /** What destroy does: `delete` (default for group chats this stack created), `hide`, or `forget` (default for adopted chats and for every one-on-one chat, which is the pair's only chat). */
  readonly deletionPolicy?: DeletionPolicy;
  /** Adopt this existing chat instead of creating one. Destroy then only forgets it unless deletionPolicy says otherwise. Changing it replaces the resource. */
  readonly existingChatId?: string;
}

/** Arguments of the Chat resource. */
export interface ChatArgs {
  /** `oneOnOne` or `group`. Changing it replaces the chat. */
  readonly chatType: pulumi.Input<ChatType>;
  /** Title of a group chat (not allowed on one-on-one chats). Updated in place. */
  readonly topic?: pulumi.Input<string>;
  /** Everyone in the chat, including the signed-in user for delegated tokens. Exactly two for `oneOnOne` (a change replaces the chat); group rosters change in place. */
  readonly members: pulumi.Input<pulumi.Input<ChatMemberArgs>[]>;
  /** Apps to install when the chat is created (Graph allows one at creation). Creating with an app is asynchronous; the provider waits for the operation. */
  readonly installedApps?: pulumi.Input<pulumi.Input<ChatInstalledAppArgs>[]>;
  /** What destroy does: `delete` (default for group chats this stack created), `hide`, or `forget` (default for adopted chats and for every one-on-one chat, which is the pair's only chat). */
  readonly deletionPolicy?: pulumi.Input<DeletionPolicy>;
  /** Adopt this existing chat instead of creating one. Destroy then only forgets it unless deletionPolicy says otherwise. Changing it replaces the resource. */
  readonly existingChatId?: pulumi.Input<string>;
}

/** Outputs of Chat as stored in state (optional values are null when absent). */
export interface ChatOutputs {
  /** The chat's type. */
  readonly chatType: ChatType;
  /** The chat's topic (null for one-on-one chats). */
  readonly topic?: string | null;
  /** The roster with membership ids and resolved user ids. */
  readonly members: ChatMemberState[];
  /** The apps declared at creation. */
  readonly installedApps?: ChatInstalledApp[] | null;
  /** The declared deletion policy, if any. */
  readonly deletionPolicy?: DeletionPolicy | null;
  /** The adopted chat id, if declared. */
  readonly existingChatId?: string | null;
  /** When Graph created the chat. */
  readonly createdDateTime: string;
  /** When the topic or roster last changed. */
  readonly lastUpdatedDateTime: string;
  /** The tenant the chat was created in. */
  readonly tenantId: string;
  /** Link to the chat in Teams (opaque). */
  readonly webUrl: string;
  /** True when this resource adopted a chat that existed before it; destroy then only forgets it by default. */
  readonly adopted: boolean;
  /** The async operation that created the chat, when it was created with an app. */
  readonly creationOperationId?: string | null;
}

export const chatOutputNames = ["chatType","topic","members","installedApps","deletionPolicy","existingChatId","createdDateTime","lastUpdatedDateTime","tenantId","webUrl","adopted","creationOperationId"] as const;
export const chatReplaceOnChanges = ["chatType","existingChatId"] as const;
/** Plain inputs of ChatMessage, as the provider receives them. */
export interface ChatMessageInputs {
  /** The chat's id. Changing it replaces the resource. */
  readonly chatId: string;
  /** The message body. Edited in place. */
  readonly body: ItemBody;
  /** normal (default), high or urgent. Edited in place. */
  readonly importance?: Importance;
  /** Optional subject line. Edited in place. */
  readonly subject?: string;
  /** One entry per `<at id="N">` in the body. Edited in place. */
  readonly mentions?: ChatMessageMention[];
  /** Cards or file references, each referenced from the body. Edited in place. */
  readonly attachments?: ChatMessageAttachment[];
  /** Import (migration) only: the original time. Needs an application token with Teamwork.Migrate.All and a chat in migration mode. Changing it replaces the message. */
  readonly createdDateTime?: string;
  /** Import (migration) only: the original sender. Changing it replaces the message. */
  readonly from?: MessageFrom;
}

/** Arguments of the ChatMessage resource. */
export interface ChatMessageArgs {
  /** The chat's id. Changing it replaces the resource. */
  readonly chatId: pulumi.Input<string>;
  /** The message body. Edited in place. */
  readonly body: pulumi.Input<ItemBodyArgs>;
  /** normal (default), high or urgent. Edited in place. */
  readonly importance?: pulumi.Input<Importance>;
  /** Optional subject line. Edited in place. */
  readonly subject?: pulumi.Input<string>;
  /** One entry per `<at id="N">` in the body. Edited in place. */
  readonly mentions?: pulumi.Input<pulumi.Input<ChatMessageMentionArgs>[]>;
  /** Cards or file references, each referenced from the body. Edited in place. */
  readonly attachments?: pulumi.Input<pulumi.Input<ChatMessageAttachmentArgs>[]>;
  /** Import (migration) only: the original time. Needs an application token with Teamwork.Migrate.All and a chat in migration mode. Changing it replaces the message. */
  readonly createdDateTime?: pulumi.Input<string>;
  /** Import (migration) only: the original sender. Changing it replaces the message. */
  readonly from?: pulumi.Input<MessageFromArgs>;
}

/** Outputs of ChatMessage as stored in state (optional values are null when absent). */
export interface ChatMessageOutputs {
  /** The chat. */
  readonly chatId: string;
  /** Graph's message id (unique within the chat). */
  readonly messageId: string;
  /** The body as Graph stores it. */
  readonly body: ItemBody;
  /** Importance. */
  readonly importance?: string | null;
  /** Subject. */
  readonly subject?: string | null;
  /** Mentions. */
  readonly mentions?: ChatMessageMention[] | null;
  /** Attachments. */
  readonly attachments?: ChatMessageAttachment[] | null;
  /** When the message was created (the original time for imports). */
  readonly createdDateTime: string;
  /** Last change. */
  readonly lastModifiedDateTime?: string | null;
  /** Last edit, null if never edited. */
  readonly lastEditedDateTime?: string | null;
  /** Link to the message, when Graph gives one. */
  readonly webUrl?: string | null;
  /** The sender. */
  readonly from?: MessageFrom | null;
  /** Graph's version of the message. */
  readonly etag: string;
  /** True for messages imported in migration mode. */
  readonly imported?: boolean | null;
  /** True when an ambiguous send was reconciled by finding the message already posted. */
  readonly adopted?: boolean | null;
}

export const chatMessageOutputNames = ["chatId","messageId","body","importance","subject","mentions","attachments","createdDateTime","lastModifiedDateTime","lastEditedDateTime","webUrl","from","etag","imported","adopted"] as const;
export const chatMessageReplaceOnChanges = ["chatId","createdDateTime","from"] as const;
/** Plain inputs of ChatAppInstallation, as the provider receives them. */
export interface ChatAppInstallationInputs {
  /** The chat's id. Changing it replaces the resource. */
  readonly chatId: string;
  /** The app's id in the Teams app catalog. Changing it replaces the installation. */
  readonly teamsAppId: string;
  /** RSC permissions consented for the app; must match what its definition requires. A change upgrades the installation in place; removing it leaves the consent Graph holds. */
  readonly consentedPermissionSet?: PermissionSet;
}

/** Arguments of the ChatAppInstallation resource. */
export interface ChatAppInstallationArgs {
  /** The chat's id. Changing it replaces the resource. */
  readonly chatId: pulumi.Input<string>;
  /** The app's id in the Teams app catalog. Changing it replaces the installation. */
  readonly teamsAppId: pulumi.Input<string>;
  /** RSC permissions consented for the app; must match what its definition requires. A change upgrades the installation in place; removing it leaves the consent Graph holds. */
  readonly consentedPermissionSet?: pulumi.Input<PermissionSetArgs>;
}

/** Outputs of ChatAppInstallation as stored in state (optional values are null when absent). */
export interface ChatAppInstallationOutputs {
  /** The chat. */
  readonly chatId: string;
  /** The catalog app id. */
  readonly teamsAppId: string;
  /** Graph's installation id (not the app id); empty while a partially created installation is not yet visible in Graph. */
  readonly installationId: string;
  /** The RSC permissions Graph holds as consented. */
  readonly consentedPermissionSet?: PermissionSet | null;
  /** The installed version. */
  readonly teamsAppDefinition?: TeamsAppDefinitionRef | null;
  /** True when the app was already installed; destroy then only forgets it. */
  readonly adopted: boolean;
}

export const chatAppInstallationOutputNames = ["chatId","teamsAppId","installationId","consentedPermissionSet","teamsAppDefinition","adopted"] as const;
export const chatAppInstallationReplaceOnChanges = ["chatId","teamsAppId"] as const;
