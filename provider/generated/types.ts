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

/** Whether an RSC permission is granted to the app itself or on behalf of users. Matched case-insensitively. */
export type PermissionType = "application" | "delegated";
export const permissionTypeValues = ["application", "delegated"] as const;

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
  readonly tenantId?: string;
  /** History visibility start. */
  readonly visibleHistoryStartDateTime?: string;
  /** Graph's opaque conversationMember id. */
  readonly membershipId?: string;
  /** The resolved Entra object id. */
  readonly userId?: string;
  /** The member's display name. */
  readonly displayName?: string;
  /** The member's email, when Graph reports one. */
  readonly email?: string;
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
  /** What destroy does: `delete` (default for chats this stack created), `hide` or `forget` (default for adopted chats). */
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
  /** What destroy does: `delete` (default for chats this stack created), `hide` or `forget` (default for adopted chats). */
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
