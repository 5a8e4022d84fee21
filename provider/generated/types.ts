// DO NOT EDIT. Generated from schema/schema.json by scripts/gen-types.mjs (npm run gen).
// test/unit/schema.test.ts fails when this file and the schema disagree.
import type * as pulumi from "@pulumi/pulumi";

/** The kind of chat. `meeting` chats exist only as a side effect of online meetings and cannot be declared. */
export type ChatType = "oneOnOne" | "group";

/** The role of a chat member. */
export type ChatMemberRole = "owner" | "guest";

/** What `pulumi destroy` does to the chat. */
export type DeletionPolicy = "delete" | "hide" | "forget";

/** What an update does with members Graph lists in a group chat that `members` does not declare. */
export type UndeclaredMembers = "remove" | "keep";

/** Whether an RSC permission is granted to the app itself or on behalf of users. Matched case-insensitively (Graph's docs write Application and Delegated); check stores the lower-case form Graph answers with. */
export type PermissionType = "application" | "delegated" | "Application" | "Delegated";

/** Format of a message body. */
export type BodyType = "text" | "html";

/** Importance of a message. */
export type Importance = "normal" | "high" | "urgent";

/** A member of a chat as declared. */
export interface ChatMember {
  /** The user's Entra object id (GUID) or user principal name. */
  readonly user: string;
  /** Exactly one role, `owner` (default) or `guest`. Graph rejects `member`. */
  readonly roles?: ChatMemberRole[];
  /** The member's tenant id, for a user of another (federated) tenant. */
  readonly tenantId?: string;
  /** For members added after creation: how much history they see. Omitted: none; `0001-01-01T00:00:00Z`: all; a timestamp: from then. An ISO 8601 date-time with its offset, on a real calendar day, such as `2024-01-31T09:00:00Z`. */
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
  /** For members added after creation: how much history they see. Omitted: none; `0001-01-01T00:00:00Z`: all; a timestamp: from then. An ISO 8601 date-time with its offset, on a real calendar day, such as `2024-01-31T09:00:00Z`. */
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
  /** The member's Entra object id: the declared one, or for a member declared by UPN the one Graph lists (null until a read or roster change has listed it). */
  readonly userId?: string | null;
  /** The member's display name (absent until a read lists the members: Graph's answer to a create has none). */
  readonly displayName?: string | null;
  /** The member's email, when Graph reports one (absent until a read lists the members). */
  readonly email?: string | null;
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
  /** The resource-specific consent (RSC) permissions granted to the app in this chat. Each permission once (the same permissionValue and permissionType, in any case, twice is refused). */
  readonly resourceSpecificPermissions: ResourceSpecificPermission[];
}

/** Input form of PermissionSet. */
export interface PermissionSetArgs {
  /** The resource-specific consent (RSC) permissions granted to the app in this chat. Each permission once (the same permissionValue and permissionType, in any case, twice is refused). */
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

/** Plain inputs of Chat, as the provider receives them. */
export interface ChatInputs {
  /** `oneOnOne` or `group`. Changing it replaces the chat. */
  readonly chatType: ChatType;
  /** Title of a group chat (not allowed on one-on-one chats). Updated in place; removing it from the program leaves the topic as it is (Graph cannot clear a group topic). Must contain some text: an empty or whitespace-only topic is refused. */
  readonly topic?: string;
  /** Everyone in the chat, including the signed-in user for delegated tokens: `{ user, roles?, tenantId?, visibleHistoryStartDateTime? }[]`. `user` is an object id or UPN; `roles` is `["owner"]` (default) or `["guest"]` (Graph rejects `member`); users of another tenant need `tenantId` and `owner`. Exactly two for `oneOnOne`, and a change replaces the chat; group rosters change in place (a role change is a remove + add). `visibleHistoryStartDateTime` applies when a member is added. Each person once; Teams allows at most 250 people in a group chat. */
  readonly members: ChatMember[];
  /** Apps to install in the chat: `{ teamsAppId, consentedPermissionSet? }[]`. Graph allows one at creation, and creating with an app is asynchronous (the provider waits for the operation); later changes install, upgrade or uninstall in place. */
  readonly installedApps?: ChatInstalledApp[];
  /** What destroy does: `delete` (soft delete; default for group chats this stack created), `hide` (hide for the signed-in user; delegated only), or `forget` (state only; default for adopted chats and for every one-on-one chat, which is the pair's only chat). */
  readonly deletionPolicy?: DeletionPolicy;
  /** Adopt this existing chat instead of creating one. The `up` that adopts it records the chat exactly as Graph holds it (topic, every member, the declared apps that are installed) and changes nothing in it; the next preview then shows, as warnings, which topic, members and apps the following `up` would change. Members the program does not declare are kept unless `undeclaredMembers` is `remove`. Destroy then only forgets the chat unless deletionPolicy says otherwise. Changing it replaces the resource. */
  readonly existingChatId?: string;
  /** Group chats: what an update does with members Graph lists that `members` does not declare. `remove` (default for chats this stack created) removes them; `keep` (default for adopted chats, `existingChatId`) leaves them. While an adopted chat has undeclared members and this is not set, every preview warns which members they are and that `undeclaredMembers: "remove"` removes them; `keep` keeps them without the warning. Updated in place. */
  readonly undeclaredMembers?: UndeclaredMembers;
}

/** Arguments of the Chat resource. */
export interface ChatArgs {
  /** `oneOnOne` or `group`. Changing it replaces the chat. */
  readonly chatType: pulumi.Input<ChatType>;
  /** Title of a group chat (not allowed on one-on-one chats). Updated in place; removing it from the program leaves the topic as it is (Graph cannot clear a group topic). Must contain some text: an empty or whitespace-only topic is refused. */
  readonly topic?: pulumi.Input<string>;
  /** Everyone in the chat, including the signed-in user for delegated tokens: `{ user, roles?, tenantId?, visibleHistoryStartDateTime? }[]`. `user` is an object id or UPN; `roles` is `["owner"]` (default) or `["guest"]` (Graph rejects `member`); users of another tenant need `tenantId` and `owner`. Exactly two for `oneOnOne`, and a change replaces the chat; group rosters change in place (a role change is a remove + add). `visibleHistoryStartDateTime` applies when a member is added. Each person once; Teams allows at most 250 people in a group chat. */
  readonly members: pulumi.Input<pulumi.Input<ChatMemberArgs>[]>;
  /** Apps to install in the chat: `{ teamsAppId, consentedPermissionSet? }[]`. Graph allows one at creation, and creating with an app is asynchronous (the provider waits for the operation); later changes install, upgrade or uninstall in place. */
  readonly installedApps?: pulumi.Input<pulumi.Input<ChatInstalledAppArgs>[]>;
  /** What destroy does: `delete` (soft delete; default for group chats this stack created), `hide` (hide for the signed-in user; delegated only), or `forget` (state only; default for adopted chats and for every one-on-one chat, which is the pair's only chat). */
  readonly deletionPolicy?: pulumi.Input<DeletionPolicy>;
  /** Adopt this existing chat instead of creating one. The `up` that adopts it records the chat exactly as Graph holds it (topic, every member, the declared apps that are installed) and changes nothing in it; the next preview then shows, as warnings, which topic, members and apps the following `up` would change. Members the program does not declare are kept unless `undeclaredMembers` is `remove`. Destroy then only forgets the chat unless deletionPolicy says otherwise. Changing it replaces the resource. */
  readonly existingChatId?: pulumi.Input<string>;
  /** Group chats: what an update does with members Graph lists that `members` does not declare. `remove` (default for chats this stack created) removes them; `keep` (default for adopted chats, `existingChatId`) leaves them. While an adopted chat has undeclared members and this is not set, every preview warns which members they are and that `undeclaredMembers: "remove"` removes them; `keep` keeps them without the warning. Updated in place. */
  readonly undeclaredMembers?: pulumi.Input<UndeclaredMembers>;
}

/** Outputs of Chat as the provider code sees them (optional values are null when absent; state omits them). */
export interface ChatOutputs {
  /** The chat's type. */
  readonly chatType: ChatType;
  /** The chat's topic (absent for one-on-one chats and chats without one). */
  readonly topic?: string | null;
  /** The roster: each member as declared, with roles, tenant and object id; display names and emails as Graph lists them. */
  readonly members: ChatMemberState[];
  /** The apps declared at creation. */
  readonly installedApps?: ChatInstalledApp[] | null;
  /** The declared deletion policy, if any. */
  readonly deletionPolicy?: DeletionPolicy | null;
  /** The adopted chat id, if declared. */
  readonly existingChatId?: string | null;
  /** The declared handling of undeclared members, if any. */
  readonly undeclaredMembers?: UndeclaredMembers | null;
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

export const chatOutputNames = ["chatType","topic","members","installedApps","deletionPolicy","existingChatId","undeclaredMembers","createdDateTime","lastUpdatedDateTime","tenantId","webUrl","adopted","creationOperationId"] as const;
/** Plain inputs of ChatMessage, as the provider receives them. */
export interface ChatMessageInputs {
  /** The chat's id. Changing it replaces the resource. */
  readonly chatId: string;
  /** The message body, `{ contentType?: "text" | "html", content }`: at most 28 KiB (28 672 bytes of UTF-8, as Graph counts), not blank. Every `<at id="N">` needs a `mentions` entry with `id: N` and vice versa (and `html`); every `<attachment id="X">` needs an `attachments` entry. Edited in place (Teams shows "Edited"). */
  readonly body: ItemBody;
  /** normal (default), high or urgent. Edited in place. */
  readonly importance?: Importance;
  /** Optional subject line. Edited in place. */
  readonly subject?: string;
  /** One entry per `<at id="N">` in the body. Edited in place. */
  readonly mentions?: ChatMessageMention[];
  /** Cards or file references, each referenced from the body. Edited in place. */
  readonly attachments?: ChatMessageAttachment[];
  /** Import (migration) only: the original time. Needs an application token with Teamwork.Migrate.All and a chat in migration mode (`POST /chats/{id}/startMigration`). Changing it replaces the message. An ISO 8601 date-time with its offset (`Z` or `+01:00`), on a real calendar day, such as `2024-01-31T09:00:00Z`. */
  readonly createdDateTime?: string;
  /** Import (migration) only: the original sender. Changing it replaces the message. */
  readonly from?: MessageFrom;
  /** Adopt this message of the chat (sent earlier, by hand or by a script) instead of sending one: it is recorded as Graph holds it (`adopted: true`), so the next preview shows any difference from the declared body, mentions or importance as an in-place edit; destroy then only forgets it. Changing it replaces the resource. */
  readonly existingMessageId?: string;
}

/** Arguments of the ChatMessage resource. */
export interface ChatMessageArgs {
  /** The chat's id. Changing it replaces the resource. */
  readonly chatId: pulumi.Input<string>;
  /** The message body, `{ contentType?: "text" | "html", content }`: at most 28 KiB (28 672 bytes of UTF-8, as Graph counts), not blank. Every `<at id="N">` needs a `mentions` entry with `id: N` and vice versa (and `html`); every `<attachment id="X">` needs an `attachments` entry. Edited in place (Teams shows "Edited"). */
  readonly body: pulumi.Input<ItemBodyArgs>;
  /** normal (default), high or urgent. Edited in place. */
  readonly importance?: pulumi.Input<Importance>;
  /** Optional subject line. Edited in place. */
  readonly subject?: pulumi.Input<string>;
  /** One entry per `<at id="N">` in the body. Edited in place. */
  readonly mentions?: pulumi.Input<pulumi.Input<ChatMessageMentionArgs>[]>;
  /** Cards or file references, each referenced from the body. Edited in place. */
  readonly attachments?: pulumi.Input<pulumi.Input<ChatMessageAttachmentArgs>[]>;
  /** Import (migration) only: the original time. Needs an application token with Teamwork.Migrate.All and a chat in migration mode (`POST /chats/{id}/startMigration`). Changing it replaces the message. An ISO 8601 date-time with its offset (`Z` or `+01:00`), on a real calendar day, such as `2024-01-31T09:00:00Z`. */
  readonly createdDateTime?: pulumi.Input<string>;
  /** Import (migration) only: the original sender. Changing it replaces the message. */
  readonly from?: pulumi.Input<MessageFromArgs>;
  /** Adopt this message of the chat (sent earlier, by hand or by a script) instead of sending one: it is recorded as Graph holds it (`adopted: true`), so the next preview shows any difference from the declared body, mentions or importance as an in-place edit; destroy then only forgets it. Changing it replaces the resource. */
  readonly existingMessageId?: pulumi.Input<string>;
}

/** Outputs of ChatMessage as the provider code sees them (optional values are null when absent; state omits them). */
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
  /** Last edit, absent if never edited. */
  readonly lastEditedDateTime?: string | null;
  /** Link to the message, when Graph gives one. */
  readonly webUrl?: string | null;
  /** The sender. */
  readonly from?: MessageFrom | null;
  /** True for messages imported in migration mode. */
  readonly imported?: boolean | null;
  /** True when an ambiguous send was reconciled by finding the message already posted. */
  readonly adopted?: boolean | null;
  /** The adopted message's id, when the message was adopted with `existingMessageId`. */
  readonly existingMessageId?: string | null;
}

export const chatMessageOutputNames = ["chatId","messageId","body","importance","subject","mentions","attachments","createdDateTime","lastModifiedDateTime","lastEditedDateTime","webUrl","from","imported","adopted","existingMessageId"] as const;
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

/** Outputs of ChatAppInstallation as the provider code sees them (optional values are null when absent; state omits them). */
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

/** Per resource, every property of its state (what runtime.ts restores as null when state omits it). */
export const outputNames = {
  Chat: chatOutputNames,
  ChatMessage: chatMessageOutputNames,
  ChatAppInstallation: chatAppInstallationOutputNames,
} as const;

/** Per resource, the inputs whose change replaces the object (willReplaceOnChanges). */
export const replaceOnChanges = {
  Chat: ["chatType","existingChatId"],
  ChatMessage: ["chatId","createdDateTime","from","existingMessageId"],
  ChatAppInstallation: ["chatId","teamsAppId"],
} as const;

/** Provider configuration: stack config key, environment variable, default and whether it is secret. */
export const configVariables = {
  /** Graph base URL. One of Graph's clouds (global, US Government L4/L5, China) sets the token audience; any other host (the emulator) needs graphAudience. https only; http:// only for a loopback host. */
  graphUrl: {"key":"msteams:graphUrl","env":"MSTEAMS_GRAPH_URL","type":"string","default":"https://graph.microsoft.com"},
  /** Entra tenant id. */
  tenantId: {"key":"msteams:tenantId","env":"AZURE_TENANT_ID","type":"string"},
  /** App registration (client) id. */
  clientId: {"key":"msteams:clientId","env":"AZURE_CLIENT_ID","type":"string"},
  /** Client secret (application token). */
  clientSecret: {"key":"msteams:clientSecret","env":"AZURE_CLIENT_SECRET","type":"string","secret":true},
  /** PEM certificate with private key (application token). */
  clientCertificatePath: {"key":"msteams:clientCertificatePath","env":"AZURE_CLIENT_CERTIFICATE_PATH","type":"string"},
  /** default | clientSecret | clientCertificate | deviceCode | azureCli | workloadIdentity | managedIdentity | password, each an @azure/identity credential. Inferred when unset: a secret → clientSecret, a certificate → clientCertificate, a username → password, else default. */
  auth: {"key":"msteams:auth","env":"MSTEAMS_AUTH","type":"string"},
  /** Entra authority host, https only (the emulator serves one). Outside Entra's clouds MSAL's instance discovery is skipped. */
  authorityHost: {"key":"msteams:authorityHost","env":"AZURE_AUTHORITY_HOST","type":"string"},
  /** Opt-in for a graphUrl outside Graph's clouds (the emulator, a proxy): the audience of the Graph tokens it accepts, e.g. https://graph.microsoft.com. */
  graphAudience: {"key":"msteams:graphAudience","env":"MSTEAMS_GRAPH_AUDIENCE","type":"string"},
  /** auth workloadIdentity: the federated (OIDC) token file. */
  federatedTokenFile: {"key":"msteams:federatedTokenFile","env":"AZURE_FEDERATED_TOKEN_FILE","type":"string"},
  /** auth password: the user to sign in as (resource-owner password through UsernamePasswordCredential; the emulator's seeded users). */
  username: {"key":"msteams:username","env":"MSTEAMS_USERNAME","type":"string"},
  /** auth password: the user's password. */
  password: {"key":"msteams:password","env":"MSTEAMS_PASSWORD","type":"string","secret":true},
  /** Overall limit for any wait on Graph (async operations, installations becoming visible), in seconds. */
  operationTimeoutSeconds: {"key":"msteams:operationTimeoutSeconds","env":"MSTEAMS_OPERATION_TIMEOUT_SECONDS","type":"integer","default":600},
  /** First delay of the poller in milliseconds, doubled each time up to `pollMaxDelayMs`. */
  pollInitialDelayMs: {"key":"msteams:pollInitialDelayMs","env":"MSTEAMS_POLL_INITIAL_DELAY_MS","type":"integer","default":1000},
  /** Longest delay between polls in milliseconds (Graph asks for generous intervals between operation polls). */
  pollMaxDelayMs: {"key":"msteams:pollMaxDelayMs","env":"MSTEAMS_POLL_MAX_DELAY_MS","type":"integer","default":30000},
  /** Retries of throttled (429) or transiently failed requests. */
  maxRetries: {"key":"msteams:maxRetries","env":"MSTEAMS_MAX_RETRIES","type":"integer","default":6},
  /** After a message send whose outcome is unknown, how long the chat is searched for the message before it is sent again (Graph's list may lag behind a send), in seconds. */
  messageListSettleSeconds: {"key":"msteams:messageListSettleSeconds","env":"MSTEAMS_MESSAGE_LIST_SETTLE_SECONDS","type":"integer","default":10},
  /** After a group-chat create whose outcome is unknown, how long a member's chat list is searched for the chat before it is created again (Graph's lists may lag behind a create), in seconds. */
  chatListSettleSeconds: {"key":"msteams:chatListSettleSeconds","env":"MSTEAMS_CHAT_LIST_SETTLE_SECONDS","type":"integer","default":10},
  /** Pacing to Teams' limits: realistic (as documented), scaled:<factor> (a clock that many times faster, for an emulator run with --throttle scaled:<factor>) or off. Default: realistic on Graph's clouds, off on other hosts (the emulator). See docs/scale.md. */
  pacing: {"key":"msteams:pacing","env":"MSTEAMS_PACING","type":"string"},
} as const;
