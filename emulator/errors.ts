// The one catalogue of every error the emulator answers. Each produces Graph's envelope
// {"error":{"code","message","innerError":{date,request-id,client-request-id}}} (see server.ts).

export class GraphHttpError extends Error {
  override readonly name = "GraphHttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const e = (status: number, code: string) => (message: string, headers?: Record<string, string>) =>
  new GraphHttpError(status, code, message, headers);

export const badRequest = e(400, "BadRequest");
export const unauthenticated = (message: string) =>
  new GraphHttpError(401, "InvalidAuthenticationToken", message, {
    "www-authenticate": 'Bearer realm="", error="invalid_token"',
  });
export const forbidden = e(403, "Forbidden");
export const notFound = e(404, "NotFound");
export const userNotFound = (user: string) =>
  new GraphHttpError(
    404,
    "Request_ResourceNotFound",
    `Resource '${user}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const conflict = e(409, "Conflict");
export const tooLarge = e(413, "RequestEntityTooLarge");
export const tooManyRequests = (retryAfterSeconds: number, scope: string) =>
  new GraphHttpError(
    429,
    "TooManyRequests",
    `Too many requests (${scope}); retry after ${retryAfterSeconds} seconds.`,
    {
      "retry-after": String(retryAfterSeconds),
    },
  );
export const injected = (status: number, retryAfterSeconds?: number) =>
  new GraphHttpError(
    status,
    status === 429
      ? "TooManyRequests"
      : status === 503
        ? "ServiceUnavailable"
        : status === 504
          ? "GatewayTimeout"
          : "InternalServerError",
    `Injected fault (status ${status}) from the pulumi-msteams emulator's fault rules.`,
    retryAfterSeconds !== undefined ? { "retry-after": String(retryAfterSeconds) } : {},
  );
export const notImplemented = (what: string) =>
  new GraphHttpError(
    501,
    "NotImplemented",
    `${what} is not supported by the pulumi-msteams emulator (see emulator/README.md).`,
  );
export const unsupportedQuery = (option: string, where: string) =>
  badRequest(`Query option '${option}' is not supported by the pulumi-msteams emulator for ${where}.`);

/** Graph's message for a missing permission, naming what would be accepted. */
export function missingPermission(
  kind: "delegated" | "application",
  accepted: readonly string[],
  held: readonly string[],
) {
  return kind === "application"
    ? forbidden(
        accepted.length
          ? `Missing role permissions on the request. API requires one of '${accepted.join(", ")}'. Roles on the request '${held.join(", ")}'.`
          : "This API is not supported for application permissions (application tokens).",
      )
    : forbidden(
        accepted.length
          ? `Missing scope permissions on the request. API requires one of '${accepted.join(", ")}'. Scopes on the request '${held.join(", ")}'.`
          : "This API is not supported for delegated permissions.",
      );
}
