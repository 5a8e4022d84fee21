import express, { Router } from "express";
import type { RequestLogEntry } from "../context";
import type { Directory } from "../directory";
import { invalidEmulatorConfig } from "../errors";
import type { Chaos } from "../faults";
import { permissionReport } from "../report";
import { limitDepth, requireAdmin } from "../safety";
import { operationStatus } from "../store/records";
import type { EmulatorStore } from "../store/store";
import { installationJson } from "../views/directory";
import { type Changes, webViewRouter } from "../web/router";

export interface EmulatorSettings {
  asyncOperationMs?: number;
  installVisibilityDelayMs?: number;
  messageListDelayMs?: number;
  chatListDelayMs?: number;
  tokenLifetimeSeconds?: number;
  asyncOperationPolls?: number;
  throttle?: unknown;
}

export interface InspectionDeps {
  store: EmulatorStore;
  directory: Directory;
  chaos: Chaos;
  log: RequestLogEntry[];
  reset(): void;
  /** Applies (validated) settings; see RunningEmulator.configure. */
  configure(settings: EmulatorSettings): void;
  /** The per-start secret that state-changing calls must send (safety.ts). */
  adminToken: string;
  /** Told about every change, for the web view's live updates. */
  changes: Changes;
}

/** /_emulator: not Graph, no token. Shows and resets the tenant, and drives faults and throttling. */
export function inspectionRouter(d: InspectionDeps): Router {
  const r = Router();
  r.use(requireAdmin(d.adminToken));
  r.use(express.json());
  r.use(limitDepth);
  r.get("/state", (_req, res) => {
    res.json(stateView(d.store, d.directory));
  });
  r.get("/permissions", (_req, res) => {
    res.json(permissionReport(d.log));
  });
  r.use(webViewRouter(d.changes));
  r.post("/reset", (_req, res) => {
    d.reset();
    res.status(204).end();
  });
  r.get("/requests", (_req, res) => {
    res.json(d.log);
  });
  r.delete("/requests", (_req, res) => {
    d.log.length = 0;
    res.status(204).end();
  });
  r.put("/config", (req, res) => {
    d.configure(checkSettings(req.body));
    res.status(204).end();
  });
  r.post("/faults", (req, res) => {
    d.chaos.add(req.body);
    res.status(204).end();
  });
  r.delete("/faults", (_req, res) => {
    d.chaos.clearRules();
    res.status(204).end();
  });
  return r;
}

const NUMBERS = [
  "asyncOperationMs",
  "installVisibilityDelayMs",
  "messageListDelayMs",
  "chatListDelayMs",
  "tokenLifetimeSeconds",
  "asyncOperationPolls",
];

/** Settings from PUT /_emulator/config: known keys only, numbers ≥ 0 (throttle is checked by Chaos). */
export function checkSettings(raw: unknown): EmulatorSettings {
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw invalidEmulatorConfig("expected a JSON object (Content-Type: application/json).");
  for (const [k, v] of Object.entries(raw)) {
    if (k === "throttle") continue;
    if (!NUMBERS.includes(k))
      throw invalidEmulatorConfig(`'${k}' is not a setting (${[...NUMBERS, "throttle"].join(", ")}).`);
    if (typeof v !== "number" || !Number.isFinite(v) || (v < 0 && k !== "tokenLifetimeSeconds"))
      throw invalidEmulatorConfig(`'${k}' must be a number ≥ 0.`);
  }
  return raw as EmulatorSettings;
}

/** The whole tenant: directory (without passwords or secrets), live and deleted chats, operations. */
export function stateView(store: EmulatorStore, dir: Directory) {
  const now = Date.now();
  const { chats, operations } = store.state;
  return {
    tenants: dir.tenants,
    users: dir.users.map(({ password: _p, ...u }) => u),
    // Names for the request log's app ids; never the secrets.
    appRegistrations: dir.appRegistrations.map((a) => ({
      clientId: a.clientId,
      displayName: a.displayName,
      tenantId: a.tenantId,
    })),
    chats: chats
      .filter((c) => !c.deletedDateTime)
      .map((c) => ({
        ...c,
        installedApps: c.installedApps.map((i) => ({
          ...installationJson(dir, i, { teamsApp: true, teamsAppDefinition: true }),
          teamsAppId: i.teamsAppId,
          consentedPermissionSet: i.consentedPermissionSet,
          visible: i.visibleAt <= now,
        })),
      })),
    deletedChats: chats
      .filter((c) => c.deletedDateTime)
      .map((c) => ({ id: c.id, chatType: c.chatType, topic: c.topic, deletedDateTime: c.deletedDateTime })),
    operations: operations.map((o) => ({
      id: o.id,
      chatId: o.chatId,
      status: operationStatus(o, now),
      error: operationStatus(o, now) === "failed" ? o.failure : null,
      createdDateTime: new Date(o.createdAt).toISOString(),
      polls: o.polls ?? 0,
      // The statuses polls were answered with (the first entry is the start).
      history: o.history ?? [],
    })),
  };
}
