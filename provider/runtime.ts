// The implementation behind the serialized provider shim (shim.ts). Loaded with require() at call time in
// the dynamic-provider process, so one instance of this module (one token cache, one keep-alive agent)
// serves every resource of a deployment, and upgrading the package takes effect for existing state.
import { createCredential, credentialLabel, expectedTokenKind, graphScope, TokenProvider } from "./auth";
import { checkChat } from "./chat/check";
import { diffChat } from "./chat/diff";
import { createChat, readChat, updateChat } from "./chat/lifecycle";
import type { ChatState } from "./chat/model";
import { deleteChat } from "./chat/remove";
import { type ConfigGetter, emptyPassphraseWarning, type ProviderSettings, resolveSettings } from "./config";
import type { Ctx, PartialCreateError } from "./context";
import { isNamedError, messageOf } from "./errors";
import type { ChatAppInstallationInputs, ChatInputs, ChatMessageInputs } from "./generated/types";
import { GraphClient } from "./graph/client";
import {
  createInstallation,
  deleteInstallation,
  diffInstallation,
  type InstallationState,
  readInstallation,
  updateInstallation,
} from "./install/lifecycle";
import { checkMessage } from "./message/check";
import { diffMessage } from "./message/diff";
import { createMessage, deleteMessage, readMessage, updateMessage } from "./message/lifecycle";
import type { MessageState } from "./message/model";
import { canonicalInputs, validateInputs } from "./validate";

let getConfig: ConfigGetter = () => undefined;
let cached: { key: string; ctx: Ctx } | undefined;

/** Called by the shim's configure(): the stack config, secrets decrypted, read at run time only. */
export function configure(config: { get(key: string): string | undefined }): void {
  getConfig = (key) => config.get(key);
}

export function settings(): ProviderSettings {
  return resolveSettings(getConfig);
}

/** The shared context; rebuilt only when the settings change. */
export function context(): Ctx {
  const s = settings();
  const key = JSON.stringify(s);
  if (cached?.key !== key) {
    const tokens = new TokenProvider(
      createCredential(s),
      graphScope(s),
      undefined,
      credentialLabel(s),
      s.auth,
    );
    cached = {
      key,
      ctx: { settings: s, client: new GraphClient(s, tokens), warn: (m) => console.warn(`warning: ${m}`) },
    };
    const passphrase = emptyPassphraseWarning(s);
    if (passphrase) cached.ctx.warn(passphrase);
  }
  return cached.ctx;
}

type Args = readonly unknown[];
type Handler = (...args: never[]) => Promise<unknown> | unknown;

const chat: Record<string, Handler> = {
  check: (olds: Record<string, unknown>, news: Record<string, unknown>) =>
    checkChat(olds, news, { tokenKind: expectedTokenKind(settings()) }),
  diff: (_id: string, olds: ChatState, news: ChatInputs) => diffChat(olds, news),
  create: (inputs: ChatInputs) => createChat(context(), inputs),
  read: (id: string, props: ChatState) => readChat(context(), id, props),
  update: async (id: string, olds: ChatState, news: ChatInputs) => ({
    outs: await updateChat(context(), id, olds, news),
  }),
  delete: (id: string, props: ChatState) => deleteChat(context(), id, props),
};

const message: Record<string, Handler> = {
  check: (_olds: Record<string, unknown>, news: Record<string, unknown>) =>
    checkMessage(news, { tokenKind: expectedTokenKind(settings()) }),
  diff: (_id: string, olds: MessageState, news: ChatMessageInputs) => diffMessage(olds, news),
  create: (inputs: ChatMessageInputs) => createMessage(context(), inputs),
  read: (id: string, props: MessageState) => readMessage(context(), id, props),
  update: async (id: string, olds: MessageState, news: ChatMessageInputs) => ({
    outs: await updateMessage(context(), id, olds, news),
  }),
  delete: (id: string, props: MessageState) => deleteMessage(context(), id, props),
};

const installation: Record<string, Handler> = {
  check: (_olds: Record<string, unknown>, news: Record<string, unknown>) => ({
    inputs: canonicalInputs("ChatAppInstallation", news),
    failures: validateInputs("ChatAppInstallation", news),
  }),
  diff: (_id: string, olds: InstallationState, news: ChatAppInstallationInputs) =>
    diffInstallation(olds, news),
  create: (inputs: ChatAppInstallationInputs) => createInstallation(context(), inputs),
  read: (id: string, props: InstallationState) => readInstallation(context(), id, props),
  update: async (id: string, olds: InstallationState, news: ChatAppInstallationInputs) => ({
    outs: await updateInstallation(context(), id, olds, news),
  }),
  delete: (id: string, props: InstallationState) => deleteInstallation(context(), id, props),
};

const handlers: Record<string, Record<string, Handler>> = {
  Chat: chat,
  ChatMessage: message,
  ChatAppInstallation: installation,
};

/** Entry point of the shim: runs one provider method and shapes errors the way the engine needs them. */
export async function dispatch(kind: string, op: string, args: Args): Promise<unknown> {
  const fn = handlers[kind]?.[op];
  if (!fn)
    throw new Error(`pulumi-msteams: no ${op} for resource ${kind} (state written by a newer version?)`);
  try {
    return await (fn as (...a: Args) => Promise<unknown>)(...args);
  } catch (e) {
    throw await engineError(kind, op, args, e);
  }
}

/**
 * A create that left an object in Graph, or an update that stopped half-way, becomes a partial failure
 * carrying the id and the outputs known now (with __provider, or later refresh and destroy fail).
 * The next `up` then calls update, which finishes the job.
 */
async function engineError(kind: string, op: string, args: Args, e: unknown): Promise<unknown> {
  const provider = (args[op === "create" ? 0 : 2] as Record<string, unknown> | undefined)?.["__provider"];
  if (op === "create" && isNamedError<PartialCreateError>(e, "PartialCreateError")) {
    return engineShaped(e.message, e.id, { ...e.outputs, __provider: provider });
  }
  if (op === "update" && kind === "Chat") {
    const id = args[0] as string;
    try {
      const now = await readChat(context(), id, args[1] as ChatState);
      if (now.id)
        return engineShaped(`updating chat ${id} stopped part-way: ${messageOf(e)}`, id, {
          ...now.props,
          __provider: provider,
        });
    } catch {
      // Fall through: report the original error.
    }
  }
  return e;
}

function engineShaped(message: string, id: string, properties: Record<string, unknown>) {
  const err = new Error(message) as Error & {
    id: string;
    properties: Record<string, unknown>;
    reasons: string[];
  };
  err.id = id;
  err.properties = properties;
  err.reasons = [message];
  return err;
}
