import type { AddressInfo } from "node:net";
import { Chaos, type FaultRule, type ThrottleConfig } from "./faults";
import { inspectionRouter } from "./routes/inspect";
import { defaultSeedPath, loadSeed, type Seed, validateSeed } from "./seed";
import { createApp, type RequestLogEntry } from "./server";
import { EmulatorStore } from "./store";
import { TokenIssuer } from "./tokens";

export type { FaultRule, ThrottleConfig } from "./faults";
export { defaultSeedPath, loadSeed, type Seed } from "./seed";
export type { RequestLogEntry } from "./server";
export { EmulatorStore } from "./store";

export interface EmulatorOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** A YAML path or a parsed seed. @default emulator/seed/default.yaml */
  seed?: string | Seed;
  /** Time a create-chat operation takes to reach succeeded/failed. @default 1500 */
  asyncOperationMs?: number;
  /** Delay before a new app installation is visible (eventual consistency). @default 300 */
  installVisibilityDelayMs?: number;
  /** @default 3600 */
  tokenLifetimeSeconds?: number;
  /** Keep the tenant in this JSON file across restarts (the demo uses it). */
  statePath?: string;
}

export interface RunningEmulator {
  readonly url: string;
  readonly port: number;
  readonly store: EmulatorStore;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  reset(): void;
  configure(
    o: Partial<
      Pick<EmulatorOptions, "asyncOperationMs" | "installVisibilityDelayMs" | "tokenLifetimeSeconds">
    > & { throttle?: ThrottleConfig | null },
  ): void;
  readonly faults: { add(rule: FaultRule): void; clear(): void };
  close(): Promise<void>;
}

export async function startEmulator(o: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = typeof o.seed === "object" ? validateSeed(o.seed) : loadSeed(o.seed ?? defaultSeedPath);
  const store = new EmulatorStore(
    seed,
    {
      asyncOperationMs: o.asyncOperationMs ?? 1500,
      installVisibilityDelayMs: o.installVisibilityDelayMs ?? 300,
    },
    o.statePath,
  );
  const issuer = new TokenIssuer(o.tokenLifetimeSeconds ?? 3600);
  const chaos = new Chaos();
  const log: RequestLogEntry[] = [];
  const configure: RunningEmulator["configure"] = (c) => {
    if (c.asyncOperationMs !== undefined) store.options.asyncOperationMs = c.asyncOperationMs;
    if (c.installVisibilityDelayMs !== undefined)
      store.options.installVisibilityDelayMs = c.installVisibilityDelayMs;
    if (c.tokenLifetimeSeconds !== undefined) issuer.setLifetime(c.tokenLifetimeSeconds);
    if (c.throttle !== undefined) chaos.throttle = c.throttle;
  };
  const defaults = { ...store.options };
  const reset = () => {
    store.reset();
    chaos.clear();
    log.length = 0;
    Object.assign(store.options, defaults);
  };
  const app = createApp({
    store,
    issuer,
    chaos,
    log,
    inspection: inspectionRouter({ store, chaos, log, reset, configure }),
  });
  const server = app.listen(o.port ?? 0, o.host ?? "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${o.host ?? "127.0.0.1"}:${port}`,
    port,
    store,
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
    reset,
    configure,
    faults: { add: (r) => chaos.add(r), clear: () => chaos.clear() },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
