// Errors on our side of the wire. Graph's own errors are GraphError (graph/errors.ts).
// The dynamic provider runs as re-loaded serialized code, so checks use `name`, never `instanceof` alone.

/**
 * A mistake a person fixes (configuration, a wrong id), not a bug: it carries no stack. The engine's
 * dynamic-provider host prints `${e}: ${e.stack}` for failures of check, diff, read and delete, and frames
 * of files the package does not ship would only hide what to do.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.stack = "";
  }
}

/** A configuration problem; the message names the config key (or env var) and how to fix it. */
export class ConfigError extends UserError {
  override readonly name = "ConfigError";
}

/** A read-only reference (`Chat.get` and the like) to an object Graph does not show. */
export class NotFoundError extends UserError {
  override readonly name = "NotFoundError";
}

/**
 * No token: the identity platform refused one (wrong secret, unknown client…) or could not be reached.
 * Raised before the request is sent, so a create that fails this way created nothing (it is never
 * "ambiguous"). The message carries the identity platform's reason, never the secret.
 */
export class CredentialError extends Error {
  override readonly name = "CredentialError";
}

/** A mistake on our side of the client (an unexpected Graph answer we cannot interpret). */
export class GraphClientError extends Error {
  override readonly name = "GraphClientError";
}

/** An operation the current token cannot perform; raised before anything is sent to Graph. */
export class CapabilityError extends Error {
  override readonly name = "CapabilityError";
}

/** A wait on Graph (async operation, eventual consistency) that did not finish in time or failed. */
export class OperationError extends Error {
  override readonly name = "OperationError";
  constructor(
    message: string,
    readonly operationId: string | undefined,
    readonly lastStatus: string | undefined,
  ) {
    super(message);
  }
}

/** The engine cancelled the deployment (its Cancel call): no further request is sent to Graph. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
}

export function isNamedError<T extends Error>(e: unknown, name: string): e is T {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === name;
}

/** The message of anything thrown, without stack. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
