import * as pulumi from "@pulumi/pulumi";
import {
  type ChatAppInstallationArgs,
  chatAppInstallationOutputNames,
  type PermissionSet,
  type TeamsAppDefinitionRef,
} from "../generated/types";
import { providerShim } from "../shim";

const provider = providerShim("ChatAppInstallation");

/**
 * An app installed in a chat. Create waits until Graph shows the installation and its definition; an app
 * already installed is adopted (`adopted: true`) and destroy then only forgets it. A change of
 * `consentedPermissionSet` upgrades the installation in place; `chatId` or `teamsAppId` replace it.
 */
export class ChatAppInstallation extends pulumi.dynamic.Resource {
  declare readonly chatId: pulumi.Output<string>;
  declare readonly teamsAppId: pulumi.Output<string>;
  declare readonly installationId: pulumi.Output<string>;
  declare readonly consentedPermissionSet: pulumi.Output<PermissionSet | null>;
  declare readonly teamsAppDefinition: pulumi.Output<TeamsAppDefinitionRef | null>;
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: ChatAppInstallationArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = Object.fromEntries(chatAppInstallationOutputNames.map((k) => [k, undefined]));
    super(provider, name, { ...outputs, ...args }, opts, "msteams", "ChatAppInstallation");
  }

  /** A read-only reference; `id` is `{chatId}/installedApps/{installationId}`. */
  static get(
    name: string,
    id: pulumi.Input<string>,
    opts?: pulumi.CustomResourceOptions,
  ): ChatAppInstallation {
    return new ChatAppInstallation(name, {} as ChatAppInstallationArgs, { ...opts, id });
  }
}
