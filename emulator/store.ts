import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { Directory } from "./directory";
import { badRequest, conflict, forbidden, notFound, userNotFound } from "./errors";
import type { Seed } from "./seed";
import {
  type ChatRecord,
  emptyState,
  type MemberRecord,
  nowIso,
  type OperationRecord,
  type TenantState,
} from "./state";
import type { Caller } from "./tokens";

export interface StoreOptions {
  asyncOperationMs: number;
  installVisibilityDelayMs: number;
}

export interface MemberInput {
  roles?: unknown;
  "user@odata.bind"?: unknown;
  tenantId?: unknown;
  visibleHistoryStartDateTime?: unknown;
}

/** The emulated tenant: chats, members, operations (messages and apps in their own modules). */
export class EmulatorStore {
  state: TenantState = emptyState();
  readonly dir: Directory;

  constructor(
    seed: Seed,
    readonly options: StoreOptions,
    private readonly statePath?: string,
  ) {
    this.dir = new Directory(seed);
    if (statePath) {
      try {
        this.state = JSON.parse(readFileSync(statePath, "utf8")) as TenantState;
      } catch {
        this.state = emptyState();
      }
    }
  }

  reset(): void {
    this.state = emptyState();
    this.save();
  }

  /** Writes the tenant to the state file, when the emulator was started with one. */
  save(): void {
    if (this.statePath) writeFileSync(this.statePath, JSON.stringify(this.state, null, 2));
  }

  /** A chat that exists (not deleted) and that the caller may see. */
  chat(caller: Caller, id: string): ChatRecord {
    const c = this.state.chats.find((x) => x.id === id && !x.deletedDateTime);
    if (!c) throw notFound(`Chat '${id}' was not found.`);
    if (caller.kind === "delegated" && !c.members.some((m) => m.userId === caller.userId)) {
      throw forbidden(`The signed-in user is not a member of chat '${id}'.`);
    }
    return c;
  }

  /** Resolves a member of a create/add request, enforcing Graph's roster rules. */
  member(chatId: string, m: MemberInput, index: number): MemberRecord {
    const where = `members[${index}]`;
    if (!Array.isArray(m.roles) || m.roles.length === 0)
      throw badRequest(`${where}: roles must be specified ('owner' or 'guest').`);
    for (const r of m.roles) {
      if (r !== "owner" && r !== "guest")
        throw badRequest(`The passed-in role '${String(r)}' is not supported.`);
    }
    const ref = parseUserBind(m["user@odata.bind"]);
    if (!ref)
      throw badRequest(`${where}: 'user@odata.bind' must be a users('{id|upn}') or users/{id|upn} URL.`);
    const user = this.dir.user(ref);
    if (!user) throw userNotFound(ref);
    const roles = m.roles as string[];
    const foreign = user.tenantId !== this.dir.homeTenantId;
    if (foreign) {
      if (typeof m.tenantId !== "string" || m.tenantId.toLowerCase() !== user.tenantId.toLowerCase()) {
        throw badRequest(
          `${where}: user '${ref}' belongs to tenant ${user.tenantId}; set tenantId to it for a federated member.`,
        );
      }
      if (!roles.includes("owner"))
        throw badRequest(`${where}: users of another tenant must have the role 'owner'.`);
    } else if (user.userType === "Guest" && !roles.includes("guest")) {
      throw badRequest(`${where}: '${ref}' is a guest of the tenant and must have the role 'guest'.`);
    } else if (user.userType !== "Guest" && roles.includes("guest")) {
      throw badRequest(
        `${where}: '${ref}' is a member of the tenant; the role 'guest' is only for guest users.`,
      );
    }
    const history =
      typeof m.visibleHistoryStartDateTime === "string"
        ? m.visibleHistoryStartDateTime
        : "0001-01-01T00:00:00Z";
    return {
      id: membershipId(user.tenantId, chatId, user.id),
      userId: user.id,
      displayName: user.displayName,
      email: user.mail ?? user.userPrincipalName,
      tenantId: user.tenantId,
      roles,
      visibleHistoryStartDateTime: history,
    };
  }

  newChatIds(chatType: "oneOnOne" | "group", userIds: string[]): { id: string; webUrl: string } {
    const id =
      chatType === "oneOnOne"
        ? `19:${[...userIds].sort().join("_")}@unq.gbl.spaces`
        : `19:${randomBytes(16).toString("hex")}@thread.v2`;
    const webUrl = `https://teams.microsoft.com/l/chat/${id.replace(/^19:/, "19%3A")}/0?tenantId=${this.dir.homeTenantId}`;
    return { id, webUrl };
  }

  newOperation(chatId: string, failure: OperationRecord["failure"]): OperationRecord {
    const op: OperationRecord = {
      id: `${this.dir.homeTenantId}-${randomUUID()}-${randomUUID()}`,
      chatId,
      createdAt: Date.now(),
      durationMs: this.options.asyncOperationMs,
      attemptsCount: 1,
      failure,
    };
    this.state.operations.push(op);
    return op;
  }

  operation(chatId: string, opId: string): OperationRecord {
    const op = this.state.operations.find((o) => o.id === opId && o.chatId === chatId);
    if (!op) throw notFound(`Operation '${opId}' was not found for chat '${chatId}'.`);
    return op;
  }

  touch(c: ChatRecord): void {
    c.lastUpdatedDateTime = nowIso();
  }

  assertNotMember(c: ChatRecord, m: MemberRecord): void {
    if (c.members.some((x) => x.userId === m.userId))
      throw conflict(`User '${m.userId}' is already a member of chat '${c.id}'.`);
  }
}

/** Graph's observed (opaque) membership id: base64 of `0##{tenantId}##{chatId}##{userId}`. */
export const membershipId = (tenantId: string, chatId: string, userId: string) =>
  Buffer.from(`0##${tenantId}##${chatId}##${userId}`).toString("base64");

/** `https://graph.microsoft.com/v1.0/users('x')`, `…/users/x`, either version, any host → `x`. */
export function parseUserBind(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const m = /\/users\('([^']+)'\)\/?$/.exec(v) ?? /\/users\/([^/?#]+)\/?$/.exec(v);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** Status of an async operation, computed from the time elapsed since it started. */
export function operationStatus(
  op: OperationRecord,
  now = Date.now(),
): "notStarted" | "inProgress" | "succeeded" | "failed" {
  const elapsed = now - op.createdAt;
  if (elapsed >= op.durationMs) return op.failure ? "failed" : "succeeded";
  return elapsed < op.durationMs * 0.2 ? "notStarted" : "inProgress";
}
