/** An error answered by Microsoft Graph (or a request whose outcome is unknown). */
export class GraphError extends Error {
  override readonly name = "GraphError";
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly clientRequestId: string;
  readonly method: string;
  readonly path: string;
  /**
   * True when the request was sent but its outcome is unknown (connection dropped, timeout, 5xx on a
   * non-idempotent POST): the caller must reconcile before trying again.
   */
  readonly ambiguous: boolean;

  constructor(
    init: {
      status: number;
      code: string;
      message: string;
      requestId?: string | undefined;
      clientRequestId: string;
      method: string;
      path: string;
      ambiguous?: boolean;
    },
    options?: { cause?: unknown; hint?: string },
  ) {
    const where = `${init.method} ${init.path}`;
    const ids = init.requestId
      ? ` [request-id ${init.requestId}]`
      : ` [client-request-id ${init.clientRequestId}]`;
    const status = init.status ? `${init.status} ${init.code}` : init.code;
    super(
      `Graph ${where} failed: ${status}: ${init.message}${ids}${options?.hint ?? ""}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.method = init.method;
    this.path = init.path;
    this.ambiguous = init.ambiguous ?? false;
    this.detail = init.message;
    this.hint = options?.hint ?? "";
  }

  /** Graph's own message, without where, status and ids. */
  readonly detail: string;
  /** What we appended to Graph's message (how to fix it, what was tried); empty for Graph's plain answer. */
  readonly hint: string;

  /**
   * The same failure with a hint appended to its message (how to fix it, what was tried): status, code
   * and request ids are kept, and the original is the `cause`.
   */
  explained(hint: string): GraphError {
    return new GraphError(
      {
        status: this.status,
        code: this.code,
        message: this.detail,
        requestId: this.requestId,
        clientRequestId: this.clientRequestId,
        method: this.method,
        path: this.path,
        ambiguous: this.ambiguous,
      },
      { cause: this, hint: `${this.hint}${hint}` },
    );
  }
}

export function isGraphError(e: unknown): e is GraphError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "GraphError";
}

export function isNotFound(e: unknown): boolean {
  return isGraphError(e) && e.status === 404;
}
