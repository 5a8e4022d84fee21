import type { Request, Response } from "express";
import { unsupportedQuery } from "../errors";
import type { EmulatorStore } from "../store";
import type { Caller } from "../tokens";

/** Per-request values set by the pipeline (server.ts). */
export interface GraphLocals {
  caller: Caller;
  version: "v1.0" | "beta";
}

export const locals = (res: Response): GraphLocals => res.locals as unknown as GraphLocals;

/** Every query option not explicitly supported is refused, never silently ignored. */
export function allowQuery(req: Request, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(req.query)) if (!allowed.includes(key)) throw unsupportedQuery(key, where);
}

export const param = (req: Request, name: string): string => String(req.params[name]);

export type Deps = { store: EmulatorStore };
