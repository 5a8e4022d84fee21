import { randomBytes } from "node:crypto";
import type { SeedUser } from "../seed";

export interface DeviceCodeRequest {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly tenant: string;
  readonly expiresAt: number;
  /** Set once a person (or a test) approved the code. */
  user?: SeedUser;
  /** Set once the token was handed out: a device code is used once. */
  redeemed?: boolean;
}

/** Letters a person can type without confusion, as Entra's codes are (no 0/O, 1/I). */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * The device authorization grant's pending sign-ins: a code is created by POST .../devicecode, approved
 * for a seeded user by a person (the /devicelogin page), a test (POST /_emulator/devicecode/approve) or
 * automatically, and redeemed once by the polling client.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code
 */
export class DeviceCodes {
  private readonly pending = new Map<string, DeviceCodeRequest>();
  /** A seeded user whose sign-ins are approved as soon as they are requested. */
  autoApprove: SeedUser | undefined;

  constructor(readonly lifetimeSeconds = 900) {}

  create(clientId: string, tenant: string): DeviceCodeRequest {
    const userCode = Array.from(randomBytes(9), (b) => ALPHABET[b % ALPHABET.length]).join("");
    const req: DeviceCodeRequest = {
      deviceCode: randomBytes(32).toString("base64url"),
      userCode,
      clientId,
      tenant,
      expiresAt: Date.now() + this.lifetimeSeconds * 1000,
      ...(this.autoApprove ? { user: this.autoApprove } : {}),
    };
    this.pending.set(req.deviceCode, req);
    return req;
  }

  byDeviceCode(code: string): DeviceCodeRequest | undefined {
    return this.pending.get(code);
  }

  /** Approves the sign-in with this user code; false when no such code is waiting. */
  approve(userCode: string, user: SeedUser): boolean {
    const wanted = userCode.replace(/[\s-]/g, "").toUpperCase();
    const req = [...this.pending.values()].find((r) => r.userCode === wanted && !r.redeemed);
    if (!req || req.expiresAt < Date.now()) return false;
    req.user = user;
    return true;
  }

  /** User codes waiting for approval (for the inspection endpoint and tests). */
  waiting(): string[] {
    return [...this.pending.values()]
      .filter((r) => !r.user && r.expiresAt > Date.now())
      .map((r) => r.userCode);
  }

  clear(): void {
    this.pending.clear();
  }
}

/**
 * POST /_emulator/devicecode/approve {"userCode": "…", "user": "<UPN or id>"}: a test (or a script)
 * approves a waiting sign-in as a seeded user, without the password. GET lists the waiting codes.
 */
export function deviceApprovalRouter(
  codes: DeviceCodes,
  user: (idOrUpn: string) => SeedUser | undefined,
): import("express").Router {
  const express: typeof import("express") = require("express");
  const r = express.Router();
  r.use(express.json());
  r.get("/", (_req, res) => {
    res.json({ waiting: codes.waiting() });
  });
  r.post("/approve", (req, res) => {
    const body = (req.body ?? {}) as { userCode?: unknown; user?: unknown };
    const who = typeof body.user === "string" ? user(body.user) : undefined;
    if (!who || typeof body.userCode !== "string" || !codes.approve(body.userCode, who)) {
      res.status(400).json({
        error: { code: "BadRequest", message: "Give a waiting userCode and a seeded user (UPN or id)." },
      });
      return;
    }
    res.status(204).end();
  });
  return r;
}
