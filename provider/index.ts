// The public surface of pulumi-msteams.
export { Chat } from "./chat/resource";
export type { AuthMode, ProviderSettings } from "./config";
export { CapabilityError, ConfigError, GraphClientError, OperationError } from "./errors";
export type {
  ChatArgs,
  ChatInputs,
  ChatInstalledApp,
  ChatInstalledAppArgs,
  ChatMember,
  ChatMemberArgs,
  ChatMemberRole,
  ChatMemberState,
  ChatOutputs,
  ChatType,
  DeletionPolicy,
  PermissionSet,
  PermissionSetArgs,
  PermissionType,
  ResourceSpecificPermission,
  ResourceSpecificPermissionArgs,
} from "./generated/types";
export { GraphError, isGraphError } from "./graph/errors";
