// The shape every resource folder exports: the methods of Pulumi's dynamic ResourceProvider, typed with
// the resource's own inputs and state, and written against our context rather than the engine, so another
// front end (a native provider plugin serving the same resources) could reuse them unchanged.
// runtime.ts adapts them to the engine. https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/
import type { TokenKind } from "./auth";
import type { Ctx } from "./context";
import type { CheckFailure } from "./validate";

/** What `check` may know without calling Graph. */
export interface CheckEnv {
  /** The kind of token the configuration yields, when knowable without a Graph call. */
  readonly tokenKind: TokenKind | undefined;
}

export interface CheckResult {
  readonly inputs: Record<string, unknown>;
  readonly failures: CheckFailure[];
  /** Shown as warnings (the engine prints a provider's console output as stack diagnostics). */
  readonly warnings?: readonly string[];
}

export interface DiffResult {
  readonly changes: boolean;
  readonly replaces?: string[];
  readonly deleteBeforeReplace?: boolean;
  /**
   * What the change does, in words, shown as warnings: the engine's dynamic-provider host forwards no
   * detailed diff, so this is how a preview can say what an update of an adopted object would change.
   */
  readonly warnings?: readonly string[];
}

export interface CreateResult<S> {
  readonly id: string;
  readonly outs: S;
}

/** An empty id: the object is gone (refresh drops it, the next `up` recreates it). */
export interface ReadResult<S> {
  readonly id: string;
  readonly props?: S;
  readonly inputs?: Record<string, unknown>;
}

export interface ResourceProvider<I, S> {
  /** Validates and normalises new inputs; local only (runs on every preview). */
  check(olds: Record<string, unknown>, news: Record<string, unknown>, env: CheckEnv): CheckResult;
  /** Stored state against new inputs; local only (a no-op preview makes no Graph call). */
  diff(id: string, olds: S, news: I): DiffResult;
  create(ctx: Ctx, inputs: I): Promise<CreateResult<S>>;
  read(ctx: Ctx, id: string, props: S): Promise<ReadResult<S>>;
  update(ctx: Ctx, id: string, olds: S, news: I): Promise<{ outs: S }>;
  delete(ctx: Ctx, id: string, props: S): Promise<void>;
}

/**
 * A create that succeeded in Graph but failed afterwards, or an update that stopped half-way. Carries the
 * id and the outputs known now, so the engine records the object (a partial failure) instead of
 * orphaning it; the next `up` calls update, which finishes the job.
 */
export class PartialError extends Error {
  override readonly name = "PartialError";
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
