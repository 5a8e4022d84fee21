// Graph's asynchronous operations on a chat (teamsAsyncOperation): where a 202 names one, looking one up
// when that answer was lost, and waiting for it. Graph documents the operations navigation under /beta
// only. https://learn.microsoft.com/graph/api/resources/teamsasyncoperation
import type { TeamsAsyncOperation } from "@microsoft/microsoft-graph-types";
import type { Ctx } from "../context";
import { GraphClientError, OperationError } from "../errors";
import { isGraphError } from "./errors";
import { poll } from "./poller";
import { retryAfterMs } from "./retry";

export interface OperationRef {
  readonly chatId: string;
  readonly operationId: string;
}

const operationsPath = (chatId: string) => `/chats/${encodeURIComponent(chatId)}/operations`;
const BETA = { version: "beta", headers: { prefer: "include-unknown-enum-members" } } as const;

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
 * The chat's newest operation of `operationType` (e.g. createChat), for a chat whose 202 answer, which
 * named the operation, was lost. Null where Graph lists none (or has no operations list there).
 */
export async function latestOperation(
  ctx: Ctx,
  chatId: string,
  operationType: string,
): Promise<string | null> {
  try {
    const res = await ctx.client.send<{ value: TeamsAsyncOperation[] }>({
      method: "GET",
      path: operationsPath(chatId),
      ...BETA,
    });
    const ops = res.data.value
      .filter((o) => String(o.operationType) === operationType && o.id)
      .sort((a, b) => Date.parse(b.createdDateTime ?? "") - Date.parse(a.createdDateTime ?? ""));
    return ops[0]?.id ?? null;
  } catch (e) {
    if (isGraphError(e) && [400, 404, 405, 501].includes(e.status)) return null;
    throw e;
  }
}

/**
 * Waits for a chat's teamsAsyncOperation to succeed. Returns how many polls were made. A failed
 * operation throws with Graph's error text.
 */
export async function waitForOperation(ctx: Ctx, ref: OperationRef, what: string): Promise<number> {
  const path = `${operationsPath(ref.chatId)}/${encodeURIComponent(ref.operationId)}`;
  const { probes } = await poll(
    async () => {
      const res = await ctx.client.send<TeamsAsyncOperation>({ method: "GET", path, ...BETA });
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
