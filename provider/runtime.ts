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
import { withoutWarnings } from "./diff";
import { type ConfigError, isNamedError, NotFoundError } from "./errors";
import { outputNames } from "./generated/types";
import { inRead } from "./graph/batch";
import { GraphClient } from "./graph/client";
import type { GraphError } from "./graph/errors";
import { installationProvider } from "./install/provider";
import { clearIntent, clearMade, intentFor } from "./journal";
import { engineGone, watchEngine } from "./lifeline";
import { messageProvider } from "./message/provider";

/** Where a provider's warnings go (the dynamic front end: stderr; the plugin: the engine's log). */
export type WarnSink = (message: string) => void;

/**
 * One configured provider: its configuration, its settings, and the context built from them (one token
 * cache, one keep-alive client). The dynamic front end has one for the whole deployment (`shared`, behind
 * the module functions below); the plugin front end (plugin/) has one per provider instance, so each
 * explicit `msteams` provider of a program signs in to its own tenant with its own credential.
 */
export class ProviderRuntime {
  private getConfig: ConfigGetter = () => undefined;
  /** Whether this run's configuration mistake was already reported (by the first check). */
  private configReported = false;
  private cached: { key: string; ctx: Ctx } | undefined;

  constructor(private readonly warn: WarnSink = (m) => console.warn(`warning: ${m}`)) {}

  /** The configuration, secrets decrypted, read at run time only. */
  configure(config: { get(key: string): string | undefined }): void {
    this.getConfig = (key) => config.get(key);
    this.configReported = false;
  }

  settings(): ProviderSettings {
    return resolveSettings(this.getConfig);
  }

  /** This provider's context; rebuilt only when the settings change. */
  context(): Ctx {
    const s = this.settings();
    const key = JSON.stringify(s);
    if (this.cached?.key !== key) {
      const tokens = new TokenProvider(
        createCredential(s),
        graphScope(s),
        undefined,
        credentialLabel(s),
        s.auth,
      );
      this.cached = { key, ctx: { settings: s, client: new GraphClient(s, tokens), warn: this.warn } };
      const passphrase = emptyPassphraseWarning(s);
      if (passphrase) this.cached.ctx.warn(passphrase);
    }
    return this.cached.ctx;
  }

  /** Stops this provider's Graph traffic: requests in flight are aborted and no new one is sent. */
  cancel(): void {
    this.cached?.ctx.client.cancel();
  }

  /** Runs one provider method (the dynamic provider's argument lists) and shapes errors for the engine. */
  async dispatch(kind: string, op: string, args: Args): Promise<unknown> {
    const p = providers[kind];
    if (!p || !ops.includes(op))
      throw new Error(`pulumi-msteams: no ${op} for resource ${kind} (state written by a newer version?)`);
    try {
      const result = await this.run(kind, p, op as Op, withNulls(kind, op, args));
      return stateOut(op === "read" ? this.checkedRead(kind, args, result as ReadResult<unknown>) : result);
    } catch (e) {
      throw engineError(op, args, e);
    }
  }

  /** The engine's argument lists, method by method (https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/). */
  private run(kind: string, p: ResourceProvider<unknown, unknown>, op: Op, a: Args): unknown {
    switch (op) {
      case "check": {
        const olds = a[0] as Record<string, unknown>;
        // Olds are the inputs in the engine's state: this resource's create is recorded, its intent done.
        if (Object.keys(olds ?? {}).some((k) => k !== "__provider")) clearIntent(kind, a[1]);
        return this.warned(this.checkWithConfig(p, olds, a[1] as Record<string, unknown>));
      }
      case "diff":
        return this.warned(p.diff(a[0] as string, a[1], a[2]));
      case "create":
        return this.journaledCreate(kind, p, a[0]);
      case "read":
        return inRead(() => p.read(this.context(), a[0] as string, a[1]));
      case "update":
        return p.update(this.context(), a[0] as string, a[1], a[2]);
      case "delete":
        return p.delete(this.context(), a[0] as string, a[1]).then(() => clearMade(kind, a[0] as string));
    }
  }

  /**
   * A create with its entry in the create journal (journal.ts): recorded by graph/once.ts before the create
   * is sent. The entry stays, with the id, when the create made something (the engine may die before it
   * saves the answer: the next check clears it once the state holds the resource), and when the outcome is
   * unknown (an ambiguous failure: Graph may have made it), so that the next run looks for the object
   * before it creates one. Only a create known to have made nothing removes it. Inputs without a journal
   * key (the plugin front end, `get`) have no entry.
   */
  private async journaledCreate(kind: string, p: ResourceProvider<unknown, unknown>, inputs: unknown) {
    const ctx = this.context();
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
   * Hands a check's or diff's warnings to the warning sink (the dynamic front end prints them, which the
   * engine shows as diagnostics, in preview too; the plugin logs them under the resource) and returns the
   * result without them.
   */
  private warned<R extends { readonly warnings?: readonly string[] }>(r: R): Omit<R, "warnings"> {
    for (const w of r.warnings ?? []) this.warn(w);
    return withoutWarnings(r);
  }

  /**
   * Check runs first, for every resource, on every preview: a configuration mistake is reported there as a
   * failure (no stack trace), once per run rather than once per resource, next to the input's own failures.
   */
  private checkWithConfig(
    p: ResourceProvider<unknown, unknown>,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): CheckResult {
    let tokenKind: TokenKind | undefined;
    let problem: string | undefined;
    try {
      tokenKind = expectedTokenKind(this.settings());
    } catch (e) {
      if (!isNamedError<ConfigError>(e, "ConfigError")) throw e;
      problem = e.message;
    }
    const r = p.check(olds, news, { tokenKind });
    if (problem === undefined || this.configReported) return r;
    this.configReported = true;
    return { ...r, failures: [{ property: "", reason: problem }, ...r.failures] };
  }

  /** Who the provider signs in as, in words, for messages about what that identity can see. */
  private identityOf(): string {
    try {
      const s = this.settings();
      const who = s.username ? `user ${s.username}` : `app ${s.clientId ?? "(no msteams:clientId)"}`;
      return `${who} (msteams:auth ${s.auth}${s.tenantId ? `, tenant ${s.tenantId}` : ""})`;
    } catch {
      return "the configured identity";
    }
  }

  /**
   * A read with no state but the provider's own key is a read-only reference (`Chat.get(name, id)`, or an
   * import), not a refresh: an object Graph does not show fails it, instead of yielding a resource
   * without outputs.
   */
  private checkedRead(kind: string, a: Args, r: ReadResult<unknown>): ReadResult<unknown> {
    const props = (a[1] ?? {}) as Record<string, unknown>;
    const reference = Object.keys(props).every((k) => k === "__provider");
    if (r.id !== "" || !reference) return r;
    throw new NotFoundError(
      `${kind}.get: no ${kind} with id '${String(a[0])}' in Microsoft Graph that ${this.identityOf()} can see. ` +
        `Check the id (pulumi stack output, or the object's id in Graph) and that this identity may read it.`,
    );
  }
}

/** The dynamic front end's one provider: every resource of a deployment shares it. */
const shared = new ProviderRuntime();

/** Called by the shim's configure(): the stack config, secrets decrypted, read at run time only. */
export function configure(config: { get(key: string): string | undefined }): void {
  shared.configure(config);
  watchEngine();
}

export function settings(): ProviderSettings {
  return shared.settings();
}

/** The shared context; rebuilt only when the settings change. */
export function context(): Ctx {
  return shared.context();
}

/**
 * Every resource, by the type name in its URN (`pulumi-nodejs:dynamic/msteams:<name>`). Each entry is
 * typed by its own folder; the engine sends plain values, so here they are `unknown`.
 */
export const providers: Readonly<Record<string, ResourceProvider<unknown, unknown>>> = {
  Chat: chatProvider,
  ChatMessage: messageProvider,
  ChatAppInstallation: installationProvider,
};

type Args = readonly unknown[];
type Op = keyof ResourceProvider<unknown, unknown>;

const ops: readonly string[] = ["check", "diff", "create", "read", "update", "delete"] satisfies Op[];

/** Entry point of the shim: runs one provider method and shapes errors the way the engine needs them. */
export function dispatch(kind: string, op: string, args: Args): Promise<unknown> {
  return shared.dispatch(kind, op, args);
}

/**
 * The provider object of one kind, as the shim's text (shim.ts `providerText`) hands it to Pulumi's
 * dynamic-provider host: `configure` first (the stack config, secrets decrypted), then the six methods.
 * `configure` and `dispatch` stay exported as they are: the text earlier builds stored in state (a
 * serialized closure) calls them.
 */
export function shim(kind: string): Record<string, (...args: never[]) => unknown> {
  const methods = ops.map((op) => [op, (...args: unknown[]) => dispatch(kind, op, args)]);
  return {
    configure: (req: { config: { get(key: string): string | undefined } }) => configure(req.config),
    ...Object.fromEntries(methods),
  };
}

/**
 * State omits what has no value: a property whose value is null is left out of the outputs the engine
 * stores (each byte of state is written again at every step of every later `up`; docs/scale.md). The
 * program sees such an output as undefined.
 */
function compact(outs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outs).filter(([, v]) => v !== null));
}

/** The outputs of a create, update or read result, compacted. */
function stateOut(result: unknown): unknown {
  if (typeof result !== "object" || result === null) return result;
  const r = result as { outs?: Record<string, unknown>; props?: Record<string, unknown> };
  if (r.outs) return { ...r, outs: compact(r.outs) };
  if (r.props) return { ...r, props: compact(r.props) };
  return result;
}

/**
 * ...and the resource code sees the state as it was written (and as earlier builds stored it):
 * every property present, null when it has none. Only a state with something in it: a read-only reference
 * (`get`) holds nothing but `__provider`, and read tells it from a refresh by that.
 */
function withNulls(kind: string, op: string, args: Args): Args {
  const olds = withOlds.has(op) ? (args[1] as Record<string, unknown> | undefined) : undefined;
  const names = (outputNames as Record<string, readonly string[]>)[kind];
  if (!olds || !names || Object.keys(olds).every((k) => k === "__provider")) return args;
  const filled = { ...Object.fromEntries(names.map((k) => [k, null])), ...olds };
  return [args[0], filled, ...args.slice(2)];
}

/** The methods whose second argument is the state the engine holds (the outputs). */
const withOlds: ReadonlySet<string> = new Set(["diff", "update", "read", "delete"]);

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
  err.properties = { ...compact(e.outputs), __provider: inputs?.["__provider"] };
  err.reasons = [e.message];
  return err;
}

// For the plugin front end (plugin/): the detail of a diff, and the configuration keys with their secrecy.
export { changedInputs } from "./diff";
export { configVariables } from "./generated/types";
