import type { TeamsAsyncOperation } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "./context";
import { GraphClientError, OperationError } from "./errors";
import { retryAfterMs } from "./graph/retry";
import { poll } from "./poller";

export interface OperationRef {
  readonly chatId: string;
  readonly operationId: string;
}

/** Parses `Location: /chats('{chatId}')/operations('{opId}')` (also the plain-path form). */
export function parseOperationLocation(location: string | undefined): OperationRef {
  const m =
    /chats\('([^']+)'\)\/operations\('([^']+)'\)/.exec(location ?? "") ??
    /chats\/([^/]+)\/operations\/([^/?]+)/.exec(location ?? "");
  if (!m)
    throw new GraphClientError(
      `Graph answered 202 without a usable Location header (got '${location ?? ""}')`,
    );
  return { chatId: decodeURIComponent(m[1]!), operationId: decodeURIComponent(m[2]!) };
}

/**
 * Waits for a chat's teamsAsyncOperation to succeed (beta endpoint: v1.0 has no operations navigation).
 * Returns how many polls were made. A failed operation throws with Graph's error text.
 */
export async function waitForOperation(ctx: Ctx, ref: OperationRef, what: string): Promise<number> {
  const path = `/chats/${encodeURIComponent(ref.chatId)}/operations/${encodeURIComponent(ref.operationId)}`;
  const { probes } = await poll(
    async () => {
      const res = await ctx.client.send<TeamsAsyncOperation>({
        method: "GET",
        path,
        version: "beta",
        headers: { prefer: "include-unknown-enum-members" },
        chatId: ref.chatId,
      });
      const op = res.data;
      if (op.status === "succeeded") return { done: true, value: op };
      if (op.status === "failed" || op.status === "invalid") {
        const err = op.error ? `${op.error.code ?? "error"}: ${op.error.message ?? ""}` : "no error details";
        throw new OperationError(
          `${what} failed (operation ${ref.operationId}): ${err}`,
          ref.operationId,
          op.status,
        );
      }
      return {
        done: false,
        status: op.status ?? "unknown",
        retryAfterMs: retryAfterMs(res.headers["retry-after"]),
      };
    },
    {
      what: `${what} (operation ${ref.operationId})`,
      operationId: ref.operationId,
      timeoutMs: ctx.settings.operationTimeoutSeconds * 1000,
      initialDelayMs: ctx.settings.pollInitialDelayMs,
      maxDelayMs: ctx.settings.pollMaxDelayMs,
    },
  );
  return probes;
}
