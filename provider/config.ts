import { ConfigError } from "./errors";
import { configVariables } from "./generated/types";

/** How the provider gets its token. See README "Configuration" (generated from schema config.variables). */
export type AuthMode =
  | "default"
  | "clientSecret"
  | "clientCertificate"
  | "deviceCode"
  | "azureCli"
  | "workloadIdentity"
  | "managedIdentity"
  | "emulator";

const authModes: readonly AuthMode[] = [
  "default",
  "clientSecret",
  "clientCertificate",
  "deviceCode",
  "azureCli",
  "workloadIdentity",
  "managedIdentity",
  "emulator",
];

export interface ProviderSettings {
  readonly graphUrl: string;
  readonly auth: AuthMode;
  readonly tenantId: string | undefined;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly clientCertificatePath: string | undefined;
  readonly authorityHost: string | undefined;
  /** Emulator only: sign in as this seeded user (password grant) to get a delegated token. */
  readonly username: string | undefined;
  readonly password: string | undefined;
  // Meanings and defaults of the settings below: schema/schema.json config.variables (README "Configuration").
  /** Overall limit for any wait on Graph (async operations, eventual consistency). */
  readonly operationTimeoutSeconds: number;
  /** First delay of the poller, doubled each time up to pollMaxDelayMs. */
  readonly pollInitialDelayMs: number;
  /** Longest delay between polls (Graph asks for generous intervals between operation polls). */
  readonly pollMaxDelayMs: number;
  /** Retries of throttled or transiently failed requests. */
  readonly maxRetries: number;
  /**
   * After a message send whose outcome is unknown, how long the chat's list is searched for it before it
   * is sent again (Graph's list may lag behind a send).
   */
  readonly messageListSettleSeconds: number;
  /**
   * After a group-chat create whose outcome is unknown, how long the chat lists are searched for the chat
   * before it is created again (Graph's lists may lag behind a create).
   */
  readonly chatListSettleSeconds: number;
}

/** Every setting's config key, environment variable and default come from the schema's config.variables. */
const keys = configVariables;
type Numeric = {
  [K in keyof typeof keys]: (typeof keys)[K] extends { type: "integer" } ? K : never;
}[keyof typeof keys];

export type ConfigGetter = (key: string) => string | undefined;

export function resolveSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const read = (name: keyof typeof keys): string | undefined => {
    const { key, env: envName } = keys[name];
    const v = get(key) ?? env[envName];
    return v === undefined || v === "" ? undefined : v;
  };
  const num = (name: Numeric): number => {
    const raw = read(name);
    if (raw === undefined) return keys[name].default;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) {
      throw new ConfigError(`${keys[name].key} must be a non-negative number, got '${raw}'`);
    }
    return n;
  };
  const graphUrl = (read("graphUrl") ?? keys.graphUrl.default).replace(/\/+$/, "");
  if (!/^https?:\/\//.test(graphUrl)) {
    throw new ConfigError(
      `msteams:graphUrl must be an http(s) URL such as https://graph.microsoft.com, got '${graphUrl}'`,
    );
  }
  const authorityHost = read("authorityHost")?.replace(/\/+$/, "");
  const explicit = read("auth");
  if (explicit !== undefined && !authModes.includes(explicit as AuthMode)) {
    throw new ConfigError(`msteams:auth must be one of ${authModes.join(", ")}; got '${explicit}'`);
  }
  const settings: ProviderSettings = {
    graphUrl,
    auth:
      (explicit as AuthMode | undefined) ??
      inferAuth(authorityHost, read("clientSecret"), read("clientCertificatePath")),
    tenantId: read("tenantId"),
    clientId: read("clientId"),
    clientSecret: read("clientSecret"),
    clientCertificatePath: read("clientCertificatePath"),
    authorityHost,
    username: read("username"),
    password: read("password"),
    operationTimeoutSeconds: num("operationTimeoutSeconds"),
    pollInitialDelayMs: num("pollInitialDelayMs"),
    pollMaxDelayMs: num("pollMaxDelayMs"),
    maxRetries: num("maxRetries"),
    messageListSettleSeconds: num("messageListSettleSeconds"),
    chatListSettleSeconds: num("chatListSettleSeconds"),
  };
  requireFor(settings);
  return settings;
}

function inferAuth(authorityHost: string | undefined, secret?: string, cert?: string): AuthMode {
  // An http:// authority can only be the local emulator: real Entra endpoints are https.
  if (authorityHost?.startsWith("http://")) return "emulator";
  if (secret) return "clientSecret";
  if (cert) return "clientCertificate";
  return "default";
}

function requireFor(s: ProviderSettings): void {
  const need = (ok: unknown, key: string, why: string) => {
    if (!ok) throw new ConfigError(`${key} is required when msteams:auth is '${s.auth}' (${why})`);
  };
  switch (s.auth) {
    case "clientSecret":
      need(s.tenantId, "msteams:tenantId", "pulumi config set msteams:tenantId <tenant guid>");
      need(s.clientId, "msteams:clientId", "pulumi config set msteams:clientId <app id>");
      need(
        s.clientSecret,
        "msteams:clientSecret",
        "pulumi config set --secret msteams:clientSecret <secret>",
      );
      break;
    case "clientCertificate":
      need(s.tenantId, "msteams:tenantId", "pulumi config set msteams:tenantId <tenant guid>");
      need(s.clientId, "msteams:clientId", "pulumi config set msteams:clientId <app id>");
      need(s.clientCertificatePath, "msteams:clientCertificatePath", "path to a PEM with the private key");
      break;
    case "deviceCode":
      need(s.clientId, "msteams:clientId", "the public client app that signs the user in");
      break;
    case "emulator":
      need(s.authorityHost, "msteams:authorityHost", "the emulator's URL, e.g. http://127.0.0.1:8080");
      need(s.tenantId, "msteams:tenantId", "a tenant of the emulator's seed");
      need(s.clientId, "msteams:clientId", "an app registration of the emulator's seed");
      if (!s.username)
        need(s.clientSecret, "msteams:clientSecret", "or set msteams:username for a delegated token");
      break;
    default:
      break;
  }
}
