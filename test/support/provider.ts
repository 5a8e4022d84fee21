import { afterAll, beforeAll, beforeEach } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator";
import * as runtime from "../../provider/runtime";
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

export async function startForProvider(asyncOperationMs = 300): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0, asyncOperationMs });
  configureProvider(emu);
  return emu;
}

/**
 * An emulator for this test file: started once, then reset and the provider re-pointed at it (as `who`)
 * before each test. Returns a getter, since the emulator exists only once beforeAll has run.
 */
export function useProviderEmulator(who: Identity = { kind: "app" }): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startForProvider();
  });
  afterAll(() => emu?.close());
  beforeEach(() => {
    emu!.reset();
    configureProvider(emu!, who);
  });
  return () => emu!;
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
 * (password grant) when `asUser` is given.
 */
export async function outOfBand(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  asUser?: string,
): Promise<Response> {
  const form = new URLSearchParams({
    client_id: APP.clientId,
    scope: "https://graph.microsoft.com/.default",
    ...(asUser
      ? { grant_type: "password", username: asUser, password: "emulator" }
      : { grant_type: "client_credentials", client_secret: APP.secret }),
  });
  const tok = (await (
    await fetch(`${emu.url}/${HOME_TENANT}/oauth2/v2.0/token`, { method: "POST", body: form })
  ).json()) as {
    access_token: string;
  };
  return fetch(`${emu.url}/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${tok.access_token}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
