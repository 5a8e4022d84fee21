import { ConfigError } from "./errors";
import { configVariables } from "./generated/types";
import { pacingScale } from "./graph/pacing";

/** How the provider gets its token. See README "Configuration" (generated from schema config.variables). */
export type AuthMode =
  | "default"
  | "clientSecret"
  | "clientCertificate"
  | "deviceCode"
  | "azureCli"
  | "workloadIdentity"
  | "managedIdentity"
  | "password";

const authModes: readonly AuthMode[] = [
  "default",
  "clientSecret",
  "clientCertificate",
  "deviceCode",
  "azureCli",
  "workloadIdentity",
  "managedIdentity",
  "password",
];

export interface ProviderSettings {
  readonly graphUrl: string;
  readonly auth: AuthMode;
  readonly tenantId: string | undefined;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly clientCertificatePath: string | undefined;
  readonly authorityHost: string | undefined;
  /**
   * The token audience for Graph: from the Graph cloud of graphUrl, or msteams:graphAudience for any
   * other host (the emulator, a proxy). Tokens are requested for `${graphAudience}/.default`.
   */
  readonly graphAudience: string;
  /** True when authorityHost is not one of Entra's clouds: MSAL's instance discovery is then skipped. */
  readonly customAuthority: boolean;
  /** `password` mode: sign in as this user (resource-owner password, delegated token). */
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** `workloadIdentity` mode: the federated token file (AZURE_FEDERATED_TOKEN_FILE). */
  readonly federatedTokenFile: string | undefined;
  /**
   * `workloadIdentity` mode in a GitHub Actions job with `permissions: id-token: write`: where the runner
   * hands out its OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN), used when no token file is set.
   */
  readonly githubOidc: { readonly url: string; readonly token: string } | undefined;
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
  /**
   * How fast the clock of Teams' limits runs for the client's pacing (graph/pacing.ts): 1 for Graph's own,
   * f for an emulator throttling on a clock f times faster, undefined for no pacing.
   */
  readonly pacingScale: number | undefined;
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
  const graphAudience = audienceFor(graphUrl, read("graphAudience"));
  const authorityHost = read("authorityHost")?.replace(/\/+$/, "");
  const customAuthority = authorityHost !== undefined && !isEntraAuthority(authorityHost);
  const explicit = read("auth");
  if (explicit !== undefined && !authModes.includes(explicit as AuthMode)) {
    throw new ConfigError(`msteams:auth must be one of ${authModes.join(", ")}; got '${explicit}'`);
  }
  const settings: ProviderSettings = {
    graphUrl,
    auth:
      (explicit as AuthMode | undefined) ??
      inferAuth(read("clientSecret"), read("clientCertificatePath"), read("username")),
    tenantId: read("tenantId"),
    clientId: read("clientId"),
    clientSecret: read("clientSecret"),
    clientCertificatePath: read("clientCertificatePath"),
    authorityHost,
    graphAudience,
    customAuthority,
    username: read("username"),
    password: read("password"),
    federatedTokenFile: read("federatedTokenFile"),
    githubOidc: githubOidc(env),
    operationTimeoutSeconds: num("operationTimeoutSeconds"),
    pollInitialDelayMs: num("pollInitialDelayMs"),
    pollMaxDelayMs: num("pollMaxDelayMs"),
    maxRetries: num("maxRetries"),
    messageListSettleSeconds: num("messageListSettleSeconds"),
    chatListSettleSeconds: num("chatListSettleSeconds"),
    // Graph's clouds throttle; any other host (the emulator) does not unless it is told to.
    pacingScale: pacingScale(
      read("pacing") ?? (graphAudience === graphUrlOrigin(graphUrl) ? "realistic" : "off"),
    ),
  };
  requireFor(settings, explicit !== undefined);
  return settings;
}

/** The origin of a Graph URL: a Graph cloud's own origin is its token audience (see audienceFor). */
function graphUrlOrigin(graphUrl: string): string {
  return new URL(graphUrl).origin;
}

function inferAuth(secret?: string, cert?: string, username?: string): AuthMode {
  if (secret) return "clientSecret";
  if (cert) return "clientCertificate";
  if (username) return "password";
  return "default";
}

/**
 * Microsoft Graph's national clouds and the token audience each accepts.
 * https://learn.microsoft.com/graph/deployments#microsoft-graph-and-graph-explorer-service-root-endpoints
 */
const GRAPH_CLOUDS: Record<string, string> = {
  "graph.microsoft.com": "https://graph.microsoft.com", // global
  "graph.microsoft.us": "https://graph.microsoft.us", // US Government L4
  "dod-graph.microsoft.us": "https://dod-graph.microsoft.us", // US Government L5 (DoD)
  "microsoftgraph.chinacloudapi.cn": "https://microsoftgraph.chinacloudapi.cn", // China (21Vianet)
};

/** Entra's authority hosts: https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud */
const ENTRA_AUTHORITIES = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
]);

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach (nothing leaves the machine). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

function parseUrl(value: string, key: string, example: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError(`${key} must be an https URL such as ${example}, got '${value}'`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new ConfigError(`${key} must be an https URL such as ${example}, got '${value}'`);
  return u;
}

/**
 * The audience of Graph tokens for this graphUrl. A Graph token is only ever sent over https, or over
 * http to this machine; and only to Microsoft's Graph clouds unless msteams:graphAudience opts a host in.
 */
function audienceFor(graphUrl: string, optIn: string | undefined): string {
  const u = parseUrl(graphUrl, "msteams:graphUrl", "https://graph.microsoft.com");
  if (u.protocol === "http:" && !isLoopback(u.hostname))
    throw new ConfigError(
      `msteams:graphUrl '${graphUrl}' uses http:// for a host that is not this machine: the Graph token would travel in clear text. Use https:// (http:// is only for 127.0.0.1, ::1 or localhost)`,
    );
  const cloud = GRAPH_CLOUDS[u.hostname.toLowerCase()];
  if (cloud && u.protocol === "https:" && u.port === "") {
    if (optIn !== undefined && optIn.replace(/\/+$/, "") !== cloud)
      throw new ConfigError(
        `msteams:graphAudience '${optIn}' does not match the Graph cloud of ${graphUrl} (${cloud}); remove it`,
      );
    return cloud;
  }
  const audiences = Object.values(GRAPH_CLOUDS);
  if (optIn === undefined)
    throw new ConfigError(
      `msteams:graphUrl '${graphUrl}' is not one of Microsoft Graph's clouds (${Object.keys(GRAPH_CLOUDS).join(", ")}). To send Graph tokens to this host (the emulator, a proxy you run), say so: pulumi config set msteams:graphAudience https://graph.microsoft.com (the audience of the tokens it accepts)`,
    );
  const audience = optIn.replace(/\/+$/, "");
  if (!audiences.includes(audience))
    throw new ConfigError(`msteams:graphAudience must be one of ${audiences.join(", ")}; got '${optIn}'`);
  return audience;
}

/** The GitHub Actions runner's OIDC token endpoint, when the job may request one (https, or this machine). */
function githubOidc(env: NodeJS.ProcessEnv): ProviderSettings["githubOidc"] {
  const url = env["ACTIONS_ID_TOKEN_REQUEST_URL"];
  const token = env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"];
  if (!url || !token) return undefined;
  const u = parseUrl(
    url,
    "ACTIONS_ID_TOKEN_REQUEST_URL",
    "https://pipelines.actions.githubusercontent.com/…",
  );
  if (u.protocol !== "https:" && !isLoopback(u.hostname))
    throw new ConfigError(
      `ACTIONS_ID_TOKEN_REQUEST_URL must be https (its bearer token goes there), got '${url}'`,
    );
  return { url, token };
}

function isEntraAuthority(authorityHost: string): boolean {
  const u = parseUrl(authorityHost, "msteams:authorityHost", "https://login.microsoftonline.com");
  if (u.protocol !== "https:")
    throw new ConfigError(
      `msteams:authorityHost '${authorityHost}' must use https:// (the client secret, certificate assertion or password is sent there; the emulator serves https too)`,
    );
  return ENTRA_AUTHORITIES.has(u.hostname.toLowerCase());
}

/** What each sign-in mode needs: the key, and the line that sets it. */
const NEEDS: Partial<Record<AuthMode, readonly (readonly [keyof ProviderSettings, string, string])[]>> = {
  clientSecret: [
    ["tenantId", "msteams:tenantId", "pulumi config set msteams:tenantId <tenant id>"],
    ["clientId", "msteams:clientId", "pulumi config set msteams:clientId <app registration id>"],
    [
      "clientSecret",
      "msteams:clientSecret",
      "pulumi config set --secret msteams:clientSecret   (it prompts)",
    ],
  ],
  clientCertificate: [
    ["tenantId", "msteams:tenantId", "pulumi config set msteams:tenantId <tenant id>"],
    ["clientId", "msteams:clientId", "pulumi config set msteams:clientId <app registration id>"],
    [
      "clientCertificatePath",
      "msteams:clientCertificatePath",
      "pulumi config set msteams:clientCertificatePath <PEM with the certificate and its private key>",
    ],
  ],
  deviceCode: [["clientId", "msteams:clientId", "pulumi config set msteams:clientId <public client app id>"]],
  password: [
    ["tenantId", "msteams:tenantId", "pulumi config set msteams:tenantId <tenant id>"],
    ["clientId", "msteams:clientId", "pulumi config set msteams:clientId <public client app id>"],
    ["username", "msteams:username", "pulumi config set msteams:username <user principal name>"],
    ["password", "msteams:password", "pulumi config set --secret msteams:password   (it prompts)"],
  ],
  workloadIdentity: [
    ["tenantId", "msteams:tenantId", "pulumi config set msteams:tenantId <tenant id>"],
    ["clientId", "msteams:clientId", "pulumi config set msteams:clientId <app registration id>"],
    [
      "federatedTokenFile",
      "msteams:federatedTokenFile",
      "pulumi config set msteams:federatedTokenFile <OIDC token file>   (or AZURE_FEDERATED_TOKEN_FILE; in GitHub Actions, permissions id-token: write)",
    ],
  ],
};

/** The credentials configured at once, each of which would choose a sign-in mode of its own. */
const CHOOSERS: readonly (readonly [keyof ProviderSettings, string, AuthMode])[] = [
  ["clientSecret", "msteams:clientSecret", "clientSecret"],
  ["clientCertificatePath", "msteams:clientCertificatePath", "clientCertificate"],
  ["username", "msteams:username", "password"],
];

/**
 * Every missing or conflicting key of the chosen sign-in mode, in one error: a person fixes them all at
 * once instead of meeting them one run at a time. Each line says how to set it.
 */
function requireFor(s: ProviderSettings, explicit: boolean): void {
  const problems: string[] = [];
  const present = CHOOSERS.filter(([field]) => s[field] !== undefined);
  if (!explicit && present.length > 1) {
    problems.push(
      `${present.map(([, key]) => key).join(" and ")} are both set, so it is unclear how to sign in: choose with ` +
        `pulumi config set msteams:auth <${present.map(([, , mode]) => mode).join("|")}>, and remove the other key`,
    );
  }
  for (const [field, key, how] of NEEDS[s.auth] ?? []) {
    const have = field === "federatedTokenFile" ? (s.federatedTokenFile ?? s.githubOidc) : s[field];
    if (have === undefined) problems.push(`${key} is missing: ${how}`);
  }
  if (problems.length === 0) return;
  const why = explicit ? `msteams:auth is '${s.auth}'` : `msteams:auth is unset, so '${s.auth}' was chosen`;
  throw new ConfigError(
    `the stack's configuration cannot sign in to Microsoft Graph (${why}):\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
      "(environment variables work too; see the README's Configuration section)",
  );
}

/**
 * The provider's own copy of the engine runner's warning, for plain `pulumi up`: the Pulumi CLI hands its
 * environment to the provider process, so an explicitly empty PULUMI_CONFIG_PASSPHRASE is visible here.
 * A secret for a tenant that is not on this machine is then stored only obfuscated.
 */
export function emptyPassphraseWarning(
  s: ProviderSettings,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (env["PULUMI_CONFIG_PASSPHRASE"] !== "" || env["PULUMI_CONFIG_PASSPHRASE_FILE"]) return undefined;
  if (!s.clientSecret && !s.password) return undefined;
  if (isLoopback(new URL(s.graphUrl).hostname)) return undefined;
  return `PULUMI_CONFIG_PASSPHRASE is empty, so the stack's secrets (msteams:${s.clientSecret ? "clientSecret" : "password"}) are only obfuscated in Pulumi.<stack>.yaml and the state, yet ${s.graphUrl} is not this machine: set a passphrase`;
}
