import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";
import { bind, owner, Raw } from "../support/raw";
import { USERS } from "../support/tenant";

export { bind, chatPath, owner, Raw } from "../support/raw";
export { APP, APPS, FEDERATED_TENANT, HOME_TENANT, LIMITED_APP, USERS } from "../support/tenant";

export const JACOB = { id: "5e2f7a1c-3b4d-4e6f-8a9b-0c1d2e3f4a5b", upn: "jacob@contoso.com" };
export const ALEX = { id: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", upn: "alex@contoso.com" };
export const STANDUP_APP = "c3a9f0e2-7b64-4d1e-9f8a-2b5c6d7e8f90";
export const adele = { user: "adele@contoso.com" };
export const pat = { user: "pat@contoso.com" };

export type Answer = { status: number; headers: Headers; json: Record<string, any> };

/**
 * One emulator for the test file, started on port 0 and reset before each test. Returns getters, since
 * the emulator exists only once beforeAll has run.
 */
export function useEmulator(options: EmulatorOptions = {}): { emu: () => RunningEmulator; raw: () => Raw } {
  let emu: RunningEmulator | undefined;
  let raw: Raw | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, ...options });
    raw = new Raw(emu);
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu!.reset());
  return { emu: () => emu!, raw: () => raw! };
}

/** Names and ids from a counter, never from randomness: reruns send the same requests. */
export function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Graph error: status, code, a message matching `message`, and the full envelope with its ids. */
export function expectGraphError(r: Answer, status: number, code: string, message: RegExp): void {
  expect({ status: r.status, code: r.json?.["error"]?.code }).toEqual({ status, code });
  expect(r.json["error"].message).toMatch(message);
  expect(r.json["error"].innerError).toEqual({
    date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
    "request-id": r.headers.get("request-id"),
    "client-request-id": r.headers.get("client-request-id"),
  });
}

export const groupBody = (extra: Record<string, unknown> = {}) => ({
  chatType: "group",
  topic: "Team",
  members: [owner(USERS.u8c0a), owner(USERS.u82fe), owner(USERS.u3626)],
  ...extra,
});

export const oneOnOneBody = (extra: Record<string, unknown> = {}) => ({
  chatType: "oneOnOne",
  members: [owner(USERS.adele), owner(USERS.u82af)],
  ...extra,
});

export const appBind = (id: string) => `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}`;

/** A group chat of Adele, Patti and John (so delegated calls as Adele or Patti may use it). */
export async function newGroupChat(
  raw: Raw,
  members: readonly string[] = [USERS.adele, USERS.u82af, USERS.u8c0a],
): Promise<string> {
  const r = await raw.call("POST", "/chats", { chatType: "group", members: members.map(owner) });
  expect(r.status).toBe(201);
  return r.json["id"] as string;
}

export const member = (user: string, roles = ["owner"], extra: Record<string, unknown> = {}) => ({
  "@odata.type": "#microsoft.graph.aadUserConversationMember",
  roles,
  "user@odata.bind": bind(user),
  ...extra,
});
