// The implementation behind the serialized provider shim (shim.ts). Loaded with require() at call time in
// the dynamic-provider process, so one instance of this module (one token cache, one keep-alive agent)
// serves every resource of a deployment, and upgrading the package takes effect for existing state.
// It knows no resource by name: it maps the type name to the resource's provider and shapes errors.
import {
  createCredential,
  credentialLabel,
  expectedTokenKind,
  graphScope,
  type TokenKind,
  TokenProvider,
} from "./auth";
import { chatProvider } from "./chat/provider";
import { type ConfigGetter, emptyPassphraseWarning, type ProviderSettings, resolveSettings } from "./config";
import type { Ctx } from "./context";
import type { CheckResult, PartialError, ReadResult, ResourceProvider } from "./contract";
import { type ConfigError, isNamedError, NotFoundError } from "./errors";
import { GraphClient } from "./graph/client";
import type { GraphError } from "./graph/errors";
import { installationProvider } from "./install/provider";
import { clearIntent, clearMade, intentFor } from "./journal";
import { engineGone, watchEngine } from "./lifeline";
import { messageProvider } from "./message/provider";

let getConfig: ConfigGetter = () => undefined;
/** Whether this run's configuration mistake was already reported (by the first check). */
let configReported = false;
let cached: { key: string; ctx: Ctx } | undefined;

/** Called by the shim's configure(): the stack config, secrets decrypted, read at run time only. */
export function configure(config: { get(key: string): string | undefined }): void {
  getConfig = (key) => config.get(key);
  configReported = false;
  watchEngine();
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

/**
 * Every resource, by the type name in its URN (`pulumi-nodejs:dynamic/msteams:<name>`). Each entry is
 * typed by its own folder; the engine sends plain values, so here they are `unknown`.
 */
const providers: Readonly<Record<string, ResourceProvider<unknown, unknown>>> = {
  Chat: chatProvider,
  ChatMessage: messageProvider,
  ChatAppInstallation: installationProvider,
};

type Args = readonly unknown[];
type Op = keyof ResourceProvider<unknown, unknown>;

/** The engine's argument lists, method by method (https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/). */
function run(kind: string, p: ResourceProvider<unknown, unknown>, op: Op, a: Args): unknown {
  switch (op) {
    case "check": {
      const olds = a[0] as Record<string, unknown>;
      // Olds are the inputs in the engine's state: this resource's create is recorded, its intent done.
      if (Object.keys(olds ?? {}).some((k) => k !== "__provider")) clearIntent(kind, a[1]);
      return checkWithConfig(p, olds, a[1] as Record<string, unknown>);
    }
    case "diff":
      return p.diff(a[0] as string, a[1], a[2]);
    case "create":
      return journaledCreate(kind, p, a[0]);
    case "read":
      return p.read(context(), a[0] as string, a[1]);
    case "update":
      return p.update(context(), a[0] as string, a[1], a[2]);
    case "delete":
      return p.delete(context(), a[0] as string, a[1]).then(() => clearMade(kind, a[0] as string));
  }
}

/**
 * A create with its entry in the create journal (journal.ts): recorded by graph/once.ts before the create
 * is sent. The entry stays, with the id, when the create made something (the engine may die before it saves
 * the answer: the next check clears it once the state holds the resource), and when the outcome is
 * unknown (an ambiguous failure: Graph may have made it), so that the next run looks for the object before
 * it creates one. Only a create known to have made nothing removes it.
 */
async function journaledCreate(kind: string, p: ResourceProvider<unknown, unknown>, inputs: unknown) {
  const ctx = context();
  const intent = intentFor(kind, inputs, ctx.warn);
  try {
    const r = await p.create(intent ? { ...ctx, intent } : ctx, inputs);
    intent?.made(r.id);
    return r;
  } catch (e) {
    if (isNamedError<PartialError>(e, "PartialError")) intent?.made(e.id);
    else if (!engineGone() && !(isNamedError<GraphError>(e, "GraphError") && e.ambiguous)) intent?.done();
    throw e;
  }
}

/**
 * Check runs first, for every resource, on every preview: a configuration mistake is reported there as a
 * failure (no stack trace), once per run rather than once per resource, next to the input's own failures.
 */
function checkWithConfig(
  p: ResourceProvider<unknown, unknown>,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): CheckResult {
  let tokenKind: TokenKind | undefined;
  let problem: string | undefined;
  try {
    tokenKind = expectedTokenKind(settings());
  } catch (e) {
    if (!isNamedError<ConfigError>(e, "ConfigError")) throw e;
    problem = e.message;
  }
  const r = p.check(olds, news, { tokenKind });
  if (problem === undefined || configReported) return r;
  configReported = true;
  return { ...r, failures: [{ property: "", reason: problem }, ...r.failures] };
}

/** Who the provider signs in as, in words, for messages about what that identity can see. */
function identityOf(): string {
  try {
    const s = settings();
    const who = s.username ? `user ${s.username}` : `app ${s.clientId ?? "(no msteams:clientId)"}`;
    return `${who} (msteams:auth ${s.auth}${s.tenantId ? `, tenant ${s.tenantId}` : ""})`;
  } catch {
    return "the configured identity";
  }
}

/**
 * A read with no state but the provider's own key is a read-only reference (`Chat.get(name, id)`), not a
 * refresh: an object Graph does not show fails it, instead of yielding a resource without outputs.
 */
function checkedRead(kind: string, a: Args, r: ReadResult<unknown>): ReadResult<unknown> {
  const props = (a[1] ?? {}) as Record<string, unknown>;
  const reference = Object.keys(props).every((k) => k === "__provider");
  if (r.id !== "" || !reference) return r;
  throw new NotFoundError(
    `${kind}.get: no ${kind} with id '${String(a[0])}' in Microsoft Graph that ${identityOf()} can see. ` +
      `Check the id (pulumi stack output, or the object's id in Graph) and that this identity may read it.`,
  );
}

const ops: readonly string[] = ["check", "diff", "create", "read", "update", "delete"] satisfies Op[];

/** Entry point of the shim: runs one provider method and shapes errors the way the engine needs them. */
export async function dispatch(kind: string, op: string, args: Args): Promise<unknown> {
  const p = providers[kind];
  if (!p || !ops.includes(op))
    throw new Error(`pulumi-msteams: no ${op} for resource ${kind} (state written by a newer version?)`);
  try {
    const result = await run(kind, p, op as Op, args);
    return op === "read" ? checkedRead(kind, args, result as ReadResult<unknown>) : result;
  } catch (e) {
    throw engineError(op, args, e);
  }
}

/**
 * A partial failure (a create that left an object in Graph, an update that stopped half-way) becomes the
 * error the engine records: the id, the outputs known now and `__provider` (without it, later refresh and
 * destroy fail). The next `up` then calls update, which finishes the job.
 */
function engineError(op: string, args: Args, e: unknown): unknown {
  if (!isNamedError<PartialError>(e, "PartialError") || (op !== "create" && op !== "update")) return e;
  const inputs = args[op === "create" ? 0 : 2] as Record<string, unknown> | undefined;
  const err = new Error(e.message, { cause: e }) as Error & {
    id: string;
    properties: Record<string, unknown>;
    reasons: string[];
  };
  err.id = e.id;
  err.properties = { ...e.outputs, __provider: inputs?.["__provider"] };
  err.reasons = [e.message];
  return err;
}
