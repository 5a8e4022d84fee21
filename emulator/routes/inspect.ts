import { Router } from "express";
import type { Chaos, FaultRule, ThrottleConfig } from "../faults";
import { installationJson } from "../serialize";
import type { RequestLogEntry } from "../server";
import { type EmulatorStore, operationStatus } from "../store";

export interface InspectDeps {
  store: EmulatorStore;
  chaos: Chaos;
  log: RequestLogEntry[];
  reset(): void;
  configure(o: {
    asyncOperationMs?: number;
    installVisibilityDelayMs?: number;
    tokenLifetimeSeconds?: number;
    throttle?: ThrottleConfig | null;
  }): void;
}

/** Not Graph: shows and resets the emulated tenant, and drives faults and throttling. */
export function inspectionRouter(d: InspectDeps): Router {
  const r = Router();
  r.get("/state", (_req, res) => res.json(stateView(d.store)));
  r.post("/reset", (_req, res) => {
    d.reset();
    res.status(204).end();
  });
  r.get("/requests", (_req, res) => res.json(d.log));
  r.delete("/requests", (_req, res) => {
    d.log.length = 0;
    res.status(204).end();
  });
  r.put("/config", (req, res) => {
    d.configure(req.body ?? {});
    res.status(204).end();
  });
  r.post("/faults", (req, res) => {
    d.chaos.add(req.body as FaultRule);
    res.status(204).end();
  });
  r.delete("/faults", (_req, res) => {
    d.chaos.clear();
    res.status(204).end();
  });
  return r;
}

export function stateView(store: EmulatorStore) {
  const live = store.state.chats.filter((c) => !c.deletedDateTime);
  return {
    tenants: store.dir.seed.tenants,
    users: store.dir.seed.users.map(({ password: _p, ...u }) => u),
    chats: live.map((c) => ({
      ...c,
      installedApps: c.installedApps.map((i) => ({
        ...installationJson(store.dir, i, { teamsApp: true, teamsAppDefinition: true }),
        teamsAppId: i.teamsAppId,
        visible: i.visibleAt <= Date.now(),
      })),
    })),
    deletedChats: store.state.chats
      .filter((c) => c.deletedDateTime)
      .map((c) => ({ id: c.id, deletedDateTime: c.deletedDateTime })),
    operations: store.state.operations.map((o) => ({
      id: o.id,
      chatId: o.chatId,
      status: operationStatus(o),
      error: o.failure,
    })),
  };
}
