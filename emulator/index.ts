import type { AddressInfo } from "node:net";
import type { RequestLogEntry } from "./context";
import { Directory } from "./directory";
import { Chaos, type FaultRule } from "./faults";
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
  /** e.g. http://127.0.0.1:41234 — Graph at `${url}/v1.0` and `${url}/beta`, tokens at `${url}/{tenant}/oauth2/v2.0/token`. */
  readonly url: string;
  readonly port: number;
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
  const app = createPipeline({
    store,
    directory,
    issuer,
    chaos,
    log,
    inspection,
    hosts: () => hosts,
    onLogged: () => changes.notify(),
  });
  const host = options.host ?? "127.0.0.1";
  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port, options.allowedHosts);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    port,
    adminToken,
    webUrl: `${url}/_emulator/`,
    permissions: () => permissionReport(log),
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
