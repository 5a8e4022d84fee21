import { ConfigError } from "./errors";

/** How the provider gets its token. See README "Configuration". */
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
  /** Overall limit for any wait on Graph (async operations, eventual consistency). @default 600 */
  readonly operationTimeoutSeconds: number;
  /** First delay of the poller, doubled each time up to pollMaxDelayMs. @default 1000 */
  readonly pollInitialDelayMs: number;
  /** @default 30000 (Graph asks for generous intervals between operation polls) */
  readonly pollMaxDelayMs: number;
  /** Retries of throttled or transiently failed requests. @default 6 */
  readonly maxRetries: number;
  /**
   * After a message send whose outcome is unknown, how long the chat's list is searched for it before it
   * is sent again (Graph's list may lag behind a send). @default 10
   */
  readonly messageListSettleSeconds: number;
  /**
   * After a group-chat create whose outcome is unknown, how long the chat lists are searched for the chat
   * before it is created again (Graph's lists may lag behind a create). @default 10
   */
  readonly chatListSettleSeconds: number;
}

/** A config key, its environment variable, and nothing else: config wins over env. */
const keys = {
  graphUrl: ["msteams:graphUrl", "MSTEAMS_GRAPH_URL"],
  auth: ["msteams:auth", "MSTEAMS_AUTH"],
  tenantId: ["msteams:tenantId", "AZURE_TENANT_ID"],
  clientId: ["msteams:clientId", "AZURE_CLIENT_ID"],
  clientSecret: ["msteams:clientSecret", "AZURE_CLIENT_SECRET"],
  clientCertificatePath: ["msteams:clientCertificatePath", "AZURE_CLIENT_CERTIFICATE_PATH"],
  authorityHost: ["msteams:authorityHost", "AZURE_AUTHORITY_HOST"],
  username: ["msteams:username", "MSTEAMS_USERNAME"],
  password: ["msteams:password", "MSTEAMS_PASSWORD"],
  operationTimeoutSeconds: ["msteams:operationTimeoutSeconds", "MSTEAMS_OPERATION_TIMEOUT_SECONDS"],
  pollInitialDelayMs: ["msteams:pollInitialDelayMs", "MSTEAMS_POLL_INITIAL_DELAY_MS"],
  pollMaxDelayMs: ["msteams:pollMaxDelayMs", "MSTEAMS_POLL_MAX_DELAY_MS"],
  maxRetries: ["msteams:maxRetries", "MSTEAMS_MAX_RETRIES"],
  messageListSettleSeconds: ["msteams:messageListSettleSeconds", "MSTEAMS_MESSAGE_LIST_SETTLE_SECONDS"],
  chatListSettleSeconds: ["msteams:chatListSettleSeconds", "MSTEAMS_CHAT_LIST_SETTLE_SECONDS"],
} as const;

export type ConfigGetter = (key: string) => string | undefined;

export function resolveSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const read = (name: keyof typeof keys): string | undefined => {
    const [key, envName] = keys[name];
    const v = get(key) ?? env[envName];
    return v === undefined || v === "" ? undefined : v;
  };
  const num = (name: keyof typeof keys, fallback: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) {
      throw new ConfigError(`${keys[name][0]} must be a non-negative number, got '${raw}'`);
    }
    return n;
  };
  const graphUrl = (read("graphUrl") ?? "https://graph.microsoft.com").replace(/\/+$/, "");
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
    operationTimeoutSeconds: num("operationTimeoutSeconds", 600),
    pollInitialDelayMs: num("pollInitialDelayMs", 1000),
    pollMaxDelayMs: num("pollMaxDelayMs", 30_000),
    maxRetries: num("maxRetries", 6),
    messageListSettleSeconds: num("messageListSettleSeconds", 10),
    chatListSettleSeconds: num("chatListSettleSeconds", 10),
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
