import { randomBytes } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { RequestLogEntry } from "./context";
import { Directory } from "./directory";
import { Chaos, type FaultRule } from "./faults";
import { DeviceCodes } from "./identity/devicecode";
import { emulatorTls, type TlsOption } from "./identity/serve";
import { createPipeline } from "./pipeline";
import { type PermissionReport, permissionReport } from "./report";
import { checkSettings, inspectionRouter } from "./routes/inspection";
import { allowedHosts, newAdminToken } from "./safety";
import { defaultSeedPath, loadSeed, type Seed } from "./seed";
import { MemoryStore } from "./store/memory";
import type { EmulatorStore, StoreOptions } from "./store/store";
import type { ThrottleSetting } from "./throttle";
import { TokenIssuer } from "./tokens";
import { validateSeed } from "./validate-seed";
import { Changes } from "./web/router";

// The emulator's public surface: everything a test, the demo or the CLI needs, named explicitly.
export type { RequestLogEntry } from "./context";
export type { FaultRule } from "./faults";
export { emulatorTls, type TlsOption } from "./identity/serve";
export { generateClientCertificate, generateTls, type TlsMaterial } from "./identity/tls";
export type { PermissionNeed, PermissionReport } from "./report";
export { exposureWarning } from "./safety";
export type {
  Seed,
  SeedAppDefinition,
  SeedAppRegistration,
  SeedRscPermission,
  SeedTeamsApp,
  SeedTenant,
  SeedUser,
} from "./seed";
export { defaultSeedPath, loadSeed } from "./seed";
export type {
  ChatRecord,
  InstallationRecord,
  MemberRecord,
  MessageRecord,
  OperationRecord,
  TenantState,
} from "./store/records";
export type { EmulatorStore, StoreOptions } from "./store/store";
export type { ThrottleConfig, ThrottleSetting } from "./throttle";
export { type Bucket, GRAPH_LIMITS, type Limit } from "./throttle/limits";
export { validateSeed } from "./validate-seed";

export interface EmulatorOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** A YAML path or a parsed seed. @default emulator/seed/default.yaml */
  seed?: string | Seed;
  /** Total time a create-chat operation takes to reach succeeded/failed. @default 1500 */
  asyncOperationMs?: number;
  /** Delay before a new app installation is visible (eventual consistency). @default 300 */
  installVisibilityDelayMs?: number;
  /** Delay before a new message shows in the chat's message list. @default 0 */
  messageListDelayMs?: number;
  /** Delay before a new chat shows in chat lists (GET /me/chats, /users/{id}/chats). @default 0 */
  chatListDelayMs?: number;
  /** @default 3600 */
  tokenLifetimeSeconds?: number;
  /** Keep the tenant in this JSON file across restarts (the demo uses it). */
  statePath?: string;
  /** When > 0, a create-chat operation ends on its Nth poll (deterministic tests) instead of after asyncOperationMs. @default 0 */
  asyncOperationPolls?: number;
  /** Host names (without port) accepted besides the bound address, e.g. a container's or a proxy's name. */
  allowedHosts?: string[];
  /**
   * Throttling from the start (and after reset): `"realistic"` (Graph's documented Teams limits),
   * `"scaled:<factor>"` (the same on a faster clock), limits of one's own, or `"off"`. @default "off"
   */
  throttle?: ThrottleSetting;
  /**
   * HTTPS (the default) or plain HTTP (`false`, only when asked for). Without a certificate given here,
   * the emulator uses MSTEAMS_EMULATOR_TLS_CERT / MSTEAMS_EMULATOR_TLS_KEY (PEM files) when set, else the
   * certificate kept in `tlsDir`, else one it makes at start; see RunningEmulator.caPath.
   * @default true
   */
  tls?: TlsOption;
  /** A folder where a generated CA and certificate are kept and reused across starts (the CLI's .state/tls). */
  tlsDir?: string;
  /** Approve every device-code sign-in at once as this seeded user (UPN or id). */
  deviceCodeUser?: string;
}

export type EmulatorSettings = Partial<
  Pick<
    EmulatorOptions,
    | "asyncOperationMs"
    | "installVisibilityDelayMs"
    | "messageListDelayMs"
    | "chatListDelayMs"
    | "tokenLifetimeSeconds"
    | "asyncOperationPolls"
  >
> & { throttle?: ThrottleSetting };

export interface RunningEmulator {
  /**
   * e.g. https://127.0.0.1:41234 — Graph at `${url}/v1.0` and `${url}/beta`, Entra at `${url}/{tenant}/…`
   * (so the same URL is both `msteams:graphUrl` and `msteams:authorityHost`).
   */
  readonly url: string;
  readonly port: number;
  /** The CA certificate file to give clients as NODE_EXTRA_CA_CERTS (undefined over plain HTTP). */
  readonly caPath: string | undefined;
  /** App Service managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER for a client of this emulator. */
  readonly managedIdentity: { readonly endpoint: string; readonly header: string };
  /** Approves a waiting device-code sign-in as a seeded user; false when no such code waits. */
  approveDeviceCode(userCode: string, user: string): boolean;
  /** User codes of device-code sign-ins waiting for approval. */
  waitingDeviceCodes(): string[];
  /** Direct state access for tests (out-of-band changes). */
  readonly store: EmulatorStore;
  /** Every request except /_emulator/*, oldest first. */
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Back to the seed; clears the request log and fault rules, and restores the settings (throttling as started). */
  reset(): void;
  configure(settings: EmulatorSettings): void;
  readonly faults: { add(rule: FaultRule): void; clear(): void };
  /** The per-start secret for state-changing /_emulator calls (`Authorization: Bearer …`). */
  readonly adminToken: string;
  /** The web view of the tenant. */
  readonly webUrl: string;
  /** The least-privilege report from the requests served so far (GET /_emulator/permissions). */
  permissions(): PermissionReport;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed =
    typeof options.seed === "object" ? validateSeed(options.seed) : loadSeed(options.seed ?? defaultSeedPath);
  const directory = new Directory(seed);
  const defaults: StoreOptions = {
    asyncOperationMs: options.asyncOperationMs ?? 1500,
    installVisibilityDelayMs: options.installVisibilityDelayMs ?? 300,
    messageListDelayMs: options.messageListDelayMs ?? 0,
    chatListDelayMs: options.chatListDelayMs ?? 0,
    asyncOperationPolls: options.asyncOperationPolls ?? 0,
  };
  const store = new MemoryStore(directory.homeTenantId, { ...defaults }, options.statePath);
  const defaultLifetime = options.tokenLifetimeSeconds ?? 3600;
  const issuer = new TokenIssuer(defaultLifetime);
  const deviceCodes = new DeviceCodes();
  if (options.deviceCodeUser) {
    deviceCodes.autoApprove = directory.user(options.deviceCodeUser);
    if (!deviceCodes.autoApprove)
      throw new Error(`deviceCodeUser '${options.deviceCodeUser}' is not a seeded user`);
  }
  const chaos = new Chaos();
  const throttle = options.throttle ?? null;
  chaos.setThrottle(throttle);
  const log: RequestLogEntry[] = [];

  const configure = (s: EmulatorSettings): void => {
    checkSettings(s);
    if (s.throttle !== undefined) chaos.setThrottle(s.throttle);
    if (s.asyncOperationMs !== undefined) store.options.asyncOperationMs = s.asyncOperationMs;
    if (s.installVisibilityDelayMs !== undefined)
      store.options.installVisibilityDelayMs = s.installVisibilityDelayMs;
    if (s.messageListDelayMs !== undefined) store.options.messageListDelayMs = s.messageListDelayMs;
    if (s.chatListDelayMs !== undefined) store.options.chatListDelayMs = s.chatListDelayMs;
    if (s.tokenLifetimeSeconds !== undefined) issuer.setLifetime(s.tokenLifetimeSeconds);
    if (s.asyncOperationPolls !== undefined) store.options.asyncOperationPolls = s.asyncOperationPolls;
    changes.notify();
  };
  const reset = (): void => {
    store.reset();
    chaos.clear();
    chaos.setThrottle(throttle);
    log.length = 0;
    Object.assign(store.options, defaults);
    issuer.setLifetime(defaultLifetime);
    changes.notify();
    deviceCodes.clear();
  };

  const adminToken = newAdminToken();
  const changes = new Changes();
  let hosts = new Set<string>();
  const inspection = inspectionRouter({
    store,
    directory,
    chaos,
    log,
    reset,
    configure,
    adminToken,
    changes,
  });
  const identityHeader = randomBytes(24).toString("hex");
  const identity = {
    directory,
    issuer,
    deviceCodes,
    federationIssuers: seed.federationIssuers ?? [],
    identityHeader,
  };
  const app = createPipeline({
    store,
    directory,
    issuer,
    chaos,
    log,
    inspection,
    identity,
    hosts: () => hosts,
    onLogged: () => changes.notify(),
  });
  const host = options.host ?? "127.0.0.1";
  const tls = emulatorTls(options.tls, host, options.tlsDir);
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, app)
    : createHttpServer(app);
  server.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port, options.allowedHosts);
  const url = `${tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    port,
    adminToken,
    webUrl: `${url}/_emulator/`,
    permissions: () => permissionReport(log),
    caPath: tls?.caPath,
    managedIdentity: { endpoint: `${url}/msi/token`, header: identityHeader },
    approveDeviceCode: (userCode, user) => {
      const who = directory.user(user);
      return who !== undefined && deviceCodes.approve(userCode, who);
    },
    waitingDeviceCodes: () => deviceCodes.waiting(),
    store,
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
    reset,
    configure,
    faults: { add: (rule) => chaos.add(rule), clear: () => chaos.clearRules() },
    close: () =>
      new Promise<void>((resolve) => {
        changes.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
