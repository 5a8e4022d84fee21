import type { RunningEmulator } from "../../emulator";
import * as runtime from "../../provider/runtime";
import { useEmulatorFor } from "./emulator";
import { Raw } from "./raw";
import { APP, HOME_TENANT } from "./tenant";

export type Identity =
  | { kind: "app"; clientId?: string; secret?: string }
  | { kind: "user"; username: string };

/** Points the provider runtime (as the shim would reach it) at an emulator, with fast polling. */
export function configureProvider(
  emu: RunningEmulator,
  who: Identity = { kind: "app" },
  extra: Record<string, string> = {},
) {
  const config: Record<string, string> = {
    "msteams:graphUrl": emu.url,
    // The emulator is not one of Graph's clouds: say which tokens it takes (see README "URL safety").
    "msteams:graphAudience": "https://graph.microsoft.com",
    "msteams:authorityHost": emu.url,
    "msteams:tenantId": HOME_TENANT,
    "msteams:clientId": who.kind === "app" ? (who.clientId ?? APP.clientId) : APP.clientId,
    "msteams:pollInitialDelayMs": "50",
    "msteams:pollMaxDelayMs": "400",
    // After a send with an unknown outcome, search the chat for 1 s (not the default 10) before re-sending.
    "msteams:messageListSettleSeconds": "1",
    "msteams:chatListSettleSeconds": "1",
    ...(who.kind === "app"
      ? { "msteams:clientSecret": who.secret ?? APP.secret }
      : { "msteams:username": who.username, "msteams:password": "emulator" }),
    ...extra,
  };
  runtime.configure({ get: (k) => config[k] });
}

/**
 * An emulator for this test file: started once, then reset and the provider re-pointed at it (as `who`)
 * before each test. Returns a getter, since the emulator exists only once beforeAll has run.
 */
export function useProviderEmulator(who: Identity = { kind: "app" }): () => RunningEmulator {
  return useEmulatorFor({ asyncOperationMs: 300 }, (emu) => configureProvider(emu, who));
}

/** Calls a provider method the way the engine does (through dispatch, with a fake __provider). */
export const call = <T = Record<string, unknown>>(op: string, ...args: unknown[]) =>
  runtime.dispatch("Chat", op, args) as Promise<T>;

/** Same, for any resource kind. */
export const callFor =
  (kind: "Chat" | "ChatMessage" | "ChatAppInstallation") =>
  <T = Record<string, unknown>>(op: string, ...args: unknown[]) =>
    runtime.dispatch(kind, op, args) as Promise<T>;

export const graphRequests = (emu: RunningEmulator) => emu.requests().filter((r) => r.kind === "graph");

/**
 * A request made "by someone else" (out of band): with an application token, or as a seeded user
 * (password grant) when `asUser` is given. Tokens come from the one fetcher in raw.ts.
 */
export async function outOfBand(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  asUser?: string,
): Promise<Response> {
  const token = await new Raw(emu).token(asUser ? { user: asUser } : "app");
  return fetch(`${emu.url}/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
