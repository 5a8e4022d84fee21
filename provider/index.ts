// The public surface of pulumi-msteams.
export type { AuthMode, ProviderSettings } from "./config";
export {
  CapabilityError,
  ConfigError,
  CredentialError,
  GraphClientError,
  OperationError,
} from "./errors";
export { Chat, ChatAppInstallation, ChatMessage } from "./generated/resources";
export type {
  ChatAppInstallationArgs,
  ChatAppInstallationInputs,
  ChatAppInstallationOutputs,
  ChatArgs,
  ChatInputs,
  ChatInstalledApp,
  ChatInstalledAppArgs,
  ChatMember,
  ChatMemberArgs,
  ChatMemberRole,
  ChatMemberState,
  ChatMessageArgs,
  ChatMessageAttachment,
  ChatMessageInputs,
  ChatMessageMention,
  ChatMessageOutputs,
  ChatOutputs,
  ChatType,
  DeletionPolicy,
  Importance,
  ItemBody,
  MessageFrom,
  PermissionSet,
  PermissionSetArgs,
  PermissionType,
  ResourceSpecificPermission,
  ResourceSpecificPermissionArgs,
  TeamsAppDefinitionRef,
} from "./generated/types";
export { GraphError, isGraphError } from "./graph/errors";
